import { encodeAction } from '../../core/actions/button-action.js';
import type { DirectTransport, Transport } from '../delivery/transport.js';
import { translate, type Locale } from '../i18n/i18n.js';
import type { Reply } from '../replies/reply.js';
import { formatBotMessage, type TranscriptLine } from './transcript.js';

/** A direct chat (a console user's name) or a room. */
export type ConsoleTarget = { user: string } | { room: string };

/**
 * The console's printer: a bot message in the transcript format, its buttons numbered b1, b2, …
 * in the order shown. Button ids are part of one run's printed transcript (a later line types
 * `!b3`), so they live as long as the run; everything else is in the database.
 */
export function consolePrinter(write: (line: string) => void) {
  const buttons = new Map<string, { action: string } & ConsoleTarget>();
  return {
    print(target: ConsoleTarget, reply: Reply, locale: Locale): void {
      const body = reply.lines.map((t) => translate(locale, t)).join('\n');
      const extras: string[] = [];
      if (reply.image) extras.push(`image: ${reply.image.name} (PNG, ${reply.image.png.length} bytes)`);
      if (reply.file) extras.push(`file: ${reply.file.name}`, ...reply.file.content.trimEnd().split('\n').map((l) => `  ${l}`));
      const shown = (reply.buttons ?? []).map((b) => {
        const id = `b${buttons.size + 1}`;
        buttons.set(id, { action: encodeAction(b.action), ...target });
        return { id, label: translate(locale, b.label) };
      });
      for (const out of formatBotMessage(target, body, extras, shown)) write(out);
    },
    /** The action of a button pressed on this line, if its writer may press it: in its room, or in its owner's direct chat. */
    pressed(id: string, line: TranscriptLine): { action: string } | 'not_yours' | undefined {
      const button = buttons.get(id);
      if (!button) return undefined;
      const allowed = 'room' in button ? button.room === line.room : button.user === line.user;
      return allowed ? button : 'not_yours';
    },
  };
}

export type ConsolePrinter = ReturnType<typeof consolePrinter>;

const targetOf = (chatId: string): ConsoleTarget => (chatId.startsWith('#') ? { room: chatId.slice(1) } : { user: chatId });

/** The console for notices and card refreshes: direct chats are users' names; cards are edited by printing them again in their room. */
export function consoleTransport(printer: ConsolePrinter): DirectTransport {
  return {
    platform: 'console',
    async postDirect(name, reply, locale) {
      printer.print({ user: name }, reply, locale);
      return undefined;
    },
    async edit(location, reply, locale) {
      printer.print(targetOf(location.chatId), reply, locale);
      return 'edited';
    },
    refusal: () => undefined,
  };
}

/**
 * The console while answering one line: replies here go to its room or direct chat; a card
 * posted in a room is remembered there, so a payment confirmed in a direct chat updates it where
 * it was posted. A press has no answer of its own here: the direct message it would point to follows.
 */
export function lineTransport(printer: ConsolePrinter, run: string, line: TranscriptLine, seq: number): Transport {
  return {
    ...consoleTransport(printer),
    async postHere(reply, locale) {
      printer.print(line.room ? { room: line.room } : { user: line.user }, reply, locale);
      return line.room ? { chatId: `#${line.room}`, messageId: `${run}:${seq}` } : undefined;
    },
    async postInChat(chatId, reply, locale) {
      printer.print(targetOf(chatId), reply, locale);
      return undefined;
    },
    postPrivate: async () => {},
  };
}
