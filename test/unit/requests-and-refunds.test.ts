import { beforeAll, describe, expect, it } from 'vitest';
import { noticeActions } from '../../core/notices/index.js';
import { openMemoryWallet, type WalletUnderTest } from '../fakes/memory-wallet.js';
import { actor, challengeOf, confirmNow, enrolledPerson, expectError, type Person } from '../support/confirmation-fixtures.js';
import { manualClock } from '../support/manual-clock.js';
import { balanceOf, cny, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';

const clock = manualClock();
let t: WalletUnderTest;
let shop: Person;
let alice: Person;
let carol: Person;

beforeAll(async () => {
  t = openMemoryWallet({ clock });
  [shop, alice, carol] = [await enrolledPerson(t, clock, 'shop'), await enrolledPerson(t, clock, 'alice'), await enrolledPerson(t, clock, 'carol')];
  await fund(t, alice.user, cny(500));
  await fund(t, carol.user, cny(500));
});

const request = async (major: number, extra: { payerId?: string; ttlMs?: number; key?: string } = {}) =>
  t.wallet.createRequest({ key: extra.key ?? freshKey('request'), merchant: await actor(t, shop), amount: cny(major), ...extra });
const preparePay = async (payer: Person, requestId: string) =>
  t.wallet.preparePayRequest({ key: freshKey(), actor: await actor(t, payer), requestId });
const balance = (person: Person) => balanceOf(t.wallet, person.user, 'CNY');

describe('payment requests', () => {
  it('creates once per key and refuses the key with another amount', async () => {
    const key = freshKey('request');
    const first = unwrap(await request(30, { key }));
    expect(unwrap(await request(30, { key })).id).toBe(first.id);
    expectError(await request(31, { key }), 'idempotency.conflict');
    expectError(await request(1, { ttlMs: 31 * 24 * 3_600_000 }), 'request.invalid_expiry');
    expectError(await request(1, { payerId: shop.user.id }), 'request.own');
  });

  it('is paid once through a confirmed challenge; a second payer is refused before any code', async () => {
    const paid = unwrap(await request(30));
    challengeOf(await preparePay(alice, paid.id));
    const confirmed = unwrap(await confirmNow(t, clock, alice));
    expect(confirmed.effect).toMatchObject({ kind: 'transfer', receipt: { kind: 'payment', toUserId: shop.user.id, amount: cny(30) } });
    expect(unwrap(await t.wallet.getRequest(paid.id))).toMatchObject({ status: 'paid', paidTransferId: expect.any(String) });
    expectError(await preparePay(carol, paid.id), 'request.already_paid');
    expectError(await t.wallet.cancelRequest(await actor(t, shop), paid.id), 'request.already_paid');
  });

  it('lets the ledger refuse the second of two payments prepared for one request', async () => {
    const contested = unwrap(await request(20));
    challengeOf(await preparePay(alice, contested.id));
    challengeOf(await preparePay(carol, contested.id));
    unwrap(await confirmNow(t, clock, alice));
    const before = await balance(carol);
    expectError(await confirmNow(t, clock, carol), 'request.already_paid');
    expect(await balance(carol)).toBe(before);
  });

  it('expires by the wallet clock, between prepare and confirm too', async () => {
    const brief = unwrap(await request(5, { ttlMs: 60_000 }));
    challengeOf(await preparePay(alice, brief.id));
    clock.advance(60_000);
    expectError(await confirmNow(t, clock, alice), 'request.expired');
    expectError(await preparePay(alice, brief.id), 'request.expired');
    expect(unwrap(await t.wallet.getRequest(brief.id)).status).toBe('expired');
  });

  it('is for its named payer only, and cancelled only by its merchant', async () => {
    const named = unwrap(await request(5, { payerId: alice.user.id }));
    expectError(await preparePay(carol, named.id), 'request.not_for_you');
    expectError(await preparePay(shop, named.id), 'request.own');
    expectError(await t.wallet.cancelRequest(await actor(t, carol), named.id), 'request.not_yours');
    expect((await t.wallet.listOpenRequests(shop.user.id)).map((r) => r.id)).toContain(named.id);
    expect(unwrap(await t.wallet.cancelRequest(await actor(t, shop), named.id)).status).toBe('cancelled');
    expect(unwrap(await t.wallet.cancelRequest(await actor(t, shop), named.id)).status).toBe('cancelled');
    expectError(await preparePay(alice, named.id), 'request.cancelled');
    expectError(await t.wallet.getRequest('nope'), 'request.not_found');
  });
});

describe('refunds', () => {
  async function payShop(major: number) {
    const paid = unwrap(await request(major));
    challengeOf(await preparePay(alice, paid.id));
    unwrap(await confirmNow(t, clock, alice));
    return unwrap(await t.wallet.getRequest(paid.id)).paidTransferId!;
  }
  const prepareRefund = async (transferId: string, major?: number) =>
    t.wallet.prepareRefund({ key: freshKey(), actor: await actor(t, shop), transferId, ...(major ? { amount: cny(major) } : {}) });

  it('returns part, then by default the rest, and never more than was paid', async () => {
    const transferId = await payShop(40);
    const before = await balance(alice);
    challengeOf(await prepareRefund(transferId, 15));
    unwrap(await confirmNow(t, clock, shop));
    expectError(await prepareRefund(transferId, 26), 'refund.exceeds_remaining');
    challengeOf(await prepareRefund(transferId));
    const rest = unwrap(await confirmNow(t, clock, shop));
    expect(rest.effect).toMatchObject({ kind: 'transfer', receipt: { kind: 'refund', amount: cny(25), toUserId: alice.user.id } });
    expect(await balance(alice)).toBe(before + 4000n);
    expectError(await prepareRefund(transferId), 'refund.exceeds_remaining');
  });

  it('is the payee’s to give, for a transfer that exists, and counts what was refunded', async () => {
    const transferId = await payShop(10);
    expectError(await t.wallet.prepareRefund({ key: freshKey(), actor: await actor(t, alice), transferId }), 'refund.not_refundable');
    expectError(await prepareRefund('999999'), 'refund.not_found');
    challengeOf(await prepareRefund(transferId, 10));
    const first = unwrap(await confirmNow(t, clock, shop));
    expect(first.effect.kind).toBe('transfer');
    const record = await t.wallet.getTransfer(shop.user.id, transferId);
    expect(record?.refunded).toBe(1000n);
  });

  it('asks the payee with Refund / Decline, and tells the payer when declined', async () => {
    const transferId = await payShop(8);
    const ask = unwrap(await t.wallet.askRefund({ actor: await actor(t, alice), transferId, reason: 'wrong size' }));
    expect(unwrap(await t.wallet.askRefund({ actor: await actor(t, alice), transferId })).id).toBe(ask.id);
    expectError(await t.wallet.askRefund({ actor: await actor(t, carol), transferId }), 'refund.not_payer');
    const [asked] = await t.wallet.notificationsOf(shop.user.id, 1);
    expect(asked?.notice).toMatchObject({ kind: 'refund.asked', askId: ask.id, reason: 'wrong size' });
    expect(noticeActions(asked!.notice)).toEqual([{ kind: 'refund', askId: ask.id }, { kind: 'decline_refund', askId: ask.id }]);
    expectError(await t.wallet.declineRefund({ actor: await actor(t, carol), askId: ask.id }), 'refund.ask_not_found');
    expect(unwrap(await t.wallet.declineRefund({ actor: await actor(t, shop), askId: ask.id })).status).toBe('declined');
    const [declined] = await t.wallet.notificationsOf(alice.user.id, 1);
    expect(declined?.notice).toMatchObject({ kind: 'refund.declined', transferId });
  });
});
