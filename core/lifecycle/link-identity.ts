import { createHash, randomInt } from 'node:crypto';
import { openChallenge, requireActive } from '../confirmation/open-challenge.js';
import type { Actor, WalletContext } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import { checkKey } from '../idempotency.js';
import type { Challenge, IdentityRef, Platform } from '../ports/index.js';

export const LINK_CODE_TTL_MS = 10 * 60_000;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function hashLinkCode(code: string): string {
  return createHash('sha256').update(code.toUpperCase().replace(/[^A-Z0-9]/g, '')).digest('hex');
}

/**
 * A one-time code to type on another platform. It only starts a link: the wallet owner still
 * confirms with their authenticator there, so a leaked code alone attaches nothing.
 */
export async function createLinkCode(ctx: WalletContext, input: { key: string; actor: Actor }): Promise<Outcome<{ code: string; expiresAt: Date }>> {
  const key = checkKey(input.key);
  if (!key.ok) return key;
  const active = requireActive(input.actor.user);
  if (!active.ok) return active;
  const code = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const expiresAt = new Date(ctx.clock.now().getTime() + LINK_CODE_TTL_MS);
  const { created } = await ctx.store.lifecycle.createLinkCode(input.actor.user.id, hashLinkCode(code), input.key, expiresAt);
  // a redelivered request must not show a second code: the first one is the only valid one
  return created ? ok({ code, expiresAt }) : fail('idempotency.conflict');
}

/** Typed on the new platform: prepares attaching this identity, confirmed by the wallet's authenticator. */
export async function redeemLinkCode(
  ctx: WalletContext,
  input: { key: string; identity: IdentityRef; code: string },
): Promise<Outcome<Challenge>> {
  const codeHash = hashLinkCode(input.code);
  const link = await ctx.store.lifecycle.findLinkCode(codeHash, ctx.clock.now());
  if (!link) return fail('link.invalid_code');
  const owner = await ctx.store.users.getUser(link.userId);
  if (!owner) return fail('link.invalid_code');
  const active = requireActive(owner);
  if (!active.ok) return active;
  const current = await ctx.store.users.findUserByIdentity(input.identity);
  if (current?.id === owner.id) return fail('link.already_linked');
  return openChallenge(ctx, {
    key: input.key,
    owner,
    origin: input.identity,
    kind: 'link_identity',
    payload: { platform: input.identity.platform, platformUserId: input.identity.platformUserId, codeHash },
  });
}

/** Detaching an identity needs a code; the last identity of a wallet cannot go (close instead). */
export async function prepareUnlink(
  ctx: WalletContext,
  input: { key: string; actor: Actor; platform: Platform },
): Promise<Outcome<Challenge>> {
  const identities = await ctx.store.users.identitiesOf(input.actor.user.id);
  const target = identities.find((i) => i.platform === input.platform);
  if (!target) return fail('user.not_found', { party: 'recipient' });
  if (identities.length === 1) return fail('account.last_identity');
  return openChallenge(ctx, {
    key: input.key,
    owner: input.actor.user,
    origin: input.actor.identity,
    kind: 'unlink_identity',
    payload: { platform: target.platform, platformUserId: target.platformUserId },
  });
}
