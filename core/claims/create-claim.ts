import type { WalletContext } from '../context.js';
import { fail, isErrorCode, ok, type Outcome } from '../errors.js';
import { fingerprint } from '../idempotency.js';
import { tierLimits } from '../limits/limits.js';
import { money } from '../money/index.js';
import type { Challenge, Claim, Platform } from '../ports/index.js';
import { claimExpiry } from './prepare-claim.js';
import { claimSecretOf, hashClaimSecret } from './claim-secret.js';

/** What confirming a claim did: the claim, its link's secret, and the group it was asked for in. */
export interface ClaimCreated {
  kind: 'claim_created';
  claim: Claim;
  /** Absent in the stored answer; a replay derives it again (see {@link claimSecretOf}). */
  secret?: string;
  room: string | null;
}

/**
 * Runs a confirmed claim challenge: the whole amount leaves the sender for the claims account and
 * the claim is recorded, in one transaction keyed by the challenge, counted against the sender's
 * limits as money out (it has left the wallet). A frozen sender is refused by the ledger, as a send is.
 */
export async function createClaim(ctx: WalletContext, challenge: Challenge<'claim'>, origin: Platform | undefined): Promise<Outcome<ClaimCreated>> {
  const { currency, minor, memo, slots, forHandle, once, days, room } = challenge.payload;
  const amount = money(currency, BigInt(minor));
  const now = ctx.clock.now();
  const secret = claimSecretOf(ctx, challenge);
  const created = await ctx.store.claims.create({
    senderId: challenge.userId,
    amount,
    slots,
    ...(forHandle ? { forHandle } : {}),
    platform: challenge.origin.platform,
    oncePerClaimer: once,
    ...(memo ? { memo } : {}),
    expiresAt: claimExpiry(now, days),
    secretHash: hashClaimSecret(secret),
    challengeId: challenge.id,
    key: `challenge:${challenge.id}`,
    fingerprint: fingerprint('claim', { ...challenge.payload, sender: challenge.userId }),
    limits: tierLimits(ctx.limits, currency),
    now,
    ...(origin ? { origin } : {}),
  });
  if (!created.ok) return fail(isErrorCode(created.code) ? created.code : 'challenge.cancelled', created.params);
  return ok({ kind: 'claim_created', claim: created.claim, secret, room });
}
