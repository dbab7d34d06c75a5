import type { WalletContext } from '../context.js';
import { fail, ok, type ErrorCode, type Outcome } from '../errors.js';
import { tierLimits } from '../limits/limits.js';
import { move, type TransferReceipt } from '../ledger/move-money.js';
import { money, toCurrencyCode } from '../money/index.js';
import type { Challenge, Platform, UserId, Verification } from '../ports/index.js';
import { decideVerification } from '../verification/verification.js';
import { beginEnrollment, type Enrollment } from '../security/authenticator.js';

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
  | { kind: 'user_unfrozen'; userId: UserId };

const text = (challenge: Challenge, name: string) => String(challenge.payload[name] ?? '');

function amountOf(challenge: Challenge) {
  return money(toCurrencyCode(text(challenge, 'currency'))!, BigInt(text(challenge, 'minor')));
}

async function transfer(ctx: WalletContext, challenge: Challenge): Promise<Outcome<Effect>> {
  const amount = amountOf(challenge);
  const p = challenge.payload;
  const limits = tierLimits(ctx.limits, amount.currency);
  const common = {
    key: `challenge:${challenge.id}`,
    amount,
    challengeId: challenge.id,
    now: ctx.clock.now(),
    memo: p.memo ? String(p.memo) : undefined,
  };
  const owner = { user: challenge.userId };
  const movement =
    challenge.kind === 'send'
      ? { ...common, kind: 'send' as const, from: owner, to: { user: text(challenge, 'toUserId') }, limits }
      : challenge.kind === 'pay_request'
        ? { ...common, kind: 'payment' as const, from: owner, to: { user: text(challenge, 'merchantId') }, limits, requestId: text(challenge, 'requestId') }
        : challenge.kind === 'refund'
          ? { ...common, kind: 'refund' as const, from: owner, to: { user: text(challenge, 'toUserId') }, relatedTransferId: text(challenge, 'transferId') }
          : challenge.kind === 'withdraw'
            ? { ...common, kind: 'withdrawal' as const, from: { user: text(challenge, 'userId') }, to: { system: 'external' as const }, limits }
            : { ...common, kind: 'deposit' as const, from: { system: 'external' as const }, to: { user: text(challenge, 'userId') } };
  const receipt = await move(ctx.store.ledger, movement);
  return receipt.ok ? ok({ kind: 'transfer', receipt: receipt.value }) : receipt;
}

const MONEY_KINDS = new Set(['send', 'pay_request', 'refund', 'withdraw', 'deposit']);

/** Money movements are keyed by their challenge, so running one again only reads its first outcome. */
export function movesMoney(challenge: Challenge): boolean {
  return MONEY_KINDS.has(challenge.kind);
}

const REFUSALS: Record<string, ErrorCode> = {
  cancelled: 'challenge.cancelled',
  not_frozen: 'account.not_frozen',
  frozen_by_operator: 'account.frozen_by_operator',
  frozen_by_owner: 'account.frozen_by_owner',
  not_empty: 'account.not_empty',
  open_requests: 'account.open_requests',
  code_used: 'link.code_used',
  identity_in_use: 'link.identity_in_use',
  last_identity: 'account.last_identity',
};

function settled<T extends Effect>(result: string, effect: T): Outcome<Effect> {
  return result === 'done' ? ok(effect) : fail(REFUSALS[result] ?? 'challenge.cancelled');
}

/** Runs a confirmed challenge. Each executor completes the challenge in its own transaction. */
const OPERATOR_KINDS = new Set(['deposit', 'withdraw', 'decide_verification', 'freeze_user', 'unfreeze_user']);

export async function execute(ctx: WalletContext, challenge: Challenge, ownerLabel: string): Promise<Outcome<Effect>> {
  const { accounts } = ctx.store;
  // ADMIN_IDS may have changed since the challenge was prepared
  if (OPERATOR_KINDS.has(challenge.kind) && !ctx.isOperator(challenge.origin)) return fail('operator.required');
  const identity = { platform: text(challenge, 'platform') as Platform, platformUserId: text(challenge, 'platformUserId') };
  switch (challenge.kind) {
    case 'send':
    case 'pay_request':
    case 'refund':
    case 'withdraw':
    case 'deposit':
      return transfer(ctx, challenge);
    case 'unfreeze':
      return settled(await accounts.unfreeze(challenge.userId, challenge.id, 'owner'), { kind: 'unfrozen' });
    case 'unfreeze_user': {
      const target = text(challenge, 'userId');
      return settled(await accounts.unfreeze(target, challenge.id, 'operator'), { kind: 'user_unfrozen', userId: target });
    }
    case 'close_account':
      return settled(await accounts.close(challenge.userId, challenge.id, ctx.clock.now()), { kind: 'closed' });
    case 'link_identity':
      return settled(await accounts.link(challenge.userId, identity, text(challenge, 'codeHash'), challenge.id), {
        kind: 'identity_linked',
        platform: identity.platform,
      });
    case 'unlink_identity':
      return settled(await accounts.unlink(challenge.userId, identity, challenge.id), {
        kind: 'identity_unlinked',
        platform: identity.platform,
      });
    case 'decide_verification': {
      const decided = await decideVerification(ctx, {
        operatorId: challenge.userId,
        id: text(challenge, 'verificationId'),
        approve: challenge.payload.approve === true,
        reason: text(challenge, 'reason'),
        challengeId: challenge.id,
      });
      return decided.ok ? ok({ kind: 'verification_decided', verification: decided.value }) : decided;
    }
    case 'freeze_user': {
      const target = text(challenge, 'userId');
      const frozen = await accounts.freezeByOperator(target, challenge.id);
      return frozen === 'done' ? ok({ kind: 'user_frozen', userId: target }) : fail(frozen === 'cancelled' ? 'challenge.cancelled' : 'user.not_found');
    }
    case 'reset_authenticator': {
      const reset = await accounts.resetAuthenticator(challenge.userId, challenge.id);
      if (reset !== 'done') return fail('challenge.cancelled');
      const owner = await ctx.store.users.getUser(challenge.userId);
      const enrollment = await beginEnrollment(ctx, owner!, ownerLabel);
      return enrollment.ok ? ok({ kind: 'authenticator_reset', enrollment: enrollment.value }) : enrollment;
    }
  }
}
