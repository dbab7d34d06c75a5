import type { WalletContext } from '../context.js';
import type { PaymentRequest, RefundAsk, TransferRecord, UserId } from '../ports/index.js';

/** A transfer as one of its two parties sees it; to anyone else it does not exist. */
export async function getTransferFor(ctx: WalletContext, viewerId: UserId, transferId: string): Promise<TransferRecord | undefined> {
  const transfer = await ctx.store.ledger.getTransfer(transferId);
  return transfer && (transfer.fromUserId === viewerId || transfer.toUserId === viewerId) ? transfer : undefined;
}

/** A refund ask as its payer or its payee sees it; to anyone else it does not exist. */
export async function getRefundAskFor(ctx: WalletContext, viewerId: UserId, askId: string): Promise<RefundAsk | undefined> {
  const ask = await ctx.store.requests.getRefundAsk(askId);
  if (!ask) return undefined;
  if (ask.askedBy === viewerId) return ask;
  const transfer = await ctx.store.ledger.getTransfer(ask.transferId);
  return transfer?.toUserId === viewerId ? ask : undefined;
}

/** A request by the public id its links and pages carry: anyone holding the link may see and pay it. */
export function getRequestByPublicId(ctx: WalletContext, publicId: string): Promise<PaymentRequest | undefined> {
  return ctx.store.requests.getByPublicId(publicId, ctx.clock.now());
}
