import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { User } from '../../core/ports/index.js';
import type { Wallet } from '../../core/wallet.js';
import type { Conversation } from '../handlers/conversation.js';
import { encodeAction } from '../../core/actions/button-action.js';
import { handleAction, handleMessage } from '../handlers/handle.js';
import { requestCard } from '../handlers/request-handlers.js';
import { localeOf, translate, type Locale } from '../i18n/i18n.js';
import { renderNotice } from '../replies/notices.js';
import type { Reply } from '../replies/reply.js';
import { text } from '../replies/reply.js';
import { echoLine, formatBotMessage, parseTranscriptLine, type TranscriptLine } from './transcript.js';

export interface ConsoleAdapter {
  /** Processes one input line completely (echo, replies, notices) before resolving. */
  handleLine(line: string): Promise<void>;
}

/**
 * The console chat: users are console identities named by their usernames, in lower case (`Bob:`
 * and `bob:` are one person, so a mention can never find a different one), rooms are groups.
 * Buttons get short ids (b1, b2, …) that a later `!b1` presses; request cards remember their room
 * so that a payment confirmed in a direct chat updates the card where it was posted.
 */
export function createConsoleAdapter(wallet: Wallet, write: (line: string) => void, logError = console.error): ConsoleAdapter {
  const run = randomBytes(4).toString('hex');
  /** Buttons by id: those in a direct chat belong to its user, those in a room to anyone there. */
  const buttons = new Map<string, { action: string; user?: string; room?: string }>();
  /** Request cards posted in rooms, with the status last shown, so changes can be shown there. */
  const cards = new Map<string, { room: string; status: string; locale: Locale }>();
  const attachments = new Map<string, { ref: string; sha256: string }>();
  let lineNo = 0;

  async function nameOf(userId: string): Promise<string> {
    const identities = await wallet.identitiesOf(userId);
    return identities.find((i) => i.platform === 'console')?.platformUserId ?? userId;
  }

  async function print(reply: Reply, line: TranscriptLine, locale: Locale): Promise<void> {
    // a press has no answer of its own here: the direct message it would point to follows
    if (reply.to.kind === 'ephemeral') return;
    let target: { user: string } | { room: string };
    let readerLocale = locale;
    let owner = line.user;
    if (reply.card && cards.has(reply.card)) target = { room: cards.get(reply.card)!.room };
    else if (reply.to.kind === 'direct') {
      owner = await nameOf(reply.to.userId);
      readerLocale = localeOf((await wallet.getUser(reply.to.userId))?.locale);
      target = { user: owner };
    } else target = line.room ? { room: line.room } : { user: line.user };
    if (reply.card && 'room' in target) {
      const request = await wallet.getRequest(reply.card);
      cards.set(reply.card, { room: target.room, status: request.ok ? request.value.status : 'open', locale: readerLocale });
    }
    const body = reply.lines.map((t) => translate(readerLocale, t)).join('\n');
    const extras: string[] = [];
    if (reply.image) extras.push(`image: ${reply.image.name} (PNG, ${reply.image.png.length} bytes)`);
    if (reply.file) extras.push(`file: ${reply.file.name}`, ...reply.file.content.trimEnd().split('\n').map((l) => `  ${l}`));
    const shown = (reply.buttons ?? []).map((b) => {
      const id = `b${buttons.size + 1}`;
      buttons.set(id, { action: encodeAction(b.action), ...('room' in target ? { room: target.room } : { user: owner }) });
      return { id, label: translate(readerLocale, b.label) };
    });
    for (const out of formatBotMessage(target, body, extras, shown)) write(out);
  }

  /** Cards whose request expired (or changed elsewhere) since they were shown are shown again. */
  async function refreshCards(): Promise<void> {
    for (const [id, card] of cards) {
      if (card.status !== 'open') continue;
      const request = await wallet.getRequest(id);
      if (!request.ok || request.value.status === 'open') continue;
      const view = { wallet, locale: card.locale, actor: { identity: { platform: 'console' as const, platformUserId: '' } } };
      await print(await requestCard(view, request.value), { user: '', room: card.room, text: '' }, card.locale);
    }
  }

  async function deliverNotices(): Promise<void> {
    for (const notice of await wallet.pendingNotifications('console', 100)) {
      const user = await wallet.getUser(notice.userId);
      const reply = await renderNotice(wallet, notice, user?.locale ?? 'en', 'console');
      await print(reply, { user: await nameOf(notice.userId), text: '' }, localeOf(user?.locale));
      await wallet.markNotificationDelivered(notice.id, 'console');
    }
  }

  async function conversationFor(line: TranscriptLine, user: User): Promise<Conversation> {
    return {
      wallet,
      actor: { user, identity: { platform: 'console', platformUserId: line.user } },
      locale: localeOf(user.locale),
      name: line.user,
      chat: line.room ? 'group' : 'direct',
      chatId: line.room ? `#${line.room}` : 'direct',
      key: `console:${run}:${lineNo}`,
      ...(attachments.has(line.user) ? { attachment: attachments.get(line.user)! } : {}),
    };
  }

  async function respond(line: TranscriptLine): Promise<void> {
    const { user, created } = await wallet.register({ platform: 'console', platformUserId: line.user, username: line.user });
    const c = await conversationFor(line, user);
    const attach = /^!attach\s+(.+)$/.exec(line.text);
    if (attach) {
      const path = attach[1]!.trim();
      let content: Buffer;
      try {
        content = readFileSync(path);
      } catch {
        return print({ to: { kind: 'here' }, lines: [text('verify.no_file')] }, line, c.locale);
      }
      attachments.set(line.user, { ref: `console:${path}`, sha256: createHash('sha256').update(content).digest('hex') });
      return;
    }
    const press = /^!(b\d+)$/.exec(line.text.trim());
    const pressed = press ? buttons.get(press[1]!) : undefined;
    const allowed = pressed && (pressed.room !== undefined ? pressed.room === line.room : pressed.user === line.user);
    const replies = press
      ? allowed
        ? await handleAction(c, pressed!.action)
        : [{ to: { kind: 'here' as const }, lines: [text(pressed ? 'buttons.not_yours' : 'hint.unknown')] }]
      : await handleMessage(c, line.text, created);
    for (const reply of replies) await print(reply, line, c.locale);
  }

  return {
    async handleLine(raw) {
      const written = parseTranscriptLine(raw);
      if (!written) return;
      lineNo += 1;
      write(echoLine(written));
      // a console name is case-insensitive, like a Telegram username: `Bob:` is bob, and so is `@BOB`
      const line = { ...written, user: written.user.toLowerCase() };
      try {
        await respond(line);
        await deliverNotices();
        await refreshCards();
      } catch (error) {
        const id = randomBytes(4).toString('hex');
        logError(`[${id}]`, error);
        const user = await wallet.findUserByIdentity({ platform: 'console', platformUserId: line.user }).catch(() => undefined);
        write(`bot -> ${line.user}: ${translate(user?.locale ?? 'en', text('fault', { id }))}`);
      }
    },
  };
}
