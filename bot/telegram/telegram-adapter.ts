import { createHash } from 'node:crypto';
import type { Api, Bot, Context } from 'grammy';
import type { AdapterStore } from '../../core/ports/chat-store.js';
import type { User } from '../../core/ports/index.js';
import type { Wallet } from '../../core/wallet.js';
import { deliver } from '../delivery/deliver.js';
import { evidenceOf } from '../delivery/evidence.js';
import { createLogger, type Logger } from '../delivery/logger.js';
import { processLeases, type Leases } from '../delivery/leases.js';
import { runUpdate } from '../delivery/update-boundary.js';
import type { Conversation } from '../handlers/conversation.js';
import { handleAction, handleMessage, handleOverheard, looksLikeCode } from '../handlers/handle.js';
import { localeOf, translate } from '../i18n/i18n.js';
import type { Reply } from '../replies/reply.js';
import { keepAttachment, pendingAttachment, settleAttachment } from '../verify-attachments.js';
import { addressedText, mentionsBot, realReplyOf, repliedPerson, topicOf } from './incoming-message.js';
import { installInlineQueries } from './telegram-inline.js';
import { startLink, telegramUpdateTransport, type PressAnswer, type TelegramPlace } from './telegram-transport.js';

const PLATFORM = 'telegram';

export interface TelegramDeps {
  wallet: Wallet;
  store: AdapterStore;
  /** Downloads a file the user sent (getFile + the file URL), for verification hashes. */
  download(api: Api, fileId: string): Promise<Buffer>;
  logger?: Logger;
  /** This process's lease owner and length, for its claims on updates (one per process; a fresh one by default). */
  leases?: Leases;
}

type Sender = NonNullable<Context['from']>;

/** What one update asks of the delivery layer: its replies, for this conversation, and what `/verify` text it was. */
interface Answer {
  c: Conversation;
  replies: Reply[];
  message?: string;
}

/**
 * Wires the conversation layer into a grammY bot: Telegram updates in, the shared handlers, the
 * delivery layer out. Each message and press runs in the update boundary, claimed by its chat
 * and message id or its callback id (which Telegram never reuses), and every wallet call is
 * keyed by it, so a redelivered update repeats neither a payment nor a reply.
 */
