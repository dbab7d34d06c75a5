import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookDeliverer } from '../../bot/delivery/webhook-deliverer.js';
import { outcomeOf, RETRY_WINDOW_MS } from '../../core/webhooks/retry-schedule.js';
import { signWebhook, verifyWebhook } from '../../core/webhooks/signature.js';
import { actor, confirmNow, enrolledPerson, type Person } from '../support/confirmation-fixtures.js';
import { manualClock } from '../support/manual-clock.js';
import { apiServer, headersOf, issuedKey, merchantWithKey, PUBLIC_URL, type Merchant } from '../support/merchant-api-fixtures.js';
import { openTestWallet, type TestWallet } from '../support/test-database.js';
import { opensslVerifies, webhookReceiver } from '../support/webhook-receiver.js';
import { cny, expectCleanLedger, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';

const MINUTE = 60_000;

describe('signing', () => {
  it('signs t.body with HMAC-SHA256, checked by openssl and refused when older than 5 minutes', () => {
    const at = new Date('2026-12-02T12:00:00Z');
    const body = '{"id":"evt_1","type":"payment_request.paid"}';
    const header = signWebhook('whsec_test', body, at);
    expect(header).toMatch(/^t=1796212800,v1=[0-9a-f]{64}$/);
    expect(opensslVerifies('whsec_test', body, header, at)).toBe(true);
    expect(opensslVerifies('whsec_other', body, header, at)).toBe(false);
    expect(opensslVerifies('whsec_test', `${body} `, header, at)).toBe(false);
    expect(verifyWebhook('whsec_test', body, header, new Date(at.getTime() + 5 * MINUTE))).toBe(true);
    expect(verifyWebhook('whsec_test', body, header, new Date(at.getTime() + 5 * MINUTE + 1000))).toBe(false);
  });
});

describe('retry schedule', () => {
  const first = new Date('2026-12-02T12:00:00Z');
  it('doubles from 1 minute with a jitter of ±25%, up to 6 hours, then gives up after 3 days', () => {
    const after = (n: number, now: Date, random: number) => outcomeOf(false, n, first, now, random);
    expect(outcomeOf(true, 1, first, first, 0.5)).toEqual({ state: 'succeeded' });
    expect(after(1, first, 0.5)).toEqual({ state: 'pending', nextAt: new Date(first.getTime() + MINUTE) });
    expect(after(1, first, 0)).toEqual({ state: 'pending', nextAt: new Date(first.getTime() + 45_000) });
    expect(after(3, first, 0.999_999)).toMatchObject({ state: 'pending' });
    expect((after(3, first, 0.5) as { nextAt: Date }).nextAt.getTime() - first.getTime()).toBe(4 * MINUTE);
    expect((after(20, first, 0.5) as { nextAt: Date }).nextAt.getTime() - first.getTime()).toBe(6 * 60 * MINUTE);
    const late = new Date(first.getTime() + RETRY_WINDOW_MS - MINUTE);
    expect(after(30, late, 0.5)).toEqual({ state: 'pending', nextAt: new Date(first.getTime() + RETRY_WINDOW_MS) });
    expect(after(31, new Date(first.getTime() + RETRY_WINDOW_MS), 0.5)).toEqual({ state: 'failed' });
  });
});

describe('webhook events and their delivery', () => {
  const clock = manualClock();
  let t: TestWallet;
  let app: FastifyInstance;
  let shop: Merchant;
  let payer: Person;
  let secret = '';

  beforeAll(async () => {
    t = await openTestWallet({ clock });
    app = apiServer(t);
    shop = await merchantWithKey(t, clock, 'hookshop');
    payer = await enrolledPerson(t, clock, 'hookpayer');
    await fund(t, payer.user, cny(1000));
  });
  afterAll(async () => {
    await app.close();
    await expectCleanLedger(t.wallet);
    await t.close();
  });

  const deliverer = (owner = 'test-deliverer') =>
    createWebhookDeliverer({ wallet: t.wallet, leases: { owner, ms: 30_000 }, links: { publicUrl: PUBLIC_URL }, random: () => 0.5 });

  async function setWebhook(url: string) {
    unwrap(await t.wallet.prepareSetWebhook({ key: freshKey('hook'), actor: await actor(t, shop), url }));
    const set = unwrap(await confirmNow(t, clock, shop));
    if (set.effect.kind === 'webhook_set' && set.effect.secret) secret = set.effect.secret;
    return set;
  }

  async function create(body: Record<string, unknown> = { amount: '12.50', currency: 'CNY', expires_in: 600 }) {
    const answer = await app.inject({ method: 'POST', url: '/v1/payment_requests', headers: headersOf(shop, freshKey('idem')), payload: body });
    return answer.json() as { id: string };
  }

  async function pay(publicId: string) {
    const request = (await t.wallet.getRequestByPublicId(publicId))!;
    unwrap(await t.wallet.preparePayRequest({ key: freshKey('pay'), actor: await actor(t, payer), requestId: request.id }));
    unwrap(await confirmNow(t, clock, payer));
  }

  const eventsOf = async () => (await app.inject({ method: 'GET', url: '/v1/events?limit=100', headers: headersOf(shop) })).json().items as Array<Record<string, any>>;

  it('refuses an endpoint that is not https or loopback http', async () => {
    for (const url of ['http://shop.example/hook', 'ftp://127.0.0.1/x', 'not a url', 'https://user:pw@shop.example/']) {
      const prepared = await t.wallet.prepareSetWebhook({ key: freshKey('hook'), actor: await actor(t, shop), url });
      expect(prepared.ok ? 'ok' : prepared.error.code).toBe('webhook.invalid_url');
    }
    const rotate = await t.wallet.prepareSetWebhook({ key: freshKey('hook'), actor: await actor(t, shop), rotate: true });
    expect(rotate.ok ? 'ok' : rotate.error.code).toBe('webhook.not_set');
  });

  it('writes events without an endpoint as unsent; a change rolled back writes none', async () => {
    const { id } = await create();
    await app.inject({ method: 'POST', url: `/v1/payment_requests/${id}/cancel`, headers: headersOf(shop, freshKey('idem')) });
    const [cancelled] = await eventsOf();
    expect(cancelled).toMatchObject({ type: 'payment_request.cancelled', delivery: 'unsent', attempts: [] });
    expect(cancelled!.id).toMatch(/^evt_[0-9a-f]{32}$/);

    const other = await create();
    await t.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`update payment_requests set status = 'cancelled' where public_id = ${other.id}`);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect((await eventsOf()).filter((e) => e.type === 'payment_request.cancelled')).toHaveLength(1);
    await app.inject({ method: 'POST', url: `/v1/payment_requests/${other.id}/cancel`, headers: headersOf(shop, freshKey('idem')) });
  });

  it('sets the endpoint with a code, shows the secret once and keeps it only sealed', async () => {
    const receiver = await webhookReceiver({ secret: () => secret, now: () => clock.now() });
    const set = await setWebhook(receiver.url);
    expect(set.effect).toMatchObject({ kind: 'webhook_set', endpoint: { url: receiver.url } });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    const rows = await t.database.query<{ secret_sealed: string }>(sql`select secret_sealed from webhook_endpoints`);
    expect(rows[0]!.secret_sealed).not.toContain(secret.slice(6));
    await receiver.close();
  });

  it('a payment writes its event in its transaction; a receiver failing 3 times then accepting records one success', async () => {
    const receiver = await webhookReceiver({ secret: () => secret, now: () => clock.now(), statuses: [500, 503, 404, 200] });
    await setWebhook(receiver.url);
    const { id } = await create();
    await pay(id);
    // the event is there with the payment: both committed together by the ledger function's transaction
    const paidRows = await t.database.query<{ type: string; status: string }>(sql`
      select e.type, r.status from webhook_events e join payment_requests r on r.id = e.subject_id
       where r.public_id = ${id} and e.type like 'payment_request.%'`);
    expect(paidRows).toEqual([{ type: 'payment_request.paid', status: 'paid' }]);

    const d = deliverer();
    for (let attempt = 1; attempt <= 4; attempt++) {
      await d.round();
      await d.settle();
      // nothing is due before the backoff has passed, by the wallet's clock
      await d.round();
      await d.settle();
      clock.advance(10 * MINUTE);
    }
    await d.round();
    await d.settle();
    const mine = receiver.received.filter((r) => JSON.parse(r.body).data.object?.id === id);
    expect(mine.map((r) => r.eventId)).toHaveLength(4);
    expect(new Set(mine.map((r) => r.eventId)).size).toBe(1);
    expect(mine.every((r) => r.verified)).toBe(true);
    const body = JSON.parse(mine[0]!.body);
    expect(body).toMatchObject({ object: 'event', type: 'payment_request.paid', data: { object: { id, status: 'paid', amount: '12.50', currency: 'CNY' } } });
    const event = (await eventsOf()).find((e) => e.id === body.id)!;
    expect(event.delivery).toBe('succeeded');
    expect(event.attempts.map((a: any) => [a.number, a.status_code, a.succeeded])).toEqual([
      [1, 500, false],
      [2, 503, false],
      [3, 404, false],
      [4, 200, true],
    ]);
    await receiver.close();
  });

  it('a refund by API sends refund.succeeded; expiry sends expired once; resend sends again', async () => {
    const receiver = await webhookReceiver({ secret: () => secret, now: () => clock.now() });
    await setWebhook(receiver.url);
    const d = deliverer();
    const { id } = await create();
    await pay(id);
    const refund = await app.inject({ method: 'POST', url: `/v1/payment_requests/${id}/refunds`, headers: headersOf(shop, freshKey('idem')), payload: { amount: '2.50', currency: 'CNY' } });
    expect(refund.statusCode).toBe(201);
    const lapsing = await create({ amount: '1.00', currency: 'CNY', expires_in: 60 });
    clock.advance(2 * MINUTE);
    for (let i = 0; i < 3; i++) {
      await d.round();
      await d.settle();
    }
    const types = receiver.received.map((r) => JSON.parse(r.body)).map((b) => [b.type, b.data.object.id ?? b.data.object.payment_request]);
    expect(types).toEqual(expect.arrayContaining([
      ['payment_request.paid', id],
      ['refund.succeeded', refund.json().id],
      ['payment_request.expired', lapsing.id],
    ]));
    expect(types.filter(([type]) => type === 'payment_request.expired')).toHaveLength(1);
    const refunded = receiver.received.map((r) => JSON.parse(r.body)).find((b) => b.type === 'refund.succeeded');
    expect(refunded.data.object).toMatchObject({ object: 'refund', livemode: true, payment_request: id, amount: '2.50', remaining: '10.00' });
    expect(receiver.received.every((r) => r.verified)).toBe(true);

    const expired = (await eventsOf()).find((e) => e.type === 'payment_request.expired')!;
    const resent = await app.inject({ method: 'POST', url: `/v1/events/${expired.id}/resend`, headers: headersOf(shop, freshKey('idem')) });
    expect(resent.statusCode).toBe(202);
    await d.round();
    await d.settle();
    expect(receiver.received.filter((r) => r.eventId === expired.id)).toHaveLength(2);
    const unknown = await app.inject({ method: 'POST', url: `/v1/events/evt_${'0'.repeat(32)}/resend`, headers: headersOf(shop, freshKey('idem')) });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('webhook.event_not_found');
    await receiver.close();
  });

  it('after 3 days of failures the event gives up, the endpoint is failing and the merchant is told', async () => {
    const receiver = await webhookReceiver({ secret: () => secret, now: () => clock.now(), statuses: [500] });
    await setWebhook(receiver.url);
    const { id } = await create();
    await app.inject({ method: 'POST', url: `/v1/payment_requests/${id}/cancel`, headers: headersOf(shop, freshKey('idem')) });
    const d = deliverer();
    for (let i = 0; i < 40; i++) {
      await d.round();
      await d.settle();
      clock.advance(6 * 60 * MINUTE);
    }
    const event = (await eventsOf()).find((e) => e.type === 'payment_request.cancelled' && e.delivery !== 'unsent')!;
    expect(event.delivery).toBe('failed');
    const last = event.attempts.at(-1);
    const first = event.attempts[0];
    expect(new Date(last.at).getTime() - new Date(first.at).getTime()).toBeGreaterThanOrEqual(RETRY_WINDOW_MS);
    expect((await t.wallet.getWebhookEndpoint(shop.user.id))?.failing).toBe(true);
    const notices = await t.wallet.notificationsOf(shop.user.id, 50);
    expect(notices.map((n) => n.notice.kind)).toContain('webhook.failing');
    await receiver.close();
  });

  it('lists only the key’s own events', async () => {
    const other = await merchantWithKey(t, clock, 'hookother');
    const answer = await app.inject({ method: 'GET', url: '/v1/events', headers: headersOf(other) });
    expect(answer.json()).toEqual({ items: [], next_cursor: null });
    const event = (await eventsOf())[0]!;
    const resend = await app.inject({ method: 'POST', url: `/v1/events/${event.id}/resend`, headers: headersOf(other, freshKey('idem')) });
    expect(resend.statusCode).toBe(404);
  });

  it('keeps a test key’s events off the live endpoint: listed with the test key, never sent there', async () => {
    const receiver = await webhookReceiver({ secret: () => secret, now: () => clock.now(), statuses: [200] });
    await setWebhook(receiver.url);
    const sandbox = { apiKey: await issuedKey(t, clock, shop, 'test') };
    const testId = (await app.inject({ method: 'POST', url: '/v1/payment_requests', headers: headersOf(sandbox, freshKey('idem')), payload: { amount: '2.00', currency: 'CNY' } })).json().id as string;
    await pay(testId);
    const { id: liveId } = await create({ amount: '2.00', currency: 'CNY' });
    await pay(liveId);
    const d = deliverer();
    await d.round();
    await d.settle();
    const bodies = receiver.received.map((r) => JSON.parse(r.body));
    expect(bodies.some((b) => b.data.object?.id === testId)).toBe(false);
    // a live event says so at the top, as every object in it does
    expect(bodies.find((b) => b.data.object?.id === liveId)).toMatchObject({ livemode: true, data: { object: { livemode: true } } });
    const listed = (await app.inject({ method: 'GET', url: '/v1/events?limit=100', headers: headersOf(sandbox) })).json().items as Array<{ delivery: string }>;
    expect(listed.map((e) => e.delivery)).toContain('unsent');
    await receiver.close();
  });
});
