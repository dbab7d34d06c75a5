import type { Actor, WalletContext } from '../context.js';
import type { Claim } from '../ports/index.js';

/** The sender's claims still holding money, for `/claims` and its Cancel buttons. */
export async function listClaims(ctx: WalletContext, actor: Actor): Promise<Claim[]> {
  return ctx.store.claims.listOpen(actor.user.id, ctx.clock.now());
}

/** A claim as it stands at the wallet's now (an open one past its expiry reads `expired`). */
export async function findClaim(ctx: WalletContext, claimId: string): Promise<Claim | undefined> {
  return ctx.store.claims.get(claimId, ctx.clock.now());
}
