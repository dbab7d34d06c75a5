import { GrammyError, type Api } from 'grammy';
import type { MessageLocation } from '../../core/ports/chat-store.js';
import type { DirectTransport, Transport } from '../delivery/transport.js';
import { translate, type Locale } from '../i18n/i18n.js';
import { text, type Reply } from '../replies/reply.js';
import { fitText, LIMITS } from '../replies/text-limits.js';
import { documentOf, htmlOf, imageOf, keyboardOf, plainOf } from './telegram-render.js';

/** The chat an update came from, the forum topic in it, and the writer's id (also their private chat with the bot). */
export interface TelegramPlace {
  chatId: number;
  topic?: number;
  writer: number;
}

/** What a button press answers on the button itself: a short notice, or a link to the bot for someone who never started it. */
export interface PressAnswer {
  notice?: string;
  blocked: boolean;
}

/** Where to send someone who has to open the bot first: one tap lands in the direct chat. */
export function startLink(botUsername: string): string {
  return `https://t.me/${botUsername}?start=continue`;
}

/** A reply as one Bot API message in HTML mode: a photo or document with the text as caption, or the text. */
async function post(api: Api, chatId: number | string, reply: Reply, locale: Locale, topic: { message_thread_id?: number }, botUsername?: string): Promise<MessageLocation> {
  const html = htmlOf(reply, locale);
  const keyboard = keyboardOf(reply, locale, botUsername);
  const options = { parse_mode: 'HTML' as const, ...topic, ...(keyboard ? { reply_markup: keyboard } : {}) };
  const image = imageOf(reply);
  const document = documentOf(reply);
  const sent = image
    ? await api.sendPhoto(chatId, image, { caption: html, ...options })
    : document
      ? await api.sendDocument(chatId, document, { caption: html, ...options })
      : await api.sendMessage(chatId, html, options);
  return { chatId: String(sent.chat.id), messageId: String(sent.message_id) };
}

/**
 * Telegram for the delivery layer. A user who never started the bot (403), or a chat Telegram
 * does not know (400), cannot be written to: a refusal, not a fault. A card that was deleted or
 * already shows its state needs no edit.
 */
export function telegramTransport(api: Api): DirectTransport {
  return {
    platform: 'telegram',
    postDirect: (chatId, reply, locale) => post(api, chatId, reply, locale, {}),
    async edit(location, reply, locale) {
      const keyboard = keyboardOf(reply, locale);
      try {
        await api.editMessageText(location.chatId, Number(location.messageId), htmlOf(reply, locale), { parse_mode: 'HTML', ...(keyboard ? { reply_markup: keyboard } : {}) });
        return 'edited';
      } catch (error) {
        if (error instanceof GrammyError && /not modified|not found|can't be edited/i.test(error.description)) return 'gone';
        throw error;
      }
    },
    // a notice that Telegram refuses for good (blocked, no such chat, or a message it will never
    // take) is recorded as failed rather than retried forever
    refusal: (error) => (error instanceof GrammyError && (error.error_code === 403 || error.error_code === 400) ? error.description : undefined),
  };
}

/**
 * Within an update only "cannot write to this person" counts as unreachable (they never started
 * the bot, or blocked it); any other 400 is our fault and goes to the update boundary, which logs
 * it and apologises, instead of telling the group to open the bot.
 */
function cannotReachPerson(error: unknown): string | undefined {
  return error instanceof GrammyError && (error.error_code === 403 || /chat not found|user not found/i.test(error.description))
    ? error.description
    : undefined;
}

/**
 * Telegram while answering one message or press: replies here go to its chat and forum topic;
 * what is for the writer alone is the press's notice, or else their private chat. Someone who
 * cannot be written to first is sent to the bot: by the press's answer, or a pointer in the chat.
 */
export function telegramUpdateTransport(api: Api, place: TelegramPlace, botUsername: string, press?: PressAnswer): Transport {
  const direct = telegramTransport(api);
  const topic = place.topic ? { message_thread_id: place.topic } : {};
  const unreachable = async (_reply: Reply, locale: Locale) => {
    if (press) press.blocked = true;
    else await api.sendMessage(place.chatId, `${translate(locale, text('telegram.open_bot'))}\n${startLink(botUsername)}`, topic);
  };
  return {
    ...direct,
    refusal: cannotReachPerson,
    postHere: (reply, locale) => post(api, place.chatId, reply, locale, topic, botUsername),
    postInChat: (chatId, reply, locale) => post(api, chatId, reply, locale, {}, botUsername),
    async postPrivate(reply, locale) {
      if (press) {
        press.notice = fitText(plainOf(reply, locale), LIMITS.telegram.callbackAnswer);
        return;
      }
      try {
        await direct.postDirect(String(place.writer), reply, locale);
      } catch (error) {
        if (cannotReachPerson(error) === undefined) throw error;
        await unreachable(reply, locale);
      }
    },
    unreachable,
  };
}
