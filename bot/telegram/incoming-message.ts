import type { Context } from 'grammy';

// How an incoming Telegram message is read: the text meant for the bot, whom it replies to, where it was written.

type Message = NonNullable<Context['message']>;
type Sender = NonNullable<Context['from']>;

/** What a person writes; a message with none of these is a service message (a topic opened, a pin, a join). */
const WRITTEN = ['text', 'caption', 'photo', 'document', 'sticker', 'animation', 'audio', 'video', 'video_note', 'voice', 'contact', 'location', 'poll', 'dice'] as const;

/**
 * The message this one really replies to. In a forum topic a message that replies to nobody
 * still carries the topic's first message — the service message `forum_topic_created`, by
 * whoever opened the topic — as `reply_to_message`; that, and any other service message, is no
 * reply to a person.
 */
export function realReplyOf(message: Message): NonNullable<Message['reply_to_message']> | undefined {
  const replied = message.reply_to_message;
  if (!replied || (message.is_topic_message && replied.message_id === message.message_thread_id)) return undefined;
  return WRITTEN.some((field) => field in replied) ? replied : undefined;
}

/**
 * Who a reply names as the recipient: the person who wrote the replied-to message — not a bot,
 * not the sender themselves, and not a message sent on behalf of a chat (its `from` is a stand-in).
 */
export function repliedPerson(message: Message): Sender | undefined {
  const replied = realReplyOf(message);
  if (!replied?.from || replied.from.is_bot || replied.sender_chat || replied.from.id === message.from.id) return undefined;
  return replied.from;
}

/** The forum topic a message is in: replies to it are posted there, not in the group's General topic. */
export function topicOf(message: { is_topic_message?: boolean; message_thread_id?: number } | undefined): number | undefined {
  return message?.is_topic_message ? message.message_thread_id : undefined;
}

/**
 * The text meant for the bot: `@OKPayBot` mentions removed; undefined for a command addressed to
 * another bot (`/send@OtherBot`).
 */
export function addressedText(message: string, botUsername: string): string | undefined {
  const command = /^\s*\/[A-Za-z0-9_]+@([A-Za-z0-9_]+)/.exec(message);
  if (command && command[1]!.toLowerCase() !== botUsername.toLowerCase()) return undefined;
  return message.replace(new RegExp(`(^|\\s)@${botUsername}\\b`, 'gi'), ' ').trim();
}

export function mentionsBot(ctx: Context, botUsername: string): boolean {
  const message = ctx.message;
  const body = message?.text ?? message?.caption ?? '';
  return new RegExp(`@${botUsername}\\b`, 'i').test(body);
}
