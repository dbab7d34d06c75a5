import type { FastifyReply } from 'fastify';
import { httpStatusOf, type ErrorCode, type ErrorParams, type WalletError } from '../../../core/errors.js';
import { money, toCurrencyCode, toDecimalString } from '../../../core/money/index.js';
import { translate } from '../../i18n/i18n.js';
import { text } from '../../replies/reply.js';

/**
 * Sends an answer as the exact JSON text it will be kept as, so an Idempotency-Key replay is the
 * same bytes (a string with a JSON content type passes fastify's serializer untouched).
 */
export function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
}

/** Amount params (minor units in the wallet's errors) as the API's decimal strings. */
function apiParams(params: ErrorParams): ErrorParams {
  const currency = toCurrencyCode(String(params.currency ?? ''));
  const shown: ErrorParams = { ...params };
  for (const name of ['available', 'remaining', 'limit'] as const) {
    const value = params[name];
    if (value !== undefined && currency && /^\d+$/.test(String(value))) shown[name] = toDecimalString(money(currency, BigInt(value)));
  }
  return shown;
}

/**
 * `{error: {code, message, params}}` with the status of the one error table (core/errors.ts): the
 * code is stable, the message English for the developer reading it.
 */
export function sendError(reply: FastifyReply, code: ErrorCode, params: ErrorParams = {}): FastifyReply {
  const shown = apiParams(params);
  const message = translate('en', text(`errors.${code}`, shown));
  return sendJson(reply, httpStatusOf(code), { error: { code, message, ...(Object.keys(shown).length ? { params: shown } : {}) } });
}

/**
 * A wallet's "no"; a money error names the field it is about, as a validation error does. The
 * core's `idempotency.conflict` (its key held another request, worded for the chat) is the API's
 * body mismatch: a 422 with the API's own text, as when the kept answer tells it.
 */
export function sendWalletError(reply: FastifyReply, error: WalletError): FastifyReply {
  if (error.code === 'idempotency.conflict') return sendError(reply, 'idempotency.body_mismatch');
  const field = error.code === 'money.unsupported_currency' ? 'currency' : error.code.startsWith('money.') ? 'amount' : undefined;
  return sendError(reply, error.code, field ? { field, ...error.params } : error.params);
}
