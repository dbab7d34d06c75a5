import { and, desc, eq, gt, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { CodeCap, CodeUse, Platform, SecurityPort, UserId } from '../core/ports/index.js';
import type { Db } from './connect.js';
import { notices } from '../core/notices/index.js';
import { type DbOrTx, notify } from './outbox.js';
import { authenticators, challenges, codeFailures, recoveryCodes, users } from './schema/index.js';

const HOUR_MS = 3_600_000;
const ACCEPTED: CodeUse = { outcome: 'accepted' };
const REFUSED: CodeUse = { outcome: 'refused' };

/** The latest of the given times, if it is after `now`. */
function later(now: Date, ...times: (Date | null | undefined)[]): Date | undefined {
  const latest = Math.max(...times.map((time) => time?.getTime() ?? 0));
  return latest > now.getTime() ? new Date(latest) : undefined;
}

/**
 * With more than `perHour` wrong codes in the hour before `now`, codes are refused until enough
 * of them have aged out: an hour after the one that is `perHour + 1`-th newest.
 */
async function hourlyCapUntil(tx: DbOrTx, id: bigint, cap: CodeCap): Promise<Date | undefined> {
  const [row] = await tx
    .select({ at: codeFailures.createdAt })
    .from(codeFailures)
    .where(and(eq(codeFailures.userId, id), gt(codeFailures.createdAt, new Date(cap.now.getTime() - HOUR_MS))))
    .orderBy(desc(codeFailures.createdAt))
    .limit(1)
    .offset(cap.rules.perHour);
  return row && new Date(row.at.getTime() + HOUR_MS);
}

/**
 * Takes the wallet's row lock, where every decision about that wallet's codes queues, and says
 * until when codes are refused (undefined: they are accepted now). The failures are read by a
 * statement after the lock, so they include every one the previous holder committed.
 */
async function lockedUntil(tx: DbOrTx, id: bigint, cap: CodeCap): Promise<Date | undefined> {
  const [row] = await tx.select({ blockedUntil: users.confirmBlockedUntil }).from(users).where(eq(users.id, id)).for('no key update');
  return later(cap.now, row?.blockedUntil, await hourlyCapUntil(tx, id, cap));
}

/** Spends a code with `use` (true if it was spent) unless the cap refuses codes; `burn` skips the cap. */
async function capped(db: Db, id: bigint, cap: CodeCap | 'burn', use: (tx: DbOrTx) => Promise<boolean>): Promise<CodeUse> {
  if (cap === 'burn') return (await use(db)) ? ACCEPTED : REFUSED;
  return db.transaction(async (tx) => {
    const until = await lockedUntil(tx, id, cap);
    if (until) return { outcome: 'blocked', until };
    return (await use(tx)) ? ACCEPTED : REFUSED;
  });
}

/**
 * Spends `step` if it is later than the last one, or if it was the last one and `spentBy` spent it
 * (`burn`: if anyone may still spend it again, which it stops).
 */
async function advanceStep(tx: DbOrTx, id: bigint, step: bigint, status?: 'pending', spentBy?: string | 'burn'): Promise<boolean> {
  const unspent = lt(authenticators.lastStep, step);
  const heldAgain = spentBy === 'burn' ? isNotNull(authenticators.lastStepKey) : spentBy ? eq(authenticators.lastStepKey, spentBy) : undefined;
  const spentByThisRequest = heldAgain ? and(eq(authenticators.lastStep, step), heldAgain) : undefined;
  const key = spentBy === 'burn' ? null : (spentBy ?? null);
  const rows = await tx
    .update(authenticators)
    .set(status ? { status: 'active', lastStep: step, lastStepKey: null, activatedAt: sql`now()` } : { lastStep: step, lastStepKey: key })
    .where(and(eq(authenticators.userId, id), spentByThisRequest ? or(unspent, spentByThisRequest) : unspent, status ? eq(authenticators.status, status) : undefined))
    .returning({ userId: authenticators.userId });
  return rows.length === 1;
}

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

    async activateAuthenticator(userId: UserId, step: bigint, recoveryHashes: string[], cap: CodeCap, origin?: Platform) {
      const id = BigInt(userId);
      return capped(db, id, cap, async (tx) => {
        if (!(await advanceStep(tx, id, step, 'pending'))) return false;
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, id));
        await tx.insert(recoveryCodes).values(recoveryHashes.map((codeHash) => ({ userId: id, codeHash })));
        await notify(tx, id, notices.authenticatorEnabled(), { origin });
        return true;
      });
    },

    async consumeStep(userId: UserId, step: bigint, cap: CodeCap | 'burn', spentBy?: string) {
      const id = BigInt(userId);
      return capped(db, id, cap, (tx) => advanceStep(tx, id, step, undefined, cap === 'burn' ? 'burn' : spentBy));
    },

    async useRecoveryCode(userId: UserId, codeHash: string, cap: CodeCap | 'burn', spentBy?: string) {
      const id = BigInt(userId);
      return capped(db, id, cap, async (tx) => {
        const unused = isNull(recoveryCodes.usedAt);
        // a burn also stops the request that used it from using it again
        const heldAgain = cap === 'burn' ? isNotNull(recoveryCodes.usedKey) : spentBy ? eq(recoveryCodes.usedKey, spentBy) : undefined;
        const rows = await tx
          .update(recoveryCodes)
          .set({ usedAt: sql`now()`, usedKey: cap === 'burn' ? null : (spentBy ?? null) })
          .where(and(eq(recoveryCodes.userId, id), eq(recoveryCodes.codeHash, codeHash), heldAgain ? or(unused, heldAgain) : unused))
          .returning({ id: recoveryCodes.id });
        return rows.length === 1;
      });
    },

    /**
     * Counts a wrong code against the challenge and the wallet under the wallet's row lock, the
     * same lock that accepting a code takes. While codes are refused a guess is not counted (it
     * was not tried); failures are kept for the whole hour, so the block cannot end before the
     * hour holds at most `perHour` of them again.
     */
    async recordWrongCode(userId: UserId, challengeId: string | undefined, cap: CodeCap) {
      return db.transaction(async (tx) => {
        const id = BigInt(userId);
        const { rules, now } = cap;
        const until = await lockedUntil(tx, id, cap);
        if (until) return { blocked: true as const, until };
        await tx.delete(codeFailures).where(and(eq(codeFailures.userId, id), lte(codeFailures.createdAt, new Date(now.getTime() - HOUR_MS))));
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
        const capUntil = await hourlyCapUntil(tx, id, cap);
        if (capUntil) {
          const blockedUntil = new Date(now.getTime() + rules.blockMinutes * 60_000);
          const blocked = later(now, blockedUntil, capUntil)!;
          await tx.update(users).set({ confirmBlockedUntil: blockedUntil }).where(eq(users.id, id));
          const minutes = Math.ceil((blocked.getTime() - now.getTime()) / 60_000);
          await notify(tx, id, notices.confirmationsBlocked(minutes));
          return { blocked: true as const, until: blocked };
        }
        return {
          blocked: false as const,
          attemptsLeft: Math.max(rules.perChallenge - attempts, 0),
          challengeLocked: challengeId !== undefined && attempts >= rules.perChallenge,
        };
      });
    },
  };
}
