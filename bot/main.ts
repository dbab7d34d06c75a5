import { createAdapterStore } from '../db/adapter-store.js';
import { runConsole } from './console/run-console.js';
import { createLogger } from './delivery/logger.js';
import { ConfigError, describeDatabase, loadConfig } from './config.js';
import { openRuntime } from './runtime.js';
import { startDiscord } from './discord/start-discord.js';
import { buildServer } from './http/server.js';
import { startTelegram } from './telegram/start-telegram.js';

/**
 * Composition root: reads the configuration, opens the database and the wallet, and runs the
 * chat adapters that are configured — with no platform tokens, the console chat.
 */
async function main(): Promise<void> {
  const env = process.argv.includes('--memory') ? { ...process.env, DATABASE_URL: 'memory://' } : process.env;
  const config = loadConfig(env);
  const runtime = await openRuntime(config);
  // one structured logger for every adapter's update boundary and notice loop
  const logger = createLogger();
  for (const notice of runtime.notices) console.error(notice);
  if (!config.TELEGRAM_BOT_TOKEN && !config.DISCORD_BOT_TOKEN) {
    try {
      console.error(`OKPay console chat on the ${describeDatabase(config)} (no platform tokens set); /help lists commands.`);
      await runConsole({ wallet: runtime.wallet, store: createAdapterStore(runtime.database.db), logger, leases: runtime.leases });
    } finally {
      await runtime.close();
    }
    return;
  }
  console.error(`OKPay on the ${describeDatabase(config)}.`);
  const store = createAdapterStore(runtime.database.db);
  const telegram = config.TELEGRAM_BOT_TOKEN ? await startTelegram(config, runtime.wallet, store, logger, runtime.leases) : undefined;
  const discord = config.DISCORD_BOT_TOKEN ? await startDiscord(config, runtime.wallet, store, logger, runtime.leases) : undefined;
  // one HTTP server for the Telegram webhook and the Discord interactions endpoint, if either is on
  const routes = { ...telegram?.routes, ...discord?.routes };
  const server = routes.telegram || routes.discord ? buildServer(routes) : undefined;
  if (server) {
    await server.listen({ port: config.PORT, host: '0.0.0.0' });
    console.error(`HTTP server on port ${config.PORT}.`);
  }
  await telegram?.listening();
  const stop = async () => {
    await telegram?.stop();
    await discord?.stop();
    await server?.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
