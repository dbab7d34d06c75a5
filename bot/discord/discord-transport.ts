import { DiscordAPIError, InteractionType, Routes, type APIChannel, type APIInteraction, type APIMessage, type REST } from 'discord.js';
import type { MessageLocation } from '../../core/ports/chat-store.js';
import type { DirectTransport, EditOutcome, Transport } from '../delivery/transport.js';
import type { Locale } from '../i18n/i18n.js';
import type { Reply } from '../replies/reply.js';
import { messageOf } from './discord-render.js';
import type { InteractionAnswer } from './interaction-answer.js';

/** Discord refuses a DM (50007) when the user closed DMs or shares no server with the bot. */
export function isDmClosed(error: unknown): boolean {
  return error instanceof DiscordAPIError && (error.code === 50007 || error.status === 403);
}

/** Posts a reply in a channel (a DM channel for direct messages), files included. */
async function postIn(rest: REST, channelId: string, reply: Reply, locale: Locale): Promise<MessageLocation> {
  const message = messageOf(reply, locale, false);
  const posted = (await rest.post(Routes.channelMessages(channelId), { body: message.body, files: message.files })) as APIMessage;
  return { chatId: posted.channel_id, messageId: posted.id };
}

/** The DM channel with a Discord user (Discord returns the same one every time). */
async function dmChannelOf(rest: REST, discordUserId: string): Promise<string> {
  const channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: discordUserId } })) as APIChannel;
  return channel.id;
}

/** Edits a message in its channel; a deleted message (10008) or channel (10003), or one the bot may no longer see, needs no edit. */
async function editIn(rest: REST, location: MessageLocation, reply: Reply, locale: Locale): Promise<EditOutcome> {
  try {
    await rest.patch(Routes.channelMessage(location.chatId, location.messageId), { body: messageOf(reply, locale, false).body });
    return 'edited';
  } catch (error) {
    if (error instanceof DiscordAPIError && (error.code === 10008 || error.code === 10003 || error.status === 403)) return 'gone';
    throw error;
  }
}

/**
 * Discord for the delivery layer: direct messages through each user's DM channel (closed DMs are
 * a refusal), and messages edited in their channel.
 */
export function discordTransport(rest: REST): DirectTransport {
  return {
    platform: 'discord',
    postDirect: async (userId, reply, locale) => postIn(rest, await dmChannelOf(rest, userId), reply, locale),
    edit: (location, reply, locale) => editIn(rest, location, reply, locale),
    refusal: (error) => (isDmClosed(error) ? 'direct messages closed' : undefined),
  };
}

/** A direct message the bot got: everything for its writer is answered in that DM channel. */
export function dmTransport(rest: REST, channelId: string, authorId: string): Transport {
  const base = discordTransport(rest);
  const here = (reply: Reply, locale: Locale) => postIn(rest, channelId, reply, locale);
  return {
    ...base,
    postHere: here,
    postInChat: (channelId, reply, locale) => postIn(rest, channelId, reply, locale),
    postDirect: (userId, reply, locale) => (userId === authorId ? here(reply, locale) : base.postDirect(userId, reply, locale)),
    postPrivate: async (reply, locale) => void (await here(reply, locale)),
  };
}

/**
 * An interaction's replies as Discord calls, in Discord's order: the writer's replies are the
 * interaction's answers (ephemeral in a server), other users' go by DM. The `/request` that
 * creates a card posts it publicly; a card shown here for the first time (a request from another
 * platform) stays private; a card pressed on is replaced as the answer itself, and one posted
 * elsewhere is edited only once the interaction has its answer (3 seconds).
 */
export function interactionTransport(rest: REST, answer: InteractionAnswer, ix: APIInteraction, replies: number): Transport {
  const base = discordTransport(rest);
  const writer = (ix.member?.user ?? ix.user)?.id;
  const creates = ix.type === InteractionType.ApplicationCommand && ix.data.name === 'request';
  const privately = (reply: Reply, locale: Locale) => answer.privately(reply, locale, replies === 1 && !reply.card);
  return {
    ...base,
    cardsFirst: true,
    postInChat: (channelId, reply, locale) => postIn(rest, channelId, reply, locale),
    async postHere(reply, locale) {
      if (!reply.card || !creates) return void (await privately(reply, locale));
      const posted = await answer.publicly(messageOf(reply, locale, false), locale);
      return { chatId: posted.channel_id, messageId: posted.id };
    },
    postDirect: async (userId, reply, locale) => (userId === writer ? void (await privately(reply, locale)) : base.postDirect(userId, reply, locale)),
    postPrivate: privately,
    async edit(location, reply, locale) {
      if (await answer.updateCard(location.messageId, messageOf(reply, locale, false))) return 'edited';
      return { after: () => editIn(rest, location, reply, locale) };
    },
    answered: () => answer.acknowledge(),
  };
}
