import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actor, confirmNow, enrolledPerson, type Person } from '../support/confirmation-fixtures.js';
import { manualClock } from '../support/manual-clock.js';
import { apiServer, headersOf, issuedKey, merchantWithKey, type Merchant } from '../support/merchant-api-fixtures.js';
import { openTestWallet, type TestWallet } from '../support/test-database.js';
import { cny, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';

describe('the hosted checkout page /pay/{id}', () => {
  const clock = manualClock();
  let t: TestWallet;
  let app: FastifyInstance;
  let shop: Merchant;
  let payer: Person;

  beforeAll(async () => {
    t = await openTestWallet({ clock });
    app = apiServer(t);
    shop = await merchantWithKey(t, clock, 'pageshop');
    payer = await enrolledPerson(t, clock, 'pagepayer');
    await fund(t, payer.user, cny(100));
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  async function create(body: Record<string, unknown>): Promise<string> {
    const answer = await app.inject({ method: 'POST', url: '/v1/payment_requests', headers: headersOf(shop, freshKey('idem')), payload: body });
    return answer.json().id;
  }
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  it('shows merchant, amount, description, the QR of the Telegram link and the Discord command, with strict headers', async () => {
    const id = await create({ amount: '12.50', currency: 'CNY', description: 'Beans <b>&</b> "more"', expires_in: 600 });
    const page = await get(`/pay/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers['x-frame-options']).toBe('DENY');
    const html = page.body;
    expect(html).toContain('Pay pageshop shop');
    expect(html).toContain('CN¥12.50');
    expect(html).toContain('Beans &lt;b&gt;&amp;&lt;/b&gt; &quot;more&quot;');
    expect(html).toContain('<svg');
    expect(html).toContain(`href="https://t.me/okpay_test_bot?start=pay_${id}"`);
    expect(html).toContain(`/pay ${id}`);
    expect(html).toContain('Open in Telegram');
    expect(html).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*src=)/);
    expect(html).not.toContain('okp_');
    const script = await get('/assets/checkout.js');
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('javascript');
  });

  it('speaks Chinese by Accept-Language or ?lang=zh, English by ?lang=en', async () => {
    const id = await create({ amount: '3.00', currency: 'CNY', expires_in: 600 });
    expect((await get(`/pay/${id}`, { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' })).body).toContain('在 Telegram 中打开');
    expect((await get(`/pay/${id}?lang=zh`)).body).toContain('付款给 pageshop shop');
    expect((await get(`/pay/${id}?lang=en`, { 'accept-language': 'zh-CN' })).body).toContain('Open in Telegram');
  });

  it('reports the status as JSON, with success_url once paid; shows paid, expired and cancelled', async () => {
    const id = await create({ amount: '5.00', currency: 'CNY', expires_in: 600, success_url: 'https://shop.example/thanks' });
    expect((await get(`/pay/${id}/status`)).json()).toEqual({ status: 'open', success_url: null });
    const request = (await t.wallet.getRequestByPublicId(id))!;
    unwrap(await t.wallet.preparePayRequest({ key: freshKey('pay'), actor: await actor(t, payer), requestId: request.id }));
    unwrap(await confirmNow(t, clock, payer));
    expect((await get(`/pay/${id}/status`)).json()).toEqual({ status: 'paid', success_url: 'https://shop.example/thanks' });
    expect((await get(`/pay/${id}`)).body).toContain('Paid ✓');

    const cancelled = await create({ amount: '1.00', currency: 'CNY', expires_in: 600 });
    await app.inject({ method: 'POST', url: `/v1/payment_requests/${cancelled}/cancel`, headers: headersOf(shop, freshKey('idem')) });
    expect((await get(`/pay/${cancelled}`)).body).toContain('The merchant cancelled this request.');

    const lapsing = await create({ amount: '1.00', currency: 'CNY', expires_in: 60 });
    clock.advance(61_000);
    expect((await get(`/pay/${lapsing}`)).body).toContain('This request has expired.');
    expect((await get(`/pay/${lapsing}/status`)).json().status).toBe('expired');
  });

  it('may be framed only by the one site its merchant opted in', async () => {
    const id = await create({ amount: '2.00', currency: 'CNY', expires_in: 600 });
    const set = (origin: string | null) =>
      app.inject({ method: 'POST', url: '/v1/checkout_settings', headers: headersOf(shop, freshKey('idem')), payload: { embed_origin: origin } });
    for (const bad of ['http://shop.example', 'https://shop.example/path', 'javascript:alert(1)']) {
      const refused = await set(bad);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.code).toBe('merchant.invalid_embed_origin');
    }
    expect((await set('https://shop.example')).json()).toEqual({ embed_origin: 'https://shop.example' });
    const framed = await get(`/pay/${id}`);
    expect(framed.headers['content-security-policy']).toContain('frame-ancestors https://shop.example');
    expect(framed.headers['x-frame-options']).toBeUndefined();
    expect((await set(null)).json()).toEqual({ embed_origin: null });
    const closed = await get(`/pay/${id}`);
    expect(closed.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(closed.headers['x-frame-options']).toBe('DENY');
  });

  it('answers an unknown or malformed id with a 404 page', async () => {
    for (const id of [`pr_${'0'.repeat(32)}`, 'nope', '<script>']) {
      const page = await get(`/pay/${encodeURIComponent(id)}`);
      expect(page.statusCode).toBe(404);
      expect(page.body).toContain('There is no payment request at this address.');
      expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    }
    expect((await get(`/pay/pr_${'0'.repeat(32)}/status`)).statusCode).toBe(404);
  });

  it('says TEST on the page of a test key’s request, and nothing of the kind on a live one', async () => {
    const sandbox = { apiKey: await issuedKey(t, clock, shop, 'test') };
    const testId = (await app.inject({ method: 'POST', url: '/v1/payment_requests', headers: headersOf(sandbox, freshKey('idem')), payload: { amount: '3.00', currency: 'CNY' } })).json().id;
    expect((await get(`/pay/${testId}`)).body).toContain('🧪 TEST — sandbox money, not real.');
    expect((await get(`/pay/${testId}?lang=zh`)).body).toContain('🧪 测试');
    expect((await get(`/pay/${await create({ amount: '3.00', currency: 'CNY' })}`)).body).not.toContain('id="sandbox"');
  });
});
