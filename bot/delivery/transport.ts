import type { MessageLocation } from '../../core/ports/chat-store.js';
import type { Platform } from '../../core/ports/index.js';
import type { Locale } from '../i18n/i18n.js';
import type { Reply } from '../replies/reply.js';

/** An edit that cannot show its change (the message was deleted, or already shows it) needs no retry. */
export type EditOutcome = 'edited' | 'gone';

/** An edit the platform wants made only after the update has its own answer (Discord's 3 seconds). */
export interface DeferredEdit {
  after(): Promise<EditOutcome>;
}

/**
 * What a platform must do for the delivery layer when no update is in hand: write to a person's
 * direct chat (notices) and edit a message posted earlier (cards). Each call renders the reply —
 * text, buttons, an image or a file — in the locale given, which the delivery layer chose.
 */
export interface DirectTransport {
  platform: Platform;
  /**
   * Posts in a person's direct chat with the bot, by their id on this platform (the writer's own
   * too). Returns where it landed if it can be edited later; throws when the platform refuses.
   */
  postDirect(platformUserId: string, reply: Reply, locale: Locale): Promise<MessageLocation | undefined>;
  /** Replaces a message posted earlier; throws when it should be tried again later. */
  edit(location: MessageLocation, reply: Reply, locale: Locale): Promise<EditOutcome | DeferredEdit>;
  /**
   * Why a failed call will never pass for this person (never started the bot, direct messages
   * closed), or undefined when it is a fault or worth another try.
   */
  refusal(error: unknown): string | undefined;
}

/** The same platform while answering one update: it also knows the chat the update came from and its writer. */
export interface Transport extends DirectTransport {
  /** Posts in the chat the update came from; returns where, if the post is public and can be edited later. */
  postHere(reply: Reply, locale: Locale): Promise<MessageLocation | undefined>;
  /** Posts in another chat by its id on this platform (the group a claim was asked for in), for everyone there. */
  postInChat(chatId: string, reply: Reply, locale: Locale): Promise<MessageLocation | undefined>;
  /**
   * For the writer alone: the press's own answer, or an ephemeral message. The console, whose
   * presses have no answer of their own, leaves it out.
   */
  postPrivate(reply: Reply, locale: Locale): Promise<void>;
  /** A direct reply reached nobody: the writer is pointed to the bot (Telegram's "open the bot"). */
  unreachable?(reply: Reply, locale: Locale): Promise<void>;
  /** Gives the update its own answer before deferred edits are made. */
  answered?(): Promise<void>;
  /** Card replies go first: Discord answers a press on a card by replacing that card. */
  cardsFirst?: boolean;
}
