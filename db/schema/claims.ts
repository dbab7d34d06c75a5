import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { at, createdAt, id, ref } from './columns.js';
import { users } from './users.js';

/**
 * Money held in the claims system account for whoever opens a link: a hold for one handle, or a
 * cheque of `slots` parts (`amount` is the whole; the first parts take the odd minor units). Only
 * the hash of the link's secret is kept. `open` past `expires_at` is expired, until the returner
 * (leased by `lease_owner` / `lease_until`, the wallet's clock) gives the rest back.
 */
export const claims = pgTable(
  'claims',
  {
    id: id(),
    senderId: ref('sender_id').notNull().references(() => users.id),
    currency: text().notNull(),
    amount: bigint({ mode: 'bigint' }).notNull(),
    slots: integer().notNull(),
    claimedSlots: integer('claimed_slots').notNull().default(0),
    /** What was paid out to claimers so far. */
    claimedAmount: bigint('claimed_amount', { mode: 'bigint' }).notNull().default(sql`0`),
    platform: text().notNull(),
    /** Lower case; only who holds it on `platform` at claim time may claim. */
    forHandle: text('for_handle'),
    oncePerClaimer: boolean('once_per_claimer').notNull().default(false),
    memo: text(),
    secretHash: text('secret_hash').notNull(),
    status: text().notNull().default('open'),
    challengeId: ref('challenge_id').notNull(),
    createdTransferId: ref('created_transfer_id').notNull(),
    returnTransferId: ref('return_transfer_id'),
    expiresAt: at('expires_at').notNull(),
    leaseOwner: text('lease_owner'),
    leaseUntil: at('lease_until'),
    createdAt: createdAt(),
    closedAt: at('closed_at'),
  },
  (t) => [
    uniqueIndex('claims_secret_hash').on(t.secretHash),
    uniqueIndex('claims_challenge').on(t.challengeId),
    index('claims_sender_open').on(t.senderId).where(sql`${t.status} = 'open'`),
    index('claims_open_expiry').on(t.expiresAt).where(sql`${t.status} = 'open'`),
    check('claims_status_valid', sql`${t.status} in ('open', 'claimed', 'cancelled', 'expired')`),
    check('claims_amount_positive', sql`${t.amount} > 0`),
    check('claims_slots_range', sql`${t.claimedSlots} between 0 and ${t.slots}`),
    check('claims_claimed_range', sql`${t.claimedAmount} between 0 and ${t.amount}`),
  ],
);

/** Each part claimed: by whom, under which key, paid by which transfer. */
export const claimRedemptions = pgTable(
  'claim_redemptions',
  {
    id: id(),
    claimId: ref('claim_id').notNull().references(() => claims.id),
    claimerId: ref('claimer_id').notNull().references(() => users.id),
    idempotencyKey: text('idempotency_key').notNull(),
    transferId: ref('transfer_id').notNull(),
    amount: bigint({ mode: 'bigint' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('claim_redemptions_key').on(t.idempotencyKey), index('claim_redemptions_claim').on(t.claimId, t.claimerId)],
);

/**
 * A hold offered to a sender whose send named a handle with no wallet yet: what they wrote (amount,
 * handle, memo), kept here so the Hold button carries only this row's id. Only its sender may take
 * it up, before `expires_at` (the wallet's clock); created once per message (`key`).
 */
export const holdOffers = pgTable(
  'hold_offers',
  {
    id: id(),
    key: text().notNull(),
    senderId: ref('sender_id').notNull().references(() => users.id),
    currency: text().notNull(),
    amount: bigint({ mode: 'bigint' }).notNull(),
    handle: text().notNull(),
    memo: text(),
    expiresAt: at('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('hold_offers_key').on(t.key), index('hold_offers_expires').on(t.expiresAt)],
);
