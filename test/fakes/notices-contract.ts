import { describe, expect, it } from 'vitest';
import type { LeaseClaim, User } from '../../core/ports/index.js';
import { cny, fund, unwrap } from '../support/wallet-fixtures.js';
import type { Harness } from './contract-harness.js';

const LEASE = 30_000;

/** Claims on the outbox: one owner at a time per notice and platform, until its lease expires by the clock it is given. */
export function noticesContract(h: Harness): void {
  /** A console user with `count` deposit notices of their own, so scenarios never see each other's. */
  async function withNotices(count: number): Promise<User> {
    const user = await h.someone();
    for (let i = 1; i <= count; i++) await fund(h.t, user, cny(i));
    return user;
  }
  const at = (owner: string, ms = 0): LeaseClaim => ({ owner, now: new Date(h.clock.now().getTime() + ms), leaseMs: LEASE });
  const claimed = async (user: User, claim: LeaseClaim, limit = 1000) =>
    (await h.t.store.notifications.claimPending('console', limit, claim)).filter((n) => n.userId === user.id).map((n) => n.id);
  const finish = async (ids: string[]) => {
    for (const id of ids) await h.t.store.notifications.markDelivered(id, 'console');
  };

  describe('outbox claims', () => {
    it('hands a notice to one owner until its lease expires by the time passed in, then to another', async () => {
      const user = await withNotices(2);
      const mine = await claimed(user, at('a'));
      expect(mine).toHaveLength(2);
      expect(await claimed(user, at('b'))).toEqual([]);
      expect(await claimed(user, at('b', LEASE - 1))).toEqual([]);
      expect(await claimed(user, at('b', LEASE))).toEqual(mine);
      expect(await claimed(user, at('c', LEASE + 1))).toEqual([]);
      await finish(mine);
    });

    it('claims oldest first, at most the limit', async () => {
      // earlier scenarios leave notices nobody sent; sent now, only this one's remain
      await finish((await h.t.store.notifications.claimPending('console', 10_000, at('drain'))).map((n) => n.id));
      const user = await withNotices(3);
      const all = (await h.t.store.notifications.listForUser(user.id, 10)).map((n) => n.id).reverse();
      expect(await claimed(user, at('a'), 2)).toEqual(all.slice(0, 2));
      expect(await claimed(user, at('b'), 2)).toEqual(all.slice(2));
      await finish(all);
    });

    it('finishes a delivered or failed notice for good, whoever asks and however late', async () => {
      const user = await withNotices(2);
      const [delivered, failed] = await claimed(user, at('a'));
      await h.t.store.notifications.markDelivered(delivered!, 'console');
      await h.t.store.notifications.markFailed(failed!, 'console', 'blocked');
      expect(await claimed(user, at('b'))).toEqual([]);
      expect(await claimed(user, at('b', 10 * LEASE))).toEqual([]);
    });

    it('gives a notice back at once when its owner releases it, and only its owner can', async () => {
      const user = await withNotices(1);
      const [id] = await claimed(user, at('a'));
      await h.t.store.notifications.release(id!, 'console', 'b');
      expect(await claimed(user, at('b'))).toEqual([]);
      await h.t.store.notifications.release(id!, 'console', 'a');
      expect(await claimed(user, at('b'))).toEqual([id]);
      await finish([id!]);
    });

    it('never hands a notice to the platform whose chat already told its person, and does to the others', async () => {
      const payer = await withNotices(3);
      const payee = await h.someone();
      await finish(await claimed(payer, at('drain')));
      unwrap(await h.send(payer, payee, 1, { origin: 'console' }));
      unwrap(await h.send(payer, payee, 2, { origin: 'telegram' }));
      await h.t.store.lifecycle.freeze(payer.id, 'console');
      const pending = await h.t.store.notifications.claimPending('console', 1000, at('a'));
      const of = (user: User) =>
        pending.filter((n) => n.userId === user.id).map((n) => [n.notice.kind, 'amount' in n.notice ? n.notice.amount.minor : undefined]);
      // the payer confirmed the first send and froze on the console: only the send from Telegram is news there
      expect(of(payer)).toEqual([['send.sent', 200n]]);
      // the payee did nothing: both payments are news on every platform
      expect(of(payee)).toEqual([['send.received', 100n], ['send.received', 200n]]);
      // the notices not sent are kept, for the payer's other platforms
      expect((await h.t.store.notifications.listForUser(payer.id, 3)).map((n) => n.notice.kind)).toEqual(['security.frozen', 'send.sent', 'send.sent']);
      await finish(pending.map((n) => n.id));
    });

    it('gives back everything an owner holds, on one platform or all', async () => {
      const user = await withNotices(2);
      const mine = await claimed(user, at('a'));
      await h.t.store.notifications.releaseLeases('other');
      expect(await claimed(user, at('b'))).toEqual([]);
      await h.t.store.notifications.releaseLeases('a', 'telegram');
      expect(await claimed(user, at('b'))).toEqual([]);
      await h.t.store.notifications.releaseLeases('a');
      expect(await claimed(user, at('b'))).toEqual(mine);
      await finish(mine);
    });
  });
}
