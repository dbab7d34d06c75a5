import type { WalletContext } from '../context.js';
import { fail, ok, type ErrorCode, type Outcome } from '../errors.js';
import { tierLimits } from '../limits/limits.js';
import { move, type Movement, type TransferReceipt } from '../ledger/move-money.js';
import { money } from '../money/index.js';
import type { Challenge, Platform, UserId, Verification } from '../ports/index.js';
import { decideVerification } from '../verification/verification.js';
import { beginEnrollment, type Enrollment } from '../security/authenticator.js';
import { unreachable } from '../unreachable.js';
import { createClaim, type ClaimCreated } from '../claims/create-claim.js';
import { issueApiKey, type IssuedApiKey } from '../merchants/api-keys.js';
import { setWebhook, type WebhookSet } from '../webhooks/webhook-endpoint.js';

/** What a confirmed challenge did, for the reply. */
export type Effect =
  | { kind: 'transfer'; receipt: TransferReceipt }
  | { kind: 'unfrozen' }
  | { kind: 'closed' }
  /** The new enrollment is never stored: a replayed confirmation gets the effect without it. */
  | { kind: 'authenticator_reset'; enrollment?: Enrollment }
  | { kind: 'identity_linked'; platform: Platform }
  | { kind: 'identity_unlinked'; platform: Platform }
  | { kind: 'verification_decided'; verification: Verification }
  | { kind: 'user_frozen'; userId: UserId }
  | { kind: 'user_unfrozen'; userId: UserId }
  | ClaimCreated
  /** The secret is never stored: a replayed confirmation gets the key without it. */
  | ({ kind: 'api_key_issued' } & IssuedApiKey)
  /** Likewise the webhook signing secret: shown once, kept only sealed. */
  | ({ kind: 'webhook_set' } & WebhookSet);

type MoneyChallenge = Challenge<'send' | 'pay_request' | 'refund' | 'withdraw' | 'deposit'>;

/**
 * The ledger movement a confirmed money challenge makes. Keyed by the challenge, so running it
 * again (a replayed confirmation) returns the first outcome; the fields keep the order they were
 * fingerprinted in, so a movement prepared before a deploy still matches after it.
 */
function movementOf(ctx: WalletContext, challenge: MoneyChallenge, origin: Platform | undefined): Movement {
  const { currency, minor, memo } = challenge.payload;
  const amount = money(currency, BigInt(minor));
  const limits = tierLimits(ctx.limits, amount.currency);
  const common = { key: `challenge:${challenge.id}`, amount, challengeId: challenge.id, now: ctx.clock.now(), memo: memo || undefined };
  const owner = { user: challenge.userId };
  // the payer confirmed it in the chat that keeps the receipt; an operator's moves are news to the wallet everywhere
  const seenBy = origin ? { origin } : {};
  const external = { system: 'external' as const };
  switch (challenge.kind) {
    case 'send':
      return { ...common, ...seenBy, kind: 'send', from: owner, to: { user: challenge.payload.toUserId }, limits };
    case 'pay_request':
      return {
        ...common,
        ...seenBy,
        kind: 'payment',
        from: challenge.payload.fromUserId ? { user: challenge.payload.fromUserId } : owner,
        to: { user: challenge.payload.merchantId },
        limits,
        requestId: challenge.payload.requestId,
      };
    case 'refund':
      return { ...common, ...seenBy, kind: 'refund', from: owner, to: { user: challenge.payload.toUserId }, relatedTransferId: challenge.payload.transferId };
    case 'withdraw':
      return { ...common, kind: 'withdrawal', from: { user: challenge.payload.userId }, to: external, limits };
    case 'deposit':
      return { ...common, kind: 'deposit', from: external, to: { user: challenge.payload.userId } };
    default:
      return unreachable(challenge, 'money challenge');
  }
}

async function transfer(ctx: WalletContext, challenge: MoneyChallenge, origin: Platform | undefined): Promise<Outcome<Effect>> {
  const receipt = await move(ctx.store.ledger, movementOf(ctx, challenge, origin));
  return receipt.ok ? ok({ kind: 'transfer', receipt: receipt.value }) : receipt;
}

/** Money movements are keyed by their challenge, so running one again only reads its first outcome. */
export function movesMoney(challenge: Challenge): challenge is MoneyChallenge {
  switch (challenge.kind) {
    case 'send':
    case 'pay_request':
    case 'refund':
    case 'withdraw':
    case 'deposit':
      return true;
    default:
      return false;
  }
}

