import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { at, createdAt, id, ref } from './columns.js';
import { users } from './users.js';

/**
 * A merchant's webhook endpoint (one per merchant). The signing secret is sealed with the wallet's
 * secret box, never stored in the clear; `challenge_id` is the confirmation that last set it, so a
 * replayed confirmation makes no second secret. `failing` is set when an event gave up after 3 days.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    merchantId: ref('merchant_id').primaryKey().references(() => users.id),
    url: text().notNull(),
    secretSealed: text('secret_sealed').notNull(),
    challengeId: ref('challenge_id').notNull(),
    failing: boolean().notNull().default(false),
    updatedAt: createdAt(),
  },
  (t) => [uniqueIndex('webhook_endpoints_challenge').on(t.challengeId)],
);

/**
 * An event for a merchant, written by triggers in the transaction of the change it reports, once
 * per (type, subject). Its delivery state lives on the row: `pending` rows are due at `next_at`
 * (null: now) and are leased to one process per attempt.
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: id(),
    publicId: text('public_id').notNull().default(sql`'evt_' || replace(gen_random_uuid()::text, '-', '')`),
    merchantId: ref('merchant_id').notNull(),
    type: text().notNull(),
    subjectId: bigint('subject_id', { mode: 'bigint' }).notNull(),
    data: jsonb().notNull(),
    state: text().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    firstAttemptAt: at('first_attempt_at'),
    nextAt: at('next_at'),
    leaseOwner: text('lease_owner'),
    leaseUntil: at('lease_until'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('webhook_events_once').on(t.type, t.subjectId),
    uniqueIndex('webhook_events_public_id').on(t.publicId),
    index('webhook_events_merchant').on(t.merchantId, t.id),
    index('webhook_events_pending').on(t.nextAt).where(sql`${t.state} = 'pending'`),
    check('webhook_events_state_valid', sql`${t.state} in ('pending', 'succeeded', 'failed', 'unsent')`),
  ],
);

/** One attempt to deliver an event, numbered: the unique number makes a second send of one attempt impossible to record. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: id(),
    eventId: ref('event_id').notNull(),
    number: integer().notNull(),
    at: at('at').notNull(),
    statusCode: integer('status_code'),
    error: text(),
    succeeded: boolean().notNull(),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [uniqueIndex('webhook_attempts_once').on(t.eventId, t.number)],
);
