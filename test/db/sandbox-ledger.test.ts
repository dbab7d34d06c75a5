import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../core/ports/index.js';
import { move } from '../../core/ledger/move-money.js';
import { manualClock } from '../support/manual-clock.js';
import { openTestWallet, type TestWallet } from '../support/test-database.js';
import { balanceOf, cny, consoleUser, expectCleanLedger, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';

describe('the sandbox in the ledger', () => {
  const clock = manualClock();
  let t: TestWallet;
  let alice: User;
  let bob: User;
  let aliceTwin: User;

  beforeAll(async () => {
    t = await openTestWallet({ clock });
    alice = await consoleUser(t.wallet, 'alice');
    bob = await consoleUser(t.wallet, 'bob');
    await fund(t, alice, cny(50));
    aliceTwin = await t.store.sandbox.twinOf(alice.id);
    unwrap(await move(t.store.ledger, { key: freshKey('mint'), kind: 'deposit', from: { system: 'sandbox' }, to: { user: aliceTwin.id }, amount: cny(1000), now: clock.now() }));
  });
  afterAll(async () => {
    await t.close();
  });

  const flags = () =>
    t.database.query(sql`select coalesce(user_id::text, system_code) as owner, sandbox from accounts order by id`) as Promise<{ owner: string; sandbox: boolean }[]>;

  it('gives each wallet one twin, however many ask at once, flagged on its accounts', async () => {
    const twins = await Promise.all([1, 2, 3].map(() => t.store.sandbox.twinOf(bob.id)));
    expect(new Set(twins.map((twin) => twin.id)).size).toBe(1);
    expect(twins[0]!.sandboxOf).toBe(bob.id);
    expect((await t.store.sandbox.twinOf(alice.id)).id).toBe(aliceTwin.id);
    expect(await t.store.users.identitiesOf(aliceTwin.id)).toEqual([]);
    const byOwner = new Map((await flags()).map((row) => [row.owner, row.sandbox]));
    expect(byOwner.get(aliceTwin.id)).toBe(true);
    expect(byOwner.get('sandbox')).toBe(true);
    expect(byOwner.get(alice.id)).toBe(false);
    expect(byOwner.get('external')).toBe(false);
  });

  it('refuses, in the database, every movement between a sandbox account and a real one', async () => {
    const bobTwin = await t.store.sandbox.twinOf(bob.id);
    const crossings = [
      { kind: 'send' as const, from: { user: aliceTwin.id }, to: { user: bob.id } },
      { kind: 'send' as const, from: { user: alice.id }, to: { user: bobTwin.id } },
      { kind: 'deposit' as const, from: { system: 'external' as const }, to: { user: aliceTwin.id } },
      { kind: 'deposit' as const, from: { system: 'sandbox' as const }, to: { user: bob.id } },
      { kind: 'withdrawal' as const, from: { user: aliceTwin.id }, to: { system: 'external' as const } },
    ];
    for (const crossing of crossings) {
      await expect(move(t.store.ledger, { ...crossing, key: freshKey('cross'), amount: cny(5), now: clock.now() })).rejects.toThrow(/ledger\.sandbox_mixed/);
    }
    // straight at the SQL function, past every check of the application
    await expect(
      t.database.query(sql`select * from okpay_post_transfer(${freshKey('raw')}, 'h', 'send', ${BigInt(aliceTwin.id)}, null, ${BigInt(alice.id)}, null,
                                                         'CNY', 500, null, null, null, null, ${clock.now().toISOString()}::timestamptz, '{}'::jsonb)`),
    ).rejects.toSatisfy((error: Error) => /ledger\.sandbox_mixed/.test(String((error.cause as Error | undefined)?.message ?? error.message)));
    expect(await balanceOf(t.wallet, alice, 'CNY')).toBe(5_000n);
    expect(await balanceOf(t.wallet, bob, 'CNY')).toBe(0n);
    expect(await balanceOf(t.wallet, aliceTwin, 'CNY')).toBe(100_000n);
    await expectCleanLedger(t.wallet);
  });

  it('moves test money within the sandbox, and the ledger check covers both worlds', async () => {
    const bobTwin = await t.store.sandbox.twinOf(bob.id);
    unwrap(await t.moves.send({ key: freshKey('test-send'), fromUserId: aliceTwin.id, toUserId: bobTwin.id, amount: cny(30) }));
    expect(await balanceOf(t.wallet, bobTwin, 'CNY')).toBe(3_000n);
    // the sandbox system account went negative by what it minted, so CNY still sums to zero
    const [sums] = (await t.database.query(sql`select sum(balance) filter (where sandbox) as test, sum(balance) filter (where not sandbox) as real from accounts`)) as { test: string; real: string }[];
    expect([String(sums!.test), String(sums!.real)]).toEqual(['0', '0']);
    await expectCleanLedger(t.wallet);
  });

  it('keeps the flag what its owner is, and the check finds an account flagged otherwise', async () => {
    await t.database.query(sql`update accounts set sandbox = false where user_id = ${BigInt(aliceTwin.id)}`);
    expect((await flags()).find((row) => row.owner === aliceTwin.id)?.sandbox).toBe(true);
    await t.database.query(sql`alter table accounts disable trigger accounts_sandbox`);
    await t.database.query(sql`update accounts set sandbox = false where user_id = ${BigInt(aliceTwin.id)}`);
    const report = await t.wallet.checkLedger();
    expect(report.violations.map((v) => v.rule)).toContain('sandbox_mixed');
    await t.database.query(sql`update accounts set sandbox = true where user_id = ${BigInt(aliceTwin.id)}`);
    await t.database.query(sql`alter table accounts enable trigger accounts_sandbox`);
    await expectCleanLedger(t.wallet);
  });
});
