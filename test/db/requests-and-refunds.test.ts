import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAction } from '../../core/actions/button-action.js';
import { noticeActions } from '../../core/notices/index.js';
import { money } from '../../core/money/index.js';
import { manualClock, openTestWallet, type TestWallet } from '../support/test-database.js';
import { actor, confirmNow, enrolledPerson, expectError, type Person } from '../support/confirmation-fixtures.js';
import { balanceOf, cny, expectCleanLedger, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';

const clock = manualClock();
let t: TestWallet;
let shop: Person;
let payer: Person;
let other: Person;

beforeAll(async () => {
  t = await openTestWallet({ clock });
  shop = await enrolledPerson(t, clock, 'shop');
  payer = await enrolledPerson(t, clock, 'payer');
  other = await enrolledPerson(t, clock, 'other');
  await fund(t, payer.user, cny(500));
  await fund(t, other.user, cny(500));
});
afterAll(async () => {
  await expectCleanLedger(t.wallet);
  await t.close();
});

async function newRequest(major: number, extra: { payerId?: string; ttlMs?: number; memo?: string } = {}) {
  return unwrap(await t.wallet.createRequest({ key: freshKey('req'), merchant: await actor(t, shop), amount: cny(major), ...extra }));
}

async function pay(person: Person, requestId: string) {
  const prepared = await t.wallet.preparePayRequest({ key: freshKey(), actor: await actor(t, person), requestId });
  if (!prepared.ok) return prepared;
  return confirmNow(t, clock, person);
}

describe('payment requests', () => {
  it('is created once per key, listed while open, and paid exactly once', async () => {
    const key = freshKey('req');
    const input = { key, merchant: await actor(t, shop), amount: cny(30), memo: 'coffee' };
    const request = unwrap(await t.wallet.createRequest(input));
    expect(unwrap(await t.wallet.createRequest(input)).id).toBe(request.id);
    expectError(await t.wallet.createRequest({ ...input, amount: cny(31) }), 'idempotency.conflict');
    expect(request).toMatchObject({ status: 'open', amount: cny(30), memo: 'coffee', merchantId: shop.user.id });
    expect(request.expiresAt.getTime() - clock.now().getTime()).toBe(24 * 3_600_000);
    expect((await t.wallet.listOpenRequests(shop.user.id)).map((r) => r.id)).toContain(request.id);

    const paid = unwrap(await pay(payer, request.id));
    expect(paid.effect).toMatchObject({ kind: 'transfer', receipt: { kind: 'payment', amount: cny(30), toUserId: shop.user.id } });
    expect(unwrap(await t.wallet.getRequest(request.id))).toMatchObject({ status: 'paid' });
    expectError(await pay(other, request.id), 'request.already_paid');
    expect(await balanceOf(t.wallet, other.user, 'CNY')).toBe(50000n);
    expect((await t.wallet.listOpenRequests(shop.user.id)).map((r) => r.id)).not.toContain(request.id);
    expect((await t.wallet.notificationsOf(shop.user.id, 1))[0]?.notice).toMatchObject({
      kind: 'payment.received',
      requestId: request.id,
      amount: { minor: 3000n },
    });
  });

  it('can be addressed to one payer only', async () => {
    const request = await newRequest(5, { payerId: payer.user.id });
    expectError(await pay(other, request.id), 'request.not_for_you');
    unwrap(await pay(payer, request.id));
  });

  it('cannot be paid once cancelled or expired, and only its merchant cancels it', async () => {
    const cancelled = await newRequest(5);
    expectError(await t.wallet.cancelRequest(await actor(t, payer), cancelled.id), 'request.not_yours');
    expect(unwrap(await t.wallet.cancelRequest(await actor(t, shop), cancelled.id)).status).toBe('cancelled');
    expectError(await pay(payer, cancelled.id), 'request.cancelled');

    const expiring = await newRequest(5, { ttlMs: 60_000 });
    const prepared = unwrap(await t.wallet.preparePayRequest({ key: freshKey(), actor: await actor(t, payer), requestId: expiring.id }));
    expect(prepared.kind).toBe('pay_request');
    clock.advance(61_000);
    expect(unwrap(await t.wallet.getRequest(expiring.id)).status).toBe('expired');
    expectError(await confirmNow(t, clock, payer), 'request.expired');
    expect(await balanceOf(t.wallet, payer.user, 'CNY')).toBe(500_00n - 30_00n - 5_00n);
  });

  it('refuses a merchant paying their own request and bad expiries', async () => {
    const own = await newRequest(1);
    expectError(await t.wallet.preparePayRequest({ key: freshKey(), actor: await actor(t, shop), requestId: own.id }), 'request.own');
    expectError(await t.wallet.createRequest({ key: freshKey(), merchant: await actor(t, shop), amount: cny(1), ttlMs: 31 * 86_400_000 }), 'request.invalid_expiry');
    expectError(await t.wallet.getRequest('nope'), 'request.not_found');
  });
});

describe('refunds', () => {
  it('the payee refunds in parts up to what was paid, each linked to the original', async () => {
    const request = await newRequest(40);
    const paid = unwrap(await pay(payer, request.id));
    const transferId = paid.effect.kind === 'transfer' ? paid.effect.receipt.transferId : '';
    const before = await balanceOf(t.wallet, payer.user, 'CNY');

    expectError(await t.wallet.prepareRefund({ key: freshKey(), actor: await actor(t, payer), transferId }), 'refund.not_refundable');
    unwrap(await t.wallet.prepareRefund({ key: freshKey(), actor: await actor(t, shop), transferId, amount: cny(15) }));
    const first = unwrap(await confirmNow(t, clock, shop));
    expect(first.effect).toMatchObject({ kind: 'transfer', receipt: { kind: 'refund', amount: cny(15), toUserId: payer.user.id } });
    expectError(await t.wallet.prepareRefund({ key: freshKey(), actor: await actor(t, shop), transferId, amount: cny(26) }), 'refund.exceeds_remaining');
    unwrap(await t.wallet.prepareRefund({ key: freshKey(), actor: await actor(t, shop), transferId }));
    const rest = unwrap(await confirmNow(t, clock, shop));
    expect(rest.effect).toMatchObject({ receipt: { amount: cny(25) } });
    expect(await balanceOf(t.wallet, payer.user, 'CNY')).toBe(before + 4000n);
    expect(await t.wallet.getTransfer(shop.user.id, transferId)).toMatchObject({ refunded: 4000n });
    expectError(await t.wallet.prepareRefund({ key: freshKey(), actor: await actor(t, shop), transferId }), 'refund.exceeds_remaining');
    expect((await t.wallet.notificationsOf(payer.user.id, 1))[0]?.notice).toMatchObject({ kind: 'refund.received', refundRemaining: { minor: 0n } });
  });

  it('the payer asks; the payee gets Refund / Decline, and declining tells the payer', async () => {
    const request = await newRequest(8);
    const paid = unwrap(await pay(payer, request.id));
    const transferId = paid.effect.kind === 'transfer' ? paid.effect.receipt.transferId : '';
    expectError(await t.wallet.askRefund({ actor: await actor(t, shop), transferId }), 'refund.not_payer');
    const ask = unwrap(await t.wallet.askRefund({ actor: await actor(t, payer), transferId, reason: 'cold coffee' }));
    expect(unwrap(await t.wallet.askRefund({ actor: await actor(t, payer), transferId })).id).toBe(ask.id);
    const [asked] = await t.wallet.notificationsOf(shop.user.id, 1);
    expect(asked?.notice).toMatchObject({ kind: 'refund.asked', transferId, reason: 'cold coffee' });
    expect(noticeActions(asked!.notice).map(encodeAction)).toEqual([`refund:${ask.id}`, `decline:${ask.id}`]);
    expectError(await t.wallet.declineRefund({ actor: await actor(t, payer), askId: ask.id }), 'refund.ask_not_found');
    expect(unwrap(await t.wallet.declineRefund({ actor: await actor(t, shop), askId: ask.id })).status).toBe('declined');
    expect((await t.wallet.notificationsOf(payer.user.id, 1))[0]?.notice).toMatchObject({ kind: 'refund.declined', transferId });
  });

  it('a refund settles an open ask', async () => {
    const request = await newRequest(3);
    const paid = unwrap(await pay(payer, request.id));
    const transferId = paid.effect.kind === 'transfer' ? paid.effect.receipt.transferId : '';
    const ask = unwrap(await t.wallet.askRefund({ actor: await actor(t, payer), transferId }));
    unwrap(await t.wallet.prepareRefund({ key: freshKey(), actor: await actor(t, shop), transferId }));
    unwrap(await confirmNow(t, clock, shop));
    expect(await t.store.requests.getRefundAsk(ask.id)).toMatchObject({ status: 'refunded' });
  });

  it('refuses refunds of deposits and of unknown transfers', async () => {
    expectError(await t.wallet.prepareRefund({ key: freshKey(), actor: await actor(t, shop), transferId: '999999' }), 'refund.not_found');
    expectError(
      await t.wallet.prepareRefund({ key: freshKey(), actor: await actor(t, shop), transferId: '1', amount: money('USD', 1n) }),
      'refund.not_refundable',
    );
  });
});
