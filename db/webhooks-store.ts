import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { notices } from '../core/notices/index.js';
import type { WebhookAttempt, WebhookEndpoint, WebhookEvent, WebhookEventType, WebhooksPort } from '../core/ports/index.js';
import type { Database } from './connect.js';
import { notify } from './outbox.js';
import { webhookAttempts, webhookEndpoints, webhookEvents } from './schema/index.js';
import { toBigInt } from './values.js';

type EventRow = typeof webhookEvents.$inferSelect;

function toEndpoint(row: typeof webhookEndpoints.$inferSelect): WebhookEndpoint {
  return { merchantId: row.merchantId.toString(), url: row.url, secretSealed: row.secretSealed, failing: row.failing };
}

function toEvent(row: EventRow): WebhookEvent {
  return {
    id: row.id.toString(),
    publicId: row.publicId,
    merchantId: row.merchantId.toString(),
    type: row.type as WebhookEventType,
    subjectId: row.subjectId.toString(),
    data: row.data as Record<string, unknown>,
    state: row.state as WebhookEvent['state'],
    attempts: row.attempts,
    ...(row.firstAttemptAt ? { firstAttemptAt: row.firstAttemptAt } : {}),
    ...(row.nextAt ? { nextAt: row.nextAt } : {}),
    createdAt: row.createdAt,
  };
}

function toAttempt(row: typeof webhookAttempts.$inferSelect): WebhookAttempt {
  return {
    number: row.number,
    at: row.at,
    succeeded: row.succeeded,
    durationMs: row.durationMs,
    ...(row.statusCode !== null ? { statusCode: row.statusCode } : {}),
    ...(row.error ? { error: row.error } : {}),
  };
}

const ID = /^\d{1,18}$/;

