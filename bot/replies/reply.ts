import type { ButtonAction } from '../../core/actions/button-action.js';
import type { UserId } from '../../core/ports/index.js';
import type { Text } from '../i18n/i18n.js';

/**
 * What a handler answers: platform-neutral, localized by the adapter for the reader. The adapter
 * encodes `action` into its callback data (`encodeAction`, at most 64 bytes, Telegram's limit).
 */
export interface Button {
  label: Text;
  action: ButtonAction;
}

export type Destination =
  /** The chat the message came from (a group or the direct chat). */
  | { kind: 'here' }
  /** The direct chat with a user, wherever the message came from. */
  | { kind: 'direct'; userId: UserId }
  /**
   * Seen only by the person who pressed a button, as the press's own answer: Telegram's notice
   * on the button, Discord's ephemeral reply. The console, whose presses have no answer of their
   * own, leaves it out (what it points to follows at once in the direct chat).
   */
  | { kind: 'ephemeral' }
  /**
   * A chat on the writer's platform by the platform's id (the console's `#room`), for everyone in
   * it: a claim link posted in the group it was asked for in, once confirmed in the direct chat.
   */
  | { kind: 'chat'; chatId: string };

export interface Reply {
  to: Destination;
  lines: Text[];
  buttons?: Button[];
  image?: { name: string; png: Buffer };
  file?: { name: string; content: string };
  /** A payment request card: later edits (paid, cancelled) replace the message with this card id. */
  card?: string;
  /** The reply waits for the reader's authenticator code; Discord offers a code-entry form. */
  asksForCode?: boolean;
  /**
   * Fit for everyone in a group: the bot's questions and hints, help, a greeting, a warning about
   * a code shown there. Anything else concerns one person and goes to them directly.
   */
  forEveryone?: true;
}

export function say(...lines: Text[]): Reply {
  return { to: { kind: 'here' }, lines };
}

/** A reply the whole chat may read, even in a group (see {@link Reply.forEveryone}). */
export function sayToAll(...lines: Text[]): Reply {
  return { to: { kind: 'here' }, lines, forEveryone: true };
}

export function text(key: string, params?: Text['params']): Text {
  return params ? { key, params } : { key };
}
