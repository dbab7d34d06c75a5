import { openChallenge, requireActive } from '../confirmation/open-challenge.js';
import type { Actor, WalletContext } from '../context.js';
import { fail, type Outcome } from '../errors.js';
import { checkMemo } from '../ledger/move-money.js';
import { checkMovable, type Money } from '../money/index.js';
import type { Challenge, UserId } from '../ports/index.js';

/**
 * Cash in or out for a user, against the external rails. Only operators may, and each movement
 * is confirmed with the operator's own code, like any other movement of money.
 */
export async function prepareOperatorMove(
  ctx: WalletContext,
  input: { key: string; operator: Actor; kind: 'deposit' | 'withdraw'; userId: UserId; amount: Money; memo?: string },
): Promise<Outcome<Challenge>> {
  if (!ctx.isOperator(input.operator.identity)) return fail('operator.required');
  const active = requireActive(input.operator.user);
  if (!active.ok) return active;
  if (input.userId === input.operator.user.id) return fail('operator.self');
  const amount = checkMovable(input.amount);
  if (!amount.ok) return amount;
  const memo = checkMemo(input.memo);
  if (!memo.ok) return memo;
  const target = await ctx.store.users.getUser(input.userId);
  if (!target) return fail('user.not_found', { party: 'recipient' });
  if (target.status === 'closed') return fail('account.closed', { party: 'recipient' });
  if (input.kind === 'withdraw' && target.status === 'frozen') return fail('account.frozen', { party: 'sender' });
  return openChallenge(ctx, {
    key: input.key,
    owner: input.operator.user,
    origin: input.operator.identity,
    kind: input.kind,
    payload: { userId: input.userId, currency: input.amount.currency, minor: input.amount.minor.toString(), memo: memo.value ?? null },
  });
}
