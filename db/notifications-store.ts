import { sql } from 'drizzle-orm';
import { decodeNotice } from '../core/notices/index.js';
import type { Notification, NotificationsPort, Platform, UserId } from '../core/ports/index.js';
import type { Database } from './connect.js';
import { toBigInt, toDate } from './values.js';

type Read = { notification: Notification } | { id: string; problem: string };

function toNotification(row: Record<string, unknown>): Read {
  const id = toBigInt(row.id).toString();
  const decoded = decodeNotice({ kind: String(row.kind), params: row.params });
  if (!decoded.ok) return { id, problem: decoded.problem };
  const origin = row.origin_platform ? { origin: String(row.origin_platform) as Platform } : {};
  return { notification: { id, userId: toBigInt(row.user_id).toString(), notice: decoded.notice, createdAt: toDate(row.created_at), ...origin } };
}

const readable = (reads: Read[]): Notification[] => reads.flatMap((read) => ('notification' in read ? [read.notification] : []));

/** A timestamp parameter both drivers read alike. */
const at = (time: Date) => sql`${time.toISOString()}::timestamptz`;

/**
 * The outbox on the database. A claim is a row in `notice_leases`, taken with `insert … on conflict
 * do update … where lease_until <= now` rather than `for update skip locked`: the lease must outlive
 * the claiming statement (a notice is sent after it commits, with no lock held across the network),
 * and the conflict on the primary key settles two processes claiming one notice at once: the second
 * waits for the first to commit, then finds a live lease and takes nothing. The notices themselves
 * are read again in a statement of their own, after the claim: a process whose snapshot predates
 * another's delivery (claimed, sent and finished during its statement) would otherwise send it again.
 * A notice is never for its origin platform (its person saw the receipt there), which is part of
 * what `unfinished` means, so the cursor passes it as handled there.
 */
export function createNotificationsStore(database: Database): NotificationsPort {
  const { query } = database;
  /** Delivered or failed, and the lease dropped, in one statement: no moment in which the notice reads as pending. */
  const record = async (notificationId: string, platform: Platform, status: 'delivered' | 'failed', detail?: string) => {
    const id = BigInt(notificationId);
    await query(sql`
      with finished as (delete from notice_leases where notification_id = ${id} and platform = ${platform})
      insert into notification_deliveries (notification_id, platform, status, detail)
      values (${id}, ${platform}, ${status}, ${detail ?? null})
      on conflict do nothing`);
  };
  /** Leases this owner just took on notices another process finished meanwhile: nothing to send, so they go. */
  const dropFinishedLeases = async (ids: bigint[], platform: Platform, owner: string) => {
    await query(sql`
      delete from notice_leases l
       where l.notification_id in ${ids} and l.platform = ${platform} and l.owner = ${owner}
         and exists (select 1 from notification_deliveries d where d.notification_id = l.notification_id and d.platform = ${platform})`);
  };
  return {
    async claimPending(platform, limit, { owner, now, leaseMs }) {
      const [cursor] = await query<{ through: unknown }>(sql`
        select coalesce((select handled_through from outbox_cursors where platform = ${platform}), 0) as through`);
      const through = BigInt(String(cursor?.through ?? 0));
      const unfinished = sql`
        n.id > ${through}
        and n.origin_platform is distinct from ${platform}
        and (n.target_platform is null or n.target_platform = ${platform})
        and exists (select 1 from identities i
                     where i.user_id = n.user_id and i.platform = ${platform} and i.detached_at is null)
        and not exists (select 1 from notification_deliveries d
                         where d.notification_id = n.id and d.platform = ${platform})`;
      const claimed = await query<{ id: unknown }>(sql`
        insert into notice_leases (notification_id, platform, owner, lease_until)
        select n.id, ${platform}, ${owner}, ${at(new Date(now.getTime() + leaseMs))}
          from notifications n
         where ${unfinished}
           and not exists (select 1 from notice_leases l
                            where l.notification_id = n.id and l.platform = ${platform} and l.lease_until > ${at(now)})
         order by n.id
         limit ${limit}
        on conflict (notification_id, platform) do update set owner = excluded.owner, lease_until = excluded.lease_until
         where notice_leases.lease_until <= ${at(now)}
        returning notification_id as id`);
      // Everything before the oldest notice not yet handled is done, whoever holds it now. Ids are
      // taken before commit, so a notice with a lower id may still be committing: the cursor never
      // passes notices younger than 30 seconds (a money transaction is one round trip).
      await query(sql`
        insert into outbox_cursors (platform, handled_through)
        select ${platform}, least(coalesce((select n.id - 1 from notifications n where ${unfinished} order by n.id limit 1), settled.id), settled.id)
          from (select coalesce(max(id), 0) as id from notifications where created_at < now() - interval '30 seconds') settled
        on conflict (platform) do update set handled_through = greatest(outbox_cursors.handled_through, excluded.handled_through)`);
      if (!claimed.length) return [];
      const ids = claimed.map((row) => toBigInt(row.id));
      const rows = await query(sql`
        select n.id, n.user_id, n.kind, n.params, n.origin_platform, to_json(n.created_at) #>> '{}' as created_at
          from notifications n
         where n.id in ${ids}
           and not exists (select 1 from notification_deliveries d where d.notification_id = n.id and d.platform = ${platform})
         order by n.id`);
      if (rows.length < ids.length) await dropFinishedLeases(ids, platform, owner);
      const reads = rows.map(toNotification);
      for (const read of reads) if ('problem' in read) await record(read.id, platform, 'failed', `undecodable notice: ${read.problem}`);
      return readable(reads);
    },
    markDelivered: (id, platform) => record(id, platform, 'delivered'),
    markFailed: (id, platform, detail) => record(id, platform, 'failed', detail),
    async release(notificationId, platform, owner) {
      await query(sql`delete from notice_leases where notification_id = ${BigInt(notificationId)} and platform = ${platform} and owner = ${owner}`);
    },
    async renewLeases(platform, { owner, now, leaseMs }) {
      await query(sql`update notice_leases set lease_until = ${at(new Date(now.getTime() + leaseMs))} where owner = ${owner} and platform = ${platform}`);
    },
    async releaseLeases(owner, platform) {
      await query(sql`delete from notice_leases where owner = ${owner} ${platform ? sql`and platform = ${platform}` : sql``}`);
    },
    async listForUser(userId: UserId, limit) {
      const rows = await query(sql`
        select id, user_id, kind, params, origin_platform, to_json(created_at) #>> '{}' as created_at
          from notifications where user_id = ${BigInt(userId)} order by id desc limit ${limit}`);
      return readable(rows.map(toNotification));
    },
  };
}
