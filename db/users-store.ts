import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { FrozenBy, IdentityProfile, IdentityRef, Platform, User, UserId, UsersPort, UserStatus } from '../core/ports/index.js';
import type { Db } from './connect.js';
import { identities, users } from './schema/index.js';

type UserRow = Pick<typeof users.$inferSelect, 'id' | 'status' | 'frozenBy' | 'locale' | 'localeChosen' | 'tier' | 'sandboxOf' | 'createdAt'>;

export function toUser(row: UserRow): User {
  return {
    id: row.id.toString(),
    status: row.status as UserStatus,
    ...(row.frozenBy ? { frozenBy: row.frozenBy as FrozenBy } : {}),
    locale: row.locale,
    localeChosen: row.localeChosen,
    tier: row.tier,
    ...(row.sandboxOf ? { sandboxOf: row.sandboxOf.toString() } : {}),
    createdAt: row.createdAt,
  };
}

export const userColumns = {
  id: users.id,
  status: users.status,
  frozenBy: users.frozenBy,
  locale: users.locale,
  localeChosen: users.localeChosen,
  tier: users.tier,
  sandboxOf: users.sandboxOf,
  createdAt: users.createdAt,
};

const attached = (ref: IdentityRef) =>
  and(eq(identities.platform, ref.platform), eq(identities.platformUserId, ref.platformUserId), isNull(identities.detachedAt));

export function createUsersStore(db: Db): UsersPort {
  return {
    /**
     * Serialized per identity with an advisory lock, so two first messages from one person
     * create one wallet. A handle now held by this identity is cleared from any stale holder.
     */
    async registerIdentity(profile: IdentityProfile) {
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
          .where(attached(profile));
        if (existing) {
          if ((profile.username ?? null) !== existing.username) {
            await tx.update(identities).set({ username: profile.username ?? null }).where(eq(identities.id, existing.identityId));
          }
          return { user: toUser(existing), created: false };
        }
        const [created] = await tx.insert(users).values({ locale: profile.locale ?? 'en' }).returning();
        await tx.insert(identities).values({
          userId: created!.id,
          platform: profile.platform,
          platformUserId: profile.platformUserId,
          username: profile.username ?? null,
        });
        return { user: toUser(created!), created: true };
      });
    },

    async findUserByIdentity(ref: IdentityRef) {
      const [row] = await db.select(userColumns).from(identities).innerJoin(users, eq(users.id, identities.userId)).where(attached(ref));
      return row && toUser(row);
    },

    async findUserByUsername(platform: Platform, username: string) {
      const [row] = await db
        .select(userColumns)
        .from(identities)
        .innerJoin(users, eq(users.id, identities.userId))
        .where(
          and(
            eq(identities.platform, platform),
            sql`lower(${identities.username}) = lower(${username})`,
            isNull(identities.detachedAt),
          ),
        )
        .limit(1);
      return row && toUser(row);
    },

    async getUser(id: UserId) {
      const [row] = await db.select(userColumns).from(users).where(eq(users.id, BigInt(id)));
      return row && toUser(row);
    },

    async identitiesOf(userId: UserId) {
      const rows = await db
        .select({ platform: identities.platform, platformUserId: identities.platformUserId, username: identities.username })
        .from(identities)
        .where(and(eq(identities.userId, BigInt(userId)), isNull(identities.detachedAt)))
        .orderBy(asc(identities.id));
      return rows.map((r) => ({
        platform: r.platform as Platform,
        platformUserId: r.platformUserId,
        ...(r.username ? { username: r.username } : {}),
      }));
    },

    async chooseLocale(id: UserId, locale: string) {
      await db.update(users).set({ locale, localeChosen: true }).where(eq(users.id, BigInt(id)));
    },

    async followLocale(id: UserId, locale: string) {
      // one conditional statement: a choice made meanwhile (another process) is never overwritten
      await db
        .update(users)
        .set({ locale })
        .where(and(eq(users.id, BigInt(id)), eq(users.localeChosen, false), ne(users.locale, locale)));
    },
  };
}
