import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { toDecimalString } from '../../../core/money/index.js';
import type { Wallet } from '../../../core/wallet.js';
import { sendJson, sendWalletError } from './api-errors.js';
import { balanceView, checkoutSettingsBody, checkoutSettingsView, errorView, transactionsQuery, transactionsView } from './api-schemas.js';
import { transactionView } from './api-views.js';

const errors = { 400: errorView, 401: errorView, 429: errorView };
const tags = ['wallet'];

/** `/v1/balance` and `/v1/transactions`: the merchant's own wallet, as its chat shows it. */
export function accountRoutes(wallet: Wallet): FastifyPluginAsync {
  return async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();

    app.get('/balance', { schema: { tags, summary: 'Balances of the merchant wallet', response: { 200: balanceView, ...errors } } }, async (request, reply) => {
      const balances = await wallet.balances(request.merchant!.id);
      return sendJson(reply, 200, { livemode: request.merchant!.sandboxOf === undefined, balances: balances.map((m) => ({ currency: m.currency, amount: toDecimalString(m) })) });
    });

    app.get('/transactions', { schema: { tags, summary: 'Movements of the merchant wallet, newest first', querystring: transactionsQuery, response: { 200: transactionsView, ...errors } } }, async (request, reply) => {
      const page = await wallet.history({ userId: request.merchant!.id, cursor: request.query.cursor, limit: request.query.limit });
      if (!page.ok) return sendWalletError(reply, page.error);
      return sendJson(reply, 200, { livemode: request.merchant!.sandboxOf === undefined, items: page.value.items.map(transactionView), next_cursor: page.value.nextCursor ?? null });
    });

    app.post('/checkout_settings', { schema: { tags: ['checkout page'], summary: 'Allow one site of yours to frame your checkout pages (or none)', body: checkoutSettingsBody, response: { 200: checkoutSettingsView, ...errors } } }, async (request, reply) => {
      const set = await wallet.setCheckoutEmbedding({ merchant: request.merchant!, origin: request.body.embed_origin });
      if (!set.ok) return sendWalletError(reply, set.error);
      return sendJson(reply, 200, { embed_origin: set.value.embedOrigin ?? null });
    });
  };
}
