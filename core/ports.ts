import type { Outcome } from './errors.js';
import type { Money } from './money/index.js';

/** Chat platforms a person can reach the wallet from. */
export type Platform = 'telegram' | 'discord' | 'console';
export const PLATFORMS: readonly Platform[] = ['telegram', 'discord', 'console'];

/** Database ids cross the port as decimal strings: exact, and JSON-safe for button payloads. */
export type UserId = string;
export type TransferId = string;

export type UserStatus = 'active' | 'frozen' | 'closed';

export interface User {
  id: UserId;
  status: UserStatus;
  locale: string;
  tier: number;
  createdAt: Date;
}

export interface IdentityRef {
  platform: Platform;
  platformUserId: string;
}

export interface IdentityProfile extends IdentityRef {
  /** Platform handle without the @, if the person has one. */
  username?: string;
  /** Platform language on first contact, e.g. `zh-CN`. */
  locale?: string;
}

/** Accounts that are not a person's: money entering or leaving the system, fees. */
export type SystemAccount = 'external' | 'fees';

export type AccountOwner = { user: UserId } | { system: SystemAccount };

export type TransferKind = 'deposit' | 'withdrawal' | 'send';

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
    | 'pending_mismatch';
  detail: string;
}

/**
 * Storage port of the wallet. Implementations must apply each posting in one atomic
 * transaction that is correct with many processes on one database.
 */
export interface WalletStore {
  /** Finds the identity's wallet or creates user, identity and wallet together. */
  registerIdentity(profile: IdentityProfile): Promise<{ user: User; created: boolean }>;
  findUserByIdentity(ref: IdentityRef): Promise<User | undefined>;
  findUserByUsername(platform: Platform, username: string): Promise<User | undefined>;
  getUser(id: UserId): Promise<User | undefined>;
  /** Changes the status of a wallet and of every account it holds, atomically. */
  setStatus(id: UserId, status: UserStatus): Promise<User | undefined>;
  balances(userId: UserId): Promise<Money[]>;
  post(posting: Posting): Promise<Outcome<Posted>>;
  /** Newest first, strictly older than `beforeEntryId` when given. */
  history(userId: UserId, beforeEntryId: bigint | undefined, limit: number): Promise<HistoryRow[]>;
  checkLedger(): Promise<LedgerViolation[]>;
}
