import { beforeAll, describe, expect, it } from 'vitest';
import { openMemoryWallet, type WalletUnderTest } from '../fakes/memory-wallet.js';
import { manualClock } from '../support/manual-clock.js';
import { cny, consoleUser, freshKey, fund, pendingNotices, unwrap } from '../support/wallet-fixtures.js';
import type { User } from '../../core/ports/index.js';

const clock = manualClock();
let t: WalletUnderTest;
let alice: User;
let bob: User;

beforeAll(async () => {
  t = openMemoryWallet({ clock });
  alice = await consoleUser(t.wallet, 'alice');
  bob = await consoleUser(t.wallet, 'bob');
  await fund(t, alice, cny(100));
  for (let i = 1; i <= 5; i += 1) unwrap(await t.moves.send({ key: freshKey(), fromUserId: alice.id, toUserId: bob.id, amount: cny(i), memo: `#${i}` }));
});

describe('history', () => {
  it('pages newest first by cursor, with the other party and the direction', async () => {
    const first = unwrap(await t.wallet.history({ userId: alice.id, limit: 2 }));
    expect(first.items.map((i) => i.memo)).toEqual(['#5', '#4']);
    expect(first.items[0]).toMatchObject({ direction: 'out', amount: cny(5), counterparty: { userId: bob.id, username: 'bob' } });
    const second = unwrap(await t.wallet.history({ userId: alice.id, limit: 2, cursor: first.nextCursor }));
    expect(second.items.map((i) => i.memo)).toEqual(['#3', '#2']);
    const last = unwrap(await t.wallet.history({ userId: alice.id, limit: 2, cursor: second.nextCursor }));
    expect(last.items.map((i) => i.kind)).toEqual(['send', 'deposit']);
    expect(last.items[1]).toMatchObject({ direction: 'in', counterparty: undefined });
    expect(last.nextCursor).toBeUndefined();
    expect(unwrap(await t.wallet.history({ userId: bob.id, limit: 1 })).items[0]).toMatchObject({ direction: 'in', amount: cny(5) });
  });

  it('refuses a cursor it did not hand out', async () => {
    expect(await t.wallet.history({ userId: alice.id, cursor: 'not a cursor' })).toMatchObject({ ok: false, error: { code: 'history.invalid_cursor' } });
  });
});

describe('the outbox', () => {
  it('hands each notice out once per platform, oldest first, only for wallets reachable there', async () => {
    const pending = await pendingNotices(t.wallet, 'console', 100);
    expect(pending.map((n) => n.notice.kind).slice(0, 3)).toEqual(['deposit.received', 'send.sent', 'send.received']);
    for (const notice of pending) await t.wallet.markNotificationDelivered(notice.id, 'console');
    expect(await pendingNotices(t.wallet, 'console', 100)).toEqual([]);
    expect(await pendingNotices(t.wallet, 'discord', 100)).toEqual([]);
  });
});

describe('open questions', () => {
  const place = { platform: 'console' as const, platformUserId: 'alice', chatId: 'shop' };

  it('waits five minutes of wallet time for its answer, one per person and chat', async () => {
    await t.wallet.askLater(place, { missing: 'amount' });
    await t.wallet.askLater(place, { missing: 'payee' });
    expect(await t.wallet.openQuestion(place)).toEqual({ missing: 'payee' });
    expect(await t.wallet.openQuestion({ ...place, platformUserId: 'bob' })).toBeUndefined();
    clock.advance(5 * 60_000);
    expect(await t.wallet.openQuestion(place)).toBeUndefined();
  });

  it('is forgotten once answered', async () => {
    await t.wallet.askLater(place, { missing: 'amount' });
    expect(await t.wallet.forgetQuestion(place, 'msg:1')).toBe(true);
    expect(await t.wallet.forgetQuestion(place, 'msg:2')).toBe(false);
    expect(await t.wallet.openQuestion(place, 'msg:2')).toBeUndefined();
    // still there for the redelivery of the message that answered it
    expect(await t.wallet.openQuestion(place, 'msg:1')).toEqual({ missing: 'amount' });
  });
});
