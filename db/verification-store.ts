import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { UserId, Verification, VerificationPort } from '../core/ports/index.js';
import type { Db } from './connect.js';
import { notices } from '../core/notices/index.js';
import { notify } from './outbox.js';
import { challenges, users, verifications } from './schema/index.js';

type Row = typeof verifications.$inferSelect;

function toVerification(row: Row): Verification {
  return {
    id: row.id.toString(),
    userId: row.userId.toString(),
    fullName: row.fullName,
    documentType: row.documentType,
    fileRef: row.fileRef,
    fileSha256: row.fileSha256,
    targetTier: row.targetTier,
    status: row.status as Verification['status'],
    ...(row.reason ? { reason: row.reason } : {}),
    createdAt: row.createdAt,
  };
}

export function createVerificationStore(db: Db): VerificationPort {
  return {
    async submit(input) {
      const [byKey] = await db.select().from(verifications).where(eq(verifications.submitKey, input.submitKey));
      if (byKey) return { verification: toVerification(byKey) };
      const [created] = await db
        .insert(verifications)
        .values({ ...input, userId: BigInt(input.userId) })
        .onConflictDoNothing()
        .returning();
      if (created) return { verification: toVerification(created) };
      const [again] = await db.select().from(verifications).where(eq(verifications.submitKey, input.submitKey));
      if (again) return { verification: toVerification(again) };
      const [pending] = await db
        .select()
        .from(verifications)
        .where(and(eq(verifications.userId, BigInt(input.userId)), eq(verifications.status, 'pending')));
      return { pending: toVerification(pending!) };
    },

    async get(id) {
      if (!/^\d{1,18}$/.test(id)) return undefined;
      const [row] = await db.select().from(verifications).where(eq(verifications.id, BigInt(id)));
      return row && toVerification(row);
    },

    async listPending(limit) {
      const rows = await db.select().from(verifications).where(eq(verifications.status, 'pending')).orderBy(asc(verifications.id)).limit(limit);
      return rows.map(toVerification);
    },

    async decide(id, decision, operatorId: UserId, challengeId) {
      if (!/^\d{1,18}$/.test(id)) return undefined;
      return db.transaction(async (tx) => {
        const completed = await tx
          .update(challenges)
          .set({ status: 'done' })
          .where(and(eq(challenges.id, BigInt(challengeId)), eq(challenges.status, 'confirmed')))
          .returning({ id: challenges.id });
        if (completed.length === 0) return 'cancelled' as const;
        const [row] = await tx
          .update(verifications)
          .set({
            status: decision.approved ? 'approved' : 'rejected',
            reason: decision.approved ? null : decision.reason,
            reviewedBy: BigInt(operatorId),
            reviewedAt: sql`now()`,
          })
          .where(and(eq(verifications.id, BigInt(id)), eq(verifications.status, 'pending')))
          .returning();
        if (!row) return undefined;
        if (decision.approved) {
          // the sandbox twin pays test requests under its person's limits, so it follows the tier
          await tx
            .update(users)
            .set({ tier: sql`greatest(${users.tier}, ${row.targetTier})` })
            .where(or(eq(users.id, row.userId), eq(users.sandboxOf, row.userId)));
        }
        const decided = toVerification(row);
        await notify(tx, row.userId, notices.verificationDecided(decided));
        return decided;
      });
    },
  };
}
