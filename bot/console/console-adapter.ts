import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AdapterStore } from '../../core/ports/chat-store.js';
import type { Wallet } from '../../core/wallet.js';
import { refreshExpiredCards } from '../delivery/card-refresher.js';
import { returnExpiredClaims } from '../delivery/claim-returner.js';
import { deliver } from '../delivery/deliver.js';
import { processLeases, type Leases } from '../delivery/leases.js';
import { createLogger, type Logger } from '../delivery/logger.js';
import { deliverNotices } from '../delivery/notice-loop.js';
import { runUpdate } from '../delivery/update-boundary.js';
import type { Conversation } from '../handlers/conversation.js';
import { handleAction, handleMessage } from '../handlers/handle.js';
import { localeOf, translate, type Locale } from '../i18n/i18n.js';
import { say, text, type Reply } from '../replies/reply.js';
import { keepAttachment, pendingAttachment, settleAttachment } from '../verify-attachments.js';
import { consolePrinter, consoleTransport, lineTransport } from './console-transport.js';
import { echoLine, parseTranscriptLine, type TranscriptLine } from './transcript.js';

export interface ConsoleAdapter {
  /** Processes one input line completely (echo, replies, notices) before resolving. */
  handleLine(line: string): Promise<void>;
  /** Delivers pending notices (recording each) and refreshes expired cards, as after every line. */
  deliverPending(): Promise<void>;
}

export interface ConsoleDeps {
  wallet: Wallet;
  store: AdapterStore;
  logger?: Logger;
  /** This process's lease owner and length: for its claims on updates, notices and cards (a fresh one by default). */
  leases?: Leases;
}

/**
 * The console chat: users are console identities named by their usernames, in lower case (`Bob:`
 * and `bob:` are one person, so a mention can never find a different one), rooms are groups.
 * Each line runs in the update boundary, through the delivery layer; after it, pending notices
 * are delivered (and recorded) and expired cards refreshed, so the transcript shows them in turn.
 */
export function createConsoleAdapter(deps: ConsoleDeps, write: (line: string) => void): ConsoleAdapter {
  const { wallet, store } = deps;
  const logger = deps.logger ?? createLogger();
  const leases = deps.leases ?? processLeases();
  const run = randomBytes(4).toString('hex');
  const boundary = { store, logger, leases, now: () => wallet.now() };
  const printer = consolePrinter(write);
  const direct = consoleTransport(printer);
  let lineNo = 0;

  async function deliverPending(): Promise<void> {
    await returnExpiredClaims(wallet, leases, logger);
    await deliverNotices(wallet, direct, leases, 100, logger);
    await refreshExpiredCards(wallet, store, direct, leases, logger);
  }

  async function conversationFor(line: TranscriptLine): Promise<{ c: Conversation; created: boolean }> {
    const { user, created } = await wallet.register({ platform: 'console', platformUserId: line.user, username: line.user });
    const identity = { platform: 'console', platformUserId: line.user } as const;
    const c: Conversation = {
      wallet,
      actor: { user, identity },
      locale: localeOf(user.locale),
      name: line.user,
      chat: line.room ? 'group' : 'direct',
      chatId: line.room ? `#${line.room}` : 'direct',
      key: `console:${run}:${lineNo}`,
      ...(await pendingAttachment(wallet, store, identity)),
    };
    return { c, created };
  }

  /** `!attach PATH` keeps a file for `/verify`; `!b3` presses a button; anything else is a message. */
  async function respond(line: TranscriptLine, c: Conversation, created: boolean): Promise<Reply[]> {
    const attach = /^!attach\s+(.+)$/.exec(line.text);
    if (attach) {
      const path = attach[1]!.trim();
      let content: Buffer;
      try {
        content = readFileSync(path);
      } catch {
        return [say(text('verify.no_file'))];
      }
      await keepAttachment(wallet, store, c.actor.identity, { ref: `console:${path}`, sha256: createHash('sha256').update(content).digest('hex') });
      return [];
    }
    const press = /^!(b\d+)$/.exec(line.text.trim());
    if (!press) return handleMessage(c, line.text, created);
    const pressed = printer.pressed(press[1]!, line);
    if (pressed === undefined || pressed === 'not_yours') return [say(text(pressed ? 'buttons.not_yours' : 'hint.unknown'))];
    return handleAction(c, pressed.action);
  }

  return {
    deliverPending,
    async handleLine(raw) {
      const written = parseTranscriptLine(raw);
      if (!written) return;
      lineNo += 1;
      write(echoLine(written));
      // a console name is case-insensitive, like a Telegram username: `Bob:` is bob, and so is `@BOB`
      const line = { ...written, user: written.user.toLowerCase() };
      let locale: Locale = 'en';
      await runUpdate<{ c: Conversation; replies: Reply[] }>(boundary, { platform: 'console', id: `${run}:${lineNo}`, claim: false }, {
        async work() {
          const { c, created } = await conversationFor(line);
          locale = c.locale;
          return { c, replies: await respond(line, c, created) };
        },
        async deliver({ c, replies }) {
          await deliver(replies, { wallet, store, locale: c.locale, logger }, lineTransport(printer, run, line, lineNo));
          await settleAttachment(store, c, line.text);
          await deliverPending();
        },
        apologize: async (fault) => write(`bot -> ${line.user}: ${translate(locale, fault.lines[0]!)}`),
      });
    },
  };
}
