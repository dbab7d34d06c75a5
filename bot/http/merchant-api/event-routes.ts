import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { decodeCursor } from '../../../core/ledger/history.js';
import type { Wallet } from '../../../core/wallet.js';
import { sendJson, sendWalletError } from './api-errors.js';
import { errorView, eventListView, eventParams, eventsQuery, resendView } from './api-schemas.js';
import { eventView } from './event-views.js';

const errors = { 400: errorView, 401: errorView, 404: errorView, 409: errorView, 422: errorView, 429: errorView };
const tags = ['webhooks'];

/** `/v1/events`: the merchant's webhook events with every delivery attempt, and resending one. */
export function eventRoutes(wallet: Wallet): FastifyPluginAsync {
  return async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();

    app.get('/events', { schema: { tags, summary: 'Webhook events with their delivery attempts, newest first', querystring: eventsQuery, response: { 200: eventListView, ...errors } } }, async (request, reply) => {
      const { cursor, limit } = request.query;
      const page = await wallet.listWebhookEvents({ merchant: request.merchant!, beforeId: cursor ? decodeCursor(cursor).toString() : undefined, limit: limit + 1 });
      if (!page.ok) return sendWalletError(reply, page.error);
      const items = page.value.slice(0, limit);
      const last = items.at(-1);
      const next = page.value.length > limit && last ? BigInt(last.id).toString(36) : null;
      return sendJson(reply, 200, { items: items.map(eventView), next_cursor: next });
    });

    app.post('/events/:id/resend', { schema: { tags, summary: 'Send an event again (a new round of retries)', params: eventParams, response: { 202: resendView, ...errors } } }, async (request, reply) => {
      const resent = await wallet.resendWebhookEvent({ merchant: request.merchant!, publicId: request.params.id });
      if (!resent.ok) return sendWalletError(reply, resent.error);
      return sendJson(reply, 202, { id: resent.value.publicId, object: 'event', delivery: 'pending' });
    });
  };
}
