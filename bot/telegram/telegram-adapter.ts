import { createHash, randomBytes } from 'node:crypto';
import { GrammyError, type Api, type Bot, type Context } from 'grammy';
import type { User } from '../../core/ports/index.js';
import type { Wallet } from '../../core/wallet.js';
import type { AdapterStore } from '../adapter-store.js';
import type { Conversation } from '../handlers/conversation.js';
import { handleAction, handleMessage, handleOverheard, looksLikeCode } from '../handlers/handle.js';
import { formatAmount, localeOf, translate } from '../i18n/i18n.js';
import { parseMessage } from '../intents/parse.js';
import { amountOf } from '../handlers/money-handlers.js';
import { toDecimalString } from '../../core/money/index.js';
import type { Reply } from '../replies/reply.js';
import { text } from '../replies/reply.js';
import { addressedText, mentionsBot, realReplyOf, repliedPerson, topicOf } from './incoming-message.js';
import { fitText, LIMITS } from '../replies/text-limits.js';
import { documentOf, htmlOf, imageOf, keyboardOf, plainOf } from './telegram-render.js';

const PLATFORM = 'telegram';

export interface TelegramDeps {
  wallet: Wallet;
  store: AdapterStore;
  /** Downloads a file the user sent (getFile + the file URL), for verification hashes. */
  download(api: Api, fileId: string): Promise<Buffer>;
  logError?: (...args: unknown[]) => void;
}

type Sender = NonNullable<Context['from']>;

async function registerSender(wallet: Wallet, from: Sender): Promise<{ user: User; created: boolean }> {
  return wallet.register({
    platform: PLATFORM,
    platformUserId: String(from.id),
    ...(from.username ? { username: from.username } : {}),
    ...(from.language_code ? { locale: localeOf(from.language_code) } : {}),
  });
}

/** The Telegram private chat of a wallet's user (its id is the user's Telegram id), if linked. */
async function directChatOf(wallet: Wallet, userId: string): Promise<string | undefined> {
  return (await wallet.identitiesOf(userId)).find((i) => i.platform === PLATFORM)?.platformUserId;
}

/** The chat a message or press came from, the forum topic in it, and who wrote, in which language. */
interface Here {
  chatId: number;
  topic?: number;
  /** The writer's Telegram id, which is also their private chat with the bot. */
  writer: number;
  locale: string;
}

/**
 * Sends one reply: to the chat it came from or a user's private chat, editing a request card
 * where it was posted. A user who never started the bot cannot be written to (403): the group is
 * told to open the bot instead.
 */
async function send(api: Api, deps: TelegramDeps, reply: Reply, here: Here): Promise<'sent' | 'blocked'> {
  const card = reply.card ? await deps.store.findMessage(PLATFORM, `request:${reply.card}`) : undefined;
  let chatId: string | number = here.chatId;
  let locale = here.locale;
  if (reply.to.kind === 'direct') {
    const direct = await directChatOf(deps.wallet, reply.to.userId);
    if (!direct) return 'blocked';
    chatId = direct;
    locale = (await deps.wallet.getUser(reply.to.userId))?.locale ?? locale;
  }
  // for the writer alone: outside a button's answer, that is their private chat
  if (reply.to.kind === 'ephemeral') chatId = here.writer;
  const html = htmlOf(reply, locale);
  const keyboard = keyboardOf(reply, locale);
  const topic = reply.to.kind === 'here' && here.topic ? { message_thread_id: here.topic } : {};
  const options = { parse_mode: 'HTML' as const, ...topic, ...(keyboard ? { reply_markup: keyboard } : {}) };
  try {
    const shown = reply.card ? await cardStatus(deps.wallet, reply.card) : 'open';
    if (card) {
      await api.editMessageText(card.chatId, Number(card.messageId), html, options);
      await deps.store.saveMessage(PLATFORM, `request:${reply.card}`, { chatId: card.chatId, messageId: card.messageId, shown });
      return 'sent';
    }
    const image = imageOf(reply);
    const document = documentOf(reply);
    const sent = image
      ? await api.sendPhoto(chatId, image, { caption: html, ...options })
      : document
        ? await api.sendDocument(chatId, document, { caption: html, ...options })
        : await api.sendMessage(chatId, html, options);
    if (reply.card) await deps.store.saveMessage(PLATFORM, `request:${reply.card}`, { chatId: String(sent.chat.id), messageId: String(sent.message_id), shown });
    return 'sent';
  } catch (error) {
    // a user who never started the bot cannot be written to first
    if (error instanceof GrammyError && error.error_code === 403 && reply.to.kind !== 'here' && String(chatId) !== String(here.chatId)) return 'blocked';
    throw error;
  }
}

