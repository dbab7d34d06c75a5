import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshExpiredCards } from '../../bot/delivery/card-refresher.js';
import type { Leases } from '../../bot/delivery/leases.js';
import { deliverNotices } from '../../bot/delivery/notice-loop.js';
import { createAdapterStore } from '../../db/adapter-store.js';
import { countingTransport, depositNotices, postedCards, sentCounts } from '../support/counting-transport.js';
import { openSecondProcess } from '../support/second-process.js';
import { manualClock, openTestWallet, serverUrl, type TestWallet } from '../support/test-database.js';
import { consoleUser, pendingNotices } from '../support/wallet-fixtures.js';

const LEASE_MS = 30_000;

/** Two instances of the bot on one server database, each with its own pool, wallet and lease owner. */
describe.skipIf(!serverUrl)('notices and cards claimed under leases by two processes', () => {
  const clock = manualClock();
  let one: TestWallet;
  let two: Awaited<ReturnType<typeof openSecondProcess>>;
  const first: Leases = { owner: 'process-one', ms: LEASE_MS };
  const second: Leases = { owner: 'process-two', ms: LEASE_MS };

  beforeAll(async () => {
    one = await openTestWallet({ clock });
    two = await openSecondProcess(one, { clock });
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
  });

  it('delivers each of 100 notices exactly once while both run delivery rounds at the same time', async () => {
    await depositNotices(one, 10, 10);
    const sent = sentCounts();
    let delivered = 0;
    for (let round = 0; round < 12; round++) {
      const rounds = await Promise.all([
        deliverNotices(one.wallet, countingTransport(sent), first, 10),
        deliverNotices(two.wallet, countingTransport(sent), second, 10),
      ]);
      delivered += rounds[0].delivered + rounds[1].delivered;
    }
    expect(delivered).toBe(100);
    expect(sent.posts.size).toBe(100);
    expect([...sent.posts.values()].filter((times) => times !== 1)).toEqual([]);
    expect(await pendingNotices(one.wallet, 'console', 10)).toEqual([]);
  });

  it('sends what a process that died had claimed once its lease expires by the wallet clock, not before', async () => {
    await depositNotices(one, 2, 3);
    const dead = await one.wallet.claimNotifications('console', 50, { owner: 'died-mid-round', ms: LEASE_MS });
    expect(dead).toHaveLength(6);
    const sent = sentCounts();
    clock.advance(LEASE_MS - 1);
    expect(await deliverNotices(two.wallet, countingTransport(sent), second)).toMatchObject({ delivered: 0 });
    clock.advance(1);
    const [a, b] = await Promise.all([deliverNotices(two.wallet, countingTransport(sent), second), deliverNotices(one.wallet, countingTransport(sent), first)]);
    expect(a.delivered + b.delivered).toBe(6);
    expect([...sent.posts.values()]).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('takes over at once what a process gave back at shutdown or after a network failure', async () => {
    await depositNotices(one, 1, 4);
    expect(await one.wallet.claimNotifications('console', 2, first)).toHaveLength(2);
    const sent = sentCounts();
    const failing = await deliverNotices(two.wallet, countingTransport(sent, { failing: () => true }), second);
    expect(failing).toMatchObject({ delivered: 0, retryLater: true });
    await one.wallet.releaseNotificationLeases(first.owner);
    const taken = await deliverNotices(two.wallet, countingTransport(sent), second);
    expect(taken).toMatchObject({ delivered: 4, retryLater: false });
    expect(sent.posts.size).toBe(4);
  });

  it('edits each expired card once with both refreshers at once, and reaches them past more open cards than a round takes', async () => {
    const merchant = await consoleUser(one.wallet, 'merchant');
    const cards = [createAdapterStore(one.database.db), createAdapterStore(two.database.db)] as const;
    const expiring = await postedCards(one.wallet, cards[0], merchant, 12, 60_000);
    const staying = await postedCards(one.wallet, cards[0], merchant, 12, 7 * 24 * 3_600_000);
    const late = await postedCards(one.wallet, cards[0], merchant, 4, 60_000);
    clock.advance(61_000);
    const sent = sentCounts();
    for (let round = 0; round < 4; round++) {
      await Promise.all([
        refreshExpiredCards(one.wallet, cards[0], countingTransport(sent), first, undefined, 5),
        refreshExpiredCards(two.wallet, cards[1], countingTransport(sent), second, undefined, 5),
      ]);
    }
    const edited = [...expiring, ...late].map((r) => `#shop/${r.id}`);
    expect([...sent.edits.keys()].sort()).toEqual(edited.sort());
    expect([...sent.edits.values()].filter((times) => times !== 1)).toEqual([]);
    expect(staying.every((r) => !sent.edits.has(`#shop/${r.id}`))).toBe(true);
  });
});
