import { createHash } from 'node:crypto';
import { requireActive } from '../confirmation/open-challenge.js';
import type { WalletContext } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import { CURSOR, decodeCursor } from '../ledger/history.js';
import { move, type TransferReceipt } from '../ledger/move-money.js';
import { checkMovable, money, parseAmount } from '../money/index.js';
import type { PaymentRequest, Platform, RequestStatus, User, UserId } from '../ports/index.js';
import { cancelRequest } from '../requests/cancel-request.js';
import { createRequest } from '../requests/create-request.js';
import { refundable } from '../requests/refund.js';
import { requireMerchant } from './merchants.js';

export interface ApiRequestInput {
  merchant: User;
  /** The merchant's Idempotency-Key: the same key never creates a second request. */
  key: string;
  amount: { decimal: string; currency: string };
  description?: string;
  payer?: { handle: string; platform: Platform };
  expiresInSeconds?: number;
  metadata?: Record<string, unknown>;
  successUrl?: string;
}

/**
 * Keys are per merchant: two merchants may send the same Idempotency-Key. The merchant's key is
 * hashed so that any key the API accepts (up to its 200 characters) fits the wallet's own limit
 * once prefixed, instead of failing there with a chat-worded refusal.
 */
const scoped = (merchantId: UserId, key: string) => `api:${merchantId}:${createHash('sha256').update(key).digest('hex')}`;

/** Creates a payment request for a merchant's API call, with the same rules as `/request` in chat. */
export async function createApiRequest(ctx: WalletContext, input: ApiRequestInput): Promise<Outcome<PaymentRequest>> {
  const merchant = await requireMerchant(ctx, input.merchant.id);
  if (!merchant.ok) return merchant;
  const amount = parseAmount(input.amount.decimal, input.amount.currency);
  if (!amount.ok) return amount;
  const named = input.payer ? await ctx.store.users.findUserByUsername(input.payer.platform, input.payer.handle) : undefined;
  if (input.payer && !named) return fail('user.not_found', { party: 'payer' });
  // a test request names the payer's sandbox twin, the wallet that will pay it
  const payer = named && input.merchant.sandboxOf ? await ctx.store.sandbox.twinOf(named.id) : named;
  return createRequest(ctx, {
    key: scoped(input.merchant.id, input.key),
    merchant: { user: input.merchant },
    amount: amount.value,
    memo: input.description,
    payerId: payer?.id,
    payerPlatform: input.payer?.platform,
    ttlMs: input.expiresInSeconds === undefined ? undefined : input.expiresInSeconds * 1000,
    metadata: input.metadata,
    successUrl: input.successUrl,
  });
}

/**
 * A merchant's request by its public id. Another merchant's id is `request.not_found`, exactly as
 * an id that does not exist, so a key cannot learn what others have.
 */
export async function getMerchantRequest(ctx: WalletContext, merchantId: UserId, publicId: string): Promise<Outcome<PaymentRequest>> {
  const request = await ctx.store.requests.getByPublicId(publicId, ctx.clock.now());
  return request && request.merchantId === merchantId ? ok(request) : fail('request.not_found');
}

export interface RequestPage {
  items: PaymentRequest[];
  nextCursor?: string;
}

/** Newest first; the cursor is the last request seen (base 36), so new requests never shift a page. */
export async function listMerchantRequests(
  ctx: WalletContext,
  input: { merchantId: UserId; status?: RequestStatus; cursor?: string; limit: number },
): Promise<Outcome<RequestPage>> {
  if (input.cursor !== undefined && !CURSOR.test(input.cursor)) return fail('history.invalid_cursor');
  const beforeId = input.cursor === undefined ? undefined : decodeCursor(input.cursor);
  const rows = await ctx.store.requests.listByMerchant(
    input.merchantId,
    { status: input.status, beforeId: beforeId?.toString(), limit: input.limit + 1 },
    ctx.clock.now(),
  );
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return ok({ items, ...(rows.length > input.limit && last ? { nextCursor: BigInt(last.id).toString(36) } : {}) });
}

export async function cancelMerchantRequest(ctx: WalletContext, merchant: User, publicId: string): Promise<Outcome<PaymentRequest>> {
  const request = await getMerchantRequest(ctx, merchant.id, publicId);
  if (!request.ok) return request;
  return cancelRequest(ctx, { user: merchant }, request.value.id);
}

export interface ApiRefund {
  request: PaymentRequest;
  receipt: TransferReceipt;
  /** What is left to refund of the payment after this one, in minor units. */
  remaining: bigint;
}

/**
 * Refunds all (no amount) or part of a paid request to its payer, with the caps of a refund in
 * chat: only what is left, in the payment's currency, from an active wallet. The API key stands
 * for the merchant here, so no code is asked; the ledger key comes from the Idempotency-Key, so a
 * retry never refunds twice and racing refunds never pass the amount paid.
 */
export async function refundMerchantRequest(
  ctx: WalletContext,
  input: { merchant: User; publicId: string; key: string; amount?: { decimal: string; currency: string }; memo?: string },
): Promise<Outcome<ApiRefund>> {
  const request = await getMerchantRequest(ctx, input.merchant.id, input.publicId);
  if (!request.ok) return request;
  const active = requireActive(input.merchant);
  if (!active.ok) return active;
  if (request.value.status !== 'paid' || !request.value.paidTransferId) return fail('request.not_paid');
  const found = await refundable(ctx, request.value.paidTransferId);
  if (!found.ok) return found;
  const transfer = found.value;
  const left = transfer.amount.minor - transfer.refunded;
  const currency = transfer.amount.currency;
  const amount = input.amount ? parseAmount(input.amount.decimal, input.amount.currency) : checkMovable(money(currency, left));
  if (left <= 0n) return fail('refund.exceeds_remaining', { remaining: '0', currency });
  if (!amount.ok) return amount;
  if (amount.value.currency !== currency) return fail('money.unsupported_currency', { currency: amount.value.currency });
  if (amount.value.minor > left) return fail('refund.exceeds_remaining', { remaining: left.toString(), currency });
  const receipt = await move(ctx.store.ledger, {
    key: `refund:${scoped(input.merchant.id, input.key)}`,
    kind: 'refund',
    from: { user: input.merchant.id },
    to: { user: transfer.fromUserId! },
    amount: amount.value,
    relatedTransferId: transfer.id,
    memo: input.memo,
    now: ctx.clock.now(),
  });
  if (!receipt.ok) return receipt;
  const after = await ctx.store.ledger.getTransfer(transfer.id);
  return ok({ request: request.value, receipt: receipt.value, remaining: after ? after.amount.minor - after.refunded : 0n });
}
