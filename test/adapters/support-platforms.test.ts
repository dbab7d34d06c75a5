import { Bot } from 'grammy';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../bot/console/console-adapter.js';
import { createDiscordAdapter, respondByRest } from '../../bot/discord/discord-adapter.js';
import { discordRest } from '../../bot/discord/discord-rest.js';
import { installTelegramHandlers } from '../../bot/telegram/telegram-adapter.js';
import { createAdapterStore } from '../../db/adapter-store.js';
import { identities } from '../../db/schema/index.js';
import { APP_ID, BOT_TOKEN, discordPerson, dmChannelId, interceptDiscord, slashCommand, type DiscordCapture } from '../support/discord-fixtures.js';
import { deliverDiscordNotices, deliverTelegramNotices } from '../support/platform-rounds.js';
import { API, botInfo, fieldOf, interceptTelegram, person, textUpdate, TOKEN, type TelegramCapture } from '../support/telegram-fixtures.js';
import { manualClock, openTestWallet, type TestWallet } from '../support/test-database.js';

/**
 * One wallet on Telegram and Discord writes to support from each; the operator answers from the
 * console, and each answer reaches the platform its ticket came from, and no other.
 */
const clock = manualClock();
const aliceOnTelegram = person(1001, 'alice');
const aliceOnDiscord = discordPerson('1100000000000000001', 'alice');
let t: TestWallet;
let telegram: TelegramCapture;
let discord: DiscordCapture;
let bot: Bot;
const consoleLines: string[] = [];

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(async () => {
  telegram = interceptTelegram();
  discord = interceptDiscord();
  t = await openTestWallet({ clock, operators: [{ platform: 'console', platformUserId: 'ops' }] });
  bot = new Bot(TOKEN, { botInfo, client: { fetch: globalThis.fetch, apiRoot: API } });
  installTelegramHandlers(bot, { wallet: t.wallet, store: createAdapterStore(t.database.db), download: async () => Buffer.alloc(0) });
  const { user } = await t.wallet.register({ platform: 'telegram', platformUserId: String(aliceOnTelegram.id), username: 'alice' });
  // the Discord account attached as /link would, arranged directly: the linking ceremony is not what this tests
  await t.database.db.insert(identities).values({ userId: BigInt(user.id), platform: 'discord', platformUserId: aliceOnDiscord.id, username: 'alice' });
});
afterEach(async () => {
  nock.cleanAll();
  await t.close();
});

const discordAdapter = () =>
  createDiscordAdapter({ wallet: t.wallet, store: createAdapterStore(t.database.db), rest: discordRest(BOT_TOKEN), applicationId: APP_ID, download: async () => Buffer.alloc(0) });
const opsConsole = () => createConsoleAdapter({ wallet: t.wallet, store: createAdapterStore(t.database.db) }, (line) => consoleLines.push(line));
const telegramTexts = () => telegram.calls.filter((c) => fieldOf(c, 'chat_id') === String(aliceOnTelegram.id)).map((c) => fieldOf(c, 'text'));
const discordDms = () => discord.calls.filter((c) => c.path === `/channels/${dmChannelId(aliceOnDiscord)}/messages`).map((c) => String(c.body.content));
const deliverBoth = async () => {
  await deliverTelegramNotices(t.wallet, bot.api);
  await deliverDiscordNotices({ wallet: t.wallet, store: createAdapterStore(t.database.db), rest: discordRest(BOT_TOKEN) });
};

describe('a support answer goes back where the ticket came from', () => {
  it('answers a ticket written on Telegram on Telegram only, and one written on Discord on Discord only', async () => {
    const ops = opsConsole();
    await ops.handleLine('ops: /start');
    await bot.handleUpdate(textUpdate(1, aliceOnTelegram, '/support I did not send T5'));
    // the same update again, as Telegram redelivers it: still one ticket
    await bot.handleUpdate(textUpdate(1, aliceOnTelegram, '/support I did not send T5'));
    expect(telegramTexts().filter((text) => text.includes('Ticket S1 sent to support'))).toHaveLength(1);
    const ix = slashCommand(aliceOnDiscord, 'dm', 'support', { message: 'Discord payments are stuck' });
    await discordAdapter().interaction(ix, respondByRest(discordRest(BOT_TOKEN), ix));
    expect(JSON.stringify(discord.calls.filter((c) => c.path.includes(ix.token)).map((c) => c.body))).toContain('Ticket S2 sent to support');
    await ops.handleLine('ops: /tickets');
    expect(consoleLines.join('\n')).toMatch(/S2 @alice \(user \d+, discord\)[^\n]*Discord payments are stuck[\s\S]*S1 @alice \(user \d+, telegram\)[^\n]*I did not send T5/);

    await ops.handleLine('ops: /reply S1 We are on it (Telegram).');
    await ops.handleLine('ops: /reply S2 We are on it (Discord).');
    await deliverBoth();
    expect(telegramTexts().filter((text) => text.includes('Support answered'))).toEqual(['Support answered your ticket S1: “We are on it (Telegram).”']);
    expect(discordDms().filter((text) => text.includes('Support answered'))).toEqual(['Support answered your ticket S2: “We are on it (Discord).”']);
  });
});
