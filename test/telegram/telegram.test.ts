import { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import nock from 'nock';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../bot/http/server.js';
import { createHash } from 'node:crypto';
import { loadConfig } from '../../bot/config.js';
import { installTelegramHandlers } from '../../bot/telegram/telegram-adapter.js';
import { startTelegram } from '../../bot/telegram/start-telegram.js';
import { telegramApiPolicy } from '../../bot/telegram/api-policy.js';
import { deliverTelegramNotices, refreshExpiredCards } from '../support/platform-rounds.js';
import { codeAt } from '../../core/security/totp.js';
import { createAdapterStore } from '../../db/adapter-store.js';
import { manualClock, openTestWallet, type TestWallet } from '../support/test-database.js';
import { API, botInfo, fieldOf, interceptTelegram, person, textUpdate, TOKEN, type Call, type TelegramCapture, enrollOnTelegram } from '../support/telegram-fixtures.js';
import { cny, expectCleanLedger, freshKey, pendingNotices } from '../support/wallet-fixtures.js';

let capture: TelegramCapture;
let calls: Call[];
let blocked: Set<string>;

let t: TestWallet;
let bot: Bot;
const clock = manualClock();
const alice = person(1001, 'alice');
const bob = person(1002, 'bob');
const wei = person(1003, 'wei', 'zh-hans');

beforeAll(() => {
  nock.disableNetConnect();
});
afterAll(() => {
  nock.enableNetConnect();
});
beforeEach(async () => {
  capture = interceptTelegram();
  calls = capture.calls;
  blocked = capture.blocked;
  t = await openTestWallet({ clock });
  bot = new Bot(TOKEN, { botInfo, client: { fetch: globalThis.fetch, apiRoot: API } });
  installTelegramHandlers(bot, { wallet: t.wallet, store: createAdapterStore(t.database.db), download: async () => Buffer.from('passport scan') });
});
afterEach(async () => {
  nock.cleanAll();
  await expectCleanLedger(t.wallet);
  await t.close();
});

const enroll = (from: ReturnType<typeof person>, updateId: number) => enrollOnTelegram(bot, calls, clock, from, updateId);

describe('Telegram adapter', () => {
  it('answers /start with a welcome and the enrollment QR, once however often the update arrives', async () => {
    const update = textUpdate(1, alice, '/start');
    for (let i = 0; i < 3; i++) await bot.handleUpdate(update);
    expect(calls.map((c) => c.method)).toEqual(['sendMessage', 'sendPhoto']);
    expect(fieldOf(calls[0]!, 'text')).toContain('Welcome to OKPay, alice!');
    // Telegram opens no otpauth:// link: the caption says to scan, or to copy the key, in groups of four
    const caption = fieldOf(calls[1]!, 'caption');
    expect(caption).not.toContain('otpauth://');
    expect(caption).toMatch(/scan this QR code[\s\S]*App on this phone[^\n]*setup key[^\n]*\n[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/);
    expect(await t.wallet.findUserByIdentity({ platform: 'telegram', platformUserId: '1001' })).toBeDefined();
  });

  it('speaks Chinese to a zh user on first contact and escapes user text', async () => {
    await bot.handleUpdate(textUpdate(5, wei, '/start'));
    expect(fieldOf(calls[0]!, 'text')).toContain('欢迎使用 OKPay，wei！');
    await bot.handleUpdate(textUpdate(6, wei, '<b>你好</b>'));
    expect(fieldOf(calls.at(-1)!, 'text')).toContain('没听懂');
  });

  it('posts a request card in a group; a Pay press continues in the direct chat and pays once', async () => {
    await enroll(alice, 10);
    const bobSecret = await enroll(bob, 20);
    await t.moves.deposit({ key: freshKey(), userId: (await t.wallet.findUserByIdentity({ platform: 'telegram', platformUserId: '1002' }))!.id, amount: cny(100) });
    calls.length = 0;
    const group = { id: -500, type: 'group' as const };
    await bot.handleUpdate(textUpdate(30, alice, '/request@OKPayBot 30 CNY coffee', group));
    const card = calls.find((c) => c.method === 'sendMessage')!;
    expect(fieldOf(card, 'chat_id')).toBe('-500');
    expect(fieldOf(card, 'text')).toContain('@alice requests CN¥30.00 for “coffee”');
    const buttons = (card.body as { reply_markup: { inline_keyboard: { text: string; callback_data: string }[][] } }).reply_markup.inline_keyboard[0]!;
    expect(buttons.map((b) => b.text)).toEqual(['Pay CN¥30.00', 'Cancel']);

    const press = { update_id: 31, callback_query: { id: 'cb1', from: bob, chat_instance: 'x', data: buttons[0]!.callback_data, message: { message_id: capture.lastMessageId(), date: 0, chat: { id: -500, type: 'group', title: 'shop' } } } };
    calls.length = 0;
    await bot.handleUpdate(press as unknown as Update);
    await bot.handleUpdate(press as unknown as Update);
    // the redelivered press is answered again (every callback query is), but nothing else repeats;
    // the group reads nothing: the pointer to the direct chat is the press's own answer
    expect(calls.map((c) => `${c.method}:${fieldOf(c, 'chat_id')}`)).toEqual(['sendMessage:1002', 'answerCallbackQuery:', 'answerCallbackQuery:']);
    expect(fieldOf(calls[0]!, 'text')).toContain('Pay CN¥30.00 to @alice for request R1');
    expect(fieldOf(calls[1]!, 'text')).toBe('@bob, I sent you a direct message to confirm.');

    calls.length = 0;
    await bot.handleUpdate(textUpdate(32, bob, codeAt(bobSecret, clock.now())));
    await bot.handleUpdate(textUpdate(32, bob, codeAt(bobSecret, clock.now())));
    expect(calls.map((c) => c.method)).toEqual(['sendMessage', 'editMessageText']);
    expect(fieldOf(calls[1]!, 'text')).toContain('Paid ✅ @alice received CN¥30.00');
    const bobWallet = (await t.wallet.findUserByIdentity({ platform: 'telegram', platformUserId: '1002' }))!;
    expect((await t.wallet.balances(bobWallet.id))[0]!.minor).toBe(7000n);
  });

  it('pays the author of a replied-to message, even one without a username', async () => {
    const aliceSecret = await enroll(alice, 40);
    const anon = person(1009);
    await t.moves.deposit({ key: freshKey(), userId: (await t.wallet.findUserByIdentity({ platform: 'telegram', platformUserId: '1001' }))!.id, amount: cny(20) });
    calls.length = 0;
    await bot.handleUpdate(textUpdate(50, alice, '/send 10', { id: -500, type: 'group' }, anon));
    expect(calls.map((c) => fieldOf(c, 'chat_id'))).toEqual(['-500', '1001']);
    expect(fieldOf(calls[1]!, 'text')).toContain('Send CN¥10.00 to @1009?');
    await bot.handleUpdate(textUpdate(51, alice, codeAt(aliceSecret, clock.now())));
    const anonWallet = (await t.wallet.findUserByIdentity({ platform: 'telegram', platformUserId: '1009' }))!;
    expect((await t.wallet.balances(anonWallet.id))[0]!.minor).toBe(1000n);
  });

  it('delivers outbox notices with a Freeze button, and records a blocked bot without crashing', async () => {
    await enroll(alice, 60);
    await bot.handleUpdate(textUpdate(70, bob, '/start'));
    calls.length = 0;
    blocked.add('1002');
    const bobWallet = (await t.wallet.findUserByIdentity({ platform: 'telegram', platformUserId: '1002' }))!;
    const aliceWallet = (await t.wallet.findUserByIdentity({ platform: 'telegram', platformUserId: '1001' }))!;
    await t.moves.deposit({ key: freshKey(), userId: bobWallet.id, amount: cny(5) });
    // money taken out from elsewhere (an operator's withdrawal) is news in alice's Telegram chat
    await t.moves.deposit({ key: freshKey(), userId: aliceWallet.id, amount: cny(5) });
    await t.moves.withdraw({ key: freshKey(), userId: aliceWallet.id, amount: cny(2) });
    expect((await deliverTelegramNotices(t.wallet, bot.api)).delivered).toBeGreaterThanOrEqual(1);
    const aliceNotices = calls.filter((c) => fieldOf(c, 'chat_id') === '1001');
    // she set up her authenticator in this chat and was answered here: no alert repeats it
    expect(aliceNotices.map((c) => fieldOf(c, 'text')).join('\n')).not.toContain('An authenticator was set up');
    const aliceNotice = aliceNotices.find((c) => fieldOf(c, 'text').includes('was withdrawn from your wallet'))!;
    expect(JSON.stringify((aliceNotice.body as Record<string, unknown>).reply_markup)).toContain('"callback_data":"freeze"');
    expect(await pendingNotices(t.wallet, 'telegram', 10)).toEqual([]);
    expect((await t.wallet.balances(bobWallet.id))[0]!.minor).toBe(500n);
  });
});

describe('Telegram adapter, more updates', () => {
  it('answers an inline query with a send card and a request card', async () => {
    const update = { update_id: 200, inline_query: { id: 'iq1', from: alice, query: '10 CNY', offset: '' } };
    await bot.handleUpdate(update as unknown as Update);
    const answer = calls.find((c) => c.method === 'answerInlineQuery')!;
    const results = (answer.body as { results: { title: string; input_message_content: { message_text: string } }[] }).results;
    expect(results.map((r) => [r.title, r.input_message_content.message_text])).toEqual([
      ['Send CN¥10.00', '/send@OKPayBot 10.00 CNY'],
      ['Request CN¥10.00', '/request@OKPayBot 10.00 CNY'],
    ]);
  });

  it('hashes an uploaded document for verification', async () => {
    await enroll(alice, 210);
    const photo = {
      update_id: 220,
      message: {
        message_id: 220, date: 1_790_000_000, chat: { id: 1001, type: 'private', first_name: 'alice' }, from: alice,
        photo: [{ file_id: 'small', file_unique_id: 's', width: 90, height: 90 }, { file_id: 'big', file_unique_id: 'b', width: 900, height: 900 }],
        caption: '/verify passport Alice Liddell',
        caption_entities: [{ type: 'bot_command', offset: 0, length: 7 }],
      },
    };
    await bot.handleUpdate(photo as unknown as Update);
    expect(fieldOf(calls.at(-1)!, 'text')).toContain('your verification (number 1) is waiting for review');
    const pending = await t.store.verification.listPending(5);
    expect(pending[0]).toMatchObject({ fileRef: 'telegram:big', documentType: 'passport', fullName: 'Alice Liddell' });
    expect(pending[0]!.fileSha256).toBe(createHash('sha256').update('passport scan').digest('hex'));
  });

  it('sends someone who never started the bot to it with the callback answer', async () => {
    await enroll(alice, 300);
    const stranger = person(1077, 'stranger');
    await bot.handleUpdate(textUpdate(310, stranger, 'hello', { id: -500, type: 'group' }));
    await bot.handleUpdate(textUpdate(311, alice, '/request@OKPayBot 5 CNY', { id: -500, type: 'group' }));
    const card = calls.findLast((c) => c.method === 'sendMessage' && fieldOf(c, 'chat_id') === '-500')!;
    const pay = (card.body as { reply_markup: { inline_keyboard: { callback_data: string }[][] } }).reply_markup.inline_keyboard[0]![0]!;
    blocked.add('1077');
    calls.length = 0;
    await bot.handleUpdate({ update_id: 312, callback_query: { id: 'cb9', from: stranger, chat_instance: 'x', data: pay.callback_data, message: { message_id: 1, date: 0, chat: { id: -500, type: 'group', title: 'shop' } } } } as unknown as Update);
    const answer = calls.find((c) => c.method === 'answerCallbackQuery')!;
    expect(fieldOf(answer, 'url')).toBe('https://t.me/OKPayBot?start=continue');
  });

  it('answers a direct message Telegram rejects as our fault, not as a person who never started the bot', async () => {
    await enroll(alice, 500);
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void lines.push(line) });
    bot = new Bot(TOKEN, { botInfo, client: { fetch: globalThis.fetch, apiRoot: API } });
    installTelegramHandlers(bot, { wallet: t.wallet, store: createAdapterStore(t.database.db), download: async () => Buffer.alloc(0), logger });
    capture.rejected.set('1001', "Bad Request: can't parse entities");
    calls.length = 0;
    await bot.handleUpdate(textUpdate(510, alice, '/balance@OKPayBot', { id: -500, type: 'group' }));
    const inGroup = calls.filter((c) => fieldOf(c, 'chat_id') === '-500').map((c) => fieldOf(c, 'text'));
    expect(inGroup.some((text) => text.includes('t.me/OKPayBot?start=continue'))).toBe(false);
    const reference = /reference ([0-9a-f]+)/.exec(inGroup.at(-1) ?? '')?.[1];
    expect(reference).toBeDefined();
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ correlationId: reference, platform: 'telegram', status: 400 });
  });

  it('edits a card whose request expired', async () => {
    await enroll(alice, 400);
    await bot.handleUpdate(textUpdate(410, alice, '/request@OKPayBot 5 CNY', { id: -500, type: 'group' }));
    clock.advance(24 * 3_600_000 + 1_000);
    calls.length = 0;
    await refreshExpiredCards(t.wallet, bot.api, createAdapterStore(t.database.db));
    expect(calls.map((c) => c.method)).toEqual(['editMessageText']);
    expect(fieldOf(calls[0]!, 'text')).toContain("Expired: @alice's request for CN¥5.00");
    calls.length = 0;
    await refreshExpiredCards(t.wallet, bot.api, createAdapterStore(t.database.db));
    expect(calls).toEqual([]);
  });
});

