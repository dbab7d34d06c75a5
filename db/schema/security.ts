import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, smallint, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { at, createdAt, id, ref } from './columns.js';
import { users } from './users.js';

/** One authenticator per wallet: the TOTP secret, sealed with AES-256-GCM. */
export const authenticators = pgTable(
  'authenticators',
  {
    userId: ref('user_id').primaryKey().references(() => users.id),
    secretSealed: text('secret_sealed').notNull(),
    status: text().notNull().default('pending'),
    /** Newest accepted time step: a step at or below it is never accepted again. */
    lastStep: bigint('last_step', { mode: 'bigint' }).notNull().default(sql`0`),
    /** The request that spent `last_step`: its redelivery (its process died before using it) may spend it again. */
    lastStepKey: text('last_step_key'),
    createdAt: createdAt(),
    activatedAt: at('activated_at'),
  },
  (t) => [check('authenticators_status_valid', sql`${t.status} in ('pending', 'active')`)],
);

/** One-time recovery codes, stored only as hashes. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: id(),
    userId: ref('user_id').notNull().references(() => users.id),
    codeHash: text('code_hash').notNull(),
    usedAt: at('used_at'),
    /** The request that used it: its redelivery may use it again, nobody else. */
    usedKey: text('used_key'),
  },
  (t) => [uniqueIndex('recovery_codes_user_hash').on(t.userId, t.codeHash)],
);

/** Wrong codes per wallet, for the hourly cap that slows brute force. */
export const codeFailures = pgTable(
  'code_failures',
  {
    id: id(),
    userId: ref('user_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('code_failures_user_time').on(t.userId, t.createdAt)],
);

/**
 * An action prepared but not yet run: what, how much, to whom, until when. It runs only when
 * the wallet owner confirms it with a valid code.
 */
export const challenges = pgTable(
  'challenges',
  {
    id: id(),
    /** The wallet whose authenticator confirms it. */
    userId: ref('user_id').notNull().references(() => users.id),
    /** The chat identity that started it; for a link, the identity being attached. */
    originPlatform: text('origin_platform').notNull(),
    originUserId: text('origin_user_id').notNull(),
    kind: text().notNull(),
    payload: jsonb().notNull(),
    status: text().notNull().default('open'),
    attempts: smallint().notNull().default(0),
    prepareKey: text('prepare_key').notNull(),
    requestHash: text('request_hash').notNull(),
    confirmKey: text('confirm_key'),
    result: jsonb(),
    expiresAt: at('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('challenges_prepare_key').on(t.prepareKey),
    uniqueIndex('challenges_confirm_key').on(t.confirmKey),
    index('challenges_origin_open').on(t.originPlatform, t.originUserId).where(sql`${t.status} = 'open'`),
    index('challenges_user_status').on(t.userId, t.status),
    check(
      'challenges_status_valid',
      sql`${t.status} in ('open', 'confirmed', 'done', 'failed', 'cancelled', 'locked')`,
    ),
  ],
);

/** Codes that attach another chat identity to a wallet; only their hashes are kept. */
export const linkCodes = pgTable(
  'link_codes',
  {
    id: id(),
    userId: ref('user_id').notNull().references(() => users.id),
    codeHash: text('code_hash').notNull(),
    createKey: text('create_key').notNull(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('link_codes_hash').on(t.codeHash), uniqueIndex('link_codes_create_key').on(t.createKey)],
);
