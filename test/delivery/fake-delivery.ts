import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { AdapterStore, MessageLocation, PostedMessage } from '../../core/ports/chat-store.js';
import type { Wallet } from '../../core/wallet.js';
import type { EditOutcome, Transport } from '../../bot/delivery/transport.js';
import type { Locale } from '../../bot/i18n/i18n.js';
import type { Reply } from '../../bot/replies/reply.js';

/** The adapter store in memory, for the delivery layer's unit tests. */
export function memoryStore(): AdapterStore & { messages: Map<string, PostedMessage>; handled: Map<string, { owner: string; until: Date | null }> } {
  const messages = new Map<string, PostedMessage>();
  const handled = new Map<string, { owner: string; until: Date | null }>();
  const mine = (key: string, owner: string) => handled.get(key)?.owner === owner && handled.get(key)?.until !== null;
  const leases = new Map<string, { owner: string; until: Date }>();
  // never looked at sorts first, as `nulls first` does in the database
  const checked = new Map<string, number>();
  const attachments = new Map<string, { attachment: { ref: string; sha256: string }; keptAt: Date }>();
  return {
    messages,
    handled,
    async claimUpdate(platform, id, lease) {
      const held = handled.get(`${platform}:${id}`);
      if (held?.until === null) return 'answered';
      if (held && held.until > lease.now && held.owner !== lease.owner) return 'in_progress';
      handled.set(`${platform}:${id}`, { owner: lease.owner, until: new Date(lease.now.getTime() + lease.leaseMs) });
      return 'claimed';
    },
    renewUpdate: async (platform, id, owner, until) => mine(`${platform}:${id}`, owner) && Boolean(handled.set(`${platform}:${id}`, { owner, until })),
    finishUpdate: async (platform, id, owner) => void (handled.get(`${platform}:${id}`)?.owner === owner && handled.set(`${platform}:${id}`, { owner, until: null })),
    releaseUpdate: async (platform, id, owner) => void (mine(`${platform}:${id}`, owner) && handled.delete(`${platform}:${id}`)),
    saveMessage: async (platform, ref, location) => void messages.set(`${platform}:${ref}`, location),
    findMessage: async (platform, ref) => messages.get(`${platform}:${ref}`),
    claimMessagesShowing: async (platform, shown, limit, { owner, now, leaseMs }) => {
      const free = (key: string) => {
        const lease = leases.get(key);
        return lease === undefined || lease.until <= now;
      };
      const looked = (key: string) => checked.get(key) ?? 0;
      const claimed = [...messages]
        .filter(([key, m]) => key.startsWith(`${platform}:`) && m.shown === shown && free(key))
        .sort(([a], [b]) => looked(a) - looked(b))
        .slice(0, limit);
      for (const [key] of claimed) {
        leases.set(key, { owner, until: new Date(now.getTime() + leaseMs) });
        checked.set(key, now.getTime());
      }
      return claimed.map(([key, m]) => ({ ref: key.slice(platform.length + 1), chatId: m.chatId, messageId: m.messageId, ...(m.locale ? { locale: m.locale } : {}) }));
    },
    releaseMessages: async (platform, owner) => {
      for (const [key, lease] of leases) if (key.startsWith(`${platform}:`) && lease.owner === owner) leases.delete(key);
    },
    keepAttachment: async (platform, id, attachment, keptAt) => void attachments.set(`${platform}:${id}`, { attachment, keptAt }),
    attachmentOf: async (platform, id, keptSince) => {
      const kept = attachments.get(`${platform}:${id}`);
      return kept && kept.keptAt > keptSince ? kept.attachment : undefined;
    },
    dropAttachment: async (platform, id) => void attachments.delete(`${platform}:${id}`),
  };
}

/** Just enough wallet for routing: users with a locale and identities, and requests with a status. */
export function fakeWallet(users: Record<string, { locale: string; ids: string[] }>, requests: Record<string, string> = {}): Wallet {
  return {
    getUser: async (id: string) => (users[id] ? { id, locale: users[id].locale } : undefined),
    identitiesOf: async (id: string) => (users[id]?.ids ?? []).map((platformUserId) => ({ platform: 'telegram', platformUserId })),
    getRequest: async (id: string) => (requests[id] ? { ok: true, value: { id, status: requests[id] } } : { ok: false }),
  } as unknown as Wallet;
}

export type Call = [string, ...unknown[]];

/** A transport that records each call as [method, where, first line key, locale]. */
export function recordingTransport(options: { refused?: string[]; deferEdits?: boolean; cardsFirst?: boolean } = {}): Transport & { calls: Call[] } {
  const calls: Call[] = [];
  let next = 100;
  const key = (reply: Reply) => reply.lines[0]?.key;
  return {
    calls,
    platform: 'telegram',
    cardsFirst: options.cardsFirst ?? false,
    async postHere(reply: Reply, locale: Locale) {
      calls.push(['postHere', 'group', key(reply), locale]);
      return { chatId: 'group', messageId: String(next++) };
    },
    async postDirect(id: string, reply: Reply, locale: Locale) {
      if (options.refused?.includes(id)) throw new Error(`refused ${id}`);
      calls.push(['postDirect', id, key(reply), locale]);
      return { chatId: id, messageId: String(next++) };
    },
    async postPrivate(reply: Reply, locale: Locale) {
      calls.push(['postPrivate', 'writer', key(reply), locale]);
    },
    async postInChat(chatId: string, reply: Reply, locale: Locale) {
      calls.push(['postInChat', chatId, key(reply), locale]);
      return { chatId, messageId: String(next++) };
    },
    async edit(location: MessageLocation, reply: Reply, locale: Locale) {
      const edit = async (): Promise<EditOutcome> => {
        calls.push(['edit', `${location.chatId}/${location.messageId}`, key(reply), locale]);
        return 'edited';
      };
      return options.deferEdits ? { after: edit } : edit();
    },
    refusal: (error: unknown) => (error instanceof Error && error.message.startsWith('refused') ? 'blocked' : undefined),
    async unreachable(reply: Reply, locale: Locale) {
      calls.push(['unreachable', 'group', key(reply), locale]);
    },
    async answered() {
      calls.push(['answered']);
    },
  };
}

/** A pino logger writing JSON lines into an array. */
export function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines, raw: () => lines.map((l) => JSON.stringify(l)).join('\n') };
}