describe('Telegram groups', () => {
  it('ignores chatter and other bots, strips its own mention, and still burns a code shown to everyone', async () => {
    const secret = await enroll(alice, 600);
    await t.moves.deposit({ key: freshKey(), userId: (await t.wallet.findUserByIdentity({ platform: 'telegram', platformUserId: '1001' }))!.id, amount: cny(5) });
    await bot.handleUpdate(textUpdate(605, bob, '/start'));
    calls.length = 0;
    const group = { id: -500, type: 'group' as const };
    await bot.handleUpdate(textUpdate(610, alice, 'lunch at noon?', group));
    await bot.handleUpdate(textUpdate(611, alice, '/send@OtherBot @bob 1', group));
    expect(calls).toEqual([]);
    await bot.handleUpdate(textUpdate(612, alice, '@OKPayBot send @bob 1 CNY', group));
    expect(calls.map((c) => fieldOf(c, 'chat_id'))).toEqual(['-500', '1001']);
    expect(fieldOf(calls[1]!, 'text')).toContain('Send CN¥1.00 to @bob?');
    calls.length = 0;
    await bot.handleUpdate(textUpdate(613, alice, `ok my code is ${codeAt(secret, clock.now())}`, group));
    expect(fieldOf(calls[0]!, 'text')).toContain('a code typed in a group is exposed');
    expect(await t.wallet.pendingChallenge({ platform: 'telegram', platformUserId: '1001' })).toBeUndefined();
  });
});

