import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { money } from '../../core/money/index.js';
import type { User } from '../../core/ports/index.js';
import { openTestWallet, type TestWallet } from '../support/test-database.js';
import { balanceOf, cny, consoleUser, expectCleanLedger, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';

let t: TestWallet;
let alice: User;
let bob: User;

beforeAll(async () => {
  t = await openTestWallet();
  alice = await consoleUser(t.wallet, 'alice');
  bob = await consoleUser(t.wallet, 'bob');
});
afterAll(async () => {
  await expectCleanLedger(t.wallet);
  await t.close();
});

async function setStatus(user: User, status: 'active' | 'frozen' | 'closed') {
  await t.forceStatus(user.id, status);
}

describe('identities', () => {
  it('registers once per identity and returns the same wallet afterwards', async () => {
    const first = await t.wallet.register({ platform: 'telegram', platformUserId: '1001', username: '@Carol', locale: 'zh-CN' });
    const again = await t.wallet.register({ platform: 'telegram', platformUserId: '1001', username: 'Carol' });
    expect(first.created).toBe(true);
    expect(again).toEqual({ user: first.user, created: false });
    expect(first.user).toMatchObject({ status: 'active', locale: 'zh-CN', tier: 0 });
  });

  it('creates one wallet when the first message arrives twice at once', async () => {
    const profile = { platform: 'discord' as const, platformUserId: '2002', username: 'dave' };
    const results = await Promise.all([1, 2, 3, 4].map(() => t.wallet.register(profile)));
    expect(new Set(results.map((r) => r.user.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it('finds users by identity and by @username, case-insensitively, per platform', async () => {
    expect((await t.wallet.findUserByIdentity({ platform: 'console', platformUserId: 'alice' }))?.id).toBe(alice.id);
    expect((await t.wallet.findUserByUsername('console', '@ALICE'))?.id).toBe(alice.id);
    expect(await t.wallet.findUserByUsername('telegram', 'alice')).toBeUndefined();
    expect(await t.wallet.findUserByUsername('console', '@')).toBeUndefined();
    expect(await t.wallet.findUserByIdentity({ platform: 'console', platformUserId: 'nobody' })).toBeUndefined();
  });

  it('moves a handle to whoever holds it now on the platform', async () => {
    const old = await t.wallet.register({ platform: 'telegram', platformUserId: '3003', username: 'erin' });
    const current = await t.wallet.register({ platform: 'telegram', platformUserId: '3004', username: 'Erin' });
    expect((await t.wallet.findUserByUsername('telegram', 'erin'))?.id).toBe(current.user.id);
    expect(old.user.id).not.toBe(current.user.id);
  });
});

describe('deposit, send and withdraw', () => {
  it('moves money and reports the payer balance after', async () => {
    await fund(t, alice, cny(100));
    const receipt = unwrap(
      await t.moves.send({ key: freshKey(), fromUserId: alice.id, toUserId: bob.id, amount: cny(30), memo: ' lunch ' }),
    );
    expect(receipt).toMatchObject({
      kind: 'send',
      amount: cny(30),
      fromUserId: alice.id,
      toUserId: bob.id,
      memo: 'lunch',
      balanceAfter: cny(70),
    });
    expect(await balanceOf(t.wallet, alice, 'CNY')).toBe(7000n);
    expect(await balanceOf(t.wallet, bob, 'CNY')).toBe(3000n);
    const withdrawal = unwrap(await t.moves.withdraw({ key: freshKey(), userId: bob.id, amount: cny(10) }));
    expect(withdrawal.balanceAfter).toEqual(cny(20));
  });

  it('keeps one account per currency and lists every currency held', async () => {
    const user = await consoleUser(t.wallet, 'multi');
    await fund(t, user, money('USD', 1250n));
    await fund(t, user, money('JPY', 500n));
    await fund(t, user, money('USD', 50n));
    expect(await t.wallet.balances(user.id)).toEqual([money('JPY', 500n), money('USD', 1300n)]);
  });

  it.each([
    ['insufficient funds', () => ({ fromUserId: alice.id, toUserId: bob.id, amount: cny(1_000_000) }), 'transfer.insufficient_funds'],
    ['paying yourself', () => ({ fromUserId: alice.id, toUserId: alice.id, amount: cny(1) }), 'transfer.self'],
    ['an unknown payee', () => ({ fromUserId: alice.id, toUserId: '999999', amount: cny(1) }), 'user.not_found'],
    ['an unknown payer', () => ({ fromUserId: '999998', toUserId: bob.id, amount: cny(1) }), 'user.not_found'],
    ['zero', () => ({ fromUserId: alice.id, toUserId: bob.id, amount: cny(0) }), 'money.not_positive'],
    ['a huge amount', () => ({ fromUserId: alice.id, toUserId: bob.id, amount: money('CNY', 10n ** 16n) }), 'money.too_large'],
    ['a long memo', () => ({ fromUserId: alice.id, toUserId: bob.id, amount: cny(1), memo: 'x'.repeat(201) }), 'transfer.memo_too_long'],
  ])('refuses %s with a typed error and moves nothing', async (_name, input, code) => {
    const before = await t.wallet.balances(alice.id);
    const result = await t.moves.send({ key: freshKey(), ...input() });
    expect(result.ok ? 'ok' : result.error.code).toBe(code);
    expect(await t.wallet.balances(alice.id)).toEqual(before);
  });

  it('says how much is available when funds are short', async () => {
    const poor = await consoleUser(t.wallet, 'poor');
    await fund(t, poor, cny(5));
    const result = await t.moves.send({ key: freshKey(), fromUserId: poor.id, toUserId: bob.id, amount: cny(6) });
    expect(result).toEqual({
      ok: false,
      error: { code: 'transfer.insufficient_funds', params: { available: '500', currency: 'CNY' } },
    });
  });

  it('lets a frozen wallet receive but not send or withdraw', async () => {
    const frozen = await consoleUser(t.wallet, 'frozen');
    await fund(t, frozen, cny(10));
    await setStatus(frozen, 'frozen');
    const sent = await t.moves.send({ key: freshKey(), fromUserId: frozen.id, toUserId: bob.id, amount: cny(1) });
    const withdrawn = await t.moves.withdraw({ key: freshKey(), userId: frozen.id, amount: cny(1) });
    const received = await t.moves.send({ key: freshKey(), fromUserId: alice.id, toUserId: frozen.id, amount: cny(1) });
    expect(sent).toEqual({ ok: false, error: { code: 'account.frozen', params: { party: 'sender' } } });
    expect(withdrawn).toEqual({ ok: false, error: { code: 'account.frozen', params: { party: 'sender' } } });
    expect(received.ok).toBe(true);
    expect(await balanceOf(t.wallet, frozen, 'CNY')).toBe(1100n);
  });

  it('refuses to move money out of or into a closed wallet', async () => {
    const closed = await consoleUser(t.wallet, 'closed');
    await fund(t, closed, cny(1));
    await t.moves.withdraw({ key: freshKey(), userId: closed.id, amount: cny(1) });
    await setStatus(closed, 'closed');
    const sent = await t.moves.send({ key: freshKey(), fromUserId: closed.id, toUserId: bob.id, amount: cny(1) });
    const received = await t.moves.send({ key: freshKey(), fromUserId: alice.id, toUserId: closed.id, amount: cny(1) });
    expect(sent.ok ? 'ok' : sent.error).toEqual({ code: 'account.closed', params: { party: 'sender' } });
    expect(received.ok ? 'ok' : received.error).toEqual({ code: 'account.closed', params: { party: 'recipient' } });
  });
});

describe('idempotency', () => {
  it('answers a replay with the first outcome and moves nothing again', async () => {
    const key = freshKey();
    const input = { key, fromUserId: alice.id, toUserId: bob.id, amount: cny(2), memo: 'tea' };
    const first = await t.moves.send(input);
    const bobBefore = await balanceOf(t.wallet, bob, 'CNY');
    const replay = await t.moves.send(input);
    expect(replay).toEqual(first);
    expect(await balanceOf(t.wallet, bob, 'CNY')).toBe(bobBefore);
  });

  it('refuses the same key with different input', async () => {
    const key = freshKey();
    unwrap(await t.moves.send({ key, fromUserId: alice.id, toUserId: bob.id, amount: cny(1) }));
    const changed = await t.moves.send({ key, fromUserId: alice.id, toUserId: bob.id, amount: cny(2) });
    const otherOperation = await t.moves.deposit({ key, userId: alice.id, amount: cny(1) });
    expect(changed.ok ? 'ok' : changed.error.code).toBe('idempotency.conflict');
    expect(otherOperation.ok ? 'ok' : otherOperation.error.code).toBe('idempotency.conflict');
  });

  it('remembers a refusal: the replay is refused the same way even after funding', async () => {
    const user = await consoleUser(t.wallet, 'later');
    const input = { key: freshKey(), fromUserId: user.id, toUserId: bob.id, amount: cny(1) };
    const first = await t.moves.send(input);
    await fund(t, user, cny(5));
    expect(await t.moves.send(input)).toEqual(first);
    expect(await balanceOf(t.wallet, user, 'CNY')).toBe(500n);
  });

  it('refuses an empty or oversized key', async () => {
    for (const key of ['', 'k'.repeat(201)]) {
      const result = await t.moves.deposit({ key, userId: alice.id, amount: cny(1) });
      expect(result.ok ? 'ok' : result.error.code).toBe('idempotency.invalid_key');
    }
  });
});

describe('history', () => {
  it('pages newest first in both directions with the counterparty', async () => {
    const payer = await consoleUser(t.wallet, 'pager');
    const payee = await consoleUser(t.wallet, 'payee');
    await fund(t, payer, cny(100));
    for (let i = 1; i <= 5; i++) {
      unwrap(await t.moves.send({ key: freshKey(), fromUserId: payer.id, toUserId: payee.id, amount: cny(i), memo: `n${i}` }));
    }
    unwrap(await t.moves.send({ key: freshKey(), fromUserId: payee.id, toUserId: payer.id, amount: cny(1), memo: 'back' }));

    const first = unwrap(await t.wallet.history({ userId: payer.id, limit: 3 }));
    expect(first.items.map((i) => [i.direction, i.amount.minor, i.memo])).toEqual([
      ['in', 100n, 'back'],
      ['out', 500n, 'n5'],
      ['out', 400n, 'n4'],
    ]);
    expect(first.items[0]!.counterparty).toEqual({ userId: payee.id, username: 'payee' });
    const second = unwrap(await t.wallet.history({ userId: payer.id, limit: 3, cursor: first.nextCursor! }));
    expect(second.items.map((i) => i.memo)).toEqual(['n3', 'n2', 'n1']);
    const last = unwrap(await t.wallet.history({ userId: payer.id, limit: 3, cursor: second.nextCursor! }));
    expect(last.items).toHaveLength(1);
    expect(last.items[0]).toMatchObject({ kind: 'deposit', direction: 'in', amount: cny(100) });
    expect(last.items[0]!.counterparty).toBeUndefined();
    expect(last.nextCursor).toBeUndefined();
  });

  it('refuses a malformed cursor', async () => {
    const result = await t.wallet.history({ userId: alice.id, cursor: 'not a cursor' });
    expect(result.ok ? 'ok' : result.error.code).toBe('history.invalid_cursor');
  });
});
