import type { Outcome } from '../errors.js';
import type { Money } from '../money/index.js';
import type { Platform, UserId } from './users.js';

/** Accounts that are not a person's: money entering or leaving the system, fees. */
export type SystemAccount = 'external' | 'fees' | 'claims' | 'sandbox';

export type AccountOwner = { user: UserId } | { system: SystemAccount };

export type TransferKind = 'deposit' | 'withdrawal' | 'send' | 'payment' | 'refund' | 'claim';
export type TransferId = string;

/** Per tier ('0', '1', '2'): [per-transaction, rolling 24 hours] in minor units. */
export type TierLimits = Record<string, [bigint, bigint]>;

/** One money movement as the store must apply it: atomically, once per key. */
export interface Posting {
  key: string;
  /** Hash of the request, so a reused key with other input is detected. */
  fingerprint: string;
  kind: TransferKind;
  from: AccountOwner;
  to: AccountOwner;
  amount: Money;
  memo?: string;
  /** Outgoing limits of the payer's tier, for payments that count against them. */
  limits?: TierLimits;
  /** The transfer a refund returns. */
  relatedTransferId?: TransferId;
  /** The payment request a payment settles. */
  requestId?: string;
  /** The confirmed challenge this movement completes; refused if it was cancelled meanwhile. */
  challengeId?: string;
  /**
   * The wallet clock's now: the movement's time, against which a payment request's expiry and the
   * rolling daily limit are judged. The database's own clock never decides.
   */
  now: Date;
  /**
   * The platform whose chat showed the payer this movement's receipt as they confirmed it: their
   * notice is not sent there again, only to their other platforms. Absent when the payer did not
   * act themselves (an operator's withdrawal), so they hear of it everywhere.
   */
  origin?: Platform;
}

export interface Posted {
  transferId: TransferId;
  createdAt: Date;
  /** Balance of the debited user account right after this movement; absent for system debits. */
  debitedBalanceAfter?: bigint;
}

export interface HistoryRow {
  entryId: bigint;
  transferId: TransferId;
  kind: TransferKind;
  amount: Money;
  memo?: string;
  createdAt: Date;
  counterpartyUserId?: UserId;
  counterpartyUsername?: string;
}

export interface LedgerViolation {
  rule:
    | 'transfer_unbalanced'
    | 'transfer_entries_mismatch'
    | 'balance_mismatch'
    | 'negative_user_balance'
    | 'status_mismatch'
    | 'closed_with_money'
    | 'pending_mismatch'
    | 'claims_mismatch'
    | 'sandbox_mixed';
  detail: string;
}

/**
 * Storage port of the ledger. Implementations must apply each posting in one atomic transaction
 * that is correct with many processes on one database.
 */
export interface LedgerPort {
  balances(userId: UserId): Promise<Money[]>;
  post(posting: Posting): Promise<Outcome<Posted>>;
  /** Newest first, strictly older than `beforeEntryId` when given. */
  history(userId: UserId, beforeEntryId: bigint | undefined, limit: number): Promise<HistoryRow[]>;
  /** The transfer as its payee sees it, for refunds: amount, parties, what is left to refund. */
  getTransfer(id: TransferId): Promise<TransferRecord | undefined>;
  checkLedger(): Promise<LedgerViolation[]>;
}

export interface TransferRecord {
  id: TransferId;
  kind: TransferKind;
  status: 'completed' | 'failed';
  amount: Money;
  refunded: bigint;
  fromUserId?: UserId;
  toUserId?: UserId;
  memo?: string;
  createdAt: Date;
}
