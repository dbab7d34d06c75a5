import { and, eq, sql } from 'drizzle-orm';
import type { IdentityProfile, IdentityRef, Platform, User, UserId, UserStatus } from '../core/ports.js';
import type { Db } from './connect.js';
import { accounts, identities, users } from './schema.js';

type UserRow = typeof users.$inferSelect;

function toUser(row: UserRow): User {
  return {
    id: row.id.toString(),
    status: row.status as UserStatus,
    locale: row.locale,
    tier: row.tier,
    createdAt: row.createdAt,
  };
}

const userColumns = {
  id: users.id,
  status: users.status,
  locale: users.locale,
  tier: users.tier,
  createdAt: users.createdAt,
};

export function createUsersRepository(db: Db) {
  return {
    /**
     * Serialized per identity with an advisory lock, so two first messages from one person
     * create one wallet. A handle now held by this identity is cleared from any stale holder.
     */
    async registerIdentity(profile: IdentityProfile): Promise<{ user: User; created: boolean }> {
      return db.transaction(async (tx) => {
        const lockName = `identity:${profile.platform}:${profile.platformUserId}`;
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${lockName}, 0))`);
        if (profile.username) {
          await tx
            .update(identities)
            .set({ username: null })
            .where(
              and(
                eq(identities.platform, profile.platform),
                sql`lower(${identities.username}) = lower(${profile.username})`,
                sql`${identities.platformUserId} <> ${profile.platformUserId}`,
              ),
            );
        }
        const [existing] = await tx
          .select({ ...userColumns, username: identities.username, identityId: identities.id })
          .from(identities)
          .innerJoin(users, eq(users.id, identities.userId))
          .where(and(eq(identities.platform, profile.platform), eq(identities.platformUserId, profile.platformUserId)));
        if (existing) {
          if ((profile.username ?? null) !== existing.username) {
            await tx
              .update(identities)
              .set({ username: profile.username ?? null })
              .where(eq(identities.id, existing.identityId));
          }
          return { user: toUser(existing), created: false };
        }
        const [created] = await tx
          .insert(users)
          .values({ locale: profile.locale ?? 'en' })
          .returning();
        await tx.insert(identities).values({
          userId: created!.id,
          platform: profile.platform,
          platformUserId: profile.platformUserId,
          username: profile.username ?? null,
        });
        return { user: toUser(created!), created: true };
      });
    },

    async findUserByIdentity(ref: IdentityRef): Promise<User | undefined> {
      const [row] = await db
        .select(userColumns)
        .from(identities)
        .innerJoin(users, eq(users.id, identities.userId))
        .where(and(eq(identities.platform, ref.platform), eq(identities.platformUserId, ref.platformUserId)));
      return row && toUser(row);
    },

    async findUserByUsername(platform: Platform, username: string): Promise<User | undefined> {
      const [row] = await db
        .select(userColumns)
        .from(identities)
        .innerJoin(users, eq(users.id, identities.userId))
        .where(and(eq(identities.platform, platform), sql`lower(${identities.username}) = lower(${username})`))
        .limit(1);
      return row && toUser(row);
    },

    /**
     * Changes a wallet's status. The user row is updated first: that waits for any account being
     * opened for this user, so the account copy below cannot miss one.
     */
    async setStatus(id: UserId, status: UserStatus): Promise<User | undefined> {
      return db.transaction(async (tx) => {
        const [row] = await tx.update(users).set({ status }).where(eq(users.id, BigInt(id))).returning();
        if (!row) return undefined;
        await tx.update(accounts).set({ ownerStatus: status }).where(eq(accounts.userId, row.id));
        return toUser(row);
      });
    },

    async getUser(id: UserId): Promise<User | undefined> {
      const [row] = await db.select().from(users).where(eq(users.id, BigInt(id)));
      return row && toUser(row);
    },
  };
}
