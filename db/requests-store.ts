import { and, asc, desc, eq, gt, lt, lte, sql, type SQL } from 'drizzle-orm';
import { money, toCurrencyCode } from '../core/money/index.js';
import type { PaymentRequest, Platform, RefundAsk, RequestListQuery, RequestsPort, RequestStatus } from '../core/ports/index.js';
import type { Db } from './connect.js';
import { notices } from '../core/notices/index.js';
import { notify } from './outbox.js';
import { challenges, paymentRequests, refundAsks, transfers } from './schema/index.js';

type Row = typeof paymentRequests.$inferSelect;

function toRequest(row: Row, now: Date): PaymentRequest {
  const status = row.status === 'open' && row.expiresAt <= now ? 'expired' : (row.status as RequestStatus);
  return {
    id: row.id.toString(),
    publicId: row.publicId,
    merchantId: row.merchantId.toString(),
    amount: money(toCurrencyCode(row.currency)!, row.amount),
    ...(row.memo ? { memo: row.memo } : {}),
    ...(row.payerId ? { payerId: row.payerId.toString() } : {}),
    ...(row.payerPlatform ? { payerPlatform: row.payerPlatform as Platform } : {}),
    status,
    ...(row.paidTransferId ? { paidTransferId: row.paidTransferId.toString() } : {}),
    ...(row.metadata ? { metadata: row.metadata as Record<string, unknown> } : {}),
    ...(row.successUrl ? { successUrl: row.successUrl } : {}),
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
  };
}

/** The rows of a status as it reads at `now`: `expired` is an open row past its expiry. */
function statusIs(status: RequestStatus, now: Date): SQL {
  switch (status) {
    case 'open':
      return and(eq(paymentRequests.status, 'open'), gt(paymentRequests.expiresAt, now))!;
    case 'expired':
      return and(eq(paymentRequests.status, 'open'), lte(paymentRequests.expiresAt, now))!;
    default:
      return eq(paymentRequests.status, status);
  }
}

function listWhere(merchantId: string, query: RequestListQuery, now: Date): SQL {
  return and(
    eq(paymentRequests.merchantId, BigInt(merchantId)),
    query.status ? statusIs(query.status, now) : undefined,
    query.beforeId ? lt(paymentRequests.id, BigInt(query.beforeId)) : undefined,
  )!;
}

function toAsk(row: typeof refundAsks.$inferSelect): RefundAsk {
  return {
    id: row.id.toString(),
    transferId: row.transferId.toString(),
    askedBy: row.askedBy.toString(),
    ...(row.reason ? { reason: row.reason } : {}),
    status: row.status as RefundAsk['status'],
  };
}

export function createRequestsStore(db: Db): RequestsPort {
  return {
    async create(input, now) {
      const [created] = await db
        .insert(paymentRequests)
        .values({
          merchantId: BigInt(input.merchantId),
          currency: input.amount.currency,
          amount: input.amount.minor,
          memo: input.memo ?? null,
          payerId: input.payerId ? BigInt(input.payerId) : null,
          payerPlatform: input.payerPlatform ?? null,
          metadata: input.metadata ?? null,
          successUrl: input.successUrl ?? null,
          createKey: input.createKey,
          requestHash: input.requestHash,
          expiresAt: input.expiresAt,
        })
        .onConflictDoNothing({ target: paymentRequests.createKey })
        .returning();
      const row = created ?? (await db.select().from(paymentRequests).where(eq(paymentRequests.createKey, input.createKey)))[0]!;
      if (row.requestHash !== input.requestHash) return { conflict: true as const };
      return { request: toRequest(row, now) };
    },

    async get(id, now) {
      if (!/^\d{1,18}$/.test(id)) return undefined;
      const [row] = await db.select().from(paymentRequests).where(eq(paymentRequests.id, BigInt(id)));
      return row && toRequest(row, now);
    },

    async getByPublicId(publicId, now) {
      const [row] = await db.select().from(paymentRequests).where(eq(paymentRequests.publicId, publicId));
      return row && toRequest(row, now);
    },

    async listByMerchant(merchantId, query, now) {
      if (query.beforeId && !/^\d{1,18}$/.test(query.beforeId)) return [];
      const rows = await db
        .select()
        .from(paymentRequests)
        .where(listWhere(merchantId, query, now))
        .orderBy(desc(paymentRequests.id))
        .limit(query.limit);
      return rows.map((row) => toRequest(row, now));
    },

    async cancel(id, merchantId, now) {
      if (!/^\d{1,18}$/.test(id)) return undefined;
      const [cancelled] = await db
        .update(paymentRequests)
        .set({ status: 'cancelled' })
        .where(
          and(
            eq(paymentRequests.id, BigInt(id)),
            eq(paymentRequests.merchantId, BigInt(merchantId)),
            eq(paymentRequests.status, 'open'),
          ),
        )
        .returning();
      if (cancelled) return toRequest(cancelled, now);
      const [row] = await db.select().from(paymentRequests).where(eq(paymentRequests.id, BigInt(id)));
      return row && toRequest(row, now);
    },

    async listOpen(merchantId, now) {
      const rows = await db
        .select()
        .from(paymentRequests)
        .where(
          and(
            eq(paymentRequests.merchantId, BigInt(merchantId)),
            eq(paymentRequests.status, 'open'),
            gt(paymentRequests.expiresAt, now),
          ),
        )
        .orderBy(asc(paymentRequests.id));
      return rows.map((row) => toRequest(row, now));
    },

    async askRefund(transferId, askedBy, payeeId, reason) {
      return db.transaction(async (tx) => {
        const [created] = await tx
          .insert(refundAsks)
          .values({ transferId: BigInt(transferId), askedBy: BigInt(askedBy), reason: reason ?? null })
          .onConflictDoNothing()
          .returning();
        if (!created) {
          const [open] = await tx
            .select()
            .from(refundAsks)
            .where(and(eq(refundAsks.transferId, BigInt(transferId)), eq(refundAsks.status, 'open')));
          return toAsk(open!);
        }
        const ask = toAsk(created);
        await notify(tx, BigInt(payeeId), notices.refundAsked(ask));
        return ask;
      });
    },

    async declineRefund(askId, payeeId) {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(refundAsks)
          .set({ status: 'declined', decidedAt: sql`now()` })
          .where(and(eq(refundAsks.id, BigInt(askId)), eq(refundAsks.status, 'open')))
          .returning();
        if (!row) return undefined;
        const ask = toAsk(row);
        await notify(tx, row.askedBy, notices.refundDeclined(ask, payeeId));
        return ask;
      });
    },

    async getRefundAsk(askId) {
      if (!/^\d{1,18}$/.test(askId)) return undefined;
      const [row] = await db.select().from(refundAsks).where(eq(refundAsks.id, BigInt(askId)));
      return row && toAsk(row);
    },

    async confirmedOn(transferId) {
      if (!/^\d{1,18}$/.test(transferId)) return undefined;
      // a confirmed payment is keyed by its challenge (`challenge:<id>`), whose origin is the payer's chat
      const [row] = await db
        .select({ platform: challenges.originPlatform })
        .from(transfers)
        .innerJoin(challenges, eq(transfers.idempotencyKey, sql`'challenge:' || ${challenges.id}`))
        .where(eq(transfers.id, BigInt(transferId)));
      return row?.platform as Platform | undefined;
    },
  };
}
