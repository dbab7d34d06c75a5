import { and, eq, sql } from 'drizzle-orm';
import type { ChatPlace, MisreadingsPort } from '../core/ports/index.js';
import type { Db } from './connect.js';
import { misreadings } from './schema/index.js';

const at = (place: ChatPlace) =>
  and(eq(misreadings.platform, place.platform), eq(misreadings.chatId, place.chatId), eq(misreadings.platformUserId, place.platformUserId));

/** The run of misunderstood messages per chat place: one upsert counts, adding nothing for a key already counted last. */
export function createMisreadingsStore(db: Db): MisreadingsPort {
  return {
    async count(place, key) {
      const [row] = await db
        .insert(misreadings)
        .values({ platform: place.platform, chatId: place.chatId, platformUserId: place.platformUserId, inARow: 1, lastKey: key })
        .onConflictDoUpdate({
          target: [misreadings.platform, misreadings.chatId, misreadings.platformUserId],
          set: {
            inARow: sql`case when ${misreadings.lastKey} = ${key} then ${misreadings.inARow} else ${misreadings.inARow} + 1 end`,
            lastKey: key,
          },
        })
        .returning({ inARow: misreadings.inARow });
      return row!.inARow;
    },
    async reset(place) {
      await db.delete(misreadings).where(at(place));
    },
  };
}
