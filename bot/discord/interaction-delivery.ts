import { InteractionType, Routes, type APIInteraction } from 'discord.js';
import type { Conversation } from '../handlers/conversation.js';
import type { Locale } from '../i18n/i18n.js';
import type { Reply } from '../replies/reply.js';
import { cardStatus, sendToUser, type DiscordSender } from './discord-messages.js';
import { messageOf } from './discord-render.js';
import type { InteractionAnswer } from './interaction-answer.js';

const PLATFORM = 'discord';

export type DeliveryDeps = DiscordSender & { log: (...args: unknown[]) => void };

/**
 * An interaction's replies as Discord calls, in Discord's order: this user's replies are the
 * interaction's answers (ephemeral in a server), other users' go by DM, and request cards are
 * posted, replaced or edited where they are.
 */
export async function deliverReplies(deps: DeliveryDeps, answer: InteractionAnswer, ix: APIInteraction, c: Conversation, replies: Reply[]): Promise<void> {
  const alone = replies.length === 1;
  // the card a button (or its form) was pressed on is replaced first, as the answer itself
  const ordered = [...replies.filter((r) => r.card), ...replies.filter((r) => !r.card)];
  const creates = ix.type === InteractionType.ApplicationCommand && ix.data.name === 'request';
  const cardEdits: (() => Promise<void>)[] = [];
  for (const reply of ordered) {
    const mine = reply.to.kind !== 'direct' || reply.to.userId === c.actor.user.id;
    if (reply.card) {
      const edit = await deliverCard(deps, answer, reply, c.locale, creates);
      if (edit) cardEdits.push(edit);
    } else if (mine) await answer.privately(reply, c.locale, alone);
    else if (reply.to.kind === 'direct') await sendToUser(deps, reply.to.userId, reply);
  }
  // a card posted elsewhere is edited only once the interaction has its answer (3 seconds)
  if (cardEdits.length) await answer.acknowledge();
  for (const edit of cardEdits) await edit();
}

/**
 * A request card. The `/request` that created it posts it publicly where it ran; a card pressed
 * on is replaced as the answer itself; a card posted elsewhere is returned as an edit to make
 * after the answer (best effort: the payment it reports has happened either way); a card shown
 * here for the first time (a request from another platform) stays private.
 */
async function deliverCard(deps: DeliveryDeps, answer: InteractionAnswer, reply: Reply, locale: Locale, creates: boolean): Promise<(() => Promise<void>) | undefined> {
  const ref = `request:${reply.card}`;
  const shown = await cardStatus(deps.wallet, reply.card!);
  const known = await deps.store.findMessage(PLATFORM, ref);
  const body = messageOf(reply, locale, false);
  if (known) {
    if (await answer.updateCard(known.messageId, body)) {
      await deps.store.saveMessage(PLATFORM, ref, { ...known, shown });
      return undefined;
    }
    return async () => {
      try {
        await deps.rest.patch(Routes.channelMessage(known.chatId, known.messageId), { body: body.body });
        await deps.store.saveMessage(PLATFORM, ref, { ...known, shown });
      } catch (error) {
        deps.log(`discord card ${known.chatId}/${known.messageId} not edited (tried again when it expires)`, error);
      }
    };
  }
  if (!creates) {
    await answer.privately(reply, locale, false);
    return undefined;
  }
  const posted = await answer.publicly(body, locale);
  await deps.store.saveMessage(PLATFORM, ref, { chatId: posted.channel_id, messageId: posted.id, shown });
  return undefined;
}
