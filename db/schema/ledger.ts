import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref } from './columns.js';
import { users } from './users.js';

/** One per user and currency, plus system accounts (external rails, fees) that may go negative. */
export const accounts = pgTable(
  'accounts',
  {
    id: id(),
    userId: ref('user_id').references(() => users.id),
    systemCode: text('system_code'),
    currency: text().notNull(),
    /** Applied balance; credits still in pending_deltas are added on read. */
    balance: bigint({ mode: 'bigint' }).notNull().default(sql`0`),
    /**
     * Copy of users.status, changed in the same transaction as it, so the debit statement that
     * locks this row also sees a freeze that committed while it waited.
     */
    ownerStatus: text('owner_status').notNull().default('active'),
    /**
     * Limit-counted outflow since `outflow_since`, which is always at least 24 hours ago: while
     * it plus a payment stays under the daily limit, the exact rolling sum need not be taken.
     * Until the first recomputation it is `-infinity` (everything since the account opened), never
     * the database's clock: a claim's give-back compares it with the wallet's time (0020).
     */
    outflowSince: timestamp('outflow_since', { withTimezone: true }).notNull().default(sql`'-infinity'`),
    outflowTotal: bigint('outflow_total', { mode: 'bigint' }).notNull().default(sql`0`),
    allowNegative: boolean('allow_negative').notNull().default(false),
    /** Test money: a sandbox twin's account or the `sandbox` system account, set on insert by a trigger (0024). */
    sandbox: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('accounts_user_currency').on(t.userId, t.currency).where(sql`${t.userId} is not null`),
    uniqueIndex('accounts_system_currency').on(t.systemCode, t.currency).where(sql`${t.systemCode} is not null`),
    check('accounts_one_owner', sql`(${t.userId} is null) <> (${t.systemCode} is null)`),
    check('accounts_non_negative', sql`${t.allowNegative} or ${t.balance} >= 0`),
    check('accounts_owner_status_valid', sql`${t.ownerStatus} in ('active', 'frozen', 'closed')`),
  ],
);

/**
 * Every keyed request to move money, in the order received. A `completed` transfer has entries
 * summing to zero; a `failed` one records the refusal so a replay of its key gets the same answer.
 * The row is written first, so its unique key is also what makes concurrent duplicates wait.
 */
export const transfers = pgTable(
  'transfers',
  {
    id: id(),
    kind: text().notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    currency: text().notNull(),
    amount: bigint({ mode: 'bigint' }).notNull(),
    status: text().notNull().default('completed'),
    errorCode: text('error_code'),
    errorParams: jsonb('error_params'),
    memo: text(),
    fromAccountId: ref('from_account_id'),
    toAccountId: ref('to_account_id'),
    fromUserId: ref('from_user_id'),
    toUserId: ref('to_user_id'),
    /** For refunds: the transfer being returned. */
    relatedTransferId: ref('related_transfer_id'),
    /** How much of this transfer has been refunded so far; never above `amount`. */
    refunded: bigint({ mode: 'bigint' }).notNull().default(sql`0`),
    /** For payments of a payment request. */
    requestId: ref('request_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('transfers_idempotency_key').on(t.idempotencyKey),
    index('transfers_outgoing_recent').on(t.fromAccountId, t.createdAt),
    check('transfers_refunded_range', sql`${t.refunded} between 0 and ${t.amount}`),
    check('transfers_amount_positive', sql`${t.amount} > 0`),
    check('transfers_status_valid', sql`${t.status} in ('completed', 'failed')`),
  ],
);

/**
 * Double-entry lines: each transfer's entries sum to zero. `balance_after` is filled when
 * the entry is applied to its account; a credit parked in pending_deltas gets it on folding.
 */
export const entries = pgTable(
  'entries',
  {
    id: id(),
    transferId: ref('transfer_id').notNull(),
    accountId: ref('account_id').notNull(),
    userId: ref('user_id'),
    amount: bigint({ mode: 'bigint' }).notNull(),
    balanceAfter: bigint('balance_after', { mode: 'bigint' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('entries_transfer').on(t.transferId),
    index('entries_user_newest').on(t.userId, t.id.desc()).where(sql`${t.userId} is not null`),
  ],
);

/**
 * Deltas not yet applied to their account's balance row. A credit (or a system-account
 * debit) that finds the account row locked parks here instead of waiting, so a hot merchant
 * account does not serialize its payers; the next lock holder folds them in.
 */
export const pendingDeltas = pgTable(
  'pending_deltas',
  {
    entryId: bigint('entry_id', { mode: 'bigint' }).primaryKey(),
    accountId: ref('account_id').notNull(),
    amount: bigint({ mode: 'bigint' }).notNull(),
  },
  (t) => [index('pending_deltas_account').on(t.accountId)],
);
