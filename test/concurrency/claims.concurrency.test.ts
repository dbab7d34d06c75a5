import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashClaimSecret } from '../../core/claims/claim-secret.js';
import type { ClaimCreated } from '../../core/claims/create-claim.js';
import type { User } from '../../core/ports/index.js';
import { actor, confirmNow, enrolledPerson, type ManualClock, type Person } from '../support/confirmation-fixtures.js';
import { manualClock, openTestWallet, serverUrl, type TestWallet } from '../support/test-database.js';
import { balanceOf, cny, consoleUser, expectCleanLedger, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';

const DAY = 86_400_000;

/** Needs a real server: PGlite has one connection, so nothing there can race. */
describe.skipIf(!serverUrl)('concurrent claims on the PostgreSQL server', () => {
  let t: TestWallet;
  let clock: ManualClock;
  let alice: Person;
  let claimers: User[];

  beforeAll(async () => {
    clock = manualClock();
    t = await openTestWallet({ clock, poolSize: 24 });
    alice = await enrolledPerson(t, clock, 'alice');
    await fund(t, alice.user, cny(1_000));
    claimers = await Promise.all(Array.from({ length: 20 }, (_, i) => consoleUser(t.wallet, `claimer${i}`)));
  });
  afterAll(async () => {
    await t?.close();
  });

  async function cheque(major: number, slots: number): Promise<ClaimCreated> {
    unwrap(await t.wallet.prepareClaim({ key: freshKey(), actor: await actor(t, alice), amount: cny(major), slots, once: true }));
    return unwrap(await confirmNow(t, clock, alice)).effect as ClaimCreated;
  }
  const claimBy = (user: User, secret: string) =>
    t.wallet.redeemClaim({ key: freshKey('claim'), actor: { user, identity: { platform: 'console', platformUserId: user.id } }, secret });

  it('20 concurrent claims of one link: exactly one wins, the rest are told it is claimed', async () => {
    const { secret } = await cheque(10, 1);
    const results = await Promise.all(claimers.map((user) => claimBy(user, secret!)));
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
    expect(codes.filter((c) => c === 'claim.already_claimed')).toHaveLength(19);
    const balances = await Promise.all(claimers.map((user) => balanceOf(t.wallet, user, 'CNY')));
    expect(balances.reduce((a, b) => a + b, 0n)).toBe(1_000n);
    await expectCleanLedger(t.wallet);
  });

  it('20 concurrent claimers of a 5-part cheque: exactly five parts paid, one each', async () => {
    const { secret } = await cheque(50, 5);
    const before = await Promise.all(claimers.map((user) => balanceOf(t.wallet, user, 'CNY')));
    const results = await Promise.all(claimers.map((user) => claimBy(user, secret!)));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    const after = await Promise.all(claimers.map((user) => balanceOf(t.wallet, user, 'CNY')));
    expect(after.reduce((a, b) => a + b, 0n) - before.reduce((a, b) => a + b, 0n)).toBe(5_000n);
    await expectCleanLedger(t.wallet);
  });

  it('a claim racing its expiry’s return: exactly one of them happens, for each of 20 claims', async () => {
    const made: ClaimCreated[] = [];
    for (let i = 0; i < 20; i++) made.push(await cheque(1, 1));
    const senderBefore = await balanceOf(t.wallet, alice.user, 'CNY');
    // the claimer's process reads a clock a moment before the expiry, the returner's a moment after
    const expiry = made[0]!.claim.expiresAt.getTime();
    clock.advance(7 * DAY);
    const outcomes = await Promise.all(
      made.map(async ({ claim, secret }, i) => {
        const [redeemed, returned] = await Promise.all([
          t.store.claims.redeem(hashClaimSecret(secret!), claimers[i]!.id, freshKey('race'), new Date(expiry - 1_000)),
          t.store.claims.giveBack(claim.id, 'expired', new Date(made[19]!.claim.expiresAt.getTime() + 1_000)),
        ]);
        return { redeemed: redeemed.ok, returned: returned !== undefined, code: redeemed.ok ? 'ok' : redeemed.code };
      }),
    );
    for (const o of outcomes) {
      expect(o.redeemed !== o.returned, JSON.stringify(o)).toBe(true);
      if (!o.redeemed) expect(o.code).toBe('claim.expired');
    }
    const returnedCount = outcomes.filter((o) => o.returned).length;
    expect(await balanceOf(t.wallet, alice.user, 'CNY')).toBe(senderBefore + BigInt(returnedCount) * 100n);
    expect(await t.wallet.returnExpiredClaims(100, { owner: 'late', ms: 30_000 })).toBe(0);
    await expectCleanLedger(t.wallet);
  });

  it('two returners at once give each expired claim back once', async () => {
    for (let i = 0; i < 10; i++) await cheque(1, 1);
    const before = await balanceOf(t.wallet, alice.user, 'CNY');
    clock.advance(8 * DAY);
    const [a, b] = await Promise.all([
      t.wallet.returnExpiredClaims(100, { owner: 'returner-a', ms: 30_000 }),
      t.wallet.returnExpiredClaims(100, { owner: 'returner-b', ms: 30_000 }),
    ]);
    expect(a + b).toBe(10);
    expect(await balanceOf(t.wallet, alice.user, 'CNY')).toBe(before + 1_000n);
    await expectCleanLedger(t.wallet);
  });
});
