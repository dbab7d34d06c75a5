import { Bot } from 'grammy';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../bot/discord/discord-adapter.js';
import { discordRest } from '../../bot/discord/discord-rest.js';
import { installTelegramHandlers } from '../../bot/telegram/telegram-adapter.js';
import { codeAt } from '../../core/security/totp.js';
import { createAdapterStore } from '../../db/adapter-store.js';
import { secretOf } from '../support/confirmation-fixtures.js';
import { APP_ID, BOT_TOKEN, directMessage, discordPerson, dmChannelId, interceptDiscord, type DiscordCapture } from '../support/discord-fixtures.js';
import { API, botInfo, fieldOf, interceptTelegram, person, textUpdate, TOKEN, type TelegramCapture } from '../support/telegram-fixtures.js';
import { manualClock, openTestWallet, type TestWallet } from '../support/test-database.js';
import { cny, expectCleanLedger, freshKey, unwrap } from '../support/wallet-fixtures.js';

const clock = manualClock();
let t: TestWallet;

beforeAll(async () => {
  nock.disableNetConnect();
  t = await openTestWallet({ clock });
});
afterAll(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await expectCleanLedger(t.wallet);
  await t.close();
});

/** A person with a wallet, an active authenticator and 100 CNY on the platform. */
async function member(platform: 'telegram' | 'discord', platformUserId: string, username: string) {
  const { user } = await t.wallet.register({ platform, platformUserId, username });
  const secret = secretOf(unwrap(await t.wallet.beginEnrollment(user, username)).uri);
  unwrap(await t.wallet.activateAuthenticator(user, codeAt(secret, clock.now())));
  clock.advance(30_000);
  await t.moves.deposit({ key: freshKey(), userId: user.id, amount: cny(100) });
}

describe('follow-up answers on the chat platforms, in the direct chat', () => {
  it('Telegram: “To whom?” then “How much?” are answered by the next messages', async () => {
    const capture: TelegramCapture = interceptTelegram();
    const bot = new Bot(TOKEN, { botInfo, client: { fetch: globalThis.fetch, apiRoot: API } });
    installTelegramHandlers(bot, { wallet: t.wallet, store: createAdapterStore(t.database.db), download: async () => Buffer.alloc(0) });
    const ann = person(4001, 'ann');
    await member('telegram', '4001', 'ann');
    await member('telegram', '4002', 'ben');
    const said = () => fieldOf(capture.calls.at(-1)!, 'text');
    await bot.handleUpdate(textUpdate(1, ann, '/send'));
    expect(said()).toContain('To whom?');
    await bot.handleUpdate(textUpdate(2, ann, '@ben'));
    expect(said()).toContain('How much?');
    await bot.handleUpdate(textUpdate(3, ann, '6'));
    expect(said()).toContain('Send CN¥6.00 to @ben?');
  });

  it('Discord: the same in a direct message', async () => {
    const capture: DiscordCapture = interceptDiscord();
    const adapter: DiscordAdapter = createDiscordAdapter({ wallet: t.wallet, store: createAdapterStore(t.database.db), rest: discordRest(BOT_TOKEN), applicationId: APP_ID, download: async () => Buffer.alloc(0) });
    const cai = discordPerson('1500000000000000001', 'cai');
    const dee = discordPerson('1500000000000000002', 'dee');
    await member('discord', cai.id, 'cai');
    await member('discord', dee.id, 'dee');
    const said = () => String(capture.calls.filter((c) => c.path === `/channels/${dmChannelId(cai)}/messages`).at(-1)?.body.content);
    await adapter.message(directMessage(cai, 'send 7'));
    expect(said()).toContain('To whom?');
    await adapter.message(directMessage(cai, `<@${dee.id}>`, [dee]));
    expect(said()).toContain('Send CN¥7.00 to @dee?');
  });
});
