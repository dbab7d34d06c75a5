import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestCard } from '../../bot/replies/request-card.js';
import { actor, confirmNow, enrolledPerson, type Person } from '../support/confirmation-fixtures.js';
import { manualClock } from '../support/manual-clock.js';
import { apiServer, headersOf, issuedKey, merchantWithKey, type Merchant } from '../support/merchant-api-fixtures.js';
import { openTestWallet, type TestWallet } from '../support/test-database.js';
import { balanceOf, cny, expectCleanLedger, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';

describe('the sandbox behind test keys', () => {
  const clock = manualClock();
  let t: TestWallet;
  let app: FastifyInstance;
  let shop: Merchant;
  let sandbox: { apiKey: string };
  let payer: Person;

  beforeAll(async () => {
    t = await openTestWallet({ clock });
    app = apiServer(t);
    shop = await merchantWithKey(t, clock, 'shop');
    sandbox = { apiKey: await issuedKey(t, clock, shop, 'test') };
    payer = await enrolledPerson(t, clock, 'payer');
    await fund(t, payer.user, cny(100));
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const create = (who: { apiKey: string }, body: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/v1/payment_requests', headers: headersOf(who, freshKey('idem')), payload: body });

  /** The payer pays through the chat layer's use cases, confirming with their own code. */
  async function pay(publicId: string) {
    const request = (await t.wallet.getRequestByPublicId(publicId))!;
    const challenge = unwrap(await t.wallet.preparePayRequest({ key: freshKey('pay'), actor: await actor(t, payer), requestId: request.id }));
    return { challenge, confirmed: unwrap(await confirmNow(t, clock, payer)) };
  }

  it('issues an okp_test_ key, listed and revocable with the live ones', async () => {
    expect(sandbox.apiKey).toMatch(/^okp_test_[A-Za-z0-9]{32}$/);
    const keys = unwrap(await t.wallet.listApiKeys(shop.user));
    expect(keys.map((key) => key.mode).sort()).toEqual(['live', 'test']);
  });

  it('creates, pays and refunds a test request, moving only test money', async () => {
    const created = await create(sandbox, { amount: '300.00', currency: 'CNY', description: 'test order' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ livemode: false, status: 'open', amount: '300.00' });
    const id = created.json().id as string;

    // 300 CNY is more than the payer's real 100: their test balance (1,000, minted on first use) pays it
    const { challenge, confirmed } = await pay(id);
    expect(challenge.kind === 'pay_request' && challenge.payload.fromUserId).toBeTruthy();
    expect(confirmed.effect.kind).toBe('transfer');

    const paid = await app.inject({ url: `/v1/payment_requests/${id}`, headers: headersOf(sandbox) });
    expect(paid.json()).toMatchObject({ status: 'paid', livemode: false, paid: { by: { handle: 'payer', platform: 'console' } } });
    const balance = await app.inject({ url: '/v1/balance', headers: headersOf(sandbox) });
    expect(balance.json()).toEqual({ livemode: false, balances: [{ currency: 'CNY', amount: '300.00' }] });

    const refund = await app.inject({ method: 'POST', url: `/v1/payment_requests/${id}/refunds`, headers: headersOf(sandbox, freshKey('idem')), payload: { amount: '100.00', currency: 'CNY' } });
    expect(refund.statusCode).toBe(201);
    expect(refund.json()).toMatchObject({ livemode: false, amount: '100.00', remaining: '200.00' });
    const after = await app.inject({ url: '/v1/balance', headers: headersOf(sandbox) });
    expect(after.json().balances).toEqual([{ currency: 'CNY', amount: '200.00' }]);

    // the real wallets never saw any of it
    expect(await balanceOf(t.wallet, payer.user, 'CNY')).toBe(10_000n);
    expect(await balanceOf(t.wallet, shop.user, 'CNY')).toBe(0n);
    // the statement is this history; the daily limit counts the real account's outflow, still none
    const history = unwrap(await t.wallet.history({ userId: payer.user.id, limit: 10 }));
    expect(history.items.map((item) => item.kind)).toEqual(['deposit']);
    const [real] = (await t.database.query(
      sql`select outflow_total, okpay_rolling_outflow(id, 0, ${clock.now().toISOString()}::timestamptz) as rolling from accounts where user_id = ${BigInt(payer.user.id)}`,
    )) as { outflow_total: unknown; rolling: unknown }[];
    expect([String(real!.outflow_total), String(real!.rolling)]).toEqual(['0', '0']);
    const live = await app.inject({ url: '/v1/transactions', headers: headersOf(shop) });
    expect(live.json()).toEqual({ livemode: true, items: [], next_cursor: null });
    const test = await app.inject({ url: '/v1/transactions', headers: headersOf(sandbox) });
    expect(test.json().items.map((item: { kind: string }) => item.kind)).toEqual(['refund', 'payment']);
    await expectCleanLedger(t.wallet);
  });

  it('keeps live and test objects apart: each key gets 404 for the other’s', async () => {
    const testId = (await create(sandbox, { amount: '5.00', currency: 'CNY' })).json().id as string;
    const liveId = (await create(shop, { amount: '5.00', currency: 'CNY' })).json().id as string;
    for (const [who, id] of [[shop, testId], [sandbox, liveId]] as const) {
      const get = await app.inject({ url: `/v1/payment_requests/${id}`, headers: headersOf(who) });
      expect(get.statusCode).toBe(404);
      const cancel = await app.inject({ method: 'POST', url: `/v1/payment_requests/${id}/cancel`, headers: headersOf(who, freshKey('idem')) });
      expect(cancel.statusCode).toBe(404);
    }
    const testList = (await app.inject({ url: '/v1/payment_requests', headers: headersOf(sandbox) })).json();
    expect(testList.items.every((item: { livemode: boolean }) => !item.livemode)).toBe(true);
    const liveList = (await app.inject({ url: '/v1/payment_requests', headers: headersOf(shop) })).json();
    expect(liveList.items.map((item: { id: string }) => item.id)).toEqual([liveId]);
  });

  it('refuses a live refund of a test payment and a test refund of a live one', async () => {
    const liveId = (await create(shop, { amount: '5.00', currency: 'CNY' })).json().id as string;
    await pay(liveId);
    expect(await balanceOf(t.wallet, payer.user, 'CNY')).toBe(9_500n);
    const crossed = await app.inject({ method: 'POST', url: `/v1/payment_requests/${liveId}/refunds`, headers: headersOf(sandbox, freshKey('idem')) });
    expect(crossed.statusCode).toBe(404);
    const testId = (await create(sandbox, { amount: '5.00', currency: 'CNY' })).json().id as string;
    await pay(testId);
    const back = await app.inject({ method: 'POST', url: `/v1/payment_requests/${testId}/refunds`, headers: headersOf(shop, freshKey('idem')) });
    expect(back.statusCode).toBe(404);
    expect(await balanceOf(t.wallet, payer.user, 'CNY')).toBe(9_500n);
    await expectCleanLedger(t.wallet);
  });

  it('shows an open test request card marked TEST, whose Pay button opens the same payment', async () => {
    const id = (await create(sandbox, { amount: '7.00', currency: 'CNY' })).json().id as string;
    const request = (await t.wallet.getRequestByPublicId(id))!;
    const card = await requestCard({ wallet: t.wallet, actor: { identity: { platform: 'console', platformUserId: 'payer' } } }, request);
    expect(card.lines[0]).toEqual({ key: 'sandbox.test' });
    expect(card.lines[1]).toMatchObject({ key: 'request.card', params: { merchant: 'shop', shop: { params: { name: 'shop shop' } } } });
    const pay = card.buttons![0]!.action;
    expect(pay).toEqual({ kind: 'pay_request', requestId: request.id });
    const challenge = unwrap(await t.wallet.preparePayRequest({ key: freshKey('pay'), actor: await actor(t, payer), requestId: pay.kind === 'pay_request' ? pay.requestId : '' }));
    expect(challenge.kind === 'pay_request' && challenge.payload.fromUserId).toBeTruthy();
  });

  it('lets only the named payer pay a test request for them, from their own twin', async () => {
    const created = await create(sandbox, { amount: '4.00', currency: 'CNY', payer: { handle: 'payer', platform: 'console' } });
    expect(created.json()).toMatchObject({ livemode: false, payer: { handle: 'payer', platform: 'console' } });
    const request = (await t.wallet.getRequestByPublicId(created.json().id))!;
    const stranger = await enrolledPerson(t, clock, 'stranger');
    const refused = await t.wallet.preparePayRequest({ key: freshKey('pay'), actor: await actor(t, stranger), requestId: request.id });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('request.not_for_you');
    const { confirmed } = await pay(created.json().id);
    expect(confirmed.effect.kind).toBe('transfer');
  });

  it('renames the sandbox with the merchant', async () => {
    unwrap(await t.wallet.becomeMerchant({ actor: await actor(t, shop), name: 'Renamed Beans' }));
    const twin = unwrap(await t.wallet.authenticateApiKey(sandbox.apiKey)).user;
    expect((await t.wallet.getMerchant(twin.id))?.displayName).toBe('Renamed Beans');
  });

  it('does not let the merchant pay their own test request', async () => {
    const id = (await create(sandbox, { amount: '5.00', currency: 'CNY' })).json().id as string;
    const request = (await t.wallet.getRequestByPublicId(id))!;
    const own = await t.wallet.preparePayRequest({ key: freshKey('pay'), actor: await actor(t, shop), requestId: request.id });
    expect(own.ok ? 'ok' : own.error.code).toBe('request.own');
  });

  // last: it freezes the shop
  it('refuses a frozen merchant’s test key as its live one', async () => {
    unwrap(await t.wallet.freeze(await actor(t, shop)));
    for (const who of [shop, sandbox]) {
      const refused = await create(who, { amount: '1.00', currency: 'CNY' });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.code).toBe('account.frozen');
    }
  });
});
