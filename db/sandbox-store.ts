import { eq } from 'drizzle-orm';
import type { SandboxPort } from '../core/ports/index.js';
import type { Db } from './connect.js';
import { users } from './schema/index.js';
import { toUser, userColumns } from './users-store.js';

export function createSandboxStore(db: Db): SandboxPort {
  const findTwin = async (userId: string) => {
    const [twin] = await db.select(userColumns).from(users).where(eq(users.sandboxOf, BigInt(userId)));
    return twin && toUser(twin);
  };
  return {
    findTwin,

    /** The unique index on `sandbox_of` makes racing first uses create one twin; the loser reads it. */
    async twinOf(userId) {
      const existing = await findTwin(userId);
      if (existing) return existing;
      const real = BigInt(userId);
      const [owner] = await db.select(userColumns).from(users).where(eq(users.id, real));
      if (!owner) throw new Error(`no wallet ${userId} to give a sandbox twin`);
      const [created] = await db
        .insert(users)
        .values({ sandboxOf: real, locale: owner.locale, tier: owner.tier })
        .onConflictDoNothing()
        .returning(userColumns);
      return created ? toUser(created) : (await findTwin(userId))!;
    },
  };
}
