import type { Actor, WalletContext } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import { checkKey } from '../idempotency.js';
import type { Money } from '../money/index.js';
import type { Challenge, HoldOffer } from '../ports/index.js';
import { prepareClaim } from './prepare-claim.js';

/** How long the Hold button of a send to a newcomer can be pressed; pressing still asks for the code. */
export const HOLD_OFFER_TTL_MS = 24 * 3_600_000;

/**
 * Keeps what a send to a handle with no wallet named — amount, handle, memo — so the Hold button
 * offered beside it carries only the offer's id: a button's 64 bytes cannot hold a memo or a long
 * handle, and what the person wrote must reach the hold unchanged. Once per message (redelivery
 * gets the same offer).
 */
export async function offerHold(ctx: WalletContext, input: { key: string; actor: Actor; amount: Money; handle: string; memo?: string }): Promise<Outcome<HoldOffer>> {
  const key = checkKey(input.key);
  if (!key.ok) return key;
  const now = ctx.clock.now();
  const offer = await ctx.store.claims.offerHold({
    key: `hold-offer:${key.value}`,
    senderId: input.actor.user.id,
    amount: input.amount,
    handle: input.handle,
    ...(input.memo ? { memo: input.memo } : {}),
    expiresAt: new Date(now.getTime() + HOLD_OFFER_TTL_MS),
    now,
  });
  return ok(offer);
}

/**
 * The Hold button: the claim challenge for what the offer kept. Only the person it was offered
 * to can take it up (a button seen in a group is pressed by anyone), and only before it expires by
 * the wallet's clock; the prepared claim is checked like any other.
 */
export async function prepareOfferedHold(ctx: WalletContext, input: { key: string; actor: Actor; offerId: string; room?: string }): Promise<Outcome<Challenge>> {
  const offer = await ctx.store.claims.holdOffer(input.offerId, ctx.clock.now());
  if (!offer || offer.senderId !== input.actor.user.id) return fail('claim.offer_gone');
  return prepareClaim(ctx, {
    key: input.key,
    actor: input.actor,
    amount: offer.amount,
    ...(offer.memo ? { memo: offer.memo } : {}),
    slots: 1,
    forHandle: offer.handle,
    once: false,
    ...(input.room ? { room: input.room } : {}),
  });
}
