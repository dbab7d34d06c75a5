import { run } from '@grammyjs/runner';
import { Bot, type Api } from 'grammy';
import type { Wallet } from '../../core/wallet.js';
import type { AdapterStore } from '../../core/ports/chat-store.js';
import type { Config } from '../config.js';
import { processLeases } from '../delivery/leases.js';
import { createInFlight } from '../delivery/in-flight.js';
import { createLogger } from '../delivery/logger.js';
import type { ProcessDeps } from '../delivery/process-deps.js';
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
  /** The bot's username, for `t.me/<bot>?start=pay_…` links. */
  username: string;
  /** Called once the HTTP server listens: only then is the webhook set. */
  listening(): Promise<void>;
  /** Stops fetching updates (long polling); a webhook stops when the HTTP server closes. */
  stopTaking(): Promise<void>;
  /** Stops everything: fetching, the notice loop (waiting for its round), the command menu. */
  stop(): Promise<void>;
}

/**
 * Runs the Telegram bot: a webhook served by the HTTP server when TELEGRAM_WEBHOOK_URL is set,
 * long polling otherwise; outbox notices are delivered every few seconds either way. Every update,
 * by either path, is counted in `inFlight` for the whole time it is worked on, so a shutdown can
 * wait for it.
 */
export async function startTelegram(
  config: Config,
  wallet: Wallet,
  store: AdapterStore,
  { logger = createLogger(), leases = processLeases(), inFlight = createInFlight() }: ProcessDeps = {},
): Promise<RunningTelegram> {
  const bot = new Bot(config.TELEGRAM_BOT_TOKEN!, { client: { fetch: globalThis.fetch, apiRoot: config.TELEGRAM_API_ROOT } });
  bot.api.config.use(telegramApiPolicy());
  bot.use((_ctx, next) => inFlight.run(next));
  installTelegramHandlers(bot, { wallet, store, download: downloader(config), logger, leases });
  await bot.init();
  const menu = setCommandMenu(bot.api);
  const stopNotices = startNoticeLoop({ wallet, store, transport: telegramTransport(bot.api), leases, logger });

  if (config.TELEGRAM_WEBHOOK_URL) {
    return {
      routes: { telegram: { bot, secret: config.TELEGRAM_WEBHOOK_SECRET! } },
      username: bot.botInfo.username,
      async listening() {
        await bot.api.setWebhook(config.TELEGRAM_WEBHOOK_URL!, { secret_token: config.TELEGRAM_WEBHOOK_SECRET! });
        console.error(`OKPay Telegram bot @${bot.botInfo.username} on webhook ${config.TELEGRAM_WEBHOOK_URL}.`);
      },
      async stopTaking() {},
      async stop() {
        await stopNotices();
        await menu.stop();
      },
    };
  }
  await bot.api.deleteWebhook();
  const runner = run(bot);
  console.error(`OKPay Telegram bot @${bot.botInfo.username} on long polling.`);
  const stopFetching = async () => {
    if (runner.isRunning()) await runner.stop();
  };
  return {
    routes: {},
    username: bot.botInfo.username,
    async listening() {},
    stopTaking: stopFetching,
    async stop() {
      await stopFetching();
      await stopNotices();
      await menu.stop();
    },
  };
}
