import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';

export interface ReadinessDeps {
  /** The committed migrations the database lacks (db/migration-status.ts); throws when it cannot be reached. */
  pendingMigrations(): Promise<string[]>;
  /** True once the process is shutting down. */
  stopping(): boolean;
  /** How long the database may take to answer before it counts as unreachable. Default 3 s. */
  timeoutMs?: number;
}

type Verdict = { ok: true } | { ok: false; reason: 'shutting down' | 'database unreachable' | 'migrations pending'; pending?: string[] };

async function verdict(deps: ReadinessDeps): Promise<Verdict> {
  if (deps.stopping()) return { ok: false, reason: 'shutting down' };
  const gaveUp = new AbortController();
  const late = sleep(deps.timeoutMs ?? 3_000, 'late' as const, { signal: gaveUp.signal, ref: false });
  try {
    const pending = await Promise.race([deps.pendingMigrations(), late]);
    if (pending === 'late') return { ok: false, reason: 'database unreachable' };
    return pending.length ? { ok: false, reason: 'migrations pending', pending } : { ok: true };
  } catch {
    return { ok: false, reason: 'database unreachable' };
  } finally {
    gaveUp.abort();
  }
}

/**
 * `/readyz`: whether a load balancer should send this process traffic — the database answers
 * and has every migration this code was written for, and the process is not shutting down. 503
 * with the reason otherwise. `/healthz` only says the process answers; an orchestrator restarts
 * on that one, so it never depends on the database.
 */
export async function readinessRoute(app: FastifyInstance, deps: ReadinessDeps): Promise<void> {
  app.get('/readyz', async (_request, reply) => {
    const answer = await verdict(deps);
    return reply.code(answer.ok ? 200 : 503).send(answer);
  });
}
