import { requireActive } from '../confirmation/open-challenge.js';
import type { Actor, WalletContext } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import type { Merchant, UserId } from '../ports/index.js';
import { checkMerchantName } from './merchant-name.js';

/**
 * Turns the actor's wallet into a merchant under a display name, or renames it. No code is asked:
 * nothing moves and no secret is made; issuing an API key, which does, is confirmed with a code.
 */
export async function becomeMerchant(ctx: WalletContext, input: { actor: Actor; name: string | undefined }): Promise<Outcome<Merchant>> {
  const active = requireActive(input.actor.user);
  if (!active.ok) return active;
  const name = checkMerchantName(input.name);
  if (!name.ok) return name;
  // the sandbox twin takes payments under the same name
  const twin = await ctx.store.sandbox.findTwin(input.actor.user.id);
  if (twin) await ctx.store.merchants.upsert(twin.id, name.value);
  return ok(await ctx.store.merchants.upsert(input.actor.user.id, name.value));
}

/** The merchant behind a wallet, or the refusal that it is not one (`/merchant NAME` first). */
export async function requireMerchant(ctx: WalletContext, userId: UserId): Promise<Outcome<Merchant>> {
  const merchant = await ctx.store.merchants.get(userId);
  return merchant ? ok(merchant) : fail('merchant.required');
}

/**
 * Lets one site of the merchant's (an https origin, or http on loopback for development) frame
 * its checkout pages, or (null) none. Off by default: a page asking for money inside another
 * site's frame could be dressed up as someone else's, so only the merchant may opt in.
 */
export async function setCheckoutEmbedding(ctx: WalletContext, input: { merchant: { id: UserId }; origin: string | null }): Promise<Outcome<Merchant>> {
  const merchant = await requireMerchant(ctx, input.merchant.id);
  if (!merchant.ok) return merchant;
  let origin: string | null = null;
  if (input.origin !== null) {
    const parsed = URL.canParse(input.origin) ? new URL(input.origin) : undefined;
    const loopback = parsed && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
    if (!parsed || !(parsed.protocol === 'https:' || (parsed.protocol === 'http:' && loopback)) || parsed.origin !== input.origin.replace(/\/$/, '')) {
      return fail('merchant.invalid_embed_origin');
    }
    origin = parsed.origin;
  }
  return ok((await ctx.store.merchants.setEmbedOrigin(input.merchant.id, origin))!);
}
