import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { toDecimalString } from '../../../core/money/index.js';
import type { Wallet } from '../../../core/wallet.js';
import { transferRef } from '../../replies/refs.js';
import { sendJson, sendWalletError } from './api-errors.js';
import {
  createRequestBody,
  errorView,
  listRequestsQuery,
  paymentRequestView,
  refundBody,
  refundView,
  requestListView,
  requestParams,
} from './api-schemas.js';
import { requestView, type LinkConfig } from './api-views.js';

const errors = { 400: errorView, 401: errorView, 404: errorView, 409: errorView, 422: errorView, 429: errorView };
const tags = ['payment requests'];
/** Documented here; checked by the idempotency hook, which answers a missing key with its own code. */
const headers = z.object({
  'idempotency-key': z.string().optional().describe('Required on every POST: your unique key for this operation (1–200 characters)'),
});

/** `/v1/payment_requests`: create, get, list, cancel and refund, each only of the key's own merchant. */
export function paymentRequestRoutes(wallet: Wallet, links: LinkConfig, onCreated?: (view: { id: string; pay_url: string }) => void): FastifyPluginAsync {
  return async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();

    app.post('/payment_requests', { schema: { tags, summary: 'Create a payment request', headers, body: createRequestBody, response: { 201: paymentRequestView, ...errors } } }, async (request, reply) => {
      const body = request.body;
      const created = await wallet.createApiRequest({
        merchant: request.merchant!,
        key: request.apiCall!.key,
        amount: { decimal: body.amount, currency: body.currency },
        description: body.description,
        payer: body.payer,
        expiresInSeconds: body.expires_in,
        metadata: body.metadata,
        successUrl: body.success_url,
      });
      if (!created.ok) return sendWalletError(reply, created.error);
      const view = await requestView(wallet, links, created.value);
      onCreated?.(view);
      return sendJson(reply, 201, view);
    });

    app.get('/payment_requests/:id', { schema: { tags, summary: 'Get a payment request', params: requestParams, response: { 200: paymentRequestView, ...errors } } }, async (request, reply) => {
      const found = await wallet.getMerchantRequest(request.merchant!.id, request.params.id);
      if (!found.ok) return sendWalletError(reply, found.error);
      return sendJson(reply, 200, await requestView(wallet, links, found.value));
    });

    app.get('/payment_requests', { schema: { tags, summary: 'List payment requests, newest first', querystring: listRequestsQuery, response: { 200: requestListView, ...errors } } }, async (request, reply) => {
      const { status, cursor, limit } = request.query;
      const page = await wallet.listMerchantRequests({ merchantId: request.merchant!.id, status, cursor, limit });
      if (!page.ok) return sendWalletError(reply, page.error);
      const items = await Promise.all(page.value.items.map((item) => requestView(wallet, links, item)));
      return sendJson(reply, 200, { items, next_cursor: page.value.nextCursor ?? null });
    });

    app.post('/payment_requests/:id/cancel', { schema: { tags, summary: 'Cancel an open payment request', headers, params: requestParams, response: { 200: paymentRequestView, ...errors } } }, async (request, reply) => {
      const cancelled = await wallet.cancelMerchantRequest(request.merchant!, request.params.id);
      if (!cancelled.ok) return sendWalletError(reply, cancelled.error);
      return sendJson(reply, 200, await requestView(wallet, links, cancelled.value));
    });

    app.post('/payment_requests/:id/refunds', { schema: { tags, summary: 'Refund a paid request, fully or in part', headers, params: requestParams, body: refundBody.nullish(), response: { 201: refundView, ...errors } } }, async (request, reply) => {
      const body = request.body ?? {};
      const refunded = await wallet.refundMerchantRequest({
        merchant: request.merchant!,
        publicId: request.params.id,
        key: request.apiCall!.key,
        amount: body.amount && body.currency ? { decimal: body.amount, currency: body.currency } : undefined,
        memo: body.reason,
      });
      if (!refunded.ok) return sendWalletError(reply, refunded.error);
      const { receipt, remaining, request: paid } = refunded.value;
      return sendJson(reply, 201, {
        object: 'refund',
        livemode: request.merchant!.sandboxOf === undefined,
        id: transferRef(receipt.transferId),
        payment_request: paid.publicId,
        amount: toDecimalString(receipt.amount),
        currency: receipt.amount.currency,
        remaining: toDecimalString({ currency: receipt.amount.currency, minor: remaining }),
        created_at: receipt.createdAt.toISOString(),
      });
    });
  };
}