describe('Telegram API policy', () => {
  it('escapes user text in HTML mode', async () => {
    await enroll(alice, 500);
    await bot.handleUpdate(textUpdate(510, bob, '/start'));
    await t.moves.deposit({ key: freshKey(), userId: (await t.wallet.findUserByIdentity({ platform: 'telegram', platformUserId: '1001' }))!.id, amount: cny(5) });
    calls.length = 0;
    await bot.handleUpdate(textUpdate(520, alice, 'send 1 to @bob <b>tea</b> & cake'));
    expect(fieldOf(calls[0]!, 'text')).toContain('“&lt;b&gt;tea&lt;/b&gt; &amp; cake”');
    expect(fieldOf(calls[0]!, 'parse_mode')).toBe('HTML');
    calls.length = 0;
    await bot.handleUpdate(textUpdate(530, alice, '/statement'));
    expect(calls.map((c) => c.method)).toEqual(['sendDocument']);
    expect(fieldOf(calls[0]!, 'caption')).toContain('Your statement as CSV. Entries: 1.');
    expect(String(calls[0]!.body)).toContain('filename=okpay-statement.csv');
  });

  it('waits as Telegram asks after a 429 and tries again', async () => {
    nock.cleanAll();
    let tries = 0;
    nock(API)
      .persist()
      .post(new RegExp(`^/bot${TOKEN}/sendMessage$`))
      .reply(() => (++tries === 1 ? [429, { ok: false, error_code: 429, description: 'Too Many Requests', parameters: { retry_after: 0 } }] : [200, { ok: true, result: { message_id: 1, date: 0, chat: { id: 5, type: 'private' } } }]));
    const limited = new Bot(TOKEN, { botInfo, client: { fetch: globalThis.fetch, apiRoot: API } });
    limited.api.config.use(telegramApiPolicy());
    await limited.api.sendMessage(5, 'hello');
    expect(tries).toBe(2);
  });
});

