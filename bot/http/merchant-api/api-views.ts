import { toDecimalString } from '../../../core/money/index.js';
import type { HistoryItem } from '../../../core/ledger/history.js';
import type { PaymentRequest } from '../../../core/ports/index.js';
import type { Wallet } from '../../../core/wallet.js';
import { transferRef } from '../../replies/refs.js';
import type { PaymentRequestView } from './api-schemas.js';

/** Where links point: the public address of this server and, when known, the Telegram bot's username. */
export interface LinkConfig {
  publicUrl: string;
  telegramBot?: string;
}

async function paidPart(wallet: Wallet, request: PaymentRequest): Promise<PaymentRequestView['paid']> {
  if (request.status !== 'paid' || !request.paidTransferId) return null;
  const transfer = await wallet.getTransfer(request.merchantId, request.paidTransferId);
  if (!transfer?.fromUserId) return null;
  return {
    by: (await wallet.payerSeenBy(request.merchantId, transfer)) ?? { handle: null, platform: null },
    transfer: transferRef(transfer.id),
    refunded: toDecimalString({ currency: transfer.amount.currency, minor: transfer.refunded }),
    paid_at: transfer.createdAt.toISOString(),
  };
}

/** A payment request as the API shows it to its merchant, with every way to pay it. */
export async function requestView(wallet: Wallet, links: LinkConfig, request: PaymentRequest): Promise<PaymentRequestView> {
  const id = request.publicId;
  return {
    id,
    object: 'payment_request',
    livemode: !(await wallet.isSandbox(request.merchantId)),
    status: request.status,
    amount: toDecimalString(request.amount),
    currency: request.amount.currency,
    description: request.memo ?? null,
    payer: await wallet.namedPayerOf(request.merchantId, request),
    expires_at: request.expiresAt.toISOString(),
    created_at: request.createdAt.toISOString(),
    metadata: request.metadata ?? null,
    success_url: request.successUrl ?? null,
    pay_url: `${links.publicUrl.replace(/\/+$/, '')}/pay/${id}`,
    telegram_url: links.telegramBot ? `https://t.me/${links.telegramBot}?start=pay_${id}` : null,
    discord_command: `/pay ${id}`,
    paid: await paidPart(wallet, request),
  };
}

export function transactionView(item: HistoryItem) {
  return {
    id: transferRef(item.transferId),
    kind: item.kind,
    direction: item.direction,
    amount: toDecimalString(item.amount),
    currency: item.amount.currency,
    description: item.memo ?? null,
    counterparty: item.counterparty?.username ?? null,
    created_at: item.createdAt.toISOString(),
  };
}