export function installTelegramHandlers(bot: Bot, deps: TelegramDeps): void {
  const { wallet, store } = deps;
  const logger = deps.logger ?? createLogger();
  const boundary = { store, logger, leases: deps.leases ?? processLeases(), now: () => wallet.now() };

  function registerSender(from: Sender): Promise<{ user: User; created: boolean }> {
    return wallet.register({
      platform: PLATFORM,
      platformUserId: String(from.id),
      ...(from.username ? { username: from.username } : {}),
      ...(from.language_code ? { locale: localeOf(from.language_code) } : {}),
    });
  }

  async function conversationOf(ctx: Context, user: User, chatType: string, key: string): Promise<Conversation> {
    const from = ctx.from!;
    const identity = { platform: PLATFORM, platformUserId: String(from.id) } as const;
    const replied = ctx.message && repliedPerson(ctx.message);
    const replyTo = replied ? (await registerSender(replied)).user.id : undefined;
    return {
      wallet,
      actor: { user, identity },
      locale: localeOf(user.locale),
      name: from.username ?? String(from.id),
      chat: chatType === 'private' ? 'direct' : 'group',
      chatId: String(ctx.chat?.id ?? from.id),
      key,
      botUsername: ctx.me.username,
      ...(replyTo ? { replyTo } : {}),
      ...(await pendingAttachment(wallet, store, identity)),
    };
  }

  /** A photo or document in the direct chat is kept (hashed) for the writer's `/verify`. */
  async function keepFile(ctx: Context): Promise<void> {
    const fileId = ctx.message?.photo?.at(-1)?.file_id ?? ctx.message?.document?.file_id;
    if (!fileId) return;
    const content = await deps.download(ctx.api, fileId);
    const sha256 = createHash('sha256').update(content).digest('hex');
    await keepAttachment(wallet, store, { platform: PLATFORM, platformUserId: String(ctx.from!.id) }, { ref: `telegram:${fileId}`, sha256 });
  }

  /** The message's replies; group chatter is left alone, except a live code someone shows to everyone. */
  async function readMessage(ctx: Context & { message: NonNullable<Context['message']>; chat: NonNullable<Context['chat']> }, key: string): Promise<Answer | undefined> {
    if (!ctx.from || ctx.from.is_bot) return undefined;
    const message = addressedText(ctx.message.text ?? ctx.message.caption ?? '', ctx.me.username);
    if (message === undefined) return undefined;
    const group = ctx.chat.type !== 'private';
    const forUs = !group || message.trimStart().startsWith('/') || mentionsBot(ctx, ctx.me.username) || realReplyOf(ctx.message)?.from?.id === ctx.me.id;
    if (!forUs) {
      const user = await wallet.findUserByIdentity({ platform: PLATFORM, platformUserId: String(ctx.from.id) });
      if (!user || !looksLikeCode(message)) return undefined;
      const c = await conversationOf(ctx, user, ctx.chat.type, key);
      return { c, replies: await handleOverheard(c, message) };
    }
    const { user, created } = await registerSender(ctx.from);
    if (!group) await keepFile(ctx);
    if (!message) return undefined;
    const c = await conversationOf(ctx, user, ctx.chat.type, key);
    return { c, replies: await handleMessage(c, message, created), message };
  }

  /** Delivers through the shared layer, then lets a `/verify` that used the kept file drop it. */
  async function answer(ctx: Context, place: TelegramPlace, done: Answer, press?: PressAnswer): Promise<void> {
    await deliver(done.replies, { wallet, store, locale: done.c.locale, logger }, telegramUpdateTransport(ctx.api, place, ctx.me.username, press));
    if (done.message) await settleAttachment(store, done.c, done.message);
  }

  /** The apology for a fault, in the chat (and topic) the update came from. */
  const apologize = (ctx: Context) => async (fault: Reply) => {
    const chatId = ctx.chat?.id;
    const topic = topicOf(ctx.msg);
    if (chatId) await ctx.api.sendMessage(chatId, translate(localeOf(ctx.from?.language_code), fault.lines[0]!), topic ? { message_thread_id: topic } : {});
  };

  bot.on('message', async (ctx) => {
    const id = `msg:${ctx.chat.id}:${ctx.message.message_id}`;
    const place = { chatId: ctx.chat.id, topic: topicOf(ctx.message), writer: ctx.from.id };
    await runUpdate<Answer>(boundary, { platform: PLATFORM, id, claim: true }, {
      work: () => readMessage(ctx, `telegram:${id}`),
      deliver: (done) => answer(ctx, place, done),
      apologize: apologize(ctx),
    });
  });

  /**
   * A button press. What only the presser should read is the press's own answer (a notice on the
   * button); someone who never started the bot is sent to it by that answer instead.
   */
  bot.on('callback_query', async (ctx) => {
    const press: PressAnswer = { blocked: false };
    try {
      const data = ctx.callbackQuery.data;
      if (!data) return;
      const id = `cb:${ctx.callbackQuery.id}`;
      const chat = ctx.callbackQuery.message?.chat;
      const place = { chatId: chat?.id ?? ctx.from.id, topic: topicOf(ctx.callbackQuery.message), writer: ctx.from.id };
      await runUpdate<Answer>(boundary, { platform: PLATFORM, id, claim: true }, {
        async work() {
          const { user } = await registerSender(ctx.from);
          const c = await conversationOf(ctx, user, chat?.type ?? 'private', `telegram:${id}`);
          return { c, replies: await handleAction(c, data) };
        },
        deliver: (done) => answer(ctx, place, done, press),
        apologize: apologize(ctx),
      });
    } finally {
      await ctx.answerCallbackQuery(press.blocked ? { url: startLink(ctx.me.username) } : press.notice ? { text: press.notice } : {}).catch(() => {});
    }
  });

  installInlineQueries(bot);

  // what fails outside the update boundary (an inline query, grammY itself) is logged all the same
  bot.catch((error) => logger.error({ platform: PLATFORM, update: String(error.ctx.update.update_id), ...evidenceOf(error.error) }, 'update failed'));
}
