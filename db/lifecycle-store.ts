import { and, count, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { LifecyclePort, FrozenBy, Platform, UserId } from '../core/ports/index.js';
import { cancelAllPending } from './challenges-store.js';
import { rowsOf, type Database } from './connect.js';
import { withRetry } from './values.js';
import { notices } from '../core/notices/index.js';
import { type DbOrTx, notify } from './outbox.js';
import {
  accounts,
  authenticators,
  challenges,
  claims,
  identities,
  linkCodes,
  paymentRequests,
  pendingDeltas,
  recoveryCodes,
  users,
} from './schema/index.js';
import { toUser, userColumns } from './users-store.js';

/** Completes a confirmed challenge inside the executor's transaction; false if it was cancelled. */
async function completeChallenge(tx: DbOrTx, challengeId: string): Promise<boolean> {
  const rows = await tx
    .update(challenges)
    .set({ status: 'done' })
    .where(and(eq(challenges.id, BigInt(challengeId)), eq(challenges.status, 'confirmed')))
    .returning({ id: challenges.id });
  return rows.length === 1;
}

/**
 * Waits for every credit in flight to this wallet and keeps new ones out until commit: the ledger
 * function takes the same advisory lock, shared, before it reads whether the payee is closed.
 */
async function lockAgainstCredits(tx: DbOrTx, userId: bigint): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(17, (${userId} % 2147483647)::int)`);
}

/**
 * Users first, then accounts: the user row update waits for an account being opened meanwhile.
 * Who froze is kept only while frozen (a check constraint holds the two together).
 */
async function setStatus(tx: DbOrTx, userId: bigint, status: 'active' | 'frozen' | 'closed', frozenBy?: FrozenBy): Promise<void> {
  await tx.update(users).set({ status, frozenBy: status === 'frozen' ? frozenBy : null }).where(eq(users.id, userId));
  await tx.update(accounts).set({ ownerStatus: status }).where(eq(accounts.userId, userId));
}

/** Freezes an active wallet, or hands an owner's freeze to the operator; every prepared action is cancelled. */
async function freezeLocked(
  tx: DbOrTx,
  id: bigint,
  row: { status: string; frozenBy: string | null },
  by: FrozenBy,
  origin?: Platform,
): Promise<boolean> {
  const changes = row.status === 'active' || (by === 'operator' && row.status === 'frozen' && row.frozenBy === 'owner');
  if (!changes) return false;
  // challenges before accounts: the ledger function completes a challenge before it debits
  await tx.execute(cancelAllPending(id));
  await setStatus(tx, id, 'frozen', by);
  await notify(tx, id, notices.frozen(by), { origin });
  return true;
}

export function createLifecycleStore(database: Database): LifecyclePort {
  const { db } = database;

  async function closeBlockers(tx: DbOrTx, userId: bigint, now: Date, exceptChallengeId?: string) {
    const [held] = rowsOf<{ n: unknown }>(await tx.execute(sql`
      select count(*) as n from accounts a
       where a.user_id = ${userId}
         and a.balance + coalesce((select sum(p.amount) from pending_deltas p where p.account_id = a.id), 0) <> 0`));
    if (Number(held?.n ?? 0) > 0) return 'not_empty' as const;
    const [open] = await tx
      .select({ n: count() })
      .from(paymentRequests)
      .where(and(eq(paymentRequests.merchantId, userId), eq(paymentRequests.status, 'open'), gt(paymentRequests.expiresAt, now)));
    if ((open?.n ?? 0) > 0) return 'open_requests' as const;
    // money held for a link is still the sender's until claimed or given back, expired or not
    const [holding] = await tx.select({ n: count() }).from(claims).where(and(eq(claims.senderId, userId), eq(claims.status, 'open')));
    if ((holding?.n ?? 0) > 0) return 'open_claims' as const;
    const [pending] = await tx
      .select({ n: count() })
      .from(challenges)
      .where(
        and(
          eq(challenges.userId, userId),
          inArray(challenges.status, ['open', 'confirmed']),
          gt(challenges.expiresAt, now),
          exceptChallengeId ? ne(challenges.id, BigInt(exceptChallengeId)) : undefined,
        ),
      );
    if ((pending?.n ?? 0) > 0) return 'open_challenges' as const;
    return undefined;
  }

  return {
    async freeze(userId, origin) {
      return withRetry(() => db.transaction(async (tx) => {
        const id = BigInt(userId);
        const [row] = await tx.select(userColumns).from(users).where(eq(users.id, id)).for('update');
        if (!row) return undefined;
        if (row.status === 'closed') return { user: toUser(row), changed: false };
        const changed = await freezeLocked(tx, id, row, 'owner', origin);
        return { user: changed ? toUser({ ...row, status: 'frozen', frozenBy: 'owner' }) : toUser(row), changed };
      }));
    },

    async freezeByOperator(userId, challengeId) {
      return db.transaction(async (tx) => {
        if (!(await completeChallenge(tx, challengeId))) return 'cancelled';
        const id = BigInt(userId);
        const [row] = await tx.select({ status: users.status, frozenBy: users.frozenBy }).from(users).where(eq(users.id, id)).for('update');
        if (!row) return 'not_found';
        await freezeLocked(tx, id, row, 'operator');
        return 'done';
      });
    },

    async unfreeze(userId, challengeId, by, origin) {
      return db.transaction(async (tx) => {
        const id = BigInt(userId);
        const [row] = await tx.select({ status: users.status, frozenBy: users.frozenBy }).from(users).where(eq(users.id, id)).for('update');
        if (!(await completeChallenge(tx, challengeId))) return 'cancelled';
        if (row?.status !== 'frozen') return 'not_frozen';
        if (row.frozenBy !== by) return row.frozenBy === 'operator' ? 'frozen_by_operator' : 'frozen_by_owner';
        await setStatus(tx, id, 'active');
        await notify(tx, id, notices.unfrozen(by), { origin });
        return 'done';
      });
    },

    async close(userId, challengeId, now) {
      return db.transaction(async (tx) => {
        const id = BigInt(userId);
        await lockAgainstCredits(tx, id);
        await tx.select({ id: users.id }).from(users).where(eq(users.id, id)).for('update');
        if (!(await completeChallenge(tx, challengeId))) return 'cancelled';
        await tx.execute(cancelAllPending(id));
        await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.userId, id)).for('update');
        const blocker = await closeBlockers(tx, id, now, challengeId);
        if (blocker === 'not_empty' || blocker === 'open_requests' || blocker === 'open_claims') return blocker;
        await setStatus(tx, id, 'closed');
        await notify(tx, id, notices.closed());
        await tx.update(identities).set({ detachedAt: sql`now()` }).where(and(eq(identities.userId, id), isNull(identities.detachedAt)));
        return 'done';
      });
    },

    async resetAuthenticator(userId, challengeId, origin) {
      return db.transaction(async (tx) => {
        const id = BigInt(userId);
        if (!(await completeChallenge(tx, challengeId))) return 'cancelled';
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, id));
        await tx.delete(authenticators).where(eq(authenticators.userId, id));
        await notify(tx, id, notices.authenticatorRemoved(), { origin });
        return 'done';
      });
    },

    closeBlockers: (userId, now, exceptChallengeId) => closeBlockers(db, BigInt(userId), now, exceptChallengeId),

    async createLinkCode(userId, codeHash, createKey, expiresAt) {
      const rows = await db
        .insert(linkCodes)
        .values({ userId: BigInt(userId), codeHash, createKey, expiresAt })
        .onConflictDoNothing()
        .returning({ id: linkCodes.id });
      return { created: rows.length === 1 };
    },

    async findLinkCode(codeHash, now) {
      const [row] = await db
        .select({ userId: linkCodes.userId })
        .from(linkCodes)
        .where(and(eq(linkCodes.codeHash, codeHash), isNull(linkCodes.usedAt), gt(linkCodes.expiresAt, now)));
      return row && { userId: row.userId.toString() };
    },

    /**
     * Attaches the identity to the wallet. An identity that already has a wallet of its own may
     * move only if that wallet never held money: it is closed on the way.
     */
    async link(userId, identity, codeHash, challengeId, origin) {
      return db.transaction(async (tx) => {
        const id = BigInt(userId);
        if (!(await completeChallenge(tx, challengeId))) return 'cancelled';
        const used = await tx
          .update(linkCodes)
          .set({ usedAt: sql`now()` })
          .where(and(eq(linkCodes.codeHash, codeHash), eq(linkCodes.userId, id), isNull(linkCodes.usedAt)))
          .returning({ id: linkCodes.id });
        if (used.length === 0) return 'code_used';
        const [current] = await tx
          .select({ id: identities.id, userId: identities.userId })
          .from(identities)
          .where(
            and(
              eq(identities.platform, identity.platform),
              eq(identities.platformUserId, identity.platformUserId),
              isNull(identities.detachedAt),
            ),
          )
          .for('update');
        if (current?.userId === id) return 'done';
        if (current) {
          await lockAgainstCredits(tx, current.userId);
          await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.userId, current.userId)).for('update');
          const [money] = await tx
            .select({ n: count() })
            .from(accounts)
            .where(and(eq(accounts.userId, current.userId), sql`(${accounts.balance} <> 0 or exists (select 1 from ${pendingDeltas} p where p.account_id = ${accounts.id}))`));
          const [history] = rowsOf<{ n: unknown }>(
            await tx.execute(sql`select count(*) as n from entries where user_id = ${current.userId}`),
          );
          if ((money?.n ?? 0) > 0 || Number(history?.n ?? 0) > 0) return 'identity_in_use';
          await tx.update(identities).set({ detachedAt: sql`now()` }).where(eq(identities.id, current.id));
          await setStatus(tx, current.userId, 'closed');
        }
        await tx.insert(identities).values({ userId: id, platform: identity.platform, platformUserId: identity.platformUserId });
        await notify(tx, id, notices.identityLinked(identity.platform), { origin });
        return 'done';
      });
    },

    async unlink(userId: UserId, identity, challengeId, origin) {
      return db.transaction(async (tx) => {
        const id = BigInt(userId);
        if (!(await completeChallenge(tx, challengeId))) return 'cancelled';
        const attached = await tx
          .select({ id: identities.id, platform: identities.platform, platformUserId: identities.platformUserId })
          .from(identities)
          .where(and(eq(identities.userId, id), isNull(identities.detachedAt)))
          .for('update');
        const target = attached.find((i) => i.platform === identity.platform && i.platformUserId === identity.platformUserId);
        if (!target) return 'done';
        if (attached.length === 1) return 'last_identity';
        await tx.update(identities).set({ detachedAt: sql`now()` }).where(eq(identities.id, target.id));
        await notify(tx, id, notices.identityUnlinked(identity.platform), { origin });
        return 'done';
      });
    },
  };
}
