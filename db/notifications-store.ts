import { sql } from 'drizzle-orm';
import { decodeNotice } from '../core/notices/index.js';
import type { Notification, NotificationsPort, Platform, UserId } from '../core/ports/index.js';
import type { Database } from './connect.js';
import { notificationDeliveries } from './schema/index.js';
import { toBigInt, toDate } from './values.js';

type Read = { notification: Notification } | { id: string; problem: string };

function toNotification(row: Record<string, unknown>): Read {
  const id = toBigInt(row.id).toString();
  const decoded = decodeNotice({ kind: String(row.kind), params: row.params });
  if (!decoded.ok) return { id, problem: decoded.problem };
  return { notification: { id, userId: toBigInt(row.user_id).toString(), notice: decoded.notice, createdAt: toDate(row.created_at) } };
}

const readable = (reads: Read[]): Notification[] => reads.flatMap((read) => ('notification' in read ? [read.notification] : []));

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
      const [cursor] = await query<{ through: unknown }>(sql`
        select coalesce((select handled_through from outbox_cursors where platform = ${platform}), 0) as through`);
      const through = BigInt(String(cursor?.through ?? 0));
      const rows = await query(sql`
        select n.id, n.user_id, n.kind, n.params, to_json(n.created_at) #>> '{}' as created_at
          from notifications n
         where n.id > ${through}
           and exists (select 1 from identities i
                        where i.user_id = n.user_id and i.platform = ${platform} and i.detached_at is null)
           and not exists (select 1 from notification_deliveries d
                            where d.notification_id = n.id and d.platform = ${platform})
         order by n.id
         limit ${limit}`);
      // Everything before the oldest notice still pending is done. Ids are taken before commit, so
      // a notice with a lower id may still be committing: the cursor never passes notices younger
      // than 30 seconds (a money transaction is one round trip).
      const advanced = rows.length ? toBigInt(rows[0]!.id) - 1n : undefined;
      await query(sql`
        insert into outbox_cursors (platform, handled_through)
        select ${platform}, least(coalesce(${advanced ?? null}::bigint, settled.id), settled.id)
          from (select coalesce(max(id), 0) as id from notifications where created_at < now() - interval '30 seconds') settled
        on conflict (platform) do update set handled_through = greatest(outbox_cursors.handled_through, excluded.handled_through)`);
      const reads = rows.map(toNotification);
      for (const read of reads) if ('problem' in read) await record(read.id, platform, 'failed', `undecodable notice: ${read.problem}`);
      return readable(reads);
    },
    markDelivered: (id, platform) => record(id, platform, 'delivered'),
    markFailed: (id, platform, detail) => record(id, platform, 'failed', detail),
    async listForUser(userId: UserId, limit) {
      const rows = await query(sql`
        select id, user_id, kind, params, to_json(created_at) #>> '{}' as created_at
          from notifications where user_id = ${BigInt(userId)} order by id desc limit ${limit}`);
      return readable(rows.map(toNotification));
    },
  };
}
