import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { decodeChallengePayload } from '../core/confirmation/challenge-payloads.js';
import type { Challenge, ChallengesPort, ChallengeStatus, IdentityRef, Platform } from '../core/ports/index.js';
import type { Db } from './connect.js';
import { challenges } from './schema/index.js';

type Row = typeof challenges.$inferSelect;

/** A stored challenge, or undefined when its kind and payload no longer read as one (it can never run). */
function toChallenge(row: Row): Challenge | undefined {
  const action = decodeChallengePayload(row.kind, row.payload);
  if (!action) return undefined;
  return {
    ...action,
    id: row.id.toString(),
    userId: row.userId.toString(),
    origin: { platform: row.originPlatform as Platform, platformUserId: row.originUserId },
    status: row.status as ChallengeStatus,
    attempts: row.attempts,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    ...(row.confirmKey ? { confirmKey: row.confirmKey } : {}),
    ...(row.result == null ? {} : { result: row.result }),
  };
}

/** The challenge a create just wrote or found under its key: one that does not read back is a fault. */
function written(row: Row): Challenge {
  const challenge = toChallenge(row);
  if (!challenge) throw new Error(`challenge ${row.id} of kind ${row.kind} has a payload that does not fit its kind`);
  return challenge;
}

const fromOrigin = (origin: IdentityRef) =>
  and(eq(challenges.originPlatform, origin.platform), eq(challenges.originUserId, origin.platformUserId));

export function createChallengesStore(db: Db): ChallengesPort {
  return {
    async create(input) {
      return db.transaction(async (tx) => {
        const [existing] = await tx.select().from(challenges).where(eq(challenges.prepareKey, input.prepareKey));
        if (existing) return existing.requestHash === input.requestHash ? { challenge: written(existing) } : { conflict: true as const };
        await tx
          .update(challenges)
          .set({ status: 'cancelled' })
          .where(and(fromOrigin(input.origin), eq(challenges.status, 'open')));
        const [created] = await tx
          .insert(challenges)
          .values({
            userId: BigInt(input.userId),
            originPlatform: input.origin.platform,
            originUserId: input.origin.platformUserId,
            kind: input.kind,
            payload: input.payload,
            prepareKey: input.prepareKey,
            requestHash: input.requestHash,
            expiresAt: input.expiresAt,
          })
          .onConflictDoNothing({ target: challenges.prepareKey })
          .returning();
        if (created) return { challenge: written(created) };
        const [raced] = await tx.select().from(challenges).where(eq(challenges.prepareKey, input.prepareKey));
        return raced!.requestHash === input.requestHash ? { challenge: written(raced!) } : { conflict: true as const };
      });
    },

    async findPending(origin) {
      const [row] = await db
        .select()
        .from(challenges)
        .where(and(fromOrigin(origin), eq(challenges.status, 'open')))
        .orderBy(desc(challenges.id))
        .limit(1);
      return row && toChallenge(row);
    },

    async findByConfirmKey(confirmKey) {
      const [row] = await db.select().from(challenges).where(eq(challenges.confirmKey, confirmKey));
      return row && toChallenge(row);
    },

    async get(id) {
      const [row] = await db.select().from(challenges).where(eq(challenges.id, BigInt(id)));
      return row && toChallenge(row);
    },

    async claim(id, confirmKey, now) {
      const rows = await db
        .update(challenges)
        .set({ status: 'confirmed', confirmKey })
        .where(and(eq(challenges.id, BigInt(id)), eq(challenges.status, 'open'), gt(challenges.expiresAt, now)))
        .returning({ id: challenges.id });
      return rows.length === 1;
    },

    async finish(id, status, result) {
      await db
        .update(challenges)
        .set({ status: sql`case when ${challenges.status} = 'confirmed' then ${status} else ${challenges.status} end`, result: result as object })
        .where(and(eq(challenges.id, BigInt(id)), inArray(challenges.status, ['confirmed', 'done', 'failed']), isNull(challenges.result)));
    },

    async cancelPending(origin) {
      const [row] = await db
        .update(challenges)
        .set({ status: 'cancelled' })
        .where(and(fromOrigin(origin), eq(challenges.status, 'open')))
        .returning();
      return row && toChallenge(row);
    },
  };
}

/** Cancels every open or confirmed-but-unfinished challenge of a wallet (freeze does this). */
export const cancelAllPending = (userId: bigint) =>
  sql`update challenges set status = 'cancelled' where user_id = ${userId} and status in ('open', 'confirmed')`;
