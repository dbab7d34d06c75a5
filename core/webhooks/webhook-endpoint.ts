import { randomBytes } from 'node:crypto';
import { openChallenge, requireActive } from '../confirmation/open-challenge.js';
import type { Actor, WalletContext } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import type { Challenge, WebhookEndpoint } from '../ports/index.js';
import { requireMerchant } from '../merchants/merchants.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * An endpoint the wallet will post signed events to: https, or plain http only to this machine's
 * loopback (a receiver in development or a test), so events never cross a network unencrypted.
 */
export function checkWebhookUrl(input: string | undefined): Outcome<string> {
  let url: URL;
  try {
    url = new URL(input ?? '');
  } catch {
    return fail('webhook.invalid_url');
  }
  const allowed = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  if (!allowed || url.username || url.password || url.href.length > 500) return fail('webhook.invalid_url');
  return ok(url.href);
}

/** What setting an endpoint did: the secret is there only the first time, and is stored sealed. */
export interface WebhookSet {
  endpoint: Omit<WebhookEndpoint, 'secretSealed'>;
  secret?: string;
}

/**
 * Prepares setting (or, with `rotate`, re-keying) the merchant's endpoint. Confirmed with a code
 * like an API key: whoever holds the signing secret can forge the wallet's events.
 */
export async function prepareSetWebhook(ctx: WalletContext, input: { key: string; actor: Actor; url?: string; rotate?: boolean }): Promise<Outcome<Challenge>> {
  const active = requireActive(input.actor.user);
  if (!active.ok) return active;
  const merchant = await requireMerchant(ctx, input.actor.user.id);
  if (!merchant.ok) return merchant;
  let url = input.url;
  if (input.rotate) {
    const current = await ctx.store.webhooks.getEndpoint(input.actor.user.id);
    if (!current) return fail('webhook.not_set');
    url = current.url;
  }
  const checked = checkWebhookUrl(url);
  if (!checked.ok) return checked;
  return openChallenge(ctx, { key: input.key, owner: input.actor.user, origin: input.actor.identity, kind: 'set_webhook', payload: { url: checked.value } });
}

/**
 * Runs a confirmed `set_webhook` challenge with a new secret (`whsec_` and 192 random bits). Once
 * per challenge: a replayed confirmation changes nothing and shows no secret.
 */
export async function setWebhook(ctx: WalletContext, challenge: Challenge<'set_webhook'>): Promise<Outcome<WebhookSet>> {
  const merchant = await requireMerchant(ctx, challenge.userId);
  if (!merchant.ok) return merchant;
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const set = await ctx.store.webhooks.setEndpoint({
    merchantId: challenge.userId,
    url: challenge.payload.url,
    secretSealed: ctx.secrets.seal(secret),
    challengeId: challenge.id,
  });
  const { secretSealed: _sealed, ...endpoint } = set.endpoint;
  return ok(set.changed ? { endpoint, secret } : { endpoint });
}
