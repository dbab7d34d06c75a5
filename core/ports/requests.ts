import type { Money } from '../money/index.js';
import type { TransferId } from './ledger.js';
import type { Platform, UserId } from './users.js';

export type RequestStatus = 'open' | 'paid' | 'cancelled' | 'expired';

export interface PaymentRequest {
  id: string;
  /** Random, so the id a merchant's page or link shows cannot be counted or guessed. */
  publicId: string;
  merchantId: UserId;
  amount: Money;
  memo?: string;
  payerId?: UserId;
  /** The platform the payer was named on (the merchant's chat, or the API's `payer.platform`). */
  payerPlatform?: Platform;
  /** `expired` is derived: open past its expiry. */
  status: RequestStatus;
  paidTransferId?: TransferId;
  /** The merchant's own data, as given to the API. */
  metadata?: Record<string, unknown>;
  successUrl?: string;
  expiresAt: Date;
  createdAt: Date;
}

export interface RequestListQuery {
  status?: RequestStatus;
  /** Only requests older than this one (the cursor: the last id of the previous page). */
  beforeId?: string;
  limit: number;
}

export interface NewPaymentRequest {
  merchantId: UserId;
  amount: Money;
  memo?: string;
  payerId?: UserId;
  payerPlatform?: Platform;
  metadata?: Record<string, unknown>;
  successUrl?: string;
  expiresAt: Date;
  createKey: string;
  requestHash: string;
}

export interface RefundAsk {
  id: string;
  transferId: TransferId;
  askedBy: UserId;
  reason?: string;
  status: 'open' | 'refunded' | 'declined';
}

export interface RequestsPort {
  /** Creates once per key; the request is returned as it stands at the wallet's `now`. */
  create(input: NewPaymentRequest, now: Date): Promise<{ request: PaymentRequest } | { conflict: true }>;
  get(id: string, now: Date): Promise<PaymentRequest | undefined>;
  getByPublicId(publicId: string, now: Date): Promise<PaymentRequest | undefined>;
  /** A merchant's requests, newest first; `status` judged at `now` (an open one past its expiry is expired). */
  listByMerchant(merchantId: UserId, query: RequestListQuery, now: Date): Promise<PaymentRequest[]>;
  /** open → cancelled by its merchant; returns the request as it now stands. */
  cancel(id: string, merchantId: UserId, now: Date): Promise<PaymentRequest | undefined>;
  listOpen(merchantId: UserId, now: Date): Promise<PaymentRequest[]>;
  /** Records the ask and notifies the payee with Refund / Decline, atomically; one open ask per transfer. */
  askRefund(transferId: TransferId, askedBy: UserId, payeeId: UserId, reason: string | undefined): Promise<RefundAsk>;
  /** open → declined by the payee, notifying the payer. */
  declineRefund(askId: string, payeeId: UserId): Promise<RefundAsk | undefined>;
  getRefundAsk(askId: string): Promise<RefundAsk | undefined>;
  /** The platform whose chat a payment was confirmed from (its challenge's origin), if it was confirmed in chat. */
  confirmedOn(transferId: TransferId): Promise<Platform | undefined>;
}
