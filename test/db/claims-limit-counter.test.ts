import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, openTestWallet, type TestWallet } from '../support/test-database.js';
import { actor, confirmedCheque, enrolledPerson, type ManualClock, type Person } from '../support/confirmation-fixtures.js';
import { cny, consoleUser, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';

/**
 * The daily limit's fast counter and its exact rolling sum follow one rule: money a claim gave
 * back never left the wallet for good, so it leaves both at once, and only what was claimed (or is
 * still held) counts.
 */
describe('the daily counter and money claims give back', () => {
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
  async function counters(): Promise<{ counter: string; exact: string }> {
    const [row] = await t.database.query<{ counter: string; exact: string }>(sql`
      select a.outflow_total::text as counter, okpay_rolling_outflow(a.id, 0, ${clock.now().toISOString()}::timestamptz)::text as exact
        from accounts a where a.user_id = ${BigInt(alice.user.id)} and a.currency = 'CNY'`);
    return row!;
  }

  it('lets go of what a cancel or an expiry gave back, and keeps what was claimed', async () => {
    const cancelled = await cheque(30, 3);
    const bob = await consoleUser(t.wallet, 'bob');
    unwrap(await t.wallet.redeemClaim({ key: freshKey(), actor: { user: bob, identity: { platform: 'console', platformUserId: 'bob' } }, secret: cancelled.secret! }));
    expect(await counters()).toEqual({ counter: '3000', exact: '3000' });
    unwrap(await t.wallet.cancelClaim({ actor: await actor(t, alice), claimId: cancelled.claim.id }));
    expect(await counters()).toEqual({ counter: '1000', exact: '1000' });

    await cheque(5, 1);
    clock.advance(8 * 86_400_000);
    expect(await t.wallet.returnExpiredClaims(10, { owner: 'returner', ms: 30_000 })).toBe(1);
    // eight days on, nothing is in the window any more; the counter still holds the claimed 10 until it is anchored again
    expect(await counters()).toEqual({ counter: '1000', exact: '0' });
    expect(await t.wallet.checkLedger()).toEqual({ ok: true, violations: [] });
  });
});
