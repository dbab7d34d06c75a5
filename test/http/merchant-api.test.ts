import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeAt } from '../../core/security/totp.js';
import { actor, confirmNow, enrolledPerson, type Person } from '../support/confirmation-fixtures.js';
import { manualClock } from '../support/manual-clock.js';
import { apiServer, headersOf, merchantWithKey, PUBLIC_URL, type Merchant } from '../support/merchant-api-fixtures.js';
import { openTestWallet, type TestWallet } from '../support/test-database.js';
import { cny, expectCleanLedger, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';

describe('merchant API /v1', () => {
  const clock = manualClock();
  let t: TestWallet;
  let app: FastifyInstance;
  let shop: Merchant;
  let other: Merchant;
  let payer: Person;

  beforeAll(async () => {
    t = await openTestWallet({ clock });
    app = apiServer(t);
    shop = await merchantWithKey(t, clock, 'shop');
    other = await merchantWithKey(t, clock, 'other');
    payer = await enrolledPerson(t, clock, 'payer');
    await fund(t, payer.user, cny(1000));
  });
  afterAll(async () => {
    await app.close();
    await expectCleanLedger(t.wallet);
    await t.close();
  });

  const create = (body: Record<string, unknown>, key = freshKey('idem'), who: Merchant = shop) =>
    app.inject({ method: 'POST', url: '/v1/payment_requests', headers: headersOf(who, key), payload: body });

  /** The payer pays the request through the chat layer's use cases, confirming with their code. */
  async function pay(publicId: string): Promise<void> {
    const request = (await t.wallet.getRequestByPublicId(publicId))!;
    unwrap(await t.wallet.preparePayRequest({ key: freshKey('pay'), actor: await actor(t, payer), requestId: request.id }));
    unwrap(await confirmNow(t, clock, payer));
  }

  it('creates a request with its id, links and exact amount', async () => {
    const answer = await create({ amount: '30.00', currency: 'CNY', description: 'coffee', expires_in: 600, metadata: { order: 'A-1' }, success_url: 'https://shop.example/thanks' });
    expect(answer.statusCode).toBe(201);
    const body = answer.json();
    expect(body).toMatchObject({
      object: 'payment_request',
      status: 'open',
      amount: '30.00',
      currency: 'CNY',
      description: 'coffee',
      metadata: { order: 'A-1' },
      success_url: 'https://shop.example/thanks',
      payer: null,
      paid: null,
      expires_at: new Date(clock.now().getTime() + 600_000).toISOString(),
    });
    expect(body.id).toMatch(/^pr_[0-9a-f]{32}$/);
    expect(body.pay_url).toBe(`${PUBLIC_URL}/pay/${body.id}`);
    expect(body.telegram_url).toBe(`https://t.me/okpay_test_bot?start=pay_${body.id}`);
    expect(body.discord_command).toBe(`/pay ${body.id}`);
  });

  it('refuses a missing, wrong or revoked key with 401 and a JSON error', async () => {
    const missing = await app.inject({ method: 'GET', url: '/v1/balance' });
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toEqual({ error: { code: 'api.unauthorized', message: expect.any(String) } });
    const wrong = await app.inject({ method: 'GET', url: '/v1/balance', headers: { authorization: `Bearer okp_live_${'x'.repeat(32)}` } });
    expect(wrong.statusCode).toBe(401);
    const revoked = await merchantWithKey(t, clock, 'revoked');
    expect((await app.inject({ method: 'GET', url: '/v1/balance', headers: headersOf(revoked) })).statusCode).toBe(200);
    unwrap(await t.wallet.revokeApiKey({ user: revoked.user, last4: revoked.apiKey.slice(-4) }));
    const after = await app.inject({ method: 'GET', url: '/v1/balance', headers: headersOf(revoked) });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('api.unauthorized');
  });

  it('names the field of a bad body in a 400: unknown field, float amount, bad currency, bounds', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ amount: '1.00', currency: 'CNY', colour: 'red' }, 'colour'],
      [{ amount: 1.5, currency: 'CNY' }, 'amount'],
      [{ amount: '1e3', currency: 'CNY' }, 'amount'],
      [{ amount: '1.00', currency: 'cny' }, 'currency'],
      [{ amount: '1.00', currency: 'CNY', expires_in: 10 }, 'expires_in'],
      [{ amount: '1.00', currency: 'CNY', metadata: { big: 'x'.repeat(5000) } }, 'metadata'],
      [{ amount: '1.00', currency: 'CNY', success_url: 'javascript:alert(1)' }, 'success_url'],
      [{ currency: 'CNY' }, 'amount'],
    ];
    for (const [body, field] of cases) {
      const answer = await create(body);
      expect(answer.statusCode, JSON.stringify(body)).toBe(400);
      expect(answer.json().error, JSON.stringify(body)).toMatchObject({ code: 'api.invalid_body', params: { field } });
    }
  });

  it('refuses amounts the wallet refuses, with their codes and statuses', async () => {
    const decimals = await create({ amount: '1.001', currency: 'CNY' });
    expect(decimals.statusCode).toBe(400);
    expect(decimals.json().error.code).toBe('money.too_many_decimals');
    const zero = await create({ amount: '0', currency: 'CNY' });
    expect(zero.json().error.code).toBe('money.not_positive');
    const nobody = await create({ amount: '1.00', currency: 'CNY', payer: { handle: 'nobody_here', platform: 'console' } });
    expect(nobody.statusCode).toBe(404);
    expect(nobody.json().error.code).toBe('user.not_found');
  });

  it('needs an Idempotency-Key on every POST', async () => {
    const answer = await app.inject({ method: 'POST', url: '/v1/payment_requests', headers: headersOf(shop), payload: { amount: '1.00', currency: 'CNY' } });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().error.code).toBe('idempotency.key_required');
  });

  it('gets, lists by status with a cursor, and cancels', async () => {
    const ids: string[] = [];
    for (let i = 1; i <= 3; i++) ids.push((await create({ amount: `${i}.00`, currency: 'CNY' }, freshKey(), other)).json().id);
    const got = await app.inject({ method: 'GET', url: `/v1/payment_requests/${ids[0]}`, headers: headersOf(other) });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ id: ids[0], amount: '1.00' });

    const first = await app.inject({ method: 'GET', url: '/v1/payment_requests?limit=2', headers: headersOf(other) });
    expect(first.json().items.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1]]);
    const cursor = first.json().next_cursor;
    const second = await app.inject({ method: 'GET', url: `/v1/payment_requests?limit=2&cursor=${cursor}`, headers: headersOf(other) });
    expect(second.json()).toEqual({ items: [expect.objectContaining({ id: ids[0] })], next_cursor: null });

    const cancelled = await app.inject({ method: 'POST', url: `/v1/payment_requests/${ids[1]}/cancel`, headers: headersOf(other, freshKey()) });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    const onlyCancelled = await app.inject({ method: 'GET', url: '/v1/payment_requests?status=cancelled', headers: headersOf(other) });
    expect(onlyCancelled.json().items.map((r: { id: string }) => r.id)).toEqual([ids[1]]);
    const badStatus = await app.inject({ method: 'GET', url: '/v1/payment_requests?status=lost', headers: headersOf(other) });
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json().error.params.field).toBe('status');
  });

  it('shows expiry by the wallet clock', async () => {
    const id = (await create({ amount: '2.00', currency: 'CNY', expires_in: 60 })).json().id;
    clock.advance(61_000);
    const got = await app.inject({ method: 'GET', url: `/v1/payment_requests/${id}`, headers: headersOf(shop) });
    expect(got.json().status).toBe('expired');
    const expired = await app.inject({ method: 'GET', url: '/v1/payment_requests?status=expired', headers: headersOf(shop) });
    expect(expired.json().items.map((r: { id: string }) => r.id)).toContain(id);
  });

  it('shows who paid and the transfer; refunds in part, then the rest, never more', async () => {
    const id = (await create({ amount: '50.00', currency: 'CNY' })).json().id;
    await pay(id);
    const paid = (await app.inject({ method: 'GET', url: `/v1/payment_requests/${id}`, headers: headersOf(shop) })).json();
    expect(paid).toMatchObject({ status: 'paid', paid: { by: { handle: 'payer', platform: 'console' }, transfer: expect.stringMatching(/^T\d+$/), refunded: '0.00' } });

    const refund = (body: Record<string, unknown> | undefined, key = freshKey()) =>
      app.inject({ method: 'POST', url: `/v1/payment_requests/${id}/refunds`, headers: headersOf(shop, key), ...(body ? { payload: body } : {}) });
    const part = await refund({ amount: '20.00', currency: 'CNY', reason: 'one cup was cold' });
    expect(part.statusCode).toBe(201);
    expect(part.json()).toMatchObject({ object: 'refund', payment_request: id, amount: '20.00', currency: 'CNY', remaining: '30.00' });
    const tooMuch = await refund({ amount: '30.01', currency: 'CNY' });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().error).toMatchObject({ code: 'refund.exceeds_remaining', params: { remaining: '30.00' } });
    const otherCurrency = await refund({ amount: '1.00', currency: 'USD' });
    expect(otherCurrency.json().error.code).toBe('money.unsupported_currency');
    const halfGiven = await refund({ amount: '1.00' });
    expect(halfGiven.statusCode).toBe(400);
    const rest = await refund(undefined);
    expect(rest.json()).toMatchObject({ amount: '30.00', remaining: '0.00' });
    const nothingLeft = await refund(undefined);
    expect(nothingLeft.statusCode).toBe(422);
    const shown = (await app.inject({ method: 'GET', url: `/v1/payment_requests/${id}`, headers: headersOf(shop) })).json();
    expect(shown.paid.refunded).toBe('50.00');

    const open = (await create({ amount: '5.00', currency: 'CNY' })).json().id;
    const unpaid = await app.inject({ method: 'POST', url: `/v1/payment_requests/${open}/refunds`, headers: headersOf(shop, freshKey()) });
    expect(unpaid.statusCode).toBe(409);
    expect(unpaid.json().error.code).toBe('request.not_paid');
    const cancelPaid = await app.inject({ method: 'POST', url: `/v1/payment_requests/${id}/cancel`, headers: headersOf(shop, freshKey()) });
    expect(cancelPaid.statusCode).toBe(409);
    expect(cancelPaid.json().error.code).toBe('request.already_paid');
  });

  it('shows balance and transactions with a cursor', async () => {
    const balance = await app.inject({ method: 'GET', url: '/v1/balance', headers: headersOf(shop) });
    // the one payment so far was refunded in full
    expect(balance.json()).toEqual({ livemode: true, balances: [{ currency: 'CNY', amount: '0.00' }] });
    const page = await app.inject({ method: 'GET', url: '/v1/transactions?limit=1', headers: headersOf(shop) });
    expect(page.statusCode).toBe(200);
    expect(page.json().items).toEqual([expect.objectContaining({ kind: 'refund', direction: 'out', amount: '30.00', counterparty: 'payer' })]);
    const next = await app.inject({ method: 'GET', url: `/v1/transactions?limit=5&cursor=${page.json().next_cursor}`, headers: headersOf(shop) });
    expect(next.json().items.map((i: { kind: string }) => i.kind)).toEqual(['refund', 'payment']);
    const bad = await app.inject({ method: 'GET', url: '/v1/transactions?cursor=NOT-A-CURSOR', headers: headersOf(shop) });
    expect(bad.statusCode).toBe(400);
  });

  it('gives another merchant’s id the same 404 as an id that does not exist', async () => {
    const id = (await create({ amount: '7.00', currency: 'CNY' })).json().id;
    await pay(id);
    const unknown = `pr_${'0'.repeat(32)}`;
    for (const target of [id, unknown]) {
      const get = await app.inject({ method: 'GET', url: `/v1/payment_requests/${target}`, headers: headersOf(other) });
      expect(get.statusCode).toBe(404);
      expect(get.json()).toEqual({ error: { code: 'request.not_found', message: expect.any(String) } });
      const cancel = await app.inject({ method: 'POST', url: `/v1/payment_requests/${target}/cancel`, headers: headersOf(other, freshKey()) });
      expect(cancel.statusCode).toBe(404);
      const refund = await app.inject({ method: 'POST', url: `/v1/payment_requests/${target}/refunds`, headers: headersOf(other, freshKey()) });
      expect(refund.statusCode).toBe(404);
    }
    const list = await app.inject({ method: 'GET', url: '/v1/payment_requests?limit=100', headers: headersOf(other) });
    expect(list.json().items.map((r: { id: string }) => r.id)).not.toContain(id);
    const malformed = await app.inject({ method: 'GET', url: '/v1/payment_requests/42', headers: headersOf(other) });
    expect(malformed.statusCode).toBe(400);
    const route = await app.inject({ method: 'GET', url: '/v1/nothing', headers: headersOf(other) });
    expect(route.statusCode).toBe(404);
    expect(route.json().error.code).toBe('api.not_found');
  });

  it('serves the OpenAPI document generated from the schemas at /docs', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/payment_requests', '/v1/payment_requests/{id}', '/v1/payment_requests/{id}/cancel', '/v1/payment_requests/{id}/refunds', '/v1/balance', '/v1/transactions']),
    );
    expect(doc.paths['/v1/payment_requests'].post.requestBody.content['application/json'].schema.properties.amount.type).toBe('string');
    expect((await app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
  });

  it('limits requests per key with 429 and Retry-After', async () => {
    const limited = apiServer(t, { max: 2, windowMs: 60_000 });
    try {
      for (let i = 0; i < 2; i++) expect((await limited.inject({ method: 'GET', url: '/v1/balance', headers: headersOf(shop) })).statusCode).toBe(200);
      const third = await limited.inject({ method: 'GET', url: '/v1/balance', headers: headersOf(shop) });
      expect(third.statusCode).toBe(429);
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      expect(third.json().error.code).toBe('api.rate_limited');
      // another key has its own budget
      expect((await limited.inject({ method: 'GET', url: '/v1/balance', headers: headersOf(other) })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('stores a description (as every memo and refund reason, through checkMemo) as the visible line the chat would: no controls, newlines, bidi or zero-width characters', async () => {
    const created = await create({ amount: '2.00', currency: 'CNY', description: 'tea\n\u202eAmount: 0.01\u200b\u0007 ok' });
    expect(created.statusCode).toBe(201);
    expect(created.json().description).toBe('tea Amount: 0.01 ok');
    const request = (await t.wallet.getRequestByPublicId(created.json().id))!;
    expect(request.memo).toBe('tea Amount: 0.01 ok');
  });

  it('refuses metadata or a success_url that the database cannot hold (NUL, lone surrogate) with a 400 naming the field', async () => {
    for (const [body, field] of [
      [{ metadata: { note: 'a\u0000b' } }, 'metadata'],
      [{ metadata: { ['k\ud800']: 'x' } }, 'metadata'],
      [{ metadata: { deep: ['\udc00'] } }, 'metadata'],
      [{ success_url: 'https://shop.example/a\u0000b' }, 'success_url'],
    ] as const) {
      const answer = await create({ amount: '1.00', currency: 'CNY', ...body });
      expect(answer.statusCode).toBe(400);
      expect(answer.json().error.params.field).toBe(field);
    }
  });

  it('answers framework refusals with their own status, a typo route with 404 before any Idempotency-Key, and names the field of a money error', async () => {
    const huge = await app.inject({ method: 'POST', url: '/v1/payment_requests', headers: headersOf(shop, freshKey()), payload: { amount: '1.00', currency: 'CNY', description: 'x'.repeat(2 * 1024 * 1024) } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('api.body_too_large');
    const typo = await app.inject({ method: 'POST', url: '/v1/payment_request', headers: { authorization: headersOf(shop).authorization }, payload: {} });
    expect(typo.statusCode).toBe(404);
    expect(typo.json().error.code).toBe('api.not_found');
    const decimals = await create({ amount: '1.001', currency: 'CNY' });
    expect(decimals.json().error.params.field).toBe('amount');
  });

  it('limits refused keys too, per address: guessing fresh bogus keys meets 429 after the limit', async () => {
    const limited = apiServer(t, { max: 2, windowMs: 60_000 });
    try {
      const bogus = (n: number) => limited.inject({ method: 'GET', url: '/v1/balance', headers: { authorization: `Bearer okp_live_bogus${n}` } });
      for (let i = 0; i < 2; i++) expect((await bogus(i)).statusCode).toBe(401);
      const third = await bogus(2);
      expect(third.statusCode).toBe(429);
      expect(third.json().error.code).toBe('api.rate_limited');
      const same = await limited.inject({ method: 'GET', url: '/v1/balance', headers: { authorization: 'Bearer okp_live_bogus0' } });
      expect(same.statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('lets the chat pay a request created by the API (codes as a card’s Pay button)', async () => {
    const id = (await create({ amount: '3.00', currency: 'CNY' })).json().id;
    const request = (await t.wallet.getRequestByPublicId(id))!;
    const challenge = unwrap(await t.wallet.preparePayRequest({ key: freshKey(), actor: await actor(t, payer), requestId: request.id }));
    expect(challenge.kind).toBe('pay_request');
    unwrap(await t.wallet.confirm({ key: freshKey(), identity: payer.identity, code: codeAt(payer.secret, clock.now()), label: 'payer' }));
    clock.advance(30_000);
    expect((await app.inject({ method: 'GET', url: `/v1/payment_requests/${id}`, headers: headersOf(shop) })).json().status).toBe('paid');
  });
});

describe('merchant API /v1: a payer seen on one platform only', () => {
  const clock = manualClock();
  let t: TestWallet;
  let app: FastifyInstance;
  let shop: Merchant;
  let payer: Person;
  const telegram = { platform: 'telegram' as const, platformUserId: '7001' };

  beforeAll(async () => {
    t = await openTestWallet({ clock });
    app = apiServer(t);
    shop = await merchantWithKey(t, clock, 'shop');
    payer = await enrolledPerson(t, clock, 'payer');
    await fund(t, payer.user, cny(100));
    // the payer's wallet is linked to a Telegram identity with another handle
    await t.wallet.register({ ...telegram, username: 'payer_tg' });
    const { code } = unwrap(await t.wallet.createLinkCode({ key: freshKey(), actor: await actor(t, payer) }));
    unwrap(await t.wallet.redeemLinkCode({ key: freshKey(), identity: telegram, code }));
    unwrap(await t.wallet.confirm({ key: freshKey(), identity: telegram, code: codeAt(payer.secret, clock.now()), label: 'payer' }));
    clock.advance(30_000);
    // their next Telegram message registers the handle on the linked identity, as the adapter does
    await t.wallet.register({ ...telegram, username: 'payer_tg' });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('shows a named payer by the handle and platform the merchant named, never their other platform', async () => {
    const created = await app.inject({
      method: 'POST', url: '/v1/payment_requests', headers: headersOf(shop, freshKey('idem')),
      payload: { amount: '5.00', currency: 'CNY', payer: { handle: 'payer_tg', platform: 'telegram' } },
    });
    expect(created.json().payer).toEqual({ handle: 'payer_tg', platform: 'telegram' });
  });

  it('shows who paid by the platform they confirmed from, not the handle of a linked platform', async () => {
    const id = (await app.inject({ method: 'POST', url: '/v1/payment_requests', headers: headersOf(shop, freshKey('idem')), payload: { amount: '3.00', currency: 'CNY' } })).json().id;
    const request = unwrap(await t.wallet.getMerchantRequest(shop.user.id, id));
    unwrap(await t.wallet.preparePayRequest({ key: freshKey('pay'), actor: { user: (await t.wallet.getUser(payer.user.id))!, identity: telegram }, requestId: request.id }));
    unwrap(await t.wallet.confirm({ key: freshKey(), identity: telegram, code: codeAt(payer.secret, clock.now()), label: 'payer' }));
    clock.advance(30_000);
    const paid = (await app.inject({ method: 'GET', url: `/v1/payment_requests/${id}`, headers: headersOf(shop) })).json();
    expect(paid.paid.by).toEqual({ handle: 'payer_tg', platform: 'telegram' });
  });
});
