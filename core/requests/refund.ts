import { openChallenge, requireActive } from '../confirmation/open-challenge.js';
import type { Actor, WalletContext } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import { checkMemo } from '../ledger/move-money.js';
import { checkMovable, money, type Money } from '../money/index.js';
import type { Challenge, TransferRecord } from '../ports/index.js';

const REFUNDABLE = new Set(['send', 'payment']);

/** A completed payment between two people: the only kind that can be refunded or asked back. */
export async function refundable(ctx: WalletContext, transferId: string): Promise<Outcome<TransferRecord>> {
  const transfer = await ctx.store.ledger.getTransfer(transferId);
  if (!transfer || transfer.status !== 'completed') return fail('refund.not_found');
  if (!REFUNDABLE.has(transfer.kind) || !transfer.fromUserId || !transfer.toUserId) return fail('refund.not_refundable');
  return ok(transfer);
}

/**
 * Prepares returning all or part of a payment to its payer. Only the payee can; the amount
 * defaults to what is left, and the ledger refuses anything past it even under racing refunds.
 */
export async function prepareRefund(
  ctx: WalletContext,
  input: { key: string; actor: Actor; transferId: string; amount?: Money; memo?: string },
): Promise<Outcome<Challenge>> {
  const active = requireActive(input.actor.user);
  if (!active.ok) return active;
  const found = await refundable(ctx, input.transferId);
  if (!found.ok) return found;
  const transfer = found.value;
  if (transfer.toUserId !== input.actor.user.id) return fail('refund.not_refundable');
  const left = transfer.amount.minor - transfer.refunded;
  const amount = input.amount ?? money(transfer.amount.currency, left);
  if (amount.currency !== transfer.amount.currency) return fail('money.unsupported_currency', { currency: amount.currency });
  const movable = checkMovable(amount);
  if (left <= 0n) return fail('refund.exceeds_remaining', { remaining: '0', currency: amount.currency });
  if (!movable.ok) return movable;
  if (amount.minor > left) return fail('refund.exceeds_remaining', { remaining: left.toString(), currency: amount.currency });
  const memo = checkMemo(input.memo);
  if (!memo.ok) return memo;
  return openChallenge(ctx, {
    key: input.key,
    owner: input.actor.user,
    origin: input.actor.identity,
    kind: 'refund',
    payload: {
      transferId: transfer.id,
      toUserId: transfer.fromUserId!,
      currency: amount.currency,
      minor: amount.minor.toString(),
      memo: memo.value ?? null,
    },
  });
}
