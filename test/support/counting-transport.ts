import type { DirectTransport } from '../../bot/delivery/transport.js';
import type { AdapterStore, MessageLocation } from '../../core/ports/chat-store.js';
import type { PaymentRequest, User } from '../../core/ports/index.js';
import type { Wallet } from '../../core/wallet.js';
import { cny, freshKey, unwrap } from './wallet-fixtures.js';
import type { TestWallet } from './test-database.js';

/** How often each distinct direct message and each card edit was sent, over every transport sharing it. */
export interface Sent {
  posts: Map<string, number>;
  edits: Map<string, number>;
}

export const sentCounts = (): Sent => ({ posts: new Map(), edits: new Map() });

const bump = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

/**
 * A console transport that counts what it sends into `sent`, yielding to the event loop at each
 * call as a network call would, so rounds of two "processes" interleave. `failing` posts throw an
 * error that is no refusal (a network fault) while it returns true.
 */
export function countingTransport(sent: Sent, options: { failing?: () => boolean } = {}): DirectTransport {
  const yieldTurn = () => new Promise((resolve) => setImmediate(resolve));
  return {
    platform: 'console',
    async postDirect(platformUserId, reply) {
      await yieldTurn();
      if (options.failing?.()) throw new Error('socket hang up');
      bump(sent.posts, `${platformUserId}:${JSON.stringify(reply)}`);
      return undefined;
    },
    async edit(location: MessageLocation) {
      await yieldTurn();
      bump(sent.edits, `${location.chatId}/${location.messageId}`);
      return 'edited';
    },
    refusal: () => undefined,
  };
}

let people = 0;

/** Distinct deposits, so each notice reads differently: `count` new console users with `each` notices apiece. */
export async function depositNotices(t: Pick<TestWallet, 'wallet' | 'moves'>, count: number, each: number): Promise<User[]> {
  const users: User[] = [];
  for (let p = 0; p < count; p++) {
    const { user } = await t.wallet.register({ platform: 'console', platformUserId: `payee${(people += 1)}` });
    users.push(user);
    for (let i = 1; i <= each; i++) unwrap(await t.moves.deposit({ key: freshKey('fund'), userId: user.id, amount: cny(i) }));
  }
  return users;
}

/** `count` request cards by `merchant`, posted in a group and showing "open", whose requests expire after `ttlMs`. */
export async function postedCards(wallet: Wallet, store: AdapterStore, merchant: User, count: number, ttlMs: number): Promise<PaymentRequest[]> {
  const requests: PaymentRequest[] = [];
  const actor = { user: merchant, identity: { platform: 'console' as const, platformUserId: merchant.id } };
  for (let i = 0; i < count; i++) {
    const request = unwrap(await wallet.createRequest({ key: freshKey(), merchant: actor, amount: cny(1), ttlMs }));
    await store.saveMessage('console', `request:${request.id}`, { chatId: '#shop', messageId: request.id, shown: 'open' });
    requests.push(request);
  }
  return requests;
}
