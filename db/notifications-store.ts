import { sql } from 'drizzle-orm';
import type { Notification, NotificationAction, NotificationsPort, Platform, UserId } from '../core/ports/index.js';
import type { Database } from './connect.js';
import { notificationDeliveries } from './schema/index.js';
import { toBigInt, toDate } from './values.js';

function toNotification(row: Record<string, unknown>): Notification {
  return {
    id: toBigInt(row.id).toString(),
    userId: toBigInt(row.user_id).toString(),
    kind: String(row.kind),
    params: row.params as Notification['params'],
    actions: row.actions as NotificationAction[],
    createdAt: toDate(row.created_at),
  };
}

export function createNotificationsStore(database: Database): NotificationsPort {
  const { db, query } = database;
  const record = async (notificationId: string, platform: Platform, status: 'delivered' | 'failed', detail?: string) => {
    await db
      .insert(notificationDeliveries)
      .values({ notificationId: BigInt(notificationId), platform, status, detail: detail ?? null })
      .onConflictDoNothing();
  };
  return {
    async pending(platform, limit) {
      const rows = await query(sql`
        select n.id, n.user_id, n.kind, n.params, n.actions, to_json(n.created_at) #>> '{}' as created_at
          from notifications n
         where exists (select 1 from identities i
                        where i.user_id = n.user_id and i.platform = ${platform} and i.detached_at is null)
           and not exists (select 1 from notification_deliveries d
                            where d.notification_id = n.id and d.platform = ${platform})
         order by n.id
         limit ${limit}`);
      return rows.map(toNotification);
    },
    markDelivered: (id, platform) => record(id, platform, 'delivered'),
    markFailed: (id, platform, detail) => record(id, platform, 'failed', detail),
    async listForUser(userId: UserId, limit) {
      const rows = await query(sql`
        select id, user_id, kind, params, actions, to_json(created_at) #>> '{}' as created_at
          from notifications where user_id = ${BigInt(userId)} order by id desc limit ${limit}`);
      return rows.map(toNotification);
    },
  };
}
