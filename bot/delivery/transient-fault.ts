import { setTimeout as sleep } from 'node:timers/promises';

/** postgres.js and Node codes for a connection that went away (killed, restarted, network). */
const LOST_CONNECTION = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
/** SQLSTATEs of a server going down or not up yet: admin_shutdown, crash_shutdown, cannot_connect_now. */
const SERVER_GOING_AWAY = new Set(['57P01', '57P02', '57P03']);

/** A platform's HTTP call that failed (fetch wraps the socket's error): never the database's. */
const isPlatformCall = (e: object) => (e instanceof TypeError && e.message === 'fetch failed') || 'method' in e || 'error_code' in e;

/**
 * Whether a fault is the database connection going away rather than anything about the update:
 * a pool replaces its connection within a second or so (a PostgreSQL restart within a few), so
 * the same work a moment later succeeds. Read along the `cause` chain, since drizzle wraps the
 * driver's error; SQLSTATE class 08 is "connection exception". A socket error under a platform's
 * HTTP call (Discord's REST client hands over fetch's) is that platform's, and is not retried:
 * the message may have been posted.
 */
export function isLostDatabaseConnection(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if (isPlatformCall(e)) return false;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (LOST_CONNECTION.has(code) || SERVER_GOING_AWAY.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  }
  return false;
}

/** Waits between tries: the pool usually recovers within the first, a restarted server within the last. */
const PAUSES_MS = [250, 1_000, 2_500];

/**
 * The same port (the wallet, the adapter store) with each call run again when the connection was
 * lost under it: for the reads and idempotent writes (upserts, deletes) around sending replies,
 * where running the whole delivery again would send what was sent already.
 */
export function retryingLostConnections<T extends object>(port: T): T {
  return new Proxy(port, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const call = () => (value as (...a: unknown[]) => unknown).apply(target, args);
        const first = call();
        // what answers at once (the wallet's clock) stays synchronous
        if (!(first instanceof Promise)) return first;
        let tried = false;
        return retryingLostConnection(() => (tried ? (call() as Promise<unknown>) : ((tried = true), first)));
      };
    },
  });
}

/**
 * Runs a step of an update again when the database connection was lost under it, instead of
 * giving up on the update: the wallet calls are keyed by the update, so a step run again after a
 * transaction that did commit (its answer lost with the connection) returns the stored outcome.
 * Any other fault, or a connection still gone after the last pause, is thrown as it was.
 */
export async function retryingLostConnection<T>(step: () => Promise<T>, pauses: readonly number[] = PAUSES_MS): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      const pause = pauses[attempt];
      if (pause === undefined || !isLostDatabaseConnection(error)) throw error;
      await sleep(pause);
    }
  }
}
