import { createAdapterStore } from '../db/adapter-store.js';
import { pendingMigrations } from '../db/migration-status.js';
import { runConsole } from './console/run-console.js';
import { createInFlight } from './delivery/in-flight.js';
import { createLogger } from './delivery/logger.js';
import { ConfigError, describeDatabase, loadConfig } from './config.js';
import { openRuntime } from './runtime.js';
import { startDiscord } from './discord/start-discord.js';
import { buildServer } from './http/server.js';
import type { FastifyInstance } from 'fastify';
import type { MerchantApiDeps } from './http/merchant-api/merchant-api.js';
import type { Logger } from './delivery/logger.js';
import type { Config } from './config.js';
import type { Runtime } from './runtime.js';
import { createApiCallsStore } from '../db/api-calls-store.js';
import { createShutdown } from './shutdown.js';
import { startTelegram } from './telegram/start-telegram.js';
import { createWebhookDeliverer } from './delivery/webhook-deliverer.js';

/** The merchant API's parts: links to this server and the bot, answers kept in the database. */
function merchantApiOf(config: Config, runtime: Runtime, logger: Logger, telegramBot?: string): MerchantApiDeps {
  return {
    wallet: runtime.wallet,
    calls: createApiCallsStore(runtime.database.db),
    links: { publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`, telegramBot: config.TELEGRAM_BOT_USERNAME ?? telegramBot },
    rateLimit: { max: config.API_RATE_LIMIT, windowMs: 60_000 },
    logger,
  };
}

/**
 * Composition root: reads the configuration, opens the database and the wallet, and runs the
 * chat adapters that are configured — with no platform tokens, the console chat — until the end
 * of input or SIGTERM / SIGINT, which stop it gracefully (bot/shutdown.ts).
 */
async function main(): Promise<void> {
  const env = process.argv.includes('--memory') ? { ...process.env, DATABASE_URL: 'memory://' } : process.env;
  const config = loadConfig(env);
  const runtime = await openRuntime(config);
  // one structured logger for every adapter's update boundary and notice loop
  const logger = createLogger();
  // every update is counted from where it enters until it is answered, so a shutdown can wait for it
  const inFlight = createInFlight();
  const shutdown = createShutdown({ logger, inFlight });
  for (const notice of runtime.notices) console.error(notice);
  const readiness = { pendingMigrations: () => pendingMigrations(runtime.database), stopping: () => shutdown.stopping };
  if (!config.TELEGRAM_BOT_TOKEN && !config.DISCORD_BOT_TOKEN) {
    const reading = new AbortController();
    // the merchant API beside the console, so a merchant can try it end to end on one machine
    const merchantApi = { ...merchantApiOf(config, runtime, logger), onCreated: (view: { id: string; pay_url: string }) => console.error(`Payment request ${view.id}: checkout page ${view.pay_url}`) };
    const server = buildServer({ readiness, merchantApi });
    await server.listen({ port: config.PORT, host: '0.0.0.0' });
    const stopWebhooks = createWebhookDeliverer({ wallet: runtime.wallet, leases: runtime.leases, links: merchantApi.links, logger }).start();
    shutdown.plan({ intake: [() => reading.abort(), async () => server.close()], background: [stopWebhooks], close: () => runtime.close() });
    shutdown.listen();
    try {
      console.error(`OKPay console chat on the ${describeDatabase(config)} (no platform tokens set); /help lists commands.`);
      console.error(`Merchant API on http://localhost:${config.PORT}/v1 (docs at /docs); checkout pages at /pay/{id}; webhooks sent from here.`);
      await runConsole({ wallet: runtime.wallet, store: createAdapterStore(runtime.database.db), logger, leases: runtime.leases }, { stop: reading.signal, inFlight });
    } finally {
      await shutdown.run();
    }
    return;
  }
  console.error(`OKPay on the ${describeDatabase(config)}.`);
  const store = createAdapterStore(runtime.database.db);
  const running = { logger, leases: runtime.leases, inFlight };
  const telegram = config.TELEGRAM_BOT_TOKEN ? await startTelegram(config, runtime.wallet, store, running) : undefined;
  const discord = config.DISCORD_BOT_TOKEN ? await startDiscord(config, runtime.wallet, store, running) : undefined;
  // one HTTP server: the health checks a load balancer or orchestrator asks, and the Telegram
  // webhook and Discord interactions endpoint when they are on
  const routes = { ...telegram?.routes, ...discord?.routes };
  let server: FastifyInstance | undefined;
  let stopWebhooks: (() => Promise<void>) | undefined;
  // updates may arrive (long polling) while the HTTP server gets ready, so a signal is handled from now on
  shutdown.plan({
    intake: [async () => server?.close(), async () => telegram?.stopTaking(), async () => discord?.stopTaking()],
    background: [async () => telegram?.stop(), async () => discord?.stop(), async () => stopWebhooks?.()],
    close: () => runtime.close(),
  });
  shutdown.listen();
  const merchantApi = merchantApiOf(config, runtime, logger, telegram?.username);
  server = buildServer({ ...routes, readiness, merchantApi });
  await server.listen({ port: config.PORT, host: '0.0.0.0' });
  // sends signed events to merchants' endpoints, beside the chat adapters, in every process
  stopWebhooks = createWebhookDeliverer({ wallet: runtime.wallet, leases: runtime.leases, links: merchantApi.links, logger }).start();
  console.error(`HTTP server on port ${config.PORT}.`);
  await telegram?.listening();
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
