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
  const frozen = await ctx.store.accounts.freeze(actor.user.id, actor.user.id);
  return frozen ? ok(frozen) : fail('user.not_found');
}

/**
 * Operators can freeze any wallet (a report of fraud, a lost phone); unlike the owner's own
 * freeze, an operator's is confirmed with the operator's code, so a stolen operator chat alone
 * cannot lock people out.
 */
export async function prepareOperatorFreeze(
  ctx: WalletContext,
  input: { key: string; operator: Actor; targetUserId: UserId },
): Promise<Outcome<Challenge>> {
  if (!ctx.isOperator(input.operator.identity)) return fail('operator.required');
  const active = requireActive(input.operator.user);
  if (!active.ok) return active;
  if (input.targetUserId === input.operator.user.id) return fail('operator.self');
  const target = await ctx.store.users.getUser(input.targetUserId);
  if (!target) return fail('user.not_found', { party: 'recipient' });
  if (target.status === 'closed') return fail('account.closed', { party: 'recipient' });
  return openChallenge(ctx, {
    key: input.key,
    owner: input.operator.user,
    origin: input.operator.identity,
    kind: 'freeze_user',
    payload: { userId: target.id },
  });
}

/** Unfreezing needs proof: a code or a recovery code. */
export function prepareUnfreeze(ctx: WalletContext, input: { key: string; actor: Actor }): Promise<Outcome<Challenge>> {
  if (input.actor.user.status !== 'frozen') return Promise.resolve(fail('account.not_frozen'));
  return openChallenge(ctx, { key: input.key, owner: input.actor.user, origin: input.actor.identity, kind: 'unfreeze', payload: {} });
}

/** Closing needs a zero balance everywhere, no open requests and nothing else pending. */
export async function prepareClose(ctx: WalletContext, input: { key: string; actor: Actor }): Promise<Outcome<Challenge>> {
  if (input.actor.user.status !== 'active') return fail(`account.${input.actor.user.status}` as 'account.frozen', { party: 'sender' });
  const pending = await ctx.store.challenges.findPending(input.actor.identity);
  const blocker = await ctx.store.accounts.closeBlockers(input.actor.user.id, ctx.clock.now(), pending?.id);
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
