import { openChallenge, requireActive } from '../confirmation/open-challenge.js';
import { spendCode } from '../security/verify-code.js';
import type { Actor, WalletContext } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import type { Challenge, IdentityRef, User, UserId } from '../ports/index.js';

/**
 * Freezes the wallet at once, with no code: the person may be reacting to a payment they did not
 * make. Every prepared action is cancelled in the same transaction, so none can run after it.
 */
export async function freeze(ctx: WalletContext, actor: Actor): Promise<Outcome<{ user: User; changed: boolean }>> {
  if (actor.user.status === 'closed') return fail('account.closed', { party: 'sender' });
  const frozen = await ctx.store.lifecycle.freeze(actor.user.id);
  return frozen ? ok(frozen) : fail('user.not_found');
}

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

/** Unfreezing needs proof, a code or a recovery code, and only lifts a freeze the owner made. */
export function prepareUnfreeze(ctx: WalletContext, input: { key: string; actor: Actor }): Promise<Outcome<Challenge>> {
  if (input.actor.user.status !== 'frozen') return Promise.resolve(fail('account.not_frozen'));
  if (input.actor.user.frozenBy === 'operator') return Promise.resolve(fail('account.frozen_by_operator'));
  return openChallenge(ctx, { key: input.key, owner: input.actor.user, origin: input.actor.identity, kind: 'unfreeze', payload: {} });
}

/** Closing needs a zero balance everywhere, no open requests and nothing else pending. */
export async function prepareClose(ctx: WalletContext, input: { key: string; actor: Actor }): Promise<Outcome<Challenge>> {
  if (input.actor.user.status !== 'active') return fail(`account.${input.actor.user.status}` as 'account.frozen', { party: 'sender' });
  const pending = await ctx.store.challenges.findPending(input.actor.identity);
  const blocker = await ctx.store.lifecycle.closeBlockers(input.actor.user.id, ctx.clock.now(), pending?.id);
  if (blocker) return fail(`account.${blocker}`);
  return openChallenge(ctx, { key: input.key, owner: input.actor.user, origin: input.actor.identity, kind: 'close_account', payload: {} });
}

/**
 * Replacing a lost or compromised authenticator: confirmed with the current code or, when the
 * phone is gone, a recovery code (the chat version of "forgot password").
 */
export function prepareResetAuthenticator(ctx: WalletContext, input: { key: string; actor: Actor }): Promise<Outcome<Challenge>> {
  if (input.actor.user.status === 'closed') return Promise.resolve(fail('account.closed', { party: 'sender' }));
  return openChallenge(ctx, {
    key: input.key,
    owner: input.actor.user,
    origin: input.actor.identity,
    kind: 'reset_authenticator',
    payload: {},
  });
}

/** Cancels this identity's pending challenge, e.g. when its code was typed in a group. */
export function cancelPending(ctx: WalletContext, identity: IdentityRef): Promise<Challenge | undefined> {
  return ctx.store.challenges.cancelPending(identity);
}

/**
 * A live code typed where others can read it (a group) is burnt — its time step, or the recovery
 * code, can no longer confirm anything — and the pending action is cancelled. Returns whether the
 * text was a live code (a six-digit amount in a group is not one).
 */
export async function discardExposedCode(
  ctx: WalletContext,
  input: { identity: IdentityRef; user: User; code: string },
): Promise<boolean> {
  const spent = await spendCode(ctx, input.user, input.code.trim());
  if (spent) await ctx.store.challenges.cancelPending(input.identity);
  return spent;
}