const REFUSALS: Record<string, ErrorCode> = {
  cancelled: 'challenge.cancelled',
  not_frozen: 'account.not_frozen',
  frozen_by_operator: 'account.frozen_by_operator',
  frozen_by_owner: 'account.frozen_by_owner',
  not_empty: 'account.not_empty',
  open_requests: 'account.open_requests',
  open_claims: 'account.open_claims',
  code_used: 'link.code_used',
  identity_in_use: 'link.identity_in_use',
  last_identity: 'account.last_identity',
};

function settled<T extends Effect>(result: string, effect: T): Outcome<Effect> {
  return result === 'done' ? ok(effect) : fail(REFUSALS[result] ?? 'challenge.cancelled');
}

/** Kinds only operators may prepare; ADMIN_IDS may have changed since, so confirming checks again. */
function operatorOnly(challenge: Challenge): boolean {
  switch (challenge.kind) {
    case 'deposit':
    case 'withdraw':
    case 'decide_verification':
    case 'freeze_user':
    case 'unfreeze_user':
      return true;
    default:
      return false;
  }
}

/**
 * Runs a confirmed challenge. Each executor completes the challenge in its own transaction. The
 * owner confirmed it in the chat that gets the answer, so the notice of their own change is
 * written with that platform as its origin and goes only to their other chats — unless that chat
 * shows the answer only for a moment (`receiptKept` false: a Discord interaction in a server),
 * when the notice is their lasting record there too. An operator's change to a wallet is news to
 * it everywhere.
 */
export async function execute(ctx: WalletContext, challenge: Challenge, ownerLabel: string, receiptKept = true): Promise<Outcome<Effect>> {
  const { lifecycle } = ctx.store;
  const origin = receiptKept ? challenge.origin.platform : undefined;
  if (operatorOnly(challenge) && !ctx.isOperator(challenge.origin)) return fail('operator.required');
  switch (challenge.kind) {
    case 'send':
    case 'pay_request':
    case 'refund':
    case 'withdraw':
    case 'deposit':
      return transfer(ctx, challenge, origin);
    case 'claim':
      return createClaim(ctx, challenge, origin);
    case 'unfreeze':
      return settled(await lifecycle.unfreeze(challenge.userId, challenge.id, 'owner', origin), { kind: 'unfrozen' });
    case 'unfreeze_user': {
      const target = challenge.payload.userId;
      return settled(await lifecycle.unfreeze(target, challenge.id, 'operator'), { kind: 'user_unfrozen', userId: target });
    }
    case 'close_account':
      return settled(await lifecycle.close(challenge.userId, challenge.id, ctx.clock.now()), { kind: 'closed' });
    case 'link_identity': {
      const { platform, platformUserId, codeHash } = challenge.payload;
      return settled(await lifecycle.link(challenge.userId, { platform, platformUserId }, codeHash, challenge.id, origin), { kind: 'identity_linked', platform });
    }
    case 'unlink_identity': {
      const { platform, platformUserId } = challenge.payload;
      return settled(await lifecycle.unlink(challenge.userId, { platform, platformUserId }, challenge.id, origin), { kind: 'identity_unlinked', platform });
    }
    case 'decide_verification': {
      const { verificationId, approve, reason } = challenge.payload;
      const decided = await decideVerification(ctx, {
        operatorId: challenge.userId,
        id: verificationId,
        approve,
        reason: reason ?? '',
        challengeId: challenge.id,
      });
      return decided.ok ? ok({ kind: 'verification_decided', verification: decided.value }) : decided;
    }
    case 'freeze_user': {
      const target = challenge.payload.userId;
      const frozen = await lifecycle.freezeByOperator(target, challenge.id);
      if (frozen === 'done') return ok({ kind: 'user_frozen', userId: target });
      return fail(frozen === 'cancelled' ? 'challenge.cancelled' : 'user.not_found');
    }
    case 'reset_authenticator': {
      const reset = await lifecycle.resetAuthenticator(challenge.userId, challenge.id, origin);
      if (reset !== 'done') return fail('challenge.cancelled');
      const owner = await ctx.store.users.getUser(challenge.userId);
      const enrollment = await beginEnrollment(ctx, owner!, ownerLabel);
      return enrollment.ok ? ok({ kind: 'authenticator_reset', enrollment: enrollment.value }) : enrollment;
    }
    case 'issue_api_key': {
      const issued = await issueApiKey(ctx, challenge);
      return issued.ok ? ok({ kind: 'api_key_issued', ...issued.value }) : issued;
    }
    case 'set_webhook': {
      const set = await setWebhook(ctx, challenge);
      return set.ok ? ok({ kind: 'webhook_set', ...set.value }) : set;
    }
    default:
      return unreachable(challenge, 'challenge');
  }
}
