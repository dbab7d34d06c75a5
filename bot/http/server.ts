import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { apiDocs } from './api-docs.js';
import { discordInteractionsRoute, type DiscordRouteDeps } from './discord-route.js';
import { checkoutPage } from './checkout/checkout-page.js';
import { merchantApi, type MerchantApiDeps } from './merchant-api/merchant-api.js';
import { readinessRoute, type ReadinessDeps } from './readiness-route.js';

export interface ServerDeps {
  telegram?: { bot: Bot; secret: string };
  discord?: DiscordRouteDeps;
  /** Serves `/readyz`; the composition root always passes it. */
  readiness?: ReadinessDeps;
  /** The merchant API under `/v1`, documented at `/docs`. */
  merchantApi?: MerchantApiDeps;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The HTTP server without `listen`, so tests can `inject`. */
export function buildServer(deps: ServerDeps): FastifyInstance {
  const app = Fastify({ logger: false });
  app.get('/healthz', async () => ({ ok: true }));
  const readiness = deps.readiness;
  if (readiness) {
    void app.register(readinessRoute, readiness);
    // while shutting down, each answer ends its keep-alive connection, so closing the server does not wait for the client to hang up
    app.addHook('onSend', async (_request, reply) => {
      if (readiness.stopping()) void reply.header('connection', 'close');
    });
  }
  const telegram = deps.telegram;
  if (telegram) {
    app.post('/telegram/webhook', async (request, reply) => {
      if (!sameSecret(request.headers['x-telegram-bot-api-secret-token'] as string | undefined, telegram.secret)) {
        return reply.code(401).send({ ok: false });
      }
      try {
        await telegram.bot.handleUpdate(request.body as Update);
      } catch (error) {
        // answered with 200 all the same: a failing update redelivered forever helps nobody
        await telegram.bot.errorHandler(error as Parameters<typeof telegram.bot.errorHandler>[0]);
      }
      return { ok: true };
    });
  }
  if (deps.discord) void app.register(discordInteractionsRoute, deps.discord);
  const api = deps.merchantApi;
  if (api) {
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    apiDocs(app, api.links.publicUrl);
    void app.register(merchantApi, { ...api, prefix: '/v1' });
    // the hosted checkout page that `pay_url` names, on the same server
    void app.register(checkoutPage({ wallet: api.wallet, links: api.links }));
  }
  return app;
}
