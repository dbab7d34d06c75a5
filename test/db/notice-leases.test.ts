import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { refreshExpiredCards } from '../../bot/delivery/card-refresher.js';
import type { Leases } from '../../bot/delivery/leases.js';
import { deliverNotices, startNoticeLoop } from '../../bot/delivery/notice-loop.js';
import type { DirectTransport } from '../../bot/delivery/transport.js';
import { createAdapterStore } from '../../db/adapter-store.js';
import { capturedLogger } from '../delivery/fake-delivery.js';
import { countingTransport, depositNotices, postedCards, sentCounts } from '../support/counting-transport.js';
import { manualClock, openTestWallet, type TestWallet } from '../support/test-database.js';
import { consoleUser, pendingNotices } from '../support/wallet-fixtures.js';

const LEASE_MS = 30_000;
const one: Leases = { owner: 'one', ms: LEASE_MS };
const two: Leases = { owner: 'two', ms: LEASE_MS };

const clock = manualClock();
let t: TestWallet;
beforeAll(async () => {
  t = await openTestWallet({ clock });
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  // each scenario starts with an empty outbox: whatever an earlier one left is sent, its leases expired
  clock.advance(LEASE_MS);
  await deliverNotices(t.wallet, countingTransport(sentCounts()), { owner: 'drain', ms: LEASE_MS }, 1_000);
});

describe('notice leases in the delivery loop', () => {
  it('gives back a notice whose sending failed on the network, so the next round of anyone sends it', async () => {
    await depositNotices(t, 1, 2);
    const sent = sentCounts();
    expect(await deliverNotices(t.wallet, countingTransport(sent, { failing: () => true }), one)).toMatchObject({ delivered: 0, retryLater: true });
    expect(await deliverNotices(t.wallet, countingTransport(sent), two)).toMatchObject({ delivered: 2, retryLater: false });
    expect([...sent.posts.values()]).toEqual([1, 1]);
  });

  it('stops after the round under way, then gives back what this owner still holds on the platform', async () => {
    await depositNotices(t, 1, 1);
    let unblock = () => {};
    const blocked = new Promise<void>((resolve) => (unblock = resolve));
    let posts = 0;
    const slow: DirectTransport = {
      platform: 'console',
      async postDirect() {
        posts += 1;
        await blocked;
        throw new Error('socket hang up');
      },
      edit: async () => 'edited',
      refusal: () => undefined,
    };
    const stop = startNoticeLoop({ wallet: t.wallet, store: createAdapterStore(t.database.db), transport: slow, leases: one, logger: capturedLogger().logger, everyMs: 5 });
    await expect.poll(() => posts).toBe(1);
    // more of this owner's claims on the platform, still held when the loop stops
    await depositNotices(t, 1, 2);
    expect(await t.wallet.claimNotifications('console', 50, one)).toHaveLength(2);
    let stopped = false;
    const stopping = stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    unblock();
    await stopping;
    expect(posts).toBe(1);
    expect(await pendingNotices(t.wallet, 'console', 50)).toHaveLength(3);
  });

  it('renews its leases while a send takes longer than a lease, so no other process sends that notice too', async () => {
    await depositNotices(t, 1, 1);
    const slowLeases: Leases = { owner: 'slow', ms: 600 };
    let unblock = () => {};
    const blocked = new Promise<void>((resolve) => (unblock = resolve));
    const slow: DirectTransport = {
      platform: 'console',
      async postDirect() {
        await blocked;
        return undefined;
      },
      edit: async () => 'edited',
      refusal: () => undefined,
    };
    const round = deliverNotices(t.wallet, slow, slowLeases);
    // the wallet's clock runs a whole lease on while the send hangs; the renewals keep up
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      clock.advance(150);
    }
    expect(await t.wallet.claimNotifications('console', 50, two)).toEqual([]);
    unblock();
    expect(await round).toMatchObject({ delivered: 1 });
  });

  it('gives back what it has not sent once half its lease has passed, so none is still going out when the lease expires', async () => {
    await depositNotices(t, 1, 5);
    const sent = sentCounts();
    const posting = countingTransport(sent);
    const slow: DirectTransport = {
      ...posting,
      async postDirect(...args) {
        clock.advance(LEASE_MS / 3);
        return posting.postDirect(...args);
      },
    };
    expect(await deliverNotices(t.wallet, slow, one)).toMatchObject({ delivered: 2, retryLater: false });
    expect(await deliverNotices(t.wallet, countingTransport(sent), two)).toMatchObject({ delivered: 3 });
    expect([...sent.posts.values()]).toEqual([1, 1, 1, 1, 1]);
  });

  it('leaves a notice another owner holds alone until its lease expires by the wallet clock', async () => {
    const [payee] = await depositNotices(t, 1, 1);
    const sent = sentCounts();
    const [held] = await t.wallet.claimNotifications('console', 50, one);
    expect(held?.userId).toBe(payee!.id);
    expect(await deliverNotices(t.wallet, countingTransport(sent), two)).toMatchObject({ delivered: 0 });
    clock.advance(LEASE_MS);
    expect(await deliverNotices(t.wallet, countingTransport(sent), two)).toMatchObject({ delivered: 1 });
  });
});