export function createWebhooksStore(database: Database): WebhooksPort {
  const { db } = database;

  async function withAttempts(rows: EventRow[]) {
    if (rows.length === 0) return [];
    const attempts = await db.select().from(webhookAttempts).where(inArray(webhookAttempts.eventId, rows.map((r) => r.id))).orderBy(asc(webhookAttempts.number));
    return rows.map((row) => ({ ...toEvent(row), attemptLog: attempts.filter((a) => a.eventId === row.id).map(toAttempt) }));
  }

  return {
    async setEndpoint({ merchantId, url, secretSealed, challengeId }) {
      return db.transaction(async (tx) => {
        const [done] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.challengeId, BigInt(challengeId)));
        if (done) return { endpoint: toEndpoint(done), changed: false };
        const [row] = await tx
          .insert(webhookEndpoints)
          .values({ merchantId: BigInt(merchantId), url, secretSealed, challengeId: BigInt(challengeId) })
          .onConflictDoUpdate({ target: webhookEndpoints.merchantId, set: { url, secretSealed, challengeId: BigInt(challengeId), failing: false, updatedAt: sql`now()` } })
          .returning();
        return { endpoint: toEndpoint(row!), changed: true };
      });
    },

    async getEndpoint(merchantId) {
      if (!ID.test(merchantId)) return undefined;
      const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.merchantId, BigInt(merchantId)));
      return row && toEndpoint(row);
    },

    async emitExpired(limit, now) {
      const rows = await database.query<{ id: unknown }>(sql`
        with due as (
          select r.id, r.merchant_id from payment_requests r
           where r.status = 'open' and r.expires_at <= ${now.toISOString()}::timestamptz
             and exists (select 1 from merchants m where m.user_id = r.merchant_id)
             and not exists (select 1 from webhook_events e where e.type = 'payment_request.expired' and e.subject_id = r.id)
           order by r.expires_at limit ${limit} for update of r skip locked)
        select due.id, okpay_webhook_event(due.merchant_id, 'payment_request.expired', due.id, '{"status":"expired"}'::jsonb) from due`);
      return rows.length;
    },

    async claimDue(limit, lease, busy) {
      const now = lease.now.toISOString();
      const until = new Date(lease.now.getTime() + lease.leaseMs).toISOString();
      const skip = busy.filter((id) => ID.test(id));
      // one event per merchant (the oldest due), so a merchant's slow endpoint delays only its own events
      const rows = await database.query<{ id: unknown }>(sql`
        with candidates as (
          select e.id, e.merchant_id from webhook_events e
           where e.state = 'pending' and (e.next_at is null or e.next_at <= ${now}::timestamptz)
             and (e.lease_until is null or e.lease_until <= ${now}::timestamptz)
             ${skip.length ? sql`and e.merchant_id not in (${sql.join(skip.map((id) => sql`${id}::bigint`), sql`, `)})` : sql``}
           order by e.id limit ${limit * 4} for update skip locked),
        firsts as (select distinct on (merchant_id) id from candidates order by merchant_id, id limit ${limit})
        update webhook_events set lease_owner = ${lease.owner}, lease_until = ${until}::timestamptz
         where id in (select id from firsts)
        returning id`);
      if (rows.length === 0) return [];
      const events = await db.select().from(webhookEvents).where(inArray(webhookEvents.id, rows.map((r) => toBigInt(r.id))));
      const endpoints = await db.select().from(webhookEndpoints).where(inArray(webhookEndpoints.merchantId, events.map((e) => e.merchantId)));
      return events.flatMap((row) => {
        const endpoint = endpoints.find((e) => e.merchantId === row.merchantId);
        return endpoint ? [{ event: toEvent(row), endpoint: toEndpoint(endpoint), number: row.attempts + 1 }] : [];
      });
    },

    async recordAttempt(delivery, owner, attempt, outcome) {
      return db.transaction(async (tx) => {
        const [updated] = await tx
          .update(webhookEvents)
          .set({
            attempts: attempt.number,
            state: outcome.state,
            nextAt: outcome.state === 'pending' ? outcome.nextAt : null,
            firstAttemptAt: sql`coalesce(${webhookEvents.firstAttemptAt}, ${attempt.at.toISOString()}::timestamptz)`,
            leaseOwner: null,
            leaseUntil: null,
          })
          .where(and(eq(webhookEvents.id, BigInt(delivery.event.id)), eq(webhookEvents.leaseOwner, owner), eq(webhookEvents.attempts, attempt.number - 1)))
          .returning();
        if (!updated) return false;
        await tx.insert(webhookAttempts).values({
          eventId: updated.id,
          number: attempt.number,
          at: attempt.at,
          statusCode: attempt.statusCode ?? null,
          error: attempt.error ?? null,
          succeeded: attempt.succeeded,
          durationMs: attempt.durationMs,
        });
        if (outcome.state === 'succeeded') {
          await tx.update(webhookEndpoints).set({ failing: false }).where(eq(webhookEndpoints.merchantId, updated.merchantId));
        } else if (outcome.state === 'failed') {
          const [marked] = await tx
            .update(webhookEndpoints)
            .set({ failing: true })
            .where(and(eq(webhookEndpoints.merchantId, updated.merchantId), eq(webhookEndpoints.failing, false)))
            .returning();
          if (marked) await notify(tx, updated.merchantId, notices.webhookFailing(marked.url, updated.publicId));
        }
        return true;
      });
    },

    async listEvents(merchantId, query) {
      if (query.beforeId && !ID.test(query.beforeId)) return [];
      const rows = await db
        .select()
        .from(webhookEvents)
        .where(and(eq(webhookEvents.merchantId, BigInt(merchantId)), query.beforeId ? lt(webhookEvents.id, BigInt(query.beforeId)) : undefined))
        .orderBy(desc(webhookEvents.id))
        .limit(query.limit);
      return withAttempts(rows);
    },

    async getEvent(merchantId, publicId) {
      const rows = await db.select().from(webhookEvents).where(and(eq(webhookEvents.merchantId, BigInt(merchantId)), eq(webhookEvents.publicId, publicId)));
      return (await withAttempts(rows))[0];
    },

    async resend(merchantId, publicId) {
      const [row] = await db
        .update(webhookEvents)
        .set({ state: 'pending', nextAt: null, firstAttemptAt: null })
        .where(
          and(
            eq(webhookEvents.merchantId, BigInt(merchantId)),
            eq(webhookEvents.publicId, publicId),
            or(isNull(webhookEvents.leaseUntil), eq(webhookEvents.state, 'succeeded'), eq(webhookEvents.state, 'failed'), eq(webhookEvents.state, 'unsent')),
          ),
        )
        .returning();
      if (row) return toEvent(row);
      const [existing] = await db.select().from(webhookEvents).where(and(eq(webhookEvents.merchantId, BigInt(merchantId)), eq(webhookEvents.publicId, publicId)));
      return existing && toEvent(existing);
    },
  };
}
