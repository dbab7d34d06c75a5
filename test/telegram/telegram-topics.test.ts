import { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { installTelegramHandlers } from '../../bot/telegram/telegram-adapter.js';
import { codeAt } from '../../core/security/totp.js';
import { createAdapterStore } from '../../db/adapter-store.js';
import { manualClock, openTestWallet, type TestWallet } from '../support/test-database.js';
import { API, botInfo, fieldOf, interceptTelegram, person, textUpdate, TOKEN, type Call, enrollOnTelegram } from '../support/telegram-fixtures.js';
import { cny, expectCleanLedger, freshKey } from '../support/wallet-fixtures.js';

/**
 * A forum supergroup, as Telegram sends it: every message in a topic carries the topic's
 * `message_thread_id`, and one that replies to nobody still carries the topic's service message
 * (`forum_topic_created`, by whoever opened the topic) as `reply_to_message`.
 */
const clock = manualClock();
const alice = person(1001, 'alice');
const bob = person(1002, 'bob');
const carol = person(1005, 'carol');
const forum = { id: -1001234567890, title: 'shop', is_forum: true, type: 'supergroup' as const };
const TOPIC = 810;

const topicRoot = { message_id: TOPIC, from: carol, chat: forum, date: 1_789_990_000, message_thread_id: TOPIC, forum_topic_created: { name: 'Lunch', icon_color: 7322096 }, is_topic_message: true };

function inTopic(updateId: number, from: ReturnType<typeof person>, text: string, replyTo: Record<string, unknown> = topicRoot): Update {
  const command = /^\/\S+/.exec(text);
  return {
    update_id: updateId,
    message: {
      message_id: 900 + updateId, from, chat: forum, date: 1_790_000_000, message_thread_id: TOPIC, reply_to_message: replyTo, text, is_topic_message: true,
      ...(command ? { entities: [{ offset: 0, length: command[0].length, type: 'bot_command' }] } : {}),
    },
  } as unknown as Update;
}

const written = (from: ReturnType<typeof person>, messageId: number, text: string) => ({ message_id: messageId, from, chat: forum, date: 1_789_999_000, message_thread_id: TOPIC, text, is_topic_message: true });

let calls: Call[];
let t: TestWallet;
let bot: Bot;

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(async () => {
  calls = interceptTelegram().calls;
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

const walletOf = (from: ReturnType<typeof person>) => t.wallet.findUserByIdentity({ platform: 'telegram', platformUserId: String(from.id) });

describe('Telegram forum topics', () => {
  it('does not take the topic’s opener for the recipient of a send that replies to nobody, and asks in the topic', async () => {
    await enroll(alice, 10);
    calls.length = 0;
    await bot.handleUpdate(inTopic(20, alice, '/send@OKPayBot 10'));
    expect(calls.map((c) => [c.method, fieldOf(c, 'chat_id'), fieldOf(c, 'message_thread_id')])).toEqual([['sendMessage', String(forum.id), String(TOPIC)]]);
    expect(fieldOf(calls[0]!, 'text')).toContain('To whom?');
    expect(await walletOf(carol)).toBeUndefined();
    expect(await t.wallet.pendingChallenge({ platform: 'telegram', platformUserId: '1001' })).toBeUndefined();
  });

  it('pays the author of a real message replied to in a topic, and answers in that topic', async () => {
    const aliceSecret = await enroll(alice, 30);
    await t.moves.deposit({ key: freshKey(), userId: (await walletOf(alice))!.id, amount: cny(20) });
    calls.length = 0;
    await bot.handleUpdate(inTopic(40, alice, '/send@OKPayBot 10', written(bob, 850, 'lunch was 10')));
    expect(calls.map((c) => [fieldOf(c, 'chat_id'), fieldOf(c, 'message_thread_id')])).toEqual([[String(forum.id), String(TOPIC)], ['1001', '']]);
    expect(fieldOf(calls[1]!, 'text')).toContain('Send CN¥10.00 to @bob?');
    await bot.handleUpdate(textUpdate(41, alice, codeAt(aliceSecret, clock.now())));
    expect((await t.wallet.balances((await walletOf(bob))!.id))[0]!.minor).toBe(1_000n);
  });

  it('names nobody for a reply to one’s own message or to a service message', async () => {
    await enroll(alice, 50);
    const pinned = { message_id: 860, from: bob, chat: forum, date: 1_789_999_500, message_thread_id: TOPIC, pinned_message: written(alice, 855, 'menu'), is_topic_message: true };
    calls.length = 0;
    await bot.handleUpdate(inTopic(60, alice, '/send@OKPayBot 10', written(alice, 855, 'menu')));
    await bot.handleUpdate(inTopic(61, alice, '/send@OKPayBot 10', pinned));
    expect(calls.map((c) => fieldOf(c, 'text'))).toEqual([expect.stringContaining('To whom?'), expect.stringContaining('To whom?')]);
    expect(await walletOf(bob)).toBeUndefined();
  });

  it('posts a request card in the topic it was asked for, and ignores chatter in a topic the bot opened', async () => {
    await enroll(alice, 70);
    calls.length = 0;
    await bot.handleUpdate(inTopic(80, alice, '/request@OKPayBot 5 CNY'));
    expect(calls.map((c) => [c.method, fieldOf(c, 'message_thread_id')])).toEqual([['sendMessage', String(TOPIC)]]);
    expect(fieldOf(calls[0]!, 'text')).toContain('@alice requests CN¥5.00');
    calls.length = 0;
    await bot.handleUpdate(inTopic(81, alice, 'see you at noon', { ...topicRoot, from: { ...botInfo } }));
    expect(calls).toEqual([]);
  });
});
