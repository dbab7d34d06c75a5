import { createAdapterStore } from '../db/adapter-store.js';
import { runConsole } from './console/run-console.js';
import { ConfigError, describeDatabase, loadConfig } from './config.js';
import { openRuntime } from './runtime.js';
import { startTelegram } from './telegram/start-telegram.js';

/**
 * Composition root: reads the configuration, opens the database and the wallet, and runs the
 * chat adapters that are configured — with no platform tokens, the console chat.
 */
async function main(): Promise<void> {
  const env = process.argv.includes('--memory') ? { ...process.env, DATABASE_URL: 'memory://' } : process.env;
  const config = loadConfig(env);
  const runtime = await openRuntime(config);
  for (const notice of runtime.notices) console.error(notice);
  if (!config.TELEGRAM_BOT_TOKEN) {
    try {
      console.error(`OKPay console chat on the ${describeDatabase(config)} (no platform tokens set); /help lists commands.`);
      await runConsole(runtime.wallet);
    } finally {
      await runtime.close();
    }
    return;
  }
  console.error(`OKPay on the ${describeDatabase(config)}.`);
  const telegram = await startTelegram(config, runtime.wallet, createAdapterStore(runtime.database.db));
  const stop = async () => {
    await telegram.stop();
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
