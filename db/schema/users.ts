import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, smallint, text, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { at, createdAt, id, ref } from './columns.js';

export const users = pgTable(
  'users',
  {
    id: id(),
    status: text().notNull().default('active'),
    locale: text().notNull().default('en'),
    /** The person chose `locale` (`/language`): until then it follows the language they write in. */
    localeChosen: boolean('locale_chosen').notNull().default(false),
    tier: smallint().notNull().default(0),
    /** Set after too many wrong codes: no code is accepted before this time (nor while the hour holds too many). */
    confirmBlockedUntil: at('confirm_blocked_until'),
    /** Who froze a frozen wallet, `owner` or `operator`: an operator's freeze is lifted only by an operator. */
    frozenBy: text('frozen_by'),
    /**
     * Set on a sandbox twin: the wallet whose test money this row holds. A twin has no identity and
     * its accounts are flagged `sandbox`, so test money never meets real money (0024).
     */
    sandboxOf: ref('sandbox_of').references((): AnyPgColumn => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('users_status_valid', sql`${t.status} in ('active', 'frozen', 'closed')`),
    check('users_frozen_by_valid', sql`(${t.status} = 'frozen') = (${t.frozenBy} is not null) and ${t.frozenBy} in ('owner', 'operator')`),
    check('users_tier_valid', sql`${t.tier} between 0 and 2`),
    uniqueIndex('users_one_sandbox_twin').on(t.sandboxOf).where(sql`${t.sandboxOf} is not null`),
  ],
);

export const identities = pgTable(
  'identities',
  {
    id: id(),
    userId: ref('user_id').notNull().references(() => users.id),
    platform: text().notNull(),
    platformUserId: text('platform_user_id').notNull(),
    username: text(),
    createdAt: createdAt(),
    /** Set when the wallet closes or the identity is unlinked; the identity may then register anew. */
    detachedAt: at('detached_at'),
  },
  (t) => [
    uniqueIndex('identities_platform_user').on(t.platform, t.platformUserId).where(sql`${t.detachedAt} is null`),
    index('identities_username').on(t.platform, sql`lower(${t.username})`),
    index('identities_user').on(t.userId),
  ],
);
