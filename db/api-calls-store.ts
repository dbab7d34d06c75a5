import { and, eq, lte, or } from 'drizzle-orm';
import type { ApiCallsPort } from '../core/ports/api-calls.js';
import type { Db } from './connect.js';
import { apiIdempotency } from './schema/index.js';

const row = (merchantId: string, key: string) => and(eq(apiIdempotency.merchantId, BigInt(merchantId)), eq(apiIdempotency.key, key));

export function createApiCallsStore(db: Db): ApiCallsPort {
  return {
    async begin({ merchantId, key, requestHash, now, keepMs, staleMs }) {
      const forgotten = new Date(now.getTime() - keepMs);
      const stale = new Date(now.getTime() - staleMs);
      // one statement: a new key, an answer past its retention or a run whose process died is
      // claimed; a live one is left, and then read to tell a replay from a mismatch or a run
      const claimed = await db
        .insert(apiIdempotency)
        .values({ merchantId: BigInt(merchantId), key, requestHash, startedAt: now })
        .onConflictDoUpdate({
          target: [apiIdempotency.merchantId, apiIdempotency.key],
          set: { requestHash, startedAt: now, state: 'running', status: null, body: null },
          setWhere: or(lte(apiIdempotency.startedAt, forgotten), and(eq(apiIdempotency.state, 'running'), lte(apiIdempotency.startedAt, stale))),
        })
        .returning({ key: apiIdempotency.key });
      if (claimed.length === 1) return { kind: 'run' };
      const [held] = await db.select().from(apiIdempotency).where(row(merchantId, key));
      if (!held) return { kind: 'running' };
      if (held.requestHash !== requestHash) return { kind: 'mismatch' };
      if (held.state === 'running' || held.status === null || held.body === null) return { kind: 'running' };
      return { kind: 'replay', status: held.status, body: held.body };
    },

    async finish(merchantId, key, status, body) {
      await db.update(apiIdempotency).set({ state: 'done', status, body }).where(row(merchantId, key));
    },

    async abandon(merchantId, key) {
      await db.delete(apiIdempotency).where(and(row(merchantId, key), eq(apiIdempotency.state, 'running')));
    },
  };
}
