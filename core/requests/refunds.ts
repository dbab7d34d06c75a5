import { openChallenge, requireActive } from '../confirmation/open-challenge.js';
import type { Actor, WalletContext } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import { checkMemo } from '../ledger/move-money.js';
import { checkMovable, money, type Money } from '../money/index.js';
import type { Challenge, RefundAsk, TransferRecord } from '../ports/index.js';

const REFUNDABLE = new Set(['send', 'payment']);

async function refundable(ctx: WalletContext, transferId: string): Promise<Outcome<TransferRecord>> {
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

/** The payer asks for their money back; the payee is notified with Refund / Decline. */
export async function askRefund(
  ctx: WalletContext,
  input: { actor: Actor; transferId: string; reason?: string },
): Promise<Outcome<RefundAsk>> {
  const found = await refundable(ctx, input.transferId);
  if (!found.ok) return found;
  const transfer = found.value;
  if (transfer.fromUserId !== input.actor.user.id) return fail('refund.not_payer');
  if (transfer.refunded >= transfer.amount.minor) return fail('refund.exceeds_remaining', { remaining: '0', currency: transfer.amount.currency });
  const reason = checkMemo(input.reason);
  if (!reason.ok) return reason;
  return ok(await ctx.store.requests.askRefund(transfer.id, input.actor.user.id, transfer.toUserId!, reason.value));
}

/** The payee declines an ask; the payer is told. */
export async function declineRefund(ctx: WalletContext, input: { actor: Actor; askId: string }): Promise<Outcome<RefundAsk>> {
  const ask = await ctx.store.requests.getRefundAsk(input.askId);
  if (!ask) return fail('refund.ask_not_found');
  const transfer = await ctx.store.ledger.getTransfer(ask.transferId);
  if (transfer?.toUserId !== input.actor.user.id) return fail('refund.ask_not_found');
  if (ask.status !== 'open') return ok(ask);
  return ok((await ctx.store.requests.declineRefund(ask.id, input.actor.user.id)) ?? ask);
}
