import { describe, expect, it } from 'vitest';
import type { ClaimCreated } from '../../core/claims/create-claim.js';
import type { PrepareClaimInput } from '../../core/claims/prepare-claim.js';
import type { Claim, Platform, User } from '../../core/ports/index.js';
import { actor, confirmNow, expectError, type Person } from '../support/confirmation-fixtures.js';
import { cny, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';
import type { Harness } from './contract-harness.js';

const DAY = 86_400_000;

/**
 * Claimable sends and cheques through the core, on every store alike: the money leaves the sender
 * for the claims account on the code, each part is claimed once, the rest goes back on cancel or
 * expiry, and the refusals are the same codes on the fake and on the database.
 */
export function claimsContract(h: Harness): void {
  /** Prepares and confirms a claim for the person; returns the claim and its link's secret. */
  async function made(sender: Person, input: Partial<PrepareClaimInput> & { major: number }): Promise<{ claim: Claim; secret: string }> {
    const { major, ...rest } = input;
    unwrap(await h.t.wallet.prepareClaim({ key: freshKey('prep'), actor: await actor(h.t, sender), amount: cny(major), slots: 1, once: false, ...rest }));
    const done = unwrap(await confirmNow(h.t, h.clock, sender));
    const effect = done.effect as ClaimCreated;
    expect(effect.kind).toBe('claim_created');
    return { claim: effect.claim, secret: effect.secret! };
  }
  const claimant = async (user: User) => ({ user: (await h.t.store.users.getUser(user.id))!, identity: (await h.t.store.users.identitiesOf(user.id))[0]! });
  const redeem = async (user: User, secret: string, key = freshKey('claim')) => h.t.wallet.redeemClaim({ key, actor: await claimant(user), secret });
  async function funded(major = 100): Promise<Person> {
    const person = await h.enrolled();
    await fund(h.t, person.user, cny(major));
    return person;
  }
  async function pendingKinds(user: User, platform: Platform = 'console'): Promise<string[]> {
    const owner = freshKey('owner');
    const claimed = await h.t.store.notifications.claimPending(platform, 10_000, { owner, now: h.clock.now(), leaseMs: 30_000 });
    await h.t.store.notifications.releaseLeases(owner);
    return claimed.filter((n) => n.userId === user.id).map((n) => n.notice.kind);
  }

  describe('claims', () => {
    it('keeps a hold offer as written, once per message, for its sender only, until it expires by the wallet clock', async () => {
      const alice = await funded();
      const key = freshKey('offer');
      const written = { key, actor: await actor(h.t, alice), amount: cny(10), handle: 'Newbie_With_A_Handle_Of_32_Chars', memo: 'noodle lunch' };
      const offer = unwrap(await h.t.wallet.offerHold(written));
      expect(unwrap(await h.t.wallet.offerHold(written)).id).toBe(offer.id);
      const bob = await h.enrolled();
      expectError(await h.t.wallet.prepareOfferedHold({ key: freshKey('hold'), actor: await actor(h.t, bob), offerId: offer.id }), 'claim.offer_gone');
      unwrap(await h.t.wallet.prepareOfferedHold({ key: freshKey('hold'), actor: await actor(h.t, alice), offerId: offer.id }));
      const { effect } = unwrap(await confirmNow(h.t, h.clock, alice));
      expect((effect as ClaimCreated).claim).toMatchObject({ forHandle: 'newbie_with_a_handle_of_32_chars', memo: 'noodle lunch', amount: cny(10) });
      const later = unwrap(await h.t.wallet.offerHold({ ...written, key: freshKey('offer') }));
      h.clock.advance(DAY + 1);
      expectError(await h.t.wallet.prepareOfferedHold({ key: freshKey('hold'), actor: await actor(h.t, alice), offerId: later.id }), 'claim.offer_gone');
    });

    it('moves the whole amount to the claims account on the code, and pays a cheque out part by part, the odd cent first', async () => {
      const alice = await funded();
      const { claim, secret } = await made(alice, { major: 10, slots: 3 });
      expect(claim).toMatchObject({ senderId: alice.user.id, slots: 3, claimedSlots: 0, status: 'open', remaining: cny(10) });
      expect(await h.balance(alice.user)).toBe(9_000n);
      const [bob, carol, dave] = [await h.someone(), await h.someone(), await h.someone()];
      const first = unwrap(await redeem(bob, secret));
      expect(first.amount.minor).toBe(334n);
      expect(first.balanceAfter.minor).toBe(334n);
      expect(unwrap(await redeem(carol, secret)).amount.minor).toBe(333n);
      expect(unwrap(await redeem(dave, secret)).claim).toMatchObject({ status: 'claimed', claimedSlots: 3, remaining: cny(0) });
      expectError(await redeem(await h.someone(), secret), 'claim.already_claimed');
      expect(await h.balance(dave)).toBe(333n);
      expect(await pendingKinds(alice.user)).toEqual(expect.arrayContaining(['claim.claimed', 'claim.claimed', 'claim.claimed']));
      expect(await h.t.store.ledger.checkLedger()).toEqual([]);
    });

    it('answers a redelivered claim with its first outcome, and lets one person claim several parts unless once', async () => {
      const alice = await funded();
      const { secret } = await made(alice, { major: 4, slots: 4 });
      const bob = await h.someone();
      const key = freshKey('claim');
      const first = unwrap(await redeem(bob, secret, key));
      expect(unwrap(await redeem(bob, secret, key))).toEqual(first);
      unwrap(await redeem(bob, secret));
      expect(await h.balance(bob)).toBe(200n);
      const once = await made(alice, { major: 4, slots: 4, once: true });
      unwrap(await redeem(bob, once.secret));
      expectError(await redeem(bob, once.secret), 'claim.once');
    });

    it('refuses the sender their own claim, a wrong link, and a hold to anyone but who holds its handle now', async () => {
      const alice = await funded();
      const { secret } = await made(alice, { major: 5, forHandle: 'Newbie' });
      expectError(await redeem(alice.user, secret), 'claim.own');
      expectError(await redeem(await h.someone(), secret), 'claim.not_for_you');
      expectError(await redeem(await h.someone(), 'A'.repeat(43)), 'claim.not_found');
      expectError(await redeem(await h.someone(), 'short'), 'claim.not_found');
      const { user: newbie } = await h.t.wallet.register({ platform: 'console', platformUserId: freshKey('nb'), username: 'newbie' });
      const got = unwrap(await redeem(newbie, secret));
      expect(got.amount).toEqual(cny(5));
      // the receipt was the answer where it was claimed: the outbox copy is for the claimer's other chats
      expect(await pendingKinds(newbie)).toEqual([]);
      expect(await pendingKinds(alice.user)).toContain('claim.claimed');
    });

    it('pays every hold for a handle to whoever holds it at their start without the link, once per message (its redelivery gets the same receipts), and never a cheque', async () => {
      const alice = await funded();
      await made(alice, { major: 2, forHandle: 'Late' });
      await made(alice, { major: 3, forHandle: 'late' });
      await made(alice, { major: 4 });
      const stranger = await h.someone();
      expect(await h.t.wallet.redeemHolds({ key: freshKey(), actor: await claimant(stranger), handle: 'late' })).toEqual([]);
      const { user: late } = await h.t.wallet.register({ platform: 'console', platformUserId: freshKey('late'), username: 'Late' });
      const key = freshKey('start');
      const paid = await h.t.wallet.redeemHolds({ key, actor: await claimant(late), handle: 'Late' });
      expect(paid.map((r) => r.amount)).toEqual([cny(2), cny(3)]);
      // a redelivered /start answers with the same receipts (its first answer may never have been sent, and
      // the outbox copy skips this platform), paying nothing twice; a later message finds nothing held
      const again = await h.t.wallet.redeemHolds({ key, actor: await claimant(late), handle: 'Late' });
      expect(again.map((r) => [r.transferId, r.amount])).toEqual(paid.map((r) => [r.transferId, r.amount]));
      expect(await h.t.wallet.redeemHolds({ key: freshKey('start'), actor: await claimant(late), handle: 'Late' })).toEqual([]);
      expect(await h.balance(late)).toBe(500n);
    });

    it('gives the rest back on cancel, by its sender only, with a notice saying so', async () => {
      const alice = await funded();
      const { claim, secret } = await made(alice, { major: 9, slots: 3 });
      unwrap(await redeem(await h.someone(), secret));
      const bob = await funded();
      expectError(await h.t.wallet.cancelClaim({ actor: await actor(h.t, bob), claimId: claim.id }), 'claim.not_yours');
      expect(await h.t.wallet.listClaims(await actor(h.t, alice))).toEqual([expect.objectContaining({ id: claim.id, remaining: cny(6) })]);
      const cancelled = unwrap(await h.t.wallet.cancelClaim({ actor: await actor(h.t, alice), claimId: claim.id, receiptKept: false }));
      expect(cancelled).toMatchObject({ status: 'cancelled', claimed: cny(3) });
      expect(await h.balance(alice.user)).toBe(9_700n);
      expectError(await h.t.wallet.cancelClaim({ actor: await actor(h.t, alice), claimId: claim.id }), 'claim.cancelled');
      expectError(await redeem(await h.someone(), secret), 'claim.cancelled');
      expect(await pendingKinds(alice.user)).toContain('claim.cancelled');
      expect(await h.t.wallet.listClaims(await actor(h.t, alice))).toEqual([]);
    });

    it('returns an expired claim once at the returner’s round by the wallet’s clock, and it can no longer be claimed', async () => {
      const alice = await funded();
      const { claim, secret } = await made(alice, { major: 7 });
      const lease = { owner: freshKey('returner'), ms: 30_000 };
      h.clock.advance(7 * DAY - 60_000);
      expect(await h.t.store.claims.claimExpired(10, { owner: lease.owner, now: h.clock.now(), leaseMs: lease.ms })).not.toContain(claim.id);
      h.clock.advance(120_000);
      expectError(await redeem(await h.someone(), secret), 'claim.expired');
      // another process holds the lease: this one leaves it alone until the lease runs out
      expect(await h.t.store.claims.claimExpired(100, { owner: 'other', now: h.clock.now(), leaseMs: 30_000 })).toContain(claim.id);
      expect(await h.t.store.claims.claimExpired(100, { owner: lease.owner, now: h.clock.now(), leaseMs: 30_000 })).not.toContain(claim.id);
      h.clock.advance(31_000);
      expect(await h.t.wallet.returnExpiredClaims(100, lease)).toBeGreaterThanOrEqual(1);
      expect(await h.balance(alice.user)).toBe(10_000n);
      expect(await h.t.wallet.findClaim(claim.id)).toMatchObject({ status: 'expired', remaining: cny(0) });
      expect(await h.t.store.claims.giveBack(claim.id, 'expired', h.clock.now())).toBeUndefined();
      expect(await pendingKinds(alice.user)).toContain('claim.expired');
    });

    it('counts held money against the sender’s daily limit as money out, and refuses a frozen sender', async () => {
      const alice = await funded(2_500);
      await made(alice, { major: 500 });
      await made(alice, { major: 500 });
      await made(alice, { major: 500 });
      await made(alice, { major: 500 });
      unwrap(await h.t.wallet.prepareClaim({ key: freshKey(), actor: await actor(h.t, alice), amount: cny(1), slots: 1, once: false }));
      expectError(await confirmNow(h.t, h.clock, alice), 'limit.daily');
      // what a claim gave back never left for good: cancelling one frees its room under the limit
      const [first] = await h.t.wallet.listClaims(await actor(h.t, alice));
      unwrap(await h.t.wallet.cancelClaim({ actor: await actor(h.t, alice), claimId: first!.id }));
      await made(alice, { major: 400 });
      unwrap(await h.t.wallet.prepareClaim({ key: freshKey(), actor: await actor(h.t, alice), amount: cny(101), slots: 1, once: false }));
      expectError(await confirmNow(h.t, h.clock, alice), 'limit.daily');
      const bob = await funded();
      unwrap(await h.t.wallet.prepareClaim({ key: freshKey(), actor: await actor(h.t, bob), amount: cny(1), slots: 2, once: false }));
      unwrap(await h.t.wallet.freeze(await actor(h.t, bob)));
      // the freeze cancelled the waiting claim: nothing is left for the code
      expectError(await confirmNow(h.t, h.clock, bob), 'challenge.none');
      expectError(await h.t.wallet.prepareClaim({ key: freshKey(), actor: await actor(h.t, bob), amount: cny(1), slots: 1, once: false }), 'account.frozen');
      expect(await h.balance(bob.user)).toBe(10_000n);
    });

    it('refuses what cannot be shared, and blocks closing while the sender has open claims', async () => {
      const alice = await funded(1);
      const prepare = async (minor: bigint, slots: number) =>
        h.t.wallet.prepareClaim({ key: freshKey(), actor: await actor(h.t, alice), amount: { currency: 'CNY', minor }, slots, once: false });
      expectError(await prepare(2n, 3), 'claim.too_small');
      expectError(await prepare(100n, 0), 'claim.invalid_count');
      expectError(await prepare(100n, 101), 'claim.invalid_count');
      expectError(await prepare(200n, 1), 'transfer.insufficient_funds');
      const { claim } = await made(alice, { major: 1 });
      expectError(await h.t.wallet.prepareClose({ key: freshKey(), actor: await actor(h.t, alice) }), 'account.open_claims');
      unwrap(await h.t.wallet.cancelClaim({ actor: await actor(h.t, alice), claimId: claim.id }));
      expect(await h.t.store.lifecycle.closeBlockers(alice.user.id, h.clock.now())).toBe('not_empty');
    });

    it('shows a replayed confirmation the same link, and creates the claim once', async () => {
      const alice = await funded();
      unwrap(await h.t.wallet.prepareClaim({ key: freshKey(), actor: await actor(h.t, alice), amount: cny(2), slots: 1, once: false }));
      const key = freshKey('confirm');
      const first = unwrap(await confirmNow(h.t, h.clock, alice, key));
      const again = unwrap(await confirmNow(h.t, h.clock, alice, key));
      expect((again.effect as ClaimCreated).secret).toBe((first.effect as ClaimCreated).secret);
      expect((again.effect as ClaimCreated).claim.id).toBe((first.effect as ClaimCreated).claim.id);
      expect(await h.balance(alice.user)).toBe(9_800n);
    });
  });
}
