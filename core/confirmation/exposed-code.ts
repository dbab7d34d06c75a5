import { spendCode } from '../security/verify-code.js';
import type { WalletContext } from '../context.js';
import type { Challenge, IdentityRef, User } from '../ports/index.js';

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
