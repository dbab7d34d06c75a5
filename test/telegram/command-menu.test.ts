import { Bot } from 'grammy';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config.js';
import { telegramApiPolicy } from '../../bot/telegram/api-policy.js';
import { setCommandMenu } from '../../bot/telegram/command-menu.js';
import { startTelegram } from '../../bot/telegram/start-telegram.js';
import { createAdapterStore } from '../../db/adapter-store.js';
import { API, botInfo, interceptTelegram, TOKEN, type Call } from '../support/telegram-fixtures.js';
import { openTestWallet, type TestWallet } from '../support/test-database.js';

/**
 * The command menu is cosmetic: Telegram failing to take it (network, a long 429) must not stop
 * the bot. It is set in the background, tried again a bounded number of times, each failure logged.
 */
const menuCall = new RegExp(`^/bot${TOKEN}/setMyCommands$`);
const tooMany = { ok: false, error_code: 429, description: 'Too Many Requests: retry after 7200', parameters: { retry_after: 7200 } };

let calls: Call[];

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

describe('the Telegram command menu', () => {
  let t: TestWallet;
  beforeEach(async () => {
    t = await openTestWallet();
  });
  afterEach(async () => {
    await t.close();
  });

  it('does not keep the bot from starting when Telegram cannot be reached for it', async () => {
    nock(API).persist().post(menuCall).replyWithError('socket hang up');
    calls = interceptTelegram().calls;
    const config = loadConfig({
      DATABASE_URL: 'memory://',
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_URL: 'https://okpay.example/telegram/webhook',
      TELEGRAM_WEBHOOK_SECRET: 'a-very-secret-token',
    });
    const running = await startTelegram(config, t.wallet, createAdapterStore(t.database.db));
    await running.listening();
    await running.stop();
    expect(calls.map((c) => c.method)).toEqual(['getMe', 'setWebhook']);
  });
});

describe('setting the command menu', () => {
  const bot = () => {
    const b = new Bot(TOKEN, { botInfo, client: { fetch: globalThis.fetch, apiRoot: API } });
    b.api.config.use(telegramApiPolicy());
    return b;
  };

  it('tries again after failures, waiting at least what a 429 asks within its bound, and logs each', async () => {
    let tries = 0;
    nock(API).persist().post(menuCall).reply(() => {
      tries += 1;
      if (tries === 1) return [429, tooMany];
      if (tries === 2) return [502, { ok: false, error_code: 502, description: 'Bad Gateway' }];
      return [200, { ok: true, result: true }];
    });
    const waits: number[] = [];
    const logged: unknown[][] = [];
    const menu = setCommandMenu(bot().api, { delaysMs: [1_000, 5_000, 30_000], maxWaitMs: 600_000, wait: async (ms) => void waits.push(ms), log: (...args) => void logged.push(args) });
    expect(await menu.done).toBe(true);
    // English, then Chinese once Telegram takes the calls again
    expect(tries).toBe(4);
    expect(waits).toEqual([600_000, 5_000]);
    expect(logged.map((args) => String(args[0]))).toEqual([
      expect.stringMatching(/command menu not set \(attempt 1\).*600 s/),
      expect.stringMatching(/command menu not set \(attempt 2\).*5 s/),
    ]);
  });

  it('gives up after its last try, logging that the bot runs without the menu', async () => {
    nock(API).persist().post(menuCall).replyWithError('ECONNRESET');
    const waits: number[] = [];
    const logged: string[] = [];
    const menu = setCommandMenu(bot().api, { delaysMs: [1, 2], wait: async (ms) => void waits.push(ms), log: (message) => void logged.push(String(message)) });
    expect(await menu.done).toBe(false);
    expect(waits).toEqual([1, 2]);
    expect(logged.at(-1)).toMatch(/gave up after 3 attempts/);
  });

  it('stops waiting when the bot stops', async () => {
    nock(API).persist().post(menuCall).replyWithError('ECONNRESET');
    const menu = setCommandMenu(bot().api, { log: () => {} });
    await menu.stop();
    expect(await menu.done).toBe(false);
  });
});
