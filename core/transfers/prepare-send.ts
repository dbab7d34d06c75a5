import { openChallenge, requireActive, requireAuthenticator } from '../confirmation/open-challenge.js';
import type { Actor, WalletContext } from '../context.js';
import { fail, type Outcome } from '../errors.js';
import type { Money } from '../money/index.js';
import type { Challenge, UserId } from '../ports/index.js';
import { checkFunds, checkOutgoing } from './outgoing-checks.js';

export interface PrepareSendInput {
  key: string;
  actor: Actor;
  toUserId: UserId;
  amount: Money;
  memo?: string;
}

/**
 * Prepares a payment to a friend. Everything that can be known now is checked now (recipient,
 * amount, funds) so the person is not asked for a code for a payment that cannot happen; the
 * ledger checks again, atomically, when the code arrives.
 */
export async function prepareSend(ctx: WalletContext, input: PrepareSendInput): Promise<Outcome<Challenge>> {
  const active = requireActive(input.actor.user);
  if (!active.ok) return active;
  const enrolled = await requireAuthenticator(ctx, input.actor.user);
  if (!enrolled.ok) return enrolled;
  if (input.toUserId === input.actor.user.id) return fail('transfer.self');
  const memo = checkOutgoing(ctx, input.actor.user, input.amount, input.memo);
  if (!memo.ok) return memo;
  const recipient = await ctx.store.users.getUser(input.toUserId);
  if (!recipient) return fail('user.not_found', { party: 'recipient' });
  if (recipient.status === 'closed') return fail('account.closed', { party: 'recipient' });
  const funds = await checkFunds(ctx, input.actor.user, input.amount);
  if (!funds.ok) return funds;
  return openChallenge(ctx, {
    key: input.key,
    owner: input.actor.user,
    origin: input.actor.identity,
    kind: 'send',
    payload: {
      toUserId: input.toUserId,
      currency: input.amount.currency,
      minor: input.amount.minor.toString(),
      memo: memo.value ?? null,
    },
  });
}
