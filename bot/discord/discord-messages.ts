import { DiscordAPIError, Routes, type APIChannel, type APIMessage, type REST } from 'discord.js';
import type { UserId } from '../../core/ports/index.js';
import type { Wallet } from '../../core/wallet.js';
import type { AdapterStore } from '../adapter-store.js';
import { localeOf } from '../i18n/i18n.js';
import type { Reply } from '../replies/reply.js';
import { messageOf } from './discord-render.js';

const PLATFORM = 'discord';

export interface DiscordSender {
  wallet: Wallet;
  store: AdapterStore;
  rest: REST;
}

/** Discord refuses a DM (50007) when the user closed DMs or shares no server with the bot. */
export function isDmClosed(error: unknown): boolean {
  return error instanceof DiscordAPIError && (error.code === 50007 || error.status === 403);
}

/**
 * Posts a reply in a channel (a DM channel for direct messages). A request card already posted
 * somewhere is edited there instead, so a card always shows the request's current state.
 */
export async function sendToChannel(deps: DiscordSender, channelId: string, reply: Reply, locale: string): Promise<APIMessage | undefined> {
  const message = messageOf(reply, locale, false);
  const ref = reply.card ? `request:${reply.card}` : undefined;
  const known = ref ? await deps.store.findMessage(PLATFORM, ref) : undefined;
  const shown = reply.card ? await cardStatus(deps.wallet, reply.card) : '';
  if (ref && known) {
    await deps.rest.patch(Routes.channelMessage(known.chatId, known.messageId), { body: message.body });
    await deps.store.saveMessage(PLATFORM, ref, { ...known, shown });
    return undefined;
  }
  const posted = (await deps.rest.post(Routes.channelMessages(channelId), { body: message.body, files: message.files })) as APIMessage;
  if (ref) await deps.store.saveMessage(PLATFORM, ref, { chatId: posted.channel_id, messageId: posted.id, shown });
  return posted;
}

/** The DM channel with a Discord user (Discord returns the same one every time). */
export async function dmChannelOf(rest: REST, discordUserId: string): Promise<string> {
  const channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: discordUserId } })) as APIChannel;
  return channel.id;
}

/**
 * A direct message to each Discord identity of a wallet user, in their language. Returns false
 * when none could be reached because DMs are closed; other failures are thrown.
 */
export async function sendToUser(deps: DiscordSender, userId: UserId, reply: Reply): Promise<boolean> {
  const locale = localeOf((await deps.wallet.getUser(userId))?.locale);
  const targets = (await deps.wallet.identitiesOf(userId)).filter((i) => i.platform === PLATFORM);
  let reached = false;
  for (const target of targets) {
    try {
      await sendToChannel(deps, await dmChannelOf(deps.rest, target.platformUserId), reply, locale);
      reached = true;
    } catch (error) {
      if (!isDmClosed(error)) throw error;
    }
  }
  return reached;
}

export async function cardStatus(wallet: Wallet, requestId: string): Promise<string> {
  const request = await wallet.getRequest(requestId);
  return request.ok ? request.value.status : 'open';
}
