import type { Actor, WalletContext } from '../context.js';
import { fail, isErrorCode, ok, type Outcome } from '../errors.js';
import { checkKey } from '../idempotency.js';
import type { Redemption } from '../ports/index.js';
import { CLAIM_SECRET, hashClaimSecret } from './claim-secret.js';

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
