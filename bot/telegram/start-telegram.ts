import { run } from '@grammyjs/runner';
import { Bot, type Api } from 'grammy';
import type { Wallet } from '../../core/wallet.js';
import type { AdapterStore } from '../../core/ports/chat-store.js';
import type { Config } from '../config.js';
import { processLeases, type Leases } from '../delivery/leases.js';
import { createLogger, type Logger } from '../delivery/logger.js';
import { startNoticeLoop } from '../delivery/notice-loop.js';
import type { ServerDeps } from '../http/server.js';
import { telegramApiPolicy } from './api-policy.js';
import { setCommandMenu } from './command-menu.js';
import { installTelegramHandlers } from './telegram-adapter.js';
import { telegramTransport } from './telegram-transport.js';

function downloader(config: Config) {
  return async (api: Api, fileId: string): Promise<Buffer> => {
    const file = await api.getFile(fileId);
    const response = await fetch(`${config.TELEGRAM_API_ROOT}/file/bot${config.TELEGRAM_BOT_TOKEN}/${file.file_path}`);
    if (!response.ok) throw new Error(`file download failed with HTTP ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  };
}

export interface RunningTelegram {
  /** The webhook route for the shared HTTP server, in webhook mode. */
  routes: Pick<ServerDeps, 'telegram'>;
  /** Called once the HTTP server listens: only then is the webhook set. */
  listening(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs the Telegram bot: a webhook served by the HTTP server when TELEGRAM_WEBHOOK_URL is set,
 * long polling otherwise; outbox notices are delivered every few seconds either way.
 */
export async function startTelegram(
  config: Config,
  wallet: Wallet,
  store: AdapterStore,
  logger: Logger = createLogger(),
  leases: Leases = processLeases(),
): Promise<RunningTelegram> {
  const bot = new Bot(config.TELEGRAM_BOT_TOKEN!, { client: { fetch: globalThis.fetch, apiRoot: config.TELEGRAM_API_ROOT } });
  bot.api.config.use(telegramApiPolicy());
  installTelegramHandlers(bot, { wallet, store, download: downloader(config), logger, leases });
  await bot.init();
  const menu = setCommandMenu(bot.api);
  const stopNotices = startNoticeLoop({ wallet, store, transport: telegramTransport(bot.api), leases, logger });

  if (config.TELEGRAM_WEBHOOK_URL) {
    return {
      routes: { telegram: { bot, secret: config.TELEGRAM_WEBHOOK_SECRET! } },
      async listening() {
        await bot.api.setWebhook(config.TELEGRAM_WEBHOOK_URL!, { secret_token: config.TELEGRAM_WEBHOOK_SECRET! });
        console.error(`OKPay Telegram bot @${bot.botInfo.username} on webhook ${config.TELEGRAM_WEBHOOK_URL}.`);
      },
      async stop() {
        await stopNotices();
        await menu.stop();
      },
    };
  }
  await bot.api.deleteWebhook();
  const runner = run(bot);
  console.error(`OKPay Telegram bot @${bot.botInfo.username} on long polling.`);
  return {
    routes: {},
    async listening() {},
    async stop() {
      await stopNotices();
      await menu.stop();
      if (runner.isRunning()) await runner.stop();
    },
  };
}
