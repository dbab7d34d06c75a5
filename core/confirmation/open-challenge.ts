import { CHALLENGE_TTL_MS, type WalletContext } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import { checkKey, fingerprint } from '../idempotency.js';
import type { Challenge, IdentityRef, KindAndPayload, User } from '../ports/index.js';

export type OpenChallengeInput = KindAndPayload & {
  key: string;
  /** The wallet whose authenticator must confirm. */
  owner: User;
  /** Where the action was started; the confirmation must come from the same identity. */
  origin: IdentityRef;
};

/**
 * Records exactly what will happen and asks for a code. Nothing runs until confirmation. The
 * prepare key makes a redelivered message return the same challenge instead of a second one.
 */
export async function openChallenge(ctx: WalletContext, input: OpenChallengeInput): Promise<Outcome<Challenge>> {
  const key = checkKey(input.key);
  if (!key.ok) return key;
  const enrolled = await requireAuthenticator(ctx, input.owner);
  if (!enrolled.ok) return enrolled;
  const { key: prepareKey, owner, origin, ...action } = input;
  const created = await ctx.store.challenges.create({
    ...action,
    userId: owner.id,
    origin,
    prepareKey,
    requestHash: fingerprint('challenge', { kind: input.kind, payload: input.payload, origin: input.origin, owner: input.owner.id }),
    expiresAt: new Date(ctx.clock.now().getTime() + CHALLENGE_TTL_MS),
  });
  return 'conflict' in created ? fail('idempotency.conflict') : ok(created.challenge);
}

/** Nothing that needs a code can be prepared before the wallet has an authenticator to give one. */
export async function requireAuthenticator(ctx: WalletContext, owner: User): Promise<Outcome<User>> {
  const authenticator = await ctx.store.security.getAuthenticator(owner.id);
  return authenticator?.status === 'active' ? ok(owner) : fail('auth.not_enrolled');
}

/** Most actions need an active wallet; the refusal names the state it is in. */
export function requireActive(user: User): Outcome<User> {
  if (user.status === 'frozen') return fail('account.frozen', { party: 'sender' });
  if (user.status === 'closed') return fail('account.closed', { party: 'sender' });
  return ok(user);
}
