import { and, asc, eq, exists, gt, lte, or, sql } from 'drizzle-orm';
import { money, toCurrencyCode } from '../core/money/index.js';
import type { Claim, ClaimsPort, ClaimStatus, HoldOffer, Platform } from '../core/ports/index.js';
import type { Database } from './connect.js';
import { claimRedemptions, claims, holdOffers } from './schema/index.js';
import { toBigInt, withRetry } from './values.js';

type Row = typeof claims.$inferSelect;

function toClaim(row: Row, now: Date): Claim {
  const currency = toCurrencyCode(row.currency);
  if (!currency) throw new Error(`claim ${row.id} holds an unknown currency: ${row.currency}`);
  const status = row.status === 'open' && row.expiresAt <= now ? 'expired' : (row.status as ClaimStatus);
  const held = row.status === 'open' ? row.amount - row.claimedAmount : 0n;
  return {
    id: row.id.toString(),
    senderId: row.senderId.toString(),
    amount: money(currency, row.amount),
    slots: row.slots,
    claimedSlots: row.claimedSlots,
    claimed: money(currency, row.claimedAmount),
    remaining: money(currency, held),
    ...(row.forHandle ? { forHandle: row.forHandle } : {}),
    platform: row.platform as Platform,
    oncePerClaimer: row.oncePerClaimer,
    ...(row.memo ? { memo: row.memo } : {}),
    status,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
  };
}

function toOffer(row: typeof holdOffers.$inferSelect): HoldOffer {
  const currency = toCurrencyCode(row.currency);
  if (!currency) throw new Error(`hold offer ${row.id} holds an unknown currency: ${row.currency}`);
  return {
    id: row.id.toString(),
    senderId: row.senderId.toString(),
    amount: money(currency, row.amount),
    handle: row.handle,
    ...(row.memo ? { memo: row.memo } : {}),
    expiresAt: row.expiresAt,
  };
}

const CREATE = `select * from okpay_create_claim($1, $2, $3::bigint, $4, $5::bigint, $6, $7::bigint, $8::timestamptz, $9::jsonb,
  $10, $11::int, $12, $13, $14::boolean, $15::timestamptz, $16)`;
const REDEEM = 'select * from okpay_redeem_claim($1, $2::bigint, $3, $4::timestamptz, $5)';
const GIVE_BACK = 'select * from okpay_give_back_claim($1::bigint, $2, $3::timestamptz, $4::bigint, $5)';

function limitsJson(limits: Record<string, [bigint, bigint]> | undefined): string | null {
  return limits ? JSON.stringify(Object.fromEntries(Object.entries(limits).map(([tier, pair]) => [tier, pair.map(String)]))) : null;
}

