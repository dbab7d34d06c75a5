import type { AdapterStore, MessageLocation } from '../../core/ports/chat-store.js';
import type { UserId } from '../../core/ports/index.js';
import type { Wallet } from '../../core/wallet.js';
import { localeOf, type Locale } from '../i18n/i18n.js';
import type { Reply } from '../replies/reply.js';
import { evidenceOf } from './evidence.js';
import type { Logger } from './logger.js';
import type { DirectTransport, Transport } from './transport.js';
import { retryingLostConnections } from './transient-fault.js';

/** Who is answered: the wallet and the adapter store, and the writer's language (the chat's, for replies here). */
export interface Audience {
  wallet: Wallet;
  store: AdapterStore;
  locale: Locale;
  logger: Logger;
}

/** What a card's message shows once posted: its request's status, or "open" while unknown. */
async function cardStatus(wallet: Wallet, requestId: string): Promise<string> {
  const request = await wallet.getRequest(requestId);
  return request.ok ? request.value.status : 'open';
}

const cardRef = (requestId: string) => `request:${requestId}`;

/**
 * A reply for one person, to each of their direct chats on this platform, in their language.
 * `reached` is false when none could be written to; `refusals` says why.
 */
export async function postToPerson(wallet: Wallet, transport: DirectTransport, userId: UserId, reply: Reply, locale?: Locale) {
  const reader = locale ?? localeOf((await wallet.getUser(userId))?.locale);
  const chats = (await wallet.identitiesOf(userId)).filter((i) => i.platform === transport.platform);
  const refusals: string[] = [];
  let location: MessageLocation | undefined;
  for (const chat of chats) {
    try {
      location = (await transport.postDirect(chat.platformUserId, reply, reader)) ?? location;
    } catch (error) {
      const refusal = transport.refusal(error);
      if (refusal === undefined) throw error;
      refusals.push(refusal);
    }
  }
  return { reached: refusals.length < chats.length, refusals, location };
}

/** One reply; an edit the platform defers is returned to be made after the update's answer. */
async function deliverOne(reply: Reply, to: Audience, transport: Transport): Promise<(() => Promise<void>) | undefined> {
  const { wallet, store } = to;
  const known = reply.card ? await store.findMessage(transport.platform, cardRef(reply.card)) : undefined;
  // a card keeps the language it was posted in, whoever's press edits it
  const locale = known?.locale ? localeOf(known.locale) : reply.to.kind === 'direct' ? localeOf((await wallet.getUser(reply.to.userId))?.locale) : to.locale;
  const shown = reply.card ? await cardStatus(wallet, reply.card) : '';
  if (reply.card && known) {
    const location = { chatId: known.chatId, messageId: known.messageId };
    const save = () => store.saveMessage(transport.platform, cardRef(reply.card!), { ...location, shown, locale });
    const outcome = await transport.edit(location, reply, locale);
    if (typeof outcome === 'string') return void (await save());
    return async () => {
      try {
        await outcome.after();
        await save();
      } catch (error) {
        // the payment it reports happened either way; the card refresher tries again
        to.logger.warn({ platform: transport.platform, card: reply.card, ...evidenceOf(error) }, 'card not edited');
      }
    };
  }
  let location: MessageLocation | undefined;
  if (reply.to.kind === 'ephemeral') await transport.postPrivate(reply, locale);
  else if (reply.to.kind === 'here') location = await transport.postHere(reply, locale);
  else if (reply.to.kind === 'chat') location = await transport.postInChat(reply.to.chatId, reply, locale);
  else {
    const sent = await postToPerson(wallet, transport, reply.to.userId, reply, locale);
    if (!sent.reached) await transport.unreachable?.(reply, to.locale);
    location = sent.location;
  }
  if (reply.card && location) await store.saveMessage(transport.platform, cardRef(reply.card), { ...location, shown, locale });
  return undefined;
}

/**
 * Delivers an update's replies, for every adapter alike: each goes to the chat it came from, a
 * person's direct chat (in that person's language) or the writer alone, and a request card
 * already posted somewhere is edited there instead, in the language it was posted in, its shown
 * status kept, so a card always shows its request's state and the card refresher knows which
 * still say "open".
 */
export async function deliver(replies: Reply[], audience: Audience, transport: Transport): Promise<void> {
  // a connection lost between two sends is waited out call by call, never by sending all again
  const to = { ...audience, wallet: retryingLostConnections(audience.wallet), store: retryingLostConnections(audience.store) };
  const ordered = transport.cardsFirst ? [...replies.filter((r) => r.card), ...replies.filter((r) => !r.card)] : replies;
  const deferred: (() => Promise<void>)[] = [];
  for (const reply of ordered) {
    const later = await deliverOne(reply, to, transport);
    if (later) deferred.push(later);
  }
  if (deferred.length) await transport.answered?.();
  for (const edit of deferred) await edit();
}
