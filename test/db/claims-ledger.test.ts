import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, openTestWallet, type TestWallet } from '../support/test-database.js';
import { actor, confirmedCheque, enrolledPerson, type ManualClock, type Person } from '../support/confirmation-fixtures.js';
import { cny, consoleUser, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';

/**
 * The ledger check covers the claims account: per currency its balance is what open claims still
 * hold, and each claim's claimed sum is what its redemptions paid. Tampering with either is found.
 */
describe('the ledger check and the claims account', () => {
  let clock: ManualClock;
  let t: TestWallet;
  let alice: Person;

  beforeAll(async () => {
    clock = manualClock();
    t = await openTestWallet({ clock });
    alice = await enrolledPerson(t, clock, 'alice');
    await fund(t, alice.user, cny(100));
  });
  afterAll(async () => t.close());

  const cheque = (major: number, slots: number) => confirmedCheque(t, clock, alice, cny(major), slots);
  const rules = async () => (await t.wallet.checkLedger()).violations.map((v) => v.rule);

  it('holds the open claims’ money in the claims account, per currency, as they are claimed and given back', async () => {
    const first = await cheque(30, 3);
    const second = await cheque(5, 1);
    const bob = await consoleUser(t.wallet, 'bob');
    unwrap(await t.wallet.redeemClaim({ key: freshKey(), actor: { user: bob, identity: { platform: 'console', platformUserId: 'bob' } }, secret: first.secret! }));
    const [held] = await t.database.query<{ balance: string }>(sql`
      select (a.balance + coalesce((select sum(p.amount) from pending_deltas p where p.account_id = a.id), 0))::text as balance
        from accounts a where a.system_code = 'claims' and a.currency = 'CNY'`);
    expect(held?.balance).toBe('2500');
    expect(await t.wallet.checkLedger()).toEqual({ ok: true, violations: [] });
    unwrap(await t.wallet.cancelClaim({ actor: await actor(t, alice), claimId: second.claim.id }));
    expect(await t.wallet.checkLedger()).toEqual({ ok: true, violations: [] });
  });

  it('finds a claim whose books were changed behind the ledger', async () => {
    const made = await cheque(10, 2);
    await t.database.query(sql`update claims set claimed_amount = 100 where id = ${BigInt(made.claim.id)}`);
    expect(await rules()).toEqual(['claims_mismatch', 'claims_mismatch']);
    await t.database.query(sql`update claims set claimed_amount = 0 where id = ${BigInt(made.claim.id)}`);
    expect(await rules()).toEqual([]);
    await t.database.query(sql`update claims set status = 'cancelled' where id = ${BigInt(made.claim.id)}`);
    expect(await rules()).toEqual(['claims_mismatch']);
    await t.database.query(sql`update claims set status = 'open' where id = ${BigInt(made.claim.id)}`);
    expect(await rules()).toEqual([]);
  });
});
