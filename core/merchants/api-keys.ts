import { createHash, randomBytes } from 'node:crypto';
import { openChallenge, requireActive } from '../confirmation/open-challenge.js';
import type { Actor, WalletContext } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import type { ApiKeyInfo, ApiKeyMode, Challenge, User } from '../ports/index.js';
import { merchantTwin } from '../sandbox/sandbox.js';
import { requireMerchant } from './merchants.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const SECRET_LENGTH = 32;
/** `okp_live_` or `okp_test_`, then 32 letters and digits (190 bits). */
export const API_KEY = /^okp_(live|test)_[A-Za-z0-9]{32}$/;

/** What the database keeps of a key: its SHA-256. The key has 190 random bits, so no salt or stretching is needed. */
export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function newSecret(mode: ApiKeyMode): string {
  // 248 = 4 × 62: bytes from 248 up are dropped, so every character is equally likely
  let body = '';
  while (body.length < SECRET_LENGTH) {
    for (const byte of randomBytes(SECRET_LENGTH)) if (byte < 248 && body.length < SECRET_LENGTH) body += ALPHABET[byte % 62];
  }
  return `okp_${mode}_${body}`;
}

/** What issuing a key did: the secret is there only the first time, and is never stored. */
export interface IssuedApiKey {
  key: ApiKeyInfo;
  secret?: string;
}

/** Prepares issuing a secret API key; the owner confirms with a code, as every sensitive change. */
export async function prepareIssueApiKey(ctx: WalletContext, input: { key: string; actor: Actor; mode: ApiKeyMode }): Promise<Outcome<Challenge>> {
  const active = requireActive(input.actor.user);
  if (!active.ok) return active;
  const merchant = await requireMerchant(ctx, input.actor.user.id);
  if (!merchant.ok) return merchant;
  return openChallenge(ctx, { key: input.key, owner: input.actor.user, origin: input.actor.identity, kind: 'issue_api_key', payload: { mode: input.mode } });
}

/**
 * Runs a confirmed `issue_api_key` challenge: one key per challenge, so a replayed confirmation
 * issues no second key — and shows no secret, which exists only in this first answer.
 */
export async function issueApiKey(ctx: WalletContext, challenge: Challenge<'issue_api_key'>): Promise<Outcome<IssuedApiKey>> {
  const merchant = await requireMerchant(ctx, challenge.userId);
  if (!merchant.ok) return merchant;
  if (challenge.payload.mode === 'test') await merchantTwin(ctx, merchant.value);
  const secret = newSecret(challenge.payload.mode);
  const stored = await ctx.store.merchants.issueKey({
    merchantId: challenge.userId,
    mode: challenge.payload.mode,
    keyHash: hashApiKey(secret),
    last4: secret.slice(-4),
    challengeId: challenge.id,
  });
  return ok(stored.issued ? { key: stored.key, secret } : { key: stored.key });
}

export async function listApiKeys(ctx: WalletContext, user: User): Promise<Outcome<ApiKeyInfo[]>> {
  const merchant = await requireMerchant(ctx, user.id);
  if (!merchant.ok) return merchant;
  return ok((await ctx.store.merchants.listKeys(user.id)).filter((key) => !key.revokedAt));
}

/**
 * Revokes the key ending in `last4`. Revoking needs no code: like a freeze it only takes power
 * away. Two keys ending alike are never guessed between: the refusal says how many match, and
 * only `all` (every one of them, which takes away no more than the owner asked) revokes them.
 */
export async function revokeApiKey(ctx: WalletContext, input: { user: User; last4: string; all?: boolean }): Promise<Outcome<ApiKeyInfo[]>> {
  const keys = await listApiKeys(ctx, input.user);
  if (!keys.ok) return keys;
  const matching = keys.value.filter((key) => key.last4 === input.last4);
  if (matching.length === 0) return fail('apikey.not_found', { last4: input.last4 });
  if (matching.length > 1 && !input.all) return fail('apikey.ambiguous', { last4: input.last4, count: matching.length });
  const revoked = await Promise.all(matching.map((key) => ctx.store.merchants.revokeKey(input.user.id, key.id, ctx.clock.now())));
  return ok(revoked.filter((key): key is ApiKeyInfo => key !== undefined));
}

/**
 * Who an `Authorization: Bearer` key belongs to; the same refusal for malformed, unknown and revoked
 * keys. A test key is kept under its merchant (listed and revoked with the live ones) but acts as
 * the merchant's sandbox twin, so it only ever sees test objects and a live key never does. The
 * twin takes its owner's status: a frozen or closed merchant's test key is refused as its live one.
 */
export async function authenticateApiKey(ctx: WalletContext, secret: string): Promise<Outcome<{ user: User; mode: ApiKeyMode; keyId: string }>> {
  if (!API_KEY.test(secret)) return fail('api.unauthorized');
  const found = await ctx.store.merchants.findByKeyHash(hashApiKey(secret));
  const owner = found && (await ctx.store.users.getUser(found.merchantId));
  const twin = owner && found.mode === 'test' ? await ctx.store.sandbox.twinOf(owner.id) : undefined;
  const user = twin && owner ? { ...twin, status: owner.status } : owner;
  return found && user ? ok({ user, mode: found.mode, keyId: found.keyId }) : fail('api.unauthorized');
}
