import type { Actor, WalletContext } from '../context.js';
import { fail, isErrorCode, ok, type Outcome } from '../errors.js';
import { checkKey } from '../idempotency.js';
import type { Redemption } from '../ports/index.js';
import { CLAIM_SECRET, hashClaimSecret } from './claim-secret.js';

/**
 * What is held for the actor's handle on their platform, claimed at their `/start` without the
 * link: a hold is for whoever holds that handle there, which the store checks again under each
 * claim's lock. Each is keyed by this message and the claim, so a redelivered `/start` pays nothing twice
 * and answers with the same receipts (the outbox copy skips the platform it was claimed on).
 */
export async function redeemHolds(ctx: WalletContext, input: { key: string; actor: Actor; handle: string; receiptKept?: boolean }): Promise<Redemption[]> {
  const now = ctx.clock.now();
  const held = await ctx.store.claims.holdsFor(input.actor.identity.platform, input.handle, now, input.actor.user.id);
  const origin = input.receiptKept === false ? undefined : input.actor.identity.platform;
  const redeemed: Redemption[] = [];
  for (const { claim, secretHash } of held) {
    if (claim.senderId === input.actor.user.id) continue;
    const done = await ctx.store.claims.redeem(secretHash, input.actor.user.id, `claim:${input.key}:${claim.id}`, now, origin);
    if (done.ok) redeemed.push(done.redemption);
  }
  return redeemed;
}

/**
 * Claims one part of a link for the actor. No code is asked: money only arrives. The store
 * decides under the claim's lock, at the wallet's now, who gets the last part, that a sender never
 * claims their own, that a hold goes only to whoever holds its handle on its platform now, and
 * that `once` means once per person; the claimer gets a receipt and the sender a notice.
 */
export async function redeemClaim(ctx: WalletContext, input: { key: string; actor: Actor; secret: string; receiptKept?: boolean }): Promise<Outcome<Redemption>> {
  const key = checkKey(input.key);
  if (!key.ok) return key;
  if (!CLAIM_SECRET.test(input.secret)) return fail('claim.not_found');
  if (input.actor.user.status === 'closed') return fail('account.closed', { party: 'recipient' });
  const origin = input.receiptKept === false ? undefined : input.actor.identity.platform;
  const redeemed = await ctx.store.claims.redeem(hashClaimSecret(input.secret), input.actor.user.id, `claim:${key.value}`, ctx.clock.now(), origin);
  if (redeemed.ok) return ok(redeemed.redemption);
  return fail(isErrorCode(redeemed.code) ? redeemed.code : 'claim.not_found', redeemed.params);
}
