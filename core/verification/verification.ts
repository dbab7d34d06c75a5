import type { Actor, WalletContext } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import { checkKey } from '../idempotency.js';
import { openChallenge, requireActive } from '../confirmation/open-challenge.js';
import type { Challenge, UserId, Verification } from '../ports/index.js';

export const DOCUMENT_TYPES = ['id_card', 'passport', 'driving_licence', 'residence_permit'] as const;

export interface SubmitVerificationInput {
  key: string;
  actor: Actor;
  fullName: string;
  documentType: string;
  /** Where the platform keeps the uploaded file (Telegram file_id, Discord attachment URL, path). */
  fileRef: string;
  /** SHA-256 of the file's content, hex: ties the decision to exactly the document reviewed. */
  fileSha256: string;
}

/** Submits identity documents for review; approval raises the wallet one tier. */
export async function submitVerification(ctx: WalletContext, input: SubmitVerificationInput): Promise<Outcome<Verification>> {
  const key = checkKey(input.key);
  if (!key.ok) return key;
  if (input.actor.user.status === 'closed') return fail('account.closed', { party: 'sender' });
  const fullName = input.fullName.trim();
  const invalid = (field: string) => fail<Verification>('verification.invalid', { field });
  if (fullName.length < 2 || [...fullName].length > 100) return invalid('fullName');
  if (!(DOCUMENT_TYPES as readonly string[]).includes(input.documentType)) return invalid('documentType');
  if (input.fileRef.length === 0 || input.fileRef.length > 500) return invalid('fileRef');
  if (!/^[0-9a-f]{64}$/.test(input.fileSha256)) return invalid('fileSha256');
  if (input.actor.user.tier >= 2) return invalid('tier');
  const submitted = await ctx.store.verification.submit({
    userId: input.actor.user.id,
    fullName,
    documentType: input.documentType,
    fileRef: input.fileRef,
    fileSha256: input.fileSha256,
    targetTier: input.actor.user.tier + 1,
    submitKey: input.key,
  });
  return 'pending' in submitted ? fail('verification.pending_exists', { id: submitted.pending.id }) : ok(submitted.verification);
}

export function listPendingVerifications(ctx: WalletContext, operator: Actor, limit = 20): Promise<Outcome<Verification[]>> {
  if (!ctx.isOperator(operator.identity)) return Promise.resolve(fail('operator.required'));
  return ctx.store.verification.listPending(limit).then(ok);
}

/**
 * An operator prepares a decision — approve (raising the tier) or reject with a reason — which
 * runs once confirmed with the operator's own code; the user is told either way.
 */
export async function prepareDecision(
  ctx: WalletContext,
  input: { key: string; operator: Actor; id: string; approve: boolean; reason?: string },
): Promise<Outcome<Challenge>> {
  if (!ctx.isOperator(input.operator.identity)) return fail('operator.required');
  const reason = input.reason?.trim() ?? '';
  if (!input.approve && (reason.length === 0 || [...reason].length > 200)) return fail('verification.invalid', { field: 'reason' });
  const active = requireActive(input.operator.user);
  if (!active.ok) return active;
  const verification = await ctx.store.verification.get(input.id);
  if (!verification) return fail('verification.not_found');
  if (verification.userId === input.operator.user.id) return fail('operator.self');
  return openChallenge(ctx, {
    key: input.key,
    owner: input.operator.user,
    origin: input.operator.identity,
    kind: 'decide_verification',
    payload: { verificationId: verification.id, userId: verification.userId, approve: input.approve, reason: input.approve ? null : reason },
  });
}

/** Runs a confirmed decision; deciding twice answers with the verification as it stands. */
export async function decideVerification(
  ctx: WalletContext,
  input: { operatorId: UserId; id: string; approve: boolean; reason?: string; challengeId: string },
): Promise<Outcome<Verification>> {
  const decision = input.approve ? ({ approved: true } as const) : ({ approved: false, reason: input.reason ?? '' } as const);
  const decided = await ctx.store.verification.decide(input.id, decision, input.operatorId, input.challengeId);
  if (decided === 'cancelled') return fail('challenge.cancelled');
  if (decided) return ok(decided);
  const existing = await ctx.store.verification.get(input.id);
  return existing ? ok(existing) : fail('verification.not_found');
}