async function cardStatus(wallet: Wallet, requestId: string): Promise<string> {
  const request = await wallet.getRequest(requestId);
  return request.ok ? request.value.status : 'open';
}

/** Where to send someone who has to open the bot first: one tap lands in the direct chat. */
function startLink(botUsername: string): string {
  return `https://t.me/${botUsername}?start=continue`;
}

async function attachmentOf(ctx: Context, deps: TelegramDeps) {
  const message = ctx.message;
  const fileId = message?.photo?.at(-1)?.file_id ?? message?.document?.file_id;
  if (!fileId) return undefined;
  const content = await deps.download(ctx.api, fileId);
  return { ref: `telegram:${fileId}`, sha256: createHash('sha256').update(content).digest('hex') };
}

/**
 * Wires the conversation layer into a grammY bot. Every wallet call is keyed by the update id,
 * and answered updates are recorded, so a redelivered update repeats neither a payment nor a reply.
 */
export function installTelegramHandlers(bot: Bot, deps: TelegramDeps): void {
  const attachments = new Map<number, { ref: string; sha256: string }>();

  async function conversationOf(ctx: Context, user: User, chatType: string, key: string): Promise<Conversation> {
    const from = ctx.from!;
    const replied = ctx.message && repliedPerson(ctx.message);
    const replyTo = replied ? (await registerSender(deps.wallet, replied)).user.id : undefined;
    const attachment = attachments.get(from.id);
    return {
      wallet: deps.wallet,
      actor: { user, identity: { platform: PLATFORM, platformUserId: String(from.id) } },
      locale: localeOf(user.locale),
      name: from.username ?? String(from.id),
      chat: chatType === 'private' ? 'direct' : 'group',
      chatId: String(ctx.chat?.id ?? from.id),
      key,
      ...(replyTo ? { replyTo } : {}),
      ...(attachment ? { attachment } : {}),
    };
  }

  /**
   * Claims a message or button press before working on it, so a redelivery that arrives while
   * the first delivery is still running is not answered twice; a failed run gives the claim back.
   * Keys are the message (chat and message id) or the callback id, which Telegram never reuses.
   */
  async function once(id: string, work: () => Promise<void>): Promise<void> {
    if (!(await deps.store.markHandled(PLATFORM, id))) return;
    try {
      await work();
    } catch (error) {
      await deps.store.releaseHandled(PLATFORM, id);
      throw error;
    }
  }

  bot.on('message', (ctx) => {
    const id = `msg:${ctx.chat.id}:${ctx.message.message_id}`;
    return once(id, async () => {
      if (!ctx.from || ctx.from.is_bot) return;
      const message = addressedText(ctx.message.text ?? ctx.message.caption ?? '', ctx.me.username);
      if (message === undefined) return;
      const group = ctx.chat.type !== 'private';
      const forUs = !group || message.trimStart().startsWith('/') || mentionsBot(ctx, ctx.me.username) || realReplyOf(ctx.message)?.from?.id === ctx.me.id;
      const here = { chatId: ctx.chat.id, topic: topicOf(ctx.message), writer: ctx.from.id };
      if (!forUs) {
        // group chatter is left alone, except a live code someone shows to everyone
        const user = await deps.wallet.findUserByIdentity({ platform: PLATFORM, platformUserId: String(ctx.from.id) });
        if (!user || !looksLikeCode(message)) return;
        const c = await conversationOf(ctx, user, ctx.chat.type, `telegram:${id}`);
        for (const reply of await handleOverheard(c, message)) await send(ctx.api, deps, reply, { ...here, locale: c.locale });
        return;
      }
      const { user, created } = await registerSender(deps.wallet, ctx.from);
      if (!group) {
        const attachment = await attachmentOf(ctx, deps);
        if (attachment) attachments.set(ctx.from.id, attachment);
      }
      if (!message) return;
      const c = await conversationOf(ctx, user, ctx.chat.type, `telegram:${id}`);
      for (const reply of await handleMessage(c, message, created)) {
        if ((await send(ctx.api, deps, reply, { ...here, locale: c.locale })) === 'blocked') {
          const topic = here.topic ? { message_thread_id: here.topic } : {};
          await ctx.api.sendMessage(ctx.chat.id, `${translate(c.locale, text('telegram.open_bot'))}\n${startLink(ctx.me.username)}`, topic);
        }
      }
      if (c.attachment && parseMessage(message).kind === 'verify') attachments.delete(ctx.from.id);
    });
  });

  /**
   * A button press. What only the presser should read is the press's own answer (a notice on the
   * button); someone who never started the bot is sent to it by that answer instead.
   */
  bot.on('callback_query', async (ctx) => {
    let blocked = false;
    let notice: string | undefined;
    try {
      const data = ctx.callbackQuery.data;
      if (!data) return;
      await once(`cb:${ctx.callbackQuery.id}`, async () => {
        const { user } = await registerSender(deps.wallet, ctx.from);
        const chat = ctx.callbackQuery.message?.chat;
        const c = await conversationOf(ctx, user, chat?.type ?? 'private', `telegram:cb:${ctx.callbackQuery.id}`);
        const here = { chatId: chat?.id ?? ctx.from.id, topic: topicOf(ctx.callbackQuery.message), writer: ctx.from.id, locale: c.locale };
        for (const reply of await handleAction(c, data)) {
          if (reply.to.kind === 'ephemeral') notice = fitText(plainOf(reply, c.locale), LIMITS.telegram.callbackAnswer);
          else if ((await send(ctx.api, deps, reply, here)) === 'blocked') blocked = true;
        }
      });
    } finally {
      await ctx.answerCallbackQuery(blocked ? { url: startLink(ctx.me.username) } : notice ? { text: notice } : {}).catch(() => {});
    }
  });

  /**
   * Inline mode: `@OKPayBot 10 CNY` in any chat offers a send and a request card. Choosing one
   * posts the matching command addressed to the bot, which the bot then answers in that chat.
   */
  bot.on('inline_query', async (ctx) => {
    const parsed = parseMessage(`request ${ctx.inlineQuery.query}`);
    const amount = parsed.kind === 'request' && parsed.amount ? amountOf(parsed.amount) : undefined;
    if (!amount?.ok) {
      await ctx.answerInlineQuery([], { cache_time: 0 });
      return;
    }
    const locale = localeOf(ctx.from.language_code);
    const shown = formatAmount(locale, amount.value);
    const typed = `${toDecimalString(amount.value)} ${amount.value.currency}`;
    const card = (kind: 'send' | 'request') => ({
      type: 'article' as const,
      id: kind,
      title: translate(locale, text(`telegram.inline.${kind}`, { amount: shown })),
      input_message_content: { message_text: `/${kind}@${ctx.me.username} ${typed}` },
    });
    await ctx.answerInlineQuery([card('send'), card('request')], { cache_time: 0, is_personal: true });
  });

  bot.catch(async (error) => {
    const id = randomBytes(4).toString('hex');
    (deps.logError ?? console.error)(`[${id}] telegram update ${error.ctx.update.update_id}`, error.error);
    const chatId = error.ctx.chat?.id;
    const topic = topicOf(error.ctx.msg);
    const fault = translate(error.ctx.from?.language_code ?? 'en', text('fault', { id }));
    if (chatId) await error.ctx.api.sendMessage(chatId, fault, topic ? { message_thread_id: topic } : {}).catch(() => {});
  });
}
