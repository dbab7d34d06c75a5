import { Bot } from 'grammy';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { discordRest } from '../../bot/discord/discord-rest.js';
import { installTelegramHandlers } from '../../bot/telegram/telegram-adapter.js';
import { codeAt } from '../../core/security/totp.js';
import { createAdapterStore } from '../../db/adapter-store.js';
import { BOT_TOKEN, dmChannelId, discordPerson, interceptDiscord, type DiscordCall, type DiscordCapture } from '../support/discord-fixtures.js';
import { deliverDiscordNotices, deliverTelegramNotices } from '../support/platform-rounds.js';
import { API, botInfo, enrollOnTelegram, fieldOf, interceptTelegram, person, textUpdate, TOKEN, type Call } from '../support/telegram-fixtures.js';
import { manualClock, openTestWallet, type TestWallet } from '../support/test-database.js';
import { cny, expectCleanLedger, freshKey, unwrap } from '../support/wallet-fixtures.js';

/**
 * A wallet on Telegram and Discord: what its owner does in the Telegram chat is answered there,
 * once, and the alert about it goes to the Discord DM only, so a stranger acting on one platform
 * is seen on the other while the owner is not told everything twice.
 */
const clock = manualClock();
const alice = person(1001, 'alice');
const bob = person(1002, 'bob');
const aliceOnDiscord = discordPerson('1100000000000000001', 'alice');

let t: TestWallet;
let bot: Bot;
let telegram: Call[];
let discord: DiscordCapture;
let updateId = 100;

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(async () => {
  telegram = interceptTelegram().calls;
  discord = interceptDiscord();
  t = await openTestWallet({ clock });
  bot = new Bot(TOKEN, { botInfo, client: { fetch: globalThis.fetch, apiRoot: API } });
  installTelegramHandlers(bot, { wallet: t.wallet, store: createAdapterStore(t.database.db), download: async () => Buffer.alloc(0) });
});
afterEach(async () => {
  nock.cleanAll();
  await expectCleanLedger(t.wallet);
  await t.close();
});

const say = (from: typeof alice, text: string) => bot.handleUpdate(textUpdate((updateId += 1), from, text));
const deliverBoth = async () => {
  await deliverTelegramNotices(t.wallet, bot.api);
  await deliverDiscordNotices({ wallet: t.wallet, store: createAdapterStore(t.database.db), rest: discordRest(BOT_TOKEN) });
};
const toTelegramChat = (from: typeof alice, since: number) =>
  telegram.slice(since).filter((c) => fieldOf(c, 'chat_id') === String(from.id) && c.method === 'sendMessage');
const toDiscordDm = (since: number) => discord.calls.slice(since).filter((c) => c.path === `/channels/${dmChannelId(aliceOnDiscord)}/messages`);
const buttonsOf = (call: Call) => JSON.stringify((call.body as Record<string, unknown>).reply_markup ?? {});
const customIdsOf = (call: DiscordCall) => [...JSON.stringify(call.body).matchAll(/"custom_id":"([^"]*)"/g)].map((m) => m[1]);

/** Alice and Bob on Telegram, Alice's wallet linked to her Discord account, every earlier alert sent. */
async function linkedWallet(): Promise<string> {
  const secret = await enrollOnTelegram(bot, telegram, clock, alice, (updateId += 2));
  await enrollOnTelegram(bot, telegram, clock, bob, (updateId += 2));
  const wallet = (await t.wallet.findUserByIdentity({ platform: 'telegram', platformUserId: String(alice.id) }))!;
  const link = unwrap(await t.wallet.createLinkCode({ key: freshKey(), actor: { user: wallet, identity: { platform: 'telegram', platformUserId: String(alice.id) } } }));
  const discordIdentity = { platform: 'discord' as const, platformUserId: aliceOnDiscord.id };
  unwrap(await t.wallet.redeemLinkCode({ key: freshKey(), identity: discordIdentity, code: link.code }));
  unwrap(await t.wallet.confirm({ key: freshKey(), identity: discordIdentity, code: codeAt(secret, clock.now()), label: 'alice' }));
  clock.advance(30_000);
  await t.moves.deposit({ key: freshKey(), userId: wallet.id, amount: cny(100) });
  await deliverBoth();
  return secret;
}

describe('a wallet linked to Telegram and Discord', () => {
  it('answers a send confirmed on Telegram once there, with Freeze, and alerts the Discord DM only', async () => {
    const secret = await linkedWallet();
    const [tg, dc] = [telegram.length, discord.calls.length];
    await say(alice, '/send @bob 5 CNY');
    await say(alice, codeAt(secret, clock.now()));
    clock.advance(30_000);
    await deliverBoth();

    const receipts = toTelegramChat(alice, tg).slice(1);
    expect(receipts.map((c) => fieldOf(c, 'text'))).toEqual([expect.stringMatching(/^Sent CN¥5\.00 to @bob\./)]);
    expect(buttonsOf(receipts[0]!)).toContain('"callback_data":"freeze"');
    expect(toTelegramChat(bob, tg).map((c) => fieldOf(c, 'text'))).toEqual([expect.stringMatching(/^You received CN¥5\.00 from @alice/)]);
    const alerts = toDiscordDm(dc);
    expect(alerts.map((c) => String(c.body.content))).toEqual([expect.stringMatching(/^You sent CN¥5\.00 to @bob.*Not you\? Press Freeze\./)]);
    expect(customIdsOf(alerts[0]!)).toEqual(['freeze']);
  });

  it('answers a freeze written on Telegram once there, and alerts the Discord DM', async () => {
    await linkedWallet();
    const [tg, dc] = [telegram.length, discord.calls.length];
    await say(alice, '/freeze');
    await deliverBoth();

    expect(toTelegramChat(alice, tg).map((c) => fieldOf(c, 'text'))).toEqual([expect.stringMatching(/^Your wallet is frozen\./)]);
    expect(toDiscordDm(dc).map((c) => String(c.body.content))).toEqual([expect.stringMatching(/^Your wallet was frozen\./)]);
  });
});
