import type { WalletContext } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import { checkKey } from '../idempotency.js';
import { decodeJson, encodeJson } from '../json-codec.js';
import type { Challenge, IdentityRef } from '../ports/index.js';
import { verifyCode } from '../security/verify-code.js';
import { execute, movesMoney, type Effect } from './executors.js';
import { claimSecretOf } from '../claims/claim-secret.js';

export interface Confirmation {
  challenge: Challenge;
  effect: Effect;
}

/** What is kept of an outcome for replays: never a fresh authenticator secret, nor a claim link's. */
function storable(outcome: Outcome<Effect>): unknown {
  if (outcome.ok && outcome.value.kind === 'authenticator_reset') return encodeJson(ok({ kind: 'authenticator_reset' }));
  if (outcome.ok && outcome.value.kind === 'claim_created') return encodeJson(ok({ ...outcome.value, secret: undefined }));
  if (outcome.ok && outcome.value.kind === 'api_key_issued') return encodeJson(ok({ kind: 'api_key_issued', key: outcome.value.key }));
  if (outcome.ok && outcome.value.kind === 'webhook_set') return encodeJson(ok({ kind: 'webhook_set', endpoint: outcome.value.endpoint }));
  return encodeJson(outcome);
}

/** A replayed claim shows its link again: the secret is derived, never read back. */
function withSecret(ctx: WalletContext, effect: Effect, challenge: Challenge): Effect {
  return effect.kind === 'claim_created' && challenge.kind === 'claim' ? { ...effect, secret: claimSecretOf(ctx, challenge) } : effect;
}

/**
 * Confirms the pending challenge of this identity with a one-time code and runs it. The claim
 * (open → confirmed) happens after the code is accepted and before anything runs, so a freeze
 * that cancelled the challenge first wins; the same confirm key replays the first answer.
 */
export async function confirm(
  ctx: WalletContext,
  /** `receiptKept` false: the chat shows the answer only for a moment (see {@link execute}). */
  input: { key: string; identity: IdentityRef; code: string; label: string; receiptKept?: boolean },
): Promise<Outcome<Confirmation>> {
  const key = checkKey(input.key);
  if (!key.ok) return key;
  const replay = await ctx.store.challenges.findByConfirmKey(input.key);
  if (replay) {
    const sameOrigin = replay.origin.platform === input.identity.platform && replay.origin.platformUserId === input.identity.platformUserId;
    return sameOrigin ? replayOf(ctx, replay, input.label, input.receiptKept) : fail('challenge.none');
  }

  const challenge = await ctx.store.challenges.findPending(input.identity);
  if (!challenge) return fail('challenge.none');
  if (challenge.expiresAt <= ctx.clock.now()) return fail('challenge.expired');
  const owner = await ctx.store.users.getUser(challenge.userId);
  if (!owner) return fail('user.not_found');

  // spent by this request for this challenge: its redelivery may confirm this one, never a newer one
  const accepted = await verifyCode(ctx, owner, input.code, challenge.id, `${input.key}#challenge:${challenge.id}`);
  if (!accepted.ok) return accepted;
  if (!(await ctx.store.challenges.claim(challenge.id, input.key, ctx.clock.now()))) {
    const now = await ctx.store.challenges.get(challenge.id);
    return fail(now && now.expiresAt <= ctx.clock.now() ? 'challenge.expired' : 'challenge.cancelled');
  }
  return run(ctx, { ...challenge, status: 'confirmed', confirmKey: input.key }, input.label, input.receiptKept);
}

async function run(ctx: WalletContext, challenge: Challenge, label: string, receiptKept?: boolean): Promise<Outcome<Confirmation>> {
  const outcome = await execute(ctx, challenge, label, receiptKept);
  await ctx.store.challenges.finish(challenge.id, outcome.ok ? 'done' : 'failed', storable(outcome));
  return outcome.ok ? ok({ challenge: { ...challenge, status: 'done' }, effect: outcome.value }) : outcome;
}

/**
 * A redelivered confirmation (same key): the stored answer, or the run a crash interrupted. Only
 * the request whose code was accepted can resume a claimed challenge; any other gets nothing. A
 * money movement that finished without its answer recorded is run again: its transfer key makes
 * the ledger return the first outcome, so nothing moves twice.
 */
async function replayOf(ctx: WalletContext, challenge: Challenge, label: string, receiptKept?: boolean): Promise<Outcome<Confirmation>> {
  if (challenge.status === 'confirmed') return run(ctx, challenge, label, receiptKept);
  const keyed = movesMoney(challenge) || challenge.kind === 'claim';
  if (challenge.result === undefined) return keyed ? run(ctx, challenge, label, receiptKept) : fail('challenge.cancelled');
  const { result, ...stored } = challenge;
  const outcome = decodeJson<Outcome<Effect>>(result);
  return outcome.ok ? ok({ challenge: stored, effect: withSecret(ctx, outcome.value, stored) }) : outcome;
}
