import type { Actor, WalletContext } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import type { Claim, LeaseTerms } from '../ports/index.js';

/**
 * The sender takes back what is still held. No code is needed: the money can only go back to
 * them. A claim already claimed, given back or expired is answered as it stands.
 */
export async function cancelClaim(ctx: WalletContext, input: { actor: Actor; claimId: string; receiptKept?: boolean }): Promise<Outcome<Claim>> {
  const now = ctx.clock.now();
  const claim = await ctx.store.claims.get(input.claimId, now);
  if (!claim) return fail('claim.not_found');
  if (claim.senderId !== input.actor.user.id) return fail('claim.not_yours');
  // the sender reads the answer here; their other chats get the notice
  const origin = input.receiptKept === false ? undefined : input.actor.identity.platform;
  const cancelled = await ctx.store.claims.giveBack(claim.id, 'cancelled', now, { senderId: input.actor.user.id, ...(origin ? { origin } : {}) });
  if (cancelled) return ok(cancelled);
  const after = await ctx.store.claims.get(claim.id, now);
  return fail(after?.status === 'expired' ? 'claim.expired' : after?.status === 'cancelled' ? 'claim.cancelled' : 'claim.already_claimed');
}

/**
 * One round of the returner: the claims past their expiry at the wallet's now, leased so that
 * several processes never return the same one together, each given back in its own transaction.
 * One missed while no process ran is simply found at the next round. Returns how many went back.
 */
export async function returnExpiredClaims(ctx: WalletContext, limit: number, lease: LeaseTerms): Promise<number> {
  const now = ctx.clock.now();
  const due = await ctx.store.claims.claimExpired(limit, { owner: lease.owner, now, leaseMs: lease.ms });
  let returned = 0;
  for (const id of due) if (await ctx.store.claims.giveBack(id, 'expired', ctx.clock.now())) returned += 1;
  return returned;
}
