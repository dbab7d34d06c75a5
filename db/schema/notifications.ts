import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { at, createdAt, id, ref } from './columns.js';

/**
 * The outbox: written in the same transaction as the change it reports, so none is lost if the
 * process dies. Adapters deliver it to every identity of the wallet on their platform, except on
 * `origin_platform` (the platform whose chat already showed the person what they just did there),
 * or only on its `target_platform`, if it has one.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: ref('user_id').notNull(),
    kind: text().notNull(),
    params: jsonb().notNull(),
    originPlatform: text('origin_platform'),
    /** Set for a notice meant for one platform only (a support answer, where the ticket was written); null: every platform. */
    targetPlatform: text('target_platform'),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_user').on(t.userId, t.id)],
);

/** What each platform adapter did with a notification. */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    notificationId: ref('notification_id').notNull(),
    platform: text().notNull(),
    status: text().notNull(),
    detail: text(),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.notificationId, t.platform] }),
    check('notification_deliveries_status_valid', sql`${t.status} in ('delivered', 'failed')`),
  ],
);

/**
 * Who is sending a notice on a platform right now, until when (by the wallet's clock): a row lives
 * from the claim until the notice is delivered, failed or given back, so the table stays small.
 */
export const noticeLeases = pgTable(
  'notice_leases',
  {
    notificationId: ref('notification_id').notNull(),
    platform: text().notNull(),
    owner: text().notNull(),
    leaseUntil: at('lease_until').notNull(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.platform] }), index('notice_leases_owner').on(t.owner)],
);

/**
 * Per platform, every notice up to this id is handled (or was for nobody on that platform), so
 * a delivery round reads only what came after instead of the whole outbox.
 */
export const outboxCursors = pgTable('outbox_cursors', {
  platform: text().primaryKey(),
  handledThrough: bigint('handled_through', { mode: 'bigint' }).notNull(),
});
