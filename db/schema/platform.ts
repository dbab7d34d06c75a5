import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { at, createdAt } from './columns.js';

/**
 * Platform updates being answered or answered, so a redelivered update is not answered twice.
 * While one is being answered it is leased by a process (`owner`, until `lease_until`, renewed
 * while the work runs); once answered `lease_until` is null for good. A process that dies leaves
 * a lease that expires, and the redelivery is worked on again by whoever receives it.
 */
export const handledUpdates = pgTable(
  'handled_updates',
  {
    platform: text().notNull(),
    updateId: text('update_id').notNull(),
    owner: text(),
    leaseUntil: at('lease_until'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.updateId] })],
);

/** Where a platform message that later edits update lives (a request card in a group). */
export const platformMessages = pgTable(
  'platform_messages',
  {
    platform: text().notNull(),
    ref: text().notNull(),
    chatId: text('chat_id').notNull(),
    messageId: text('message_id').notNull(),
    /** What the message shows now (a card's request status), so a sweep knows what changed. */
    shown: text().notNull().default('open'),
    /** The language the message was posted in: every edit keeps it, whoever caused the edit (null: posted before this was kept). */
    locale: text(),
    /** The refresher that is looking at the card, until when (the wallet's clock), so no other edits it too. */
    leaseOwner: text('lease_owner'),
    leaseUntil: at('lease_until'),
    /** When a refresher last looked (the wallet's clock): the least recently looked at go first. */
    checkedAt: at('checked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.platform, t.ref] }),
    index('platform_messages_showing').on(t.platform, t.shown, t.checkedAt),
    index('platform_messages_leased').on(t.leaseOwner).where(sql`${t.leaseOwner} is not null`),
  ],
);

/**
 * A file a person sent (a photo, a scan) waiting for their `/verify`, one per platform identity:
 * kept in the database so a restart or another process still has it when `/verify` arrives.
 */
export const verifyAttachments = pgTable(
  'verify_attachments',
  {
    platform: text().notNull(),
    platformUserId: text('platform_user_id').notNull(),
    ref: text().notNull(),
    sha256: text().notNull(),
    /** When the file arrived, by the wallet's clock: attachmentOf judges how long it has waited by it. */
    keptAt: timestamp('kept_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.platformUserId] })],
);
