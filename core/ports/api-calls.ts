import type { UserId } from './users.js';

/** What became of a merchant's POST under its Idempotency-Key when it arrived. */
export type ApiCallStart =
  /** This request is the first (or the same request's earlier answer is past retention, or its run died): run it as `runId`. */
  | { kind: 'run'; runId: string }
  /** Answered before: send exactly this. */
  | { kind: 'replay'; status: number; body: string }
  /** The key came with another request. */
  | { kind: 'mismatch' }
  /** The first request with the key is still running, in this process or another. */
  | { kind: 'running' };

/**
 * The merchant API's memory of answers by Idempotency-Key, per merchant, in the database so that
 * every process shares it. Times are the wallet clock's.
 */
export interface ApiCallsPort {
  /**
   * Claims the key for this request in one statement: of two requests at once exactly one runs.
   * An answer older than `keepMs` is forgotten, and a run started more than `staleMs` ago (its
   * process died) is taken over — both only by the same request: a key never passes to another body.
   */
  begin(call: { merchantId: UserId; key: string; requestHash: string; now: Date; keepMs: number; staleMs: number }): Promise<ApiCallStart>;
  /** Keeps the answer for replays, if `runId` still holds the run (a slow process taken over keeps nothing). */
  finish(merchantId: UserId, key: string, runId: string, status: number, body: string): Promise<void>;
  /** Forgets a run that failed with a fault, so a retry runs again — only the run `runId` holds. */
  abandon(merchantId: UserId, key: string, runId: string): Promise<void>;
  /** Deletes every key started at or before `before` (the wallet clock's), so the table stays bounded; how many went. */
  forget(before: Date): Promise<number>;
}
