import { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { installTelegramHandlers } from '../../bot/telegram/telegram-adapter.js';
import { createAdapterStore } from '../../db/adapter-store.js';
import { manualClock, openTestWallet, type TestWallet } from '../support/test-database.js';
import { API, botInfo, fieldOf, interceptTelegram, person, textUpdate, TOKEN, type Call, enrollOnTelegram } from '../support/telegram-fixtures.js';
import { codeAt } from '../../core/security/totp.js';
import { cny, expectCleanLedger, freshKey } from '../support/wallet-fixtures.js';

/** Privacy in Telegram groups: one person's money is theirs to read, in their private chat. */
const clock = manualClock();
const alice = person(1001, 'alice');
const bob = person(1002, 'bob');
const group = { id: -500, type: 'group' as const };

let calls: Call[];
let blocked: Set<string>;
let t: TestWallet;
let bot: Bot;

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(async () => {
  const capture = interceptTelegram();
  calls = capture.calls;
  blocked = capture.blocked;
  t = await openTestWallet({ clock });
  bot = new Bot(TOKEN, { botInfo, client: { fetch: globalThis.fetch, apiRoot: API } });
  installTelegramHandlers(bot, { wallet: t.wallet, store: createAdapterStore(t.database.db), download: async () => Buffer.alloc(0) });
});
afterEach(async () => {
  nock.cleanAll();
  await expectCleanLedger(t.wallet);
  await t.close();
});

const enroll = (from: ReturnType<typeof person>, updateId: number) => enrollOnTelegram(bot, calls, clock, from, updateId);

const walletOf = async (from: ReturnType<typeof person>) => (await t.wallet.findUserByIdentity({ platform: 'telegram', platformUserId: String(from.id) }))!;
/** What each call showed: the chat, and its text or caption. */
const shown = (c: Call) => [fieldOf(c, 'chat_id'), fieldOf(c, 'text') || fieldOf(c, 'caption')];
const press = (updateId: number, from: ReturnType<typeof person>, data: string, chat: { id: number; type: string }) =>
  ({ update_id: updateId, callback_query: { id: `cb${updateId}`, from, chat_instance: 'x', data, message: { message_id: 1, date: 0, chat: { ...chat, title: 'shop' } } } }) as unknown as Update;
const callbackData = (c: Call) => (c.body as { reply_markup?: { inline_keyboard: { callback_data: string }[][] } }).reply_markup?.inline_keyboard.flat().map((b) => b.callback_data) ?? [];

describe('Telegram groups and one person’s money', () => {
  it('answers /balance@OKPayBot, /history and /statement in the private chat; the group hears only that', async () => {
    await enroll(alice, 10);
    await t.moves.deposit({ key: freshKey(), userId: (await walletOf(alice)).id, amount: cny(12) });
    calls.length = 0;
    await bot.handleUpdate(textUpdate(20, alice, '/balance@OKPayBot', group));
    expect(calls.map(shown)).toEqual([['-500', '@alice, I sent you a direct message.'], ['1001', expect.stringContaining('CN¥12.00')]]);
    calls.length = 0;
    await bot.handleUpdate(textUpdate(21, alice, '/history@OKPayBot', group));
    await bot.handleUpdate(textUpdate(22, alice, '/statement@OKPayBot', group));
    expect(calls.map((c) => `${c.method}:${fieldOf(c, 'chat_id')}`)).toEqual(['sendMessage:-500', 'sendMessage:1001', 'sendMessage:-500', 'sendDocument:1001']);
    expect(calls.filter((c) => fieldOf(c, 'chat_id') === '-500').every((c) => fieldOf(c, 'text') === '@alice, I sent you a direct message.')).toBe(true);
  });

  it('keeps a refusal that shows a balance out of the group', async () => {
    await enroll(alice, 30);
    await enroll(bob, 32);
    await t.moves.deposit({ key: freshKey(), userId: (await walletOf(alice)).id, amount: cny(12) });
    calls.length = 0;
    await bot.handleUpdate(textUpdate(40, alice, '/send@OKPayBot @bob 50', group));
    expect(calls.map(shown)).toEqual([['-500', '@alice, I sent you a direct message.'], ['1001', 'Not enough money: you have CN¥12.00.']]);
  });

  it('pages history from the private chat', async () => {
    await enroll(alice, 50);
    for (let i = 0; i < 6; i++) await t.moves.deposit({ key: freshKey(), userId: (await walletOf(alice)).id, amount: cny(1 + i) });
    await bot.handleUpdate(textUpdate(60, alice, '/history@OKPayBot', group));
    const page = calls.findLast((c) => fieldOf(c, 'chat_id') === '1001')!;
    const older = callbackData(page).find((d) => d.startsWith('hist:'))!;
    calls.length = 0;
    await bot.handleUpdate(press(61, alice, older, { id: 1001, type: 'private' }));
    expect(calls.map((c) => `${c.method}:${fieldOf(c, 'chat_id')}`)).toEqual(['sendMessage:1001', 'answerCallbackQuery:']);
    expect(fieldOf(calls[0]!, 'text')).toContain('+CN¥1.00 from outside OKPay');
  });

  it('answers a Pay pressed in the group on the button itself, and prompts in the private chat', async () => {
    await enroll(alice, 70);
    await enroll(bob, 72);
    await bot.handleUpdate(textUpdate(80, alice, '/request@OKPayBot 3 CNY', group));
    const pay = callbackData(calls.findLast((c) => fieldOf(c, 'chat_id') === '-500')!)[0]!;
    calls.length = 0;
    await bot.handleUpdate(press(81, bob, pay, group));
    expect(calls.map(shown)).toEqual([['1002', expect.stringContaining('Pay CN¥3.00 to @alice')], ['', '@bob, I sent you a direct message to confirm.']]);
    expect(calls[1]!.method).toBe('answerCallbackQuery');
  });

  it('pays what is held for a newcomer at their /start in the private chat, not in the group, where the receipt could not reach them', async () => {
    const secret = await enroll(alice, 80);
    await t.moves.deposit({ key: freshKey(), userId: (await walletOf(alice)).id, amount: cny(30) });
    await bot.handleUpdate(textUpdate(82, alice, 'send 10 to @newbie'));
    const offer = callbackData(calls.findLast((c) => callbackData(c).some((d) => d.startsWith('hold:')))!).find((d) => d.startsWith('hold:'))!;
    await bot.handleUpdate(press(83, alice, offer, { id: 1001, type: 'private' }));
    await bot.handleUpdate(textUpdate(84, alice, codeAt(secret, clock.now())));
    const newbie = person(1009, 'newbie');
    // never started the bot: Telegram refuses the private chat
    blocked.add('1009');
    await bot.handleUpdate(textUpdate(85, newbie, '/start@OKPayBot', group));
    const balanceOf = async () => (await t.wallet.balances((await walletOf(newbie)).id)).find((m) => m.currency === 'CNY')?.minor ?? 0n;
    expect(await balanceOf()).toBe(0n);
    blocked.delete('1009');
    calls.length = 0;
    await bot.handleUpdate(textUpdate(86, newbie, '/start'));
    expect(await balanceOf()).toBe(1_000n);
    expect(calls.filter((c) => fieldOf(c, 'chat_id') === '1009').map((c) => fieldOf(c, 'text'))).toContainEqual(expect.stringMatching(/^You claimed CN¥10\.00 from @alice/));
  });

  it('answers a claim code typed in the group with where to claim it, and pays it in the private chat with its receipt', async () => {
    const secret = await enroll(alice, 90);
    await t.moves.deposit({ key: freshKey(), userId: (await walletOf(alice)).id, amount: cny(30) });
    await bot.handleUpdate(textUpdate(92, alice, '/cheque 10 CNY'));
    await bot.handleUpdate(textUpdate(93, alice, codeAt(secret, clock.now())));
    const link = /claim_([A-Za-z0-9_-]{43})/.exec(calls.map((c) => fieldOf(c, 'text')).join('\n'))![1]!;
    const carol = person(1010, 'carol');
    blocked.add('1010');
    calls.length = 0;
    await bot.handleUpdate(textUpdate(94, carol, `/claim@OKPayBot ${link}`, group));
    const balanceOf = async () => (await t.wallet.balances((await walletOf(carol)).id)).find((m) => m.currency === 'CNY')?.minor ?? 0n;
    expect(await balanceOf()).toBe(0n);
    expect(calls.map(shown)).toEqual([['-500', '@carol, claim it in your direct chat with me: open the link, or write /claim and its code to me there, so your receipt reaches you.']]);
    blocked.delete('1010');
    await bot.handleUpdate(textUpdate(95, carol, `/claim ${link}`));
    expect(await balanceOf()).toBe(1_000n);
    expect(calls.filter((c) => fieldOf(c, 'chat_id') === '1010').map((c) => fieldOf(c, 'text'))).toContainEqual(expect.stringMatching(/^You claimed CN¥10\.00 from @alice/));
  });
});
