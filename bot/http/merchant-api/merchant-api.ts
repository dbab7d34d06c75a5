import { randomUUID } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ApiCallsPort } from '../../../core/ports/index.js';
import type { Wallet } from '../../../core/wallet.js';
import type { Logger } from '../../delivery/logger.js';
import { accountRoutes } from './account-routes.js';
import { sendError, sendJson } from './api-errors.js';
import { authenticate, forgetOldKeys, idempotency, rateLimitKey } from './api-guard.js';
import type { LinkConfig } from './api-views.js';
import { eventRoutes } from './event-routes.js';
import { paymentRequestRoutes } from './payment-request-routes.js';

export interface MerchantApiDeps {
  wallet: Wallet;
  /** Answers kept by Idempotency-Key (db/api-calls-store.ts). */
  calls: ApiCallsPort;
  links: LinkConfig;
  /** Requests per key per window; default 100 a minute. */
  rateLimit?: { max: number; windowMs: number };
  logger?: Logger;
  /** Told of each request created (the console prints its checkout page's address). */
  onCreated?: (view: { id: string; pay_url: string }) => void;
}

/** The field a validation error is about: its path, or the unknown key itself. */
function fieldOf(error: FastifyError): { field: string; reason: string } {
  const [issue] = error.validation ?? [];
  const keys = (issue?.params as { keys?: string[] } | undefined)?.keys;
  const path = issue?.instancePath.replace(/^\//, '').replaceAll('/', '.') ?? '';
  const field = keys?.length ? [path, keys[0]].filter(Boolean).join('.') : path || error.validationContext || 'body';
  return { field, reason: keys?.length ? 'unknown field' : (issue?.message ?? error.message) };
}

/**
 * The merchant API, mounted under `/v1`: a rate limit per key, then the key's merchant, then the
 * Idempotency-Key of a POST, then the route. Every "no" is `{error: {code, message}}` with the
 * status of the one error table; a fault is logged with a correlation id and answered 500.
 */
export async function merchantApi(app: FastifyInstance, deps: MerchantApiDeps): Promise<void> {
  app.decorateRequest('merchant', null);
  app.decorateRequest('apiCall', null);
  const limit = deps.rateLimit ?? { max: 100, windowMs: 60_000 };
  // global: false and an instance hook of our own, so the limit runs before the key is looked up
  // (a route's own limit hook would run after authenticate, and never see refused keys)
  await app.register(rateLimit, {
    global: false,
    max: limit.max,
    timeWindow: limit.windowMs,
    keyGenerator: rateLimitKey,
    errorResponseBuilder: (_request, context) => ({ statusCode: 429, rateLimited: true, seconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
  });
  app.addHook('onRequest', app.rateLimit());
  const failures = app.createRateLimit({ keyGenerator: (request) => `failed-auth:${request.ip}` });
  const failedAuth = async (request: FastifyRequest) => {
    const counted = await failures(request);
    return !counted.isAllowed && counted.isExceeded ? counted.ttl : null;
  };
  app.addHook('onRequest', authenticate(deps.wallet, failedAuth));
  idempotency(app, deps.wallet, deps.calls);
  // hourly, beside the server's own life: started when it is ready, stopped when it closes
  let forgetting: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    forgetting = setInterval(() => void forgetOldKeys(deps.wallet, deps.calls).catch((err: unknown) => deps.logger?.error({ err }, 'forgetting old Idempotency-Keys failed')), 3_600_000);
    forgetting.unref();
  });
  app.addHook('onClose', async () => clearInterval(forgetting));

  app.setErrorHandler((error: FastifyError & { rateLimited?: boolean; seconds?: number }, request, reply) => {
    if (error.rateLimited) return sendError(reply.header('retry-after', String(error.seconds)), 'api.rate_limited', { seconds: error.seconds ?? 60 });
    if (hasZodFastifySchemaValidationErrors(error)) return sendError(reply, 'api.invalid_body', fieldOf(error));
    if (error.statusCode === 413) return sendError(reply, 'api.body_too_large');
    if (error.statusCode === 415) return sendError(reply, 'api.unsupported_media_type');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, 'api.invalid_body', { field: 'body', reason: error.message });
    }
    const correlationId = randomUUID();
    deps.logger?.error({ correlationId, err: error, route: request.routeOptions.url }, 'merchant API fault');
    return sendJson(reply, 500, { error: { code: 'fault', message: 'Something went wrong on our side; it was logged.', correlation_id: correlationId } });
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, 'api.not_found'));

  await app.register(paymentRequestRoutes(deps.wallet, deps.links, deps.onCreated));
  await app.register(accountRoutes(deps.wallet));
  await app.register(eventRoutes(deps.wallet));
}
