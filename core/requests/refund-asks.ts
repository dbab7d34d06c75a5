import type { Actor, WalletContext } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import { checkMemo } from '../ledger/move-money.js';
import type { RefundAsk } from '../ports/index.js';
import { refundable } from './refund.js';

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
