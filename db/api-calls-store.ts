import { randomUUID } from 'node:crypto';
import { and, eq, lte, or } from 'drizzle-orm';
import type { ApiCallsPort } from '../core/ports/api-calls.js';
import type { Db } from './connect.js';
import { apiIdempotency } from './schema/index.js';

const row = (merchantId: string, key: string) => and(eq(apiIdempotency.merchantId, BigInt(merchantId)), eq(apiIdempotency.key, key));
const run = (merchantId: string, key: string, runId: string) => and(row(merchantId, key), eq(apiIdempotency.runId, runId), eq(apiIdempotency.state, 'running'));

export function createApiCallsStore(db: Db): ApiCallsPort {
  return {
    async begin({ merchantId, key, requestHash, now, keepMs, staleMs }) {
      const forgotten = new Date(now.getTime() - keepMs);
      const stale = new Date(now.getTime() - staleMs);
      const runId = randomUUID();
      // one statement: a new key, or the same request's answer past its retention or run whose
      // process died, is claimed under a fresh run id; a live one is left, and then read to tell
      // a replay from a mismatch or a run. Another body never takes a key over.
      const claimed = await db
        .insert(apiIdempotency)
        .values({ merchantId: BigInt(merchantId), key, requestHash, runId, startedAt: now })
        .onConflictDoUpdate({
          target: [apiIdempotency.merchantId, apiIdempotency.key],
          set: { runId, startedAt: now, state: 'running', status: null, body: null },
          setWhere: and(
            eq(apiIdempotency.requestHash, requestHash),
            or(lte(apiIdempotency.startedAt, forgotten), and(eq(apiIdempotency.state, 'running'), lte(apiIdempotency.startedAt, stale))),
          ),
        })
        .returning({ key: apiIdempotency.key });
      if (claimed.length === 1) return { kind: 'run', runId };
      const [held] = await db.select().from(apiIdempotency).where(row(merchantId, key));
      if (!held) return { kind: 'running' };
      if (held.requestHash !== requestHash) return { kind: 'mismatch' };
      if (held.state === 'running' || held.status === null || held.body === null) return { kind: 'running' };
      return { kind: 'replay', status: held.status, body: held.body };
    },

    async finish(merchantId, key, runId, status, body) {
      await db.update(apiIdempotency).set({ state: 'done', status, body }).where(run(merchantId, key, runId));
    },

    async abandon(merchantId, key, runId) {
      await db.delete(apiIdempotency).where(run(merchantId, key, runId));
    },

    async forget(before) {
      const gone = await db.delete(apiIdempotency).where(lte(apiIdempotency.startedAt, before)).returning({ key: apiIdempotency.key });
      return gone.length;
    },
  };
}
