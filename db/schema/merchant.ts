import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { at, createdAt, id, ref } from './columns.js';
import { users } from './users.js';

/** A merchant's request to be paid, paid at most once. Expiry is derived from `expires_at`. */
export const paymentRequests = pgTable(
  'payment_requests',
  {
    id: id(),
    /** What the API, links and pages name it by: random, so ids cannot be counted or guessed. */
    publicId: text('public_id').notNull().default(sql`'pr_' || replace(gen_random_uuid()::text, '-', '')`),
    merchantId: ref('merchant_id').notNull().references(() => users.id),
    currency: text().notNull(),
    amount: bigint({ mode: 'bigint' }).notNull(),
    memo: text(),
    /** When set, only this user may pay. */
    payerId: ref('payer_id'),
    /** The platform the payer was named on, the one identity of theirs a merchant may see. */
    payerPlatform: text('payer_platform'),
    status: text().notNull().default('open'),
    paidTransferId: ref('paid_transfer_id'),
    /** The merchant's own data, returned as given (API only, at most 4 KB). */
    metadata: jsonb(),
    /** Where the hosted page sends the payer once paid (API only). */
    successUrl: text('success_url'),
    createKey: text('create_key').notNull(),
    requestHash: text('request_hash').notNull(),
    expiresAt: at('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('payment_requests_create_key').on(t.createKey),
    uniqueIndex('payment_requests_public_id').on(t.publicId),
    index('payment_requests_merchant').on(t.merchantId, t.id),
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

/** A wallet that accepts payments under a display name (`/merchant NAME`). */
export const merchants = pgTable('merchants', {
  userId: ref('user_id').primaryKey().references(() => users.id),
  displayName: text('display_name').notNull(),
  /** The one site (an origin) allowed to frame this merchant's checkout pages; null: none may. */
  embedOrigin: text('embed_origin'),
  createdAt: createdAt(),
});

/** A merchant's secret API key, kept only as its SHA-256; `last4` names it in listings. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: id(),
    merchantId: ref('merchant_id').notNull().references(() => users.id),
    mode: text().notNull().default('live'),
    keyHash: text('key_hash').notNull(),
    last4: text().notNull(),
    /** The confirmed challenge that issued it: a replayed confirmation issues no second key. */
    challengeId: ref('challenge_id').notNull(),
    createdAt: createdAt(),
    revokedAt: at('revoked_at'),
  },
  (t) => [
    uniqueIndex('api_keys_hash').on(t.keyHash),
    uniqueIndex('api_keys_challenge').on(t.challengeId),
    index('api_keys_merchant').on(t.merchantId),
    check('api_keys_mode_valid', sql`${t.mode} in ('live', 'test')`),
  ],
);

/**
 * The first answer to a merchant's POST under an `Idempotency-Key`, kept byte for byte. `started_at`
 * is the wallet clock's time; a row still `running` is a request in progress in some process.
 */
export const apiIdempotency = pgTable(
  'api_idempotency',
  {
    merchantId: ref('merchant_id').notNull(),
    key: text().notNull(),
    requestHash: text('request_hash').notNull(),
    /** Who holds the run: drawn at each claim, so a taken-over run's first process cannot keep or drop the new one's answer. */
    runId: text('run_id').notNull().default(''),
    state: text().notNull().default('running'),
    status: integer(),
    body: text(),
    startedAt: at('started_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.merchantId, t.key] }),
    check('api_idempotency_state_valid', sql`${t.state} in ('running', 'done')`),
  ],
);
