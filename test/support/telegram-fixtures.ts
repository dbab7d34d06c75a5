import nock from 'nock';
import type { Update } from 'grammy/types';
import { codeAt } from '../../core/security/totp.js';
import { shownSecret } from './confirmation-fixtures.js';

/** Bot API calls captured with nock, and update JSON in the shape Telegram sends. */
export const TOKEN = '123456:TESTTESTTESTTESTTESTTEST';
export const API = 'https://api.telegram.org';
export const botInfo = {
  can_manage_bots: false, supports_join_request_queries: false,
  id: 42, is_bot: true as const, first_name: 'OKPay', username: 'OKPayBot', can_join_groups: true,
  can_read_all_group_messages: false, supports_inline_queries: true, can_connect_to_business: false,
  has_main_web_app: false, has_topics_enabled: false, allows_users_to_create_topics: false,
};

export interface Call { method: string; body: Record<string, unknown> | string }

export interface TelegramCapture {
  calls: Call[];
  /** Chats that blocked the bot: sending there answers 403. */
  blocked: Set<string>;
  /** Chats where Telegram rejects what the bot sends with a 400 and this description. */
  rejected: Map<string, string>;
  /** The message id of the newest message the bot sent. */
  lastMessageId(): number;
}

export function fieldOf(call: Call, name: string): string {
  if (typeof call.body !== 'string') return String(call.body[name] ?? '');
  const match = new RegExp(`name="${name}"\\r\\n\\r\\n([\\s\\S]*?)\\r\\n--`).exec(call.body);
  return match?.[1] ?? '';
}

export function interceptTelegram(): TelegramCapture {
  let messageId = 100;
  const capture: TelegramCapture = { calls: [], blocked: new Set(), rejected: new Map(), lastMessageId: () => messageId };
  nock(API)
    .persist()
    .post(new RegExp(`^/bot${TOKEN}/\\w+$`))
    .reply(function (uri, body) {
      const method = uri.split('/').pop()!;
      // nock hands over a multipart body with binary parts (photos) as hex
      const decoded = typeof body === 'string' && /^(?:[0-9a-f]{2})+$/.test(body) ? Buffer.from(body, 'hex').toString('utf8') : body;
      const call = { method, body: decoded as Call['body'] };
      capture.calls.push(call);
      const chatId = fieldOf(call, 'chat_id');
      if (capture.blocked.has(chatId)) return [403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }];
      const rejection = capture.rejected.get(chatId);
      if (rejection) return [400, { ok: false, error_code: 400, description: rejection }];
      const result = method === 'getMe'
        ? botInfo
        : method.startsWith('send')
        ? { message_id: ++messageId, date: 0, chat: { id: Number(chatId), type: 'private' } }
        : true;
      return [200, { ok: true, result }];
    });
  return capture;
}

export const person = (id: number, username?: string, lang = 'en') => ({ id, is_bot: false, first_name: username ?? `user${id}`, ...(username ? { username } : {}), language_code: lang });

export function textUpdate(updateId: number, from: ReturnType<typeof person>, text: string, chat: { id: number; type: 'private' | 'group' } = { id: from.id, type: 'private' }, replyTo?: ReturnType<typeof person>): Update {
  const command = /^\/\S+/.exec(text);
  return ({
    update_id: updateId,
    message: {
      message_id: updateId,
      date: 1_790_000_000,
      chat: chat.type === 'private' ? { ...chat, first_name: from.first_name } : { ...chat, title: 'shop' },
      from,
      text,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
      ...(replyTo ? { reply_to_message: { message_id: updateId - 1, date: 1_790_000_000, chat: { ...chat, title: 'shop' }, from: replyTo, text: 'hi' } } : {}),
    },
  }) as unknown as Update;
}

/**
 * `/start` in the private chat, then the code the enrollment QR's secret gives now; the clock moves
 * a step so that code is never reused. Returns the secret, for later codes.
 */
export async function enrollOnTelegram(
  bot: { handleUpdate(update: Update): Promise<void> },
  calls: Call[],
  clock: { now(): Date; advance(ms: number): void },
  from: ReturnType<typeof person>,
  updateId: number,
): Promise<string> {
  await bot.handleUpdate(textUpdate(updateId, from, '/start'));
  const photo = calls.findLast((c) => c.method === 'sendPhoto' && fieldOf(c, 'chat_id') === String(from.id))!;
  const secret = shownSecret(fieldOf(photo, 'caption'));
  await bot.handleUpdate(textUpdate(updateId + 1, from, codeAt(secret, clock.now())));
  clock.advance(30_000);
  return secret;
}
