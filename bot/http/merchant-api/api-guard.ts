import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_KEY_LENGTH } from '../../../core/idempotency.js';
import type { ApiCallsPort, User } from '../../../core/ports/index.js';
import type { Wallet } from '../../../core/wallet.js';
import { sendError } from './api-errors.js';

/** An answer is replayed for at least 24 hours of the wallet's clock. */
export const KEEP_ANSWERS_MS = 24 * 3_600_000;
/** Keys older than this are deleted, so the table does not grow without bound; well past {@link KEEP_ANSWERS_MS}. */
export const FORGET_KEYS_MS = 7 * 24 * 3_600_000;
/** A run this old whose answer never came is taken to have died with its process. */
const STALE_RUN_MS = 5 * 60_000;

declare module 'fastify' {
  interface FastifyRequest {
    /** The merchant wallet whose API key authorised the request. */
    merchant: User | null;
    /** The Idempotency-Key this request claimed, whose answer is kept when it is sent. */
    apiCall: { key: string; runId: string } | null;
  }
}

/** The key of `Authorization: Bearer okp_…`, if the header has that form. */
export function bearerOf(request: FastifyRequest): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
}

/** Who a request counts against for the rate limit: its key (hashed, never kept as written), else its address. */
export function rateLimitKey(request: FastifyRequest): string {
  const bearer = bearerOf(request);
  return bearer ? `key:${createHash('sha256').update(bearer).digest('hex')}` : `ip:${request.ip}`;
}

/** Counts a refused key against its caller's address: the milliseconds to wait once over the limit, else null. */
export type FailedAuthLimit = (request: FastifyRequest) => Promise<number | null>;

/**
 * Every `/v1` request names a live key of a merchant; anything else is 401, the same for every
 * cause — and counted per address, so guessing keys (each a fresh one) meets 429 like any caller.
 */
export function authenticate(wallet: Wallet, failedAuth: FailedAuthLimit) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const bearer = bearerOf(request);
    const found = bearer ? await wallet.authenticateApiKey(bearer) : undefined;
    if (found?.ok) {
      request.merchant = found.value.user;
      return;
    }
    const wait = await failedAuth(request);
    if (wait === null) return sendError(reply, 'api.unauthorized');
    const seconds = Math.max(1, Math.ceil(wait / 1000));
    return sendError(reply.header('retry-after', String(seconds)), 'api.rate_limited', { seconds });
  };
}

function requestHash(request: FastifyRequest): string {
  const what = [request.method, request.routeOptions.url, request.params ?? null, request.body ?? null];
  return createHash('sha256').update(JSON.stringify(what)).digest('hex');
}

/**
 * Deletes the keys older than {@link FORGET_KEYS_MS} by the wallet's clock. One idempotent
 * statement, so every process may run it on its own timer without a lease.
 */
export function forgetOldKeys(wallet: Wallet, calls: ApiCallsPort): Promise<number> {
  return calls.forget(new Date(wallet.now().getTime() - FORGET_KEYS_MS));
}

/**
 * `Idempotency-Key` on every POST, per merchant, kept in the database so every process agrees:
 * the first request with a key runs; the same key and body later get its answer byte for byte;
 * another body gets 422; while the first still runs, 409.
 */
export function idempotency(app: FastifyInstance, wallet: Wallet, calls: ApiCallsPort): void {
  app.addHook('preHandler', async (request, reply) => {
    // a route that does not exist is a 404, whatever the headers
    if (request.method !== 'POST' || !request.merchant || request.is404) return;
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
      return sendError(reply, 'idempotency.key_required', { max: MAX_KEY_LENGTH });
    }
    const merchantId = request.merchant.id;
    const start = await calls.begin({ merchantId, key, requestHash: requestHash(request), now: wallet.now(), keepMs: KEEP_ANSWERS_MS, staleMs: STALE_RUN_MS });
    switch (start.kind) {
      case 'run':
        request.apiCall = { key, runId: start.runId };
        return;
      case 'replay':
        return reply.code(start.status).type('application/json; charset=utf-8').header('idempotent-replayed', 'true').send(start.body);
      case 'mismatch':
        return sendError(reply, 'idempotency.body_mismatch');
      case 'running':
        return sendError(reply, 'idempotency.in_progress');
    }
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const call = request.apiCall;
    if (!call || !request.merchant) return payload;
    request.apiCall = null;
    // a fault is not an answer: the next try runs again
    if (reply.statusCode >= 500 || typeof payload !== 'string') await calls.abandon(request.merchant.id, call.key, call.runId);
    else await calls.finish(request.merchant.id, call.key, call.runId, reply.statusCode, payload);
    return payload;
  });
}
