import type { ApiKeyInfo, MerchantsPort, NewApiKey } from '../../core/ports/index.js';
import { copy, type MemoryState } from './memory-state.js';

type KeyRow = ApiKeyInfo & Omit<NewApiKey, 'mode' | 'last4'>;

/** Merchants and their hashed API keys, one key per issuing challenge. */
export function memoryMerchants(state: MemoryState): MerchantsPort {
  const names = new Map<string, string>();
  const embeds = new Map<string, string>();
  const merchant = (userId: string, displayName: string) => ({ userId, displayName, ...(embeds.has(userId) ? { embedOrigin: embeds.get(userId)! } : {}) });
  const keys: KeyRow[] = [];
  const info = ({ merchantId: _m, keyHash: _h, challengeId: _c, ...key }: KeyRow): ApiKeyInfo => copy(key);
  return {
    async upsert(userId, displayName) {
      names.set(userId, displayName);
      return merchant(userId, displayName);
    },
    async get(userId) {
      const displayName = names.get(userId);
      return displayName === undefined ? undefined : merchant(userId, displayName);
    },
    async setEmbedOrigin(userId, origin) {
      const displayName = names.get(userId);
      if (displayName === undefined) return undefined;
      if (origin) embeds.set(userId, origin);
      else embeds.delete(userId);
      return merchant(userId, displayName);
    },
    async issueKey(key) {
      const first = keys.find((k) => k.challengeId === key.challengeId);
      if (first) return { key: info(first), issued: false };
      const row: KeyRow = { ...key, id: state.nextId('api_keys'), createdAt: state.clock.now() };
      keys.push(row);
      return { key: info(row), issued: true };
    },
    async listKeys(merchantId) {
      return keys.filter((k) => k.merchantId === merchantId).map(info);
    },
    async revokeKey(merchantId, keyId, now) {
      const row = keys.find((k) => k.id === keyId && k.merchantId === merchantId && !k.revokedAt);
      if (!row) return undefined;
      row.revokedAt = now;
      return info(row);
    },
    async findByKeyHash(keyHash) {
      const row = keys.find((k) => k.keyHash === keyHash && !k.revokedAt);
      return row && { merchantId: row.merchantId, mode: row.mode, keyId: row.id };
    },
  };
}