describe('Telegram start-up', () => {
  it('registers commands in English and Chinese and sets the webhook with its secret', async () => {
    const config = loadConfig({
      DATABASE_URL: 'memory://',
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_URL: 'https://okpay.example/telegram/webhook',
      TELEGRAM_WEBHOOK_SECRET: 'a-very-secret-token',
      PORT: String(20_000 + Math.floor(Math.random() * 10_000)),
    });
    const running = await startTelegram(config, t.wallet, createAdapterStore(t.database.db));
    expect(running.routes.telegram?.secret).toBe('a-very-secret-token');
    await running.listening();
    await running.stop();
    // the menu is set in the background, so its calls may come before or after the webhook's
    expect(calls.map((c) => c.method).sort()).toEqual(['getMe', 'setMyCommands', 'setMyCommands', 'setWebhook']);
    const menus = calls.filter((c) => c.method === 'setMyCommands');
    expect(fieldOf(menus[1]!, 'language_code')).toBe('zh');
    expect(JSON.stringify((menus[1]!.body as Record<string, unknown>).commands)).toContain('立即冻结钱包');
    expect(fieldOf(calls.find((c) => c.method === 'setWebhook')!, 'secret_token')).toBe('a-very-secret-token');
  });
});

describe('Telegram webhook', () => {
  it('refuses a missing or wrong secret and processes nothing, accepts the right one', async () => {
    const app = buildServer({ telegram: { bot, secret: 's3cret-token' } });
    const payload = textUpdate(90, alice, '/help');
    const wrong = await app.inject({ method: 'POST', url: '/telegram/webhook', payload, headers: { 'x-telegram-bot-api-secret-token': 'nope' } });
    const missing = await app.inject({ method: 'POST', url: '/telegram/webhook', payload });
    expect([wrong.statusCode, missing.statusCode]).toEqual([401, 401]);
    expect(calls).toEqual([]);
    const right = await app.inject({ method: 'POST', url: '/telegram/webhook', payload, headers: { 'x-telegram-bot-api-secret-token': 's3cret-token' } });
    expect(right.statusCode).toBe(200);
    expect(fieldOf(calls[0]!, 'text')).toContain('OKPay — your wallet in chat.');
    await app.close();
  });

  it('answers 200 for an update that failed, after reporting it, so Telegram does not redeliver it forever', async () => {
    const failing = new Bot(TOKEN, { botInfo, client: { fetch: globalThis.fetch, apiRoot: API } });
    const reported: unknown[] = [];
    failing.use(() => {
      throw new Error('boom');
    });
    failing.catch((error) => void reported.push(error.error));
    const app = buildServer({ telegram: { bot: failing, secret: 's3cret-token' } });
    const response = await app.inject({ method: 'POST', url: '/telegram/webhook', payload: textUpdate(91, alice, '/help'), headers: { 'x-telegram-bot-api-secret-token': 's3cret-token' } });
    expect(response.statusCode).toBe(200);
    expect(reported).toHaveLength(1);
    await app.close();
  });
});
