import { and, asc, eq, isNull } from 'drizzle-orm';
import type { ApiKeyInfo, ApiKeyMode, MerchantsPort } from '../core/ports/index.js';
import type { Db } from './connect.js';
import { apiKeys, merchants } from './schema/index.js';

const toMerchant = (row: typeof merchants.$inferSelect) => ({
  userId: row.userId.toString(),
  displayName: row.displayName,
  ...(row.embedOrigin ? { embedOrigin: row.embedOrigin } : {}),
});

function toKey(row: typeof apiKeys.$inferSelect): ApiKeyInfo {
  return {
    id: row.id.toString(),
    mode: row.mode as ApiKeyMode,
    last4: row.last4,
    createdAt: row.createdAt,
    ...(row.revokedAt ? { revokedAt: row.revokedAt } : {}),
  };
}

export function createMerchantsStore(db: Db): MerchantsPort {
  return {
    async upsert(userId, displayName) {
      const [row] = await db
        .insert(merchants)
        .values({ userId: BigInt(userId), displayName })
        .onConflictDoUpdate({ target: merchants.userId, set: { displayName } })
        .returning();
      return toMerchant(row!);
    },

    async get(userId) {
      const [row] = await db.select().from(merchants).where(eq(merchants.userId, BigInt(userId)));
      return row && toMerchant(row);
    },

    async setEmbedOrigin(userId, origin) {
      const [row] = await db.update(merchants).set({ embedOrigin: origin }).where(eq(merchants.userId, BigInt(userId))).returning();
      return row && toMerchant(row);
    },

    async issueKey(key) {
      const [created] = await db
        .insert(apiKeys)
        .values({ merchantId: BigInt(key.merchantId), mode: key.mode, keyHash: key.keyHash, last4: key.last4, challengeId: BigInt(key.challengeId) })
        .onConflictDoNothing({ target: apiKeys.challengeId })
        .returning();
      if (created) return { key: toKey(created), issued: true };
      const [first] = await db.select().from(apiKeys).where(eq(apiKeys.challengeId, BigInt(key.challengeId)));
      return { key: toKey(first!), issued: false };
    },

    async listKeys(merchantId) {
      const rows = await db.select().from(apiKeys).where(eq(apiKeys.merchantId, BigInt(merchantId))).orderBy(asc(apiKeys.id));
      return rows.map(toKey);
    },

    async revokeKey(merchantId, keyId, now) {
      const [row] = await db
        .update(apiKeys)
        .set({ revokedAt: now })
        .where(and(eq(apiKeys.id, BigInt(keyId)), eq(apiKeys.merchantId, BigInt(merchantId)), isNull(apiKeys.revokedAt)))
        .returning();
      return row && toKey(row);
    },

    async findByKeyHash(keyHash) {
      const [row] = await db.select().from(apiKeys).where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)));
      return row && { merchantId: row.merchantId.toString(), mode: row.mode as ApiKeyMode, keyId: row.id.toString() };
    },
  };
}