describe('card leases in the refresher', () => {
  it('reaches an expired card behind more still-open cards than one round takes', async () => {
    const store = createAdapterStore(t.database.db);
    const merchant = await consoleUser(t.wallet, 'shop');
    const open = await postedCards(t.wallet, store, merchant, 7, 7 * 24 * 3_600_000);
    const [expired] = await postedCards(t.wallet, store, merchant, 1, 60_000);
    clock.advance(61_000);
    const sent = sentCounts();
    for (let round = 0; round < 3; round++) await refreshExpiredCards(t.wallet, store, countingTransport(sent), one, undefined, 5);
    expect([...sent.edits]).toEqual([[`#shop/${expired!.id}`, 1]]);
    expect((await store.findMessage('console', `request:${expired!.id}`))?.shown).toBe('expired');
    expect(open).toHaveLength(7);
  });

  it('ends a round of slow edits once half its lease has passed, leaving the rest to the next round', async () => {
    const store = createAdapterStore(t.database.db);
    const merchant = await consoleUser(t.wallet, 'stall');
    const cards = await postedCards(t.wallet, store, merchant, 4, 60_000);
    clock.advance(61_000);
    const sent = sentCounts();
    const editing = countingTransport(sent);
    const slow: DirectTransport = {
      ...editing,
      async edit(...args) {
        clock.advance(LEASE_MS / 3);
        return editing.edit(...args);
      },
    };
    await refreshExpiredCards(t.wallet, store, slow, one);
    expect([...sent.edits.keys()]).toEqual(cards.slice(0, 2).map((r) => `#shop/${r.id}`));
    await refreshExpiredCards(t.wallet, store, countingTransport(sent), two);
    expect([...sent.edits.keys()].sort()).toEqual(cards.map((r) => `#shop/${r.id}`).sort());
  });

  it('does not edit a card another refresher holds until that lease is given back', async () => {
    const store = createAdapterStore(t.database.db);
    const merchant = await consoleUser(t.wallet, 'kiosk');
    const [card] = await postedCards(t.wallet, store, merchant, 1, 60_000);
    clock.advance(61_000);
    const held = await store.claimMessagesShowing('console', 'open', 50, { owner: 'one', now: clock.now(), leaseMs: LEASE_MS });
    expect(held.map((m) => m.ref)).toContain(`request:${card!.id}`);
    const sent = sentCounts();
    await refreshExpiredCards(t.wallet, store, countingTransport(sent), two);
    expect(sent.edits.size).toBe(0);
    await store.releaseMessages('console', 'one');
    await refreshExpiredCards(t.wallet, store, countingTransport(sent), two);
    expect([...sent.edits]).toEqual([[`#shop/${card!.id}`, 1]]);
  });
});
