import { openChallenge, requireActive } from '../confirmation/open-challenge.js';
import type { Actor, WalletContext } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import type { Challenge, User, UserId } from '../ports/index.js';

/** The operator acting on someone else's wallet, and that wallet, once both are checked. */
async function operatorTarget(ctx: WalletContext, operator: Actor, targetUserId: UserId): Promise<Outcome<User>> {
  if (!ctx.isOperator(operator.identity)) return fail('operator.required');
  const active = requireActive(operator.user);
  if (!active.ok) return active;
  if (targetUserId === operator.user.id) return fail('operator.self');
  const target = await ctx.store.users.getUser(targetUserId);
  return target ? ok(target) : fail('user.not_found', { party: 'recipient' });
}

/**
 * Operators can freeze any wallet (a report of fraud, a lost phone); unlike the owner's own
 * freeze, an operator's is confirmed with the operator's code, so a stolen operator chat alone
 * cannot lock people out. It also takes over a freeze the owner made.
 */
export async function prepareOperatorFreeze(
  ctx: WalletContext,
  input: { key: string; operator: Actor; targetUserId: UserId },
): Promise<Outcome<Challenge>> {
  const target = await operatorTarget(ctx, input.operator, input.targetUserId);
  if (!target.ok) return target;
  if (target.value.status === 'closed') return fail('account.closed', { party: 'recipient' });
  return openChallenge(ctx, {
    key: input.key,
    owner: input.operator.user,
    origin: input.operator.identity,
    kind: 'freeze_user',
    payload: { userId: target.value.id },
  });
}

/**
 * An operator's freeze is lifted only by an operator, confirmed with the operator's code: the
 * owner (or whoever holds the owner's phone) must not undo what an operator decided. An owner's
 * own freeze stays the owner's to lift.
 */
export async function prepareOperatorUnfreeze(
  ctx: WalletContext,
  input: { key: string; operator: Actor; targetUserId: UserId },
): Promise<Outcome<Challenge>> {
  const target = await operatorTarget(ctx, input.operator, input.targetUserId);
  if (!target.ok) return target;
  if (target.value.status !== 'frozen') return fail('account.not_frozen');
  if (target.value.frozenBy === 'owner') return fail('account.frozen_by_owner');
  return openChallenge(ctx, {
    key: input.key,
    owner: input.operator.user,
    origin: input.operator.identity,
    kind: 'unfreeze_user',
    payload: { userId: target.value.id },
  });
}
