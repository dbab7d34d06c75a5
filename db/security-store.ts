import { and, count, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { SecurityPort, UserId, WrongCodeRules } from '../core/ports/index.js';
import type { Db } from './connect.js';
import { notify } from './outbox.js';
import { authenticators, challenges, codeFailures, recoveryCodes, users } from './schema/index.js';

export function createSecurityStore(db: Db): SecurityPort {
  return {
    async getAuthenticator(userId: UserId) {
      const [row] = await db.select().from(authenticators).where(eq(authenticators.userId, BigInt(userId)));
      return row && { secretSealed: row.secretSealed, status: row.status as 'pending' | 'active', lastStep: row.lastStep };
    },

    async savePendingAuthenticator(userId: UserId, secretSealed: string) {
      const rows = await db
        .insert(authenticators)
        .values({ userId: BigInt(userId), secretSealed, status: 'pending' })
        .onConflictDoUpdate({
          target: authenticators.userId,
          set: { secretSealed, lastStep: sql`0`, createdAt: sql`now()` },
          setWhere: sql`${authenticators.status} = 'pending'`,
        })
        .returning({ userId: authenticators.userId });
      return rows.length === 1;
    },

    async activateAuthenticator(userId: UserId, step: bigint, recoveryHashes: string[]) {
      return db.transaction(async (tx) => {
        const id = BigInt(userId);
        const activated = await tx
          .update(authenticators)
          .set({ status: 'active', lastStep: step, activatedAt: sql`now()` })
          .where(and(eq(authenticators.userId, id), eq(authenticators.status, 'pending'), lt(authenticators.lastStep, step)))
          .returning({ userId: authenticators.userId });
        if (activated.length === 0) return false;
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, id));
        await tx.insert(recoveryCodes).values(recoveryHashes.map((codeHash) => ({ userId: id, codeHash })));
        await notify(tx, id, 'security.authenticator_enabled', {}, ['freeze']);
        return true;
      });
    },

    async consumeStep(userId: UserId, step: bigint) {
      const rows = await db
        .update(authenticators)
        .set({ lastStep: step })
        .where(and(eq(authenticators.userId, BigInt(userId)), lt(authenticators.lastStep, step)))
        .returning({ userId: authenticators.userId });
      return rows.length === 1;
    },

    async useRecoveryCode(userId: UserId, codeHash: string) {
      const rows = await db
        .update(recoveryCodes)
        .set({ usedAt: sql`now()` })
        .where(and(eq(recoveryCodes.userId, BigInt(userId)), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
        .returning({ id: recoveryCodes.id });
      return rows.length === 1;
    },

    /**
     * Counts a wrong code against the challenge and the wallet in one transaction, serialized
     * per wallet by the user row lock so concurrent guesses cannot slip past the hourly cap.
     */
    async recordWrongCode(userId: UserId, challengeId: string | undefined, rules: WrongCodeRules, now: Date) {
      return db.transaction(async (tx) => {
        const id = BigInt(userId);
        await tx.select({ id: users.id }).from(users).where(eq(users.id, id)).for('update');
        await tx.insert(codeFailures).values({ userId: id, createdAt: now });
        let attempts = 0;
        if (challengeId) {
          const [row] = await tx
            .update(challenges)
            .set({
              attempts: sql`${challenges.attempts} + 1`,
              status: sql`case when ${challenges.attempts} + 1 >= ${rules.perChallenge} then 'locked' else ${challenges.status} end`,
            })
            .where(and(eq(challenges.id, BigInt(challengeId)), eq(challenges.status, 'open')))
            .returning({ attempts: challenges.attempts });
          attempts = row?.attempts ?? rules.perChallenge;
        }
        const hourAgo = new Date(now.getTime() - 3_600_000);
        const [recent] = await tx
          .select({ n: count() })
          .from(codeFailures)
          .where(and(eq(codeFailures.userId, id), gt(codeFailures.createdAt, hourAgo)));
        let blockedUntil: Date | undefined;
        if ((recent?.n ?? 0) > rules.perHour) {
          blockedUntil = new Date(now.getTime() + rules.blockMinutes * 60_000);
          await tx.update(users).set({ confirmBlockedUntil: blockedUntil }).where(eq(users.id, id));
          await tx.delete(codeFailures).where(eq(codeFailures.userId, id));
          await notify(tx, id, 'security.confirmations_blocked', { minutes: rules.blockMinutes }, ['freeze']);
        }
        return {
          attemptsLeft: Math.max(rules.perChallenge - attempts, 0),
          challengeLocked: challengeId !== undefined && attempts >= rules.perChallenge,
          ...(blockedUntil ? { blockedUntil } : {}),
        };
      });
    },
  };
}
