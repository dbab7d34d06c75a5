import { toDecimalString } from '../../../core/money/index.js';
import type { HistoryItem } from '../../../core/ledger/history.js';
import type { PaymentRequest, UserId } from '../../../core/ports/index.js';
import type { Wallet } from '../../../core/wallet.js';
import { transferRef } from '../../replies/refs.js';
import type { PaymentRequestView } from './api-schemas.js';

/** Where links point: the public address of this server and, when known, the Telegram bot's username. */
export interface LinkConfig {
  publicUrl: string;
  telegramBot?: string;
}

/** A person as a merchant may see them: their handle on one platform, never their wallet id. */
async function personOf(wallet: Wallet, userId: UserId): Promise<{ handle: string | null; platform: string }> {
  const identities = await wallet.identitiesOf(userId);
  const named = identities.find((identity) => identity.username) ?? identities[0];
  return { handle: named?.username ?? null, platform: named?.platform ?? 'unknown' };
}

async function paidPart(wallet: Wallet, request: PaymentRequest): Promise<PaymentRequestView['paid']> {
  if (request.status !== 'paid' || !request.paidTransferId) return null;
  const transfer = await wallet.getTransfer(request.merchantId, request.paidTransferId);
  if (!transfer?.fromUserId) return null;
  return {
    by: await personOf(wallet, transfer.fromUserId),
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
    payer: request.payerId ? await personOf(wallet, request.payerId) : null,
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
