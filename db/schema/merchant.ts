import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { at, createdAt, id, ref } from './columns.js';
import { users } from './users.js';

/** A merchant's request to be paid, paid at most once. Expiry is derived from `expires_at`. */
export const paymentRequests = pgTable(
  'payment_requests',
  {
    id: id(),
    merchantId: ref('merchant_id').notNull().references(() => users.id),
    currency: text().notNull(),
    amount: bigint({ mode: 'bigint' }).notNull(),
    memo: text(),
    /** When set, only this user may pay. */
    payerId: ref('payer_id'),
    status: text().notNull().default('open'),
    paidTransferId: ref('paid_transfer_id'),
    createKey: text('create_key').notNull(),
    requestHash: text('request_hash').notNull(),
    expiresAt: at('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('payment_requests_create_key').on(t.createKey),
    index('payment_requests_merchant_open').on(t.merchantId).where(sql`${t.status} = 'open'`),
    check('payment_requests_status_valid', sql`${t.status} in ('open', 'paid', 'cancelled')`),
    check('payment_requests_amount_positive', sql`${t.amount} > 0`),
  ],
);

/** A payer asking the payee to return a payment; the payee refunds or declines. */
export const refundAsks = pgTable(
  'refund_asks',
  {
    id: id(),
    transferId: ref('transfer_id').notNull(),
    askedBy: ref('asked_by').notNull(),
    reason: text(),
    status: text().notNull().default('open'),
    createdAt: createdAt(),
    decidedAt: at('decided_at'),
  },
  (t) => [
    uniqueIndex('refund_asks_one_open').on(t.transferId).where(sql`${t.status} = 'open'`),
    check('refund_asks_status_valid', sql`${t.status} in ('open', 'refunded', 'declined')`),
  ],
);