/** Claims on PostgreSQL: every change is one SQL function, so one transaction and one round trip. */
export function createClaimsStore(database: Database): ClaimsPort {
  const { db } = database;
  const byId = async (id: bigint, now: Date) => {
    const [row] = await db.select().from(claims).where(eq(claims.id, id));
    return row ? toClaim(row, now) : undefined;
  };
  return {
    async create(input) {
      const [row] = await withRetry(() =>
        database.call<{ claim_id: unknown; error_code: string | null; error_params: Record<string, string | number> | null }>(CREATE, [
          input.key,
          input.fingerprint,
          input.senderId,
          input.amount.currency,
          input.amount.minor.toString(),
          input.memo ?? null,
          input.challengeId,
          input.now.toISOString(),
          limitsJson(input.limits),
          input.origin ?? null,
          input.slots,
          input.platform,
          input.forHandle ?? null,
          input.oncePerClaimer,
          input.expiresAt.toISOString(),
          input.secretHash,
        ]),
      );
      if (!row) throw new Error('okpay_create_claim returned no row');
      if (row.error_code) return { ok: false, code: row.error_code, params: row.error_params ?? {} };
      return { ok: true, claim: (await byId(toBigInt(row.claim_id), input.now))! };
    },

    async redeem(secretHash, claimerId, key, now, origin) {
      const [row] = await withRetry(() =>
        database.call<Record<string, unknown>>(REDEEM, [secretHash, claimerId, key, now.toISOString(), origin ?? null]),
      );
      if (!row) throw new Error('okpay_redeem_claim returned no row');
      if (row.error_code) return { ok: false, code: String(row.error_code), params: (row.error_params as Record<string, string | number> | null) ?? {} };
      const claim = (await byId(toBigInt(row.claim_id), now))!;
      return {
        ok: true,
        redemption: {
          claim,
          transferId: toBigInt(row.transfer_id).toString(),
          amount: money(claim.amount.currency, toBigInt(row.amount)),
          balanceAfter: money(claim.amount.currency, toBigInt(row.balance_after)),
        },
      };
    },

    async giveBack(claimId, reason, now, by) {
      if (!/^\d{1,18}$/.test(claimId)) return undefined;
      const [row] = await withRetry(() =>
        database.call<{ claim_id: unknown }>(GIVE_BACK, [claimId, reason, now.toISOString(), by?.senderId ?? null, by?.origin ?? null]),
      );
      return row ? byId(toBigInt(row.claim_id), now) : undefined;
    },

    async get(claimId, now) {
      return /^\d{1,18}$/.test(claimId) ? byId(BigInt(claimId), now) : undefined;
    },

    async holdsFor(platform, handle, now, claimerId) {
      const claimedByThem = exists(
        db.select({ one: sql`1` }).from(claimRedemptions).where(and(eq(claimRedemptions.claimId, claims.id), eq(claimRedemptions.claimerId, BigInt(claimerId)))),
      );
      const rows = await db
        .select()
        .from(claims)
        .where(and(eq(claims.platform, platform), eq(claims.forHandle, handle.toLowerCase()), gt(claims.expiresAt, now), or(eq(claims.status, 'open'), claimedByThem)))
        .orderBy(asc(claims.id));
      return rows.map((row) => ({ claim: toClaim(row, now), secretHash: row.secretHash }));
    },

    async listOpen(senderId, now) {
      const rows = await db.select().from(claims).where(and(eq(claims.senderId, BigInt(senderId)), eq(claims.status, 'open'))).orderBy(asc(claims.id));
      return rows.map((row) => toClaim(row, now));
    },

    /** Skips rows another process holds locked, and takes over leases that ran out (a process that died). */
    async claimExpired(limit, lease) {
      const until = new Date(lease.now.getTime() + lease.leaseMs);
      const rows = await database.query<{ id: unknown }>(sql`
        update claims set lease_owner = ${lease.owner}, lease_until = ${until.toISOString()}::timestamptz
         where id in (select c.id from claims c
                       where c.status = 'open' and c.expires_at <= ${lease.now.toISOString()}::timestamptz
                         and (c.lease_until is null or c.lease_until <= ${lease.now.toISOString()}::timestamptz
                              or c.lease_owner = ${lease.owner})
                       order by c.expires_at limit ${limit} for update skip locked)
        returning id`);
      return rows.map((r) => toBigInt(r.id).toString());
    },

    async offerHold({ key, senderId, amount, handle, memo, expiresAt, now }) {
      await db.delete(holdOffers).where(lte(holdOffers.expiresAt, now));
      await db
        .insert(holdOffers)
        .values({ key, senderId: BigInt(senderId), currency: amount.currency, amount: amount.minor, handle, memo: memo ?? null, expiresAt })
        .onConflictDoNothing({ target: holdOffers.key });
      const [row] = await db.select().from(holdOffers).where(eq(holdOffers.key, key));
      return toOffer(row!);
    },

    async holdOffer(offerId, now) {
      if (!/^\d{1,18}$/.test(offerId)) return undefined;
      const [row] = await db.select().from(holdOffers).where(and(eq(holdOffers.id, BigInt(offerId)), gt(holdOffers.expiresAt, now)));
      return row ? toOffer(row) : undefined;
    },
  };
}
