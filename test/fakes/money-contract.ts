import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, tierLimits } from '../../core/limits/limits.js';
import type { User } from '../../core/ports/index.js';
import { cny, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';
import { answer, type Harness } from './contract-harness.js';

const LIMITS = tierLimits(DEFAULT_LIMITS, 'CNY');
const HOUR = 3_600_000;

/** Movements as the ledger must apply them: funds, parties, limits, replays, requests and refunds. */
export function moneyContract(h: Harness): void {
  const { someone, balance, post, send } = h;

  describe('money movements', () => {
    it('moves money and reports the payer balance after', async () => {
      const [alice, bob] = [await someone(), await someone()];
      await fund(h.t, alice, cny(100));
      const posted = unwrap(await send(alice, bob, 30));
      expect(posted.debitedBalanceAfter).toBe(7000n);
      expect([await balance(alice), await balance(bob)]).toEqual([7000n, 3000n]);
    });

    it('refuses what the payer does not hold, with or without an account in the currency', async () => {
      const [alice, bob] = [await someone(), await someone()];
      expect(answer(await send(alice, bob, 1))).toEqual({ code: 'transfer.insufficient_funds', params: { available: '0', currency: 'CNY' } });
      await fund(h.t, alice, cny(5));
      expect(answer(await send(alice, bob, 6))).toEqual({ code: 'transfer.insufficient_funds', params: { available: '500', currency: 'CNY' } });
      expect(await h.t.wallet.balances(alice.id)).toEqual([cny(5)]);
      expect(await h.t.wallet.balances(bob.id)).toEqual([cny(0)]);
    });

    it('refuses unknown, frozen and closed parties, and lets a frozen wallet receive', async () => {
      const [alice, bob, carol] = [await someone(), await someone(), await someone()];
      await fund(h.t, alice, cny(10));
      expect(answer(await send(alice, { ...bob, id: '999999' }, 1))).toEqual({ code: 'user.not_found', params: { party: 'recipient' } });
      await h.t.forceStatus(bob.id, 'frozen');
      expect(answer(await send(alice, bob, 1))).toBe('ok');
      expect(answer(await send(bob, alice, 1))).toEqual({ code: 'account.frozen', params: { party: 'sender' } });
      await h.t.forceStatus(carol.id, 'closed');
      expect(answer(await send(alice, carol, 1))).toEqual({ code: 'account.closed', params: { party: 'recipient' } });
      expect(await balance(alice)).toBe(900n);
    });

    it('holds the per-payment and the rolling daily limit at the wallet clock', async () => {
      const [alice, bob] = [await someone(), await someone()];
      await fund(h.t, alice, cny(3000));
      expect(answer(await send(alice, bob, 501, { limits: LIMITS }))).toEqual({
        code: 'limit.per_transaction',
        params: { limit: '50000', currency: 'CNY', tier: 0 },
      });
      for (let i = 0; i < 3; i += 1) unwrap(await send(alice, bob, 500, { limits: LIMITS }));
      h.clock.advance(20 * HOUR);
      unwrap(await send(alice, bob, 400, { limits: LIMITS }));
      expect(answer(await send(alice, bob, 101, { limits: LIMITS }))).toEqual({
        code: 'limit.daily',
        params: { limit: '200000', remaining: '10000', currency: 'CNY', tier: 0 },
      });
      h.clock.advance(4 * HOUR + 1000);
      unwrap(await send(alice, bob, 500, { limits: LIMITS }));
      expect(await balance(alice)).toBe(60_000n);
    });

    it('answers a replayed key with its first outcome and refuses the key with other input', async () => {
      const [alice, bob] = [await someone(), await someone()];
      const key = freshKey();
      expect(answer(await send(alice, bob, 5, { key }))).toMatchObject({ code: 'transfer.insufficient_funds' });
      await fund(h.t, alice, cny(10));
      expect(answer(await send(alice, bob, 5, { key }))).toMatchObject({ code: 'transfer.insufficient_funds' });
      const paid = freshKey();
      const first = unwrap(await send(alice, bob, 5, { key: paid }));
      h.clock.advance(1000);
      expect(unwrap(await send(alice, bob, 5, { key: paid }))).toEqual(first);
      expect(answer(await send(alice, bob, 6, { key: paid }))).toEqual({ code: 'idempotency.conflict', params: {} });
      expect([await balance(alice), await balance(bob)]).toEqual([500n, 500n]);
    });
  });

  describe('payment requests and refunds', () => {
    it('pays a request once, and refuses it paid, cancelled, expired, changed or for someone else', async () => {
      const [shop, alice, carol] = [await someone(), await someone(), await someone()];
      await fund(h.t, alice, cny(100));
      await fund(h.t, carol, cny(100));
      const create = async (payerId?: string) =>
        unwrap(await h.t.wallet.createRequest({ key: freshKey(), merchant: { user: shop, identity: { platform: 'console', platformUserId: shop.id } }, amount: cny(10), payerId, ttlMs: HOUR }));
      const pay = (payer: User, requestId: string, major = 10, now?: Date) =>
        post({ key: freshKey(), kind: 'payment', from: { user: payer.id }, to: { user: shop.id }, amount: cny(major), requestId, ...(now ? { now } : {}) });
      const request = await create();
      const refusal = (code: string) => ({ code, params: { requestId: request.id } });
      expect(answer(await pay(alice, request.id, 11))).toEqual(refusal('request.changed'));
      expect(answer(await pay(alice, request.id))).toBe('ok');
      expect(answer(await pay(carol, request.id))).toEqual(refusal('request.already_paid'));
      expect((await h.t.store.requests.get(request.id, h.clock.now()))?.status).toBe('paid');

      const mine = await create(alice.id);
      expect(answer(await pay(carol, mine.id))).toEqual({ code: 'request.not_for_you', params: { requestId: mine.id } });
      expect(answer(await pay(alice, mine.id, 10, new Date(h.clock.now().getTime() + 2 * HOUR)))).toEqual({ code: 'request.expired', params: { requestId: mine.id } });
      await h.t.store.requests.cancel(mine.id, shop.id, h.clock.now());
      expect(answer(await pay(alice, mine.id))).toEqual({ code: 'request.cancelled', params: { requestId: mine.id } });
      expect(answer(await pay(alice, '999999'))).toEqual({ code: 'request.not_found', params: { requestId: '999999' } });
      expect([await balance(alice), await balance(carol), await balance(shop)]).toEqual([9000n, 10000n, 1000n]);
    });

    it('refunds no more than was paid, only back to the payer, and settles the open ask', async () => {
      const [alice, bob, carol] = [await someone(), await someone(), await someone()];
      await fund(h.t, alice, cny(50));
      const paid = unwrap(await send(alice, bob, 50));
      const ask = await h.t.store.requests.askRefund(paid.transferId, alice.id, bob.id, 'wrong person');
      const refund = (from: User, to: User, major: number) =>
        post({ key: freshKey(), kind: 'refund', from: { user: from.id }, to: { user: to.id }, amount: cny(major), relatedTransferId: paid.transferId });
      expect(answer(await refund(bob, alice, 30))).toBe('ok');
      expect((await h.t.store.requests.getRefundAsk(ask.id))?.status).toBe('refunded');
      await fund(h.t, bob, cny(10));
      expect(answer(await refund(bob, alice, 21))).toEqual({ code: 'refund.exceeds_remaining', params: { remaining: '2000', currency: 'CNY' } });
      await fund(h.t, carol, cny(10));
      expect(answer(await refund(carol, alice, 1))).toEqual({ code: 'refund.not_refundable', params: {} });
      expect(answer(await refund(bob, alice, 20))).toBe('ok');
      expect((await h.t.store.ledger.getTransfer(paid.transferId))?.refunded).toBe(5000n);
      expect([await balance(alice), await balance(bob)]).toEqual([5000n, 1000n]);
    });
  });
}
