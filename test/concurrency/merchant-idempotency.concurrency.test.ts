import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../bot/http/server.js';
import { createApiCallsStore } from '../../db/api-calls-store.js';
import { actor, confirmNow, enrolledPerson, type Person } from '../support/confirmation-fixtures.js';
import { manualClock } from '../support/manual-clock.js';
import { apiServer, headersOf, merchantWithKey, PUBLIC_URL, type Merchant } from '../support/merchant-api-fixtures.js';
import { openSecondProcess } from '../support/second-process.js';
import { openTestWallet, serverUrl, type TestWallet } from '../support/test-database.js';
import { balanceOf, cny, expectCleanLedger, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';

/** Two processes (two pools, two servers) on one PostgreSQL database, sending the same key at once. */
describe.skipIf(!serverUrl)('merchant API idempotency across processes', () => {
  const clock = manualClock();
  let t: TestWallet;
  let second: Awaited<ReturnType<typeof openSecondProcess>>;
  let apps: FastifyInstance[];
  let shop: Merchant;
  let payer: Person;

  beforeAll(async () => {
    t = await openTestWallet({ poolSize: 12, clock });
    second = await openSecondProcess(t, { clock, poolSize: 12 });
    apps = [apiServer(t), buildServer({ merchantApi: { wallet: second.wallet, calls: createApiCallsStore(second.database.db), links: { publicUrl: PUBLIC_URL } } })];
    shop = await merchantWithKey(t, clock, 'shop');
    payer = await enrolledPerson(t, clock, 'payer');
    await fund(t, payer.user, cny(100));
    // more than it will be paid, so what stops the racing refunds is the cap, not its balance
    await fund(t, shop.user, cny(100));
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await second?.close();
    await expectCleanLedger(t.wallet);
    await t?.close();
  });

  it('40 identical creates with one key: one request; every answer is its copy or a 409', async () => {
    const key = freshKey();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        apps[i % 2]!.inject({ method: 'POST', url: '/v1/payment_requests', headers: headersOf(shop, key), payload: { amount: '4.00', currency: 'CNY', description: 'race' } }),
      ),
    );
    const created = answers.filter((a) => a.statusCode === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((a) => a.body)).size).toBe(1);
    expect(answers.filter((a) => a.statusCode !== 201).map((a) => a.json().error.code)).toEqual(
      answers.filter((a) => a.statusCode !== 201).map(() => 'idempotency.in_progress'),
    );
    const list = await apps[0]!.inject({ method: 'GET', url: '/v1/payment_requests?limit=100', headers: headersOf(shop) });
    expect(list.json().items.filter((r: { description: string }) => r.description === 'race')).toHaveLength(1);
  });

  it('refunds raced with distinct keys never return more than was paid', async () => {
    const id = (await apps[0]!.inject({ method: 'POST', url: '/v1/payment_requests', headers: headersOf(shop, freshKey()), payload: { amount: '10.00', currency: 'CNY' } })).json().id;
    const request = (await t.wallet.getRequestByPublicId(id))!;
    unwrap(await t.wallet.preparePayRequest({ key: freshKey(), actor: await actor(t, payer), requestId: request.id }));
    unwrap(await confirmNow(t, clock, payer));
    const before = await balanceOf(t.wallet, payer.user, 'CNY');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        apps[i % 2]!.inject({ method: 'POST', url: `/v1/payment_requests/${id}/refunds`, headers: headersOf(shop, freshKey()), payload: { amount: '1.00', currency: 'CNY' } }),
      ),
    );
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(10);
    expect(answers.filter((a) => a.statusCode !== 201).map((a) => a.json().error.code)).toEqual(Array(10).fill('refund.exceeds_remaining'));
    expect(await balanceOf(t.wallet, payer.user, 'CNY')).toBe(before + 1000n);
  });
});
