import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiCallsStore } from '../../db/api-calls-store.js';
import { apiIdempotency } from '../../db/schema/index.js';
import { FORGET_KEYS_MS, forgetOldKeys, KEEP_ANSWERS_MS } from '../../bot/http/merchant-api/api-guard.js';
import { manualClock } from '../support/manual-clock.js';
import { apiServer, headersOf, merchantWithKey, PUBLIC_URL, type Merchant } from '../support/merchant-api-fixtures.js';
import { buildServer } from '../../bot/http/server.js';
import { openTestWallet, type TestWallet } from '../support/test-database.js';
import { expectCleanLedger, freshKey } from '../support/wallet-fixtures.js';

describe('Idempotency-Key on the merchant API', () => {
  const clock = manualClock();
  let t: TestWallet;
  let app: FastifyInstance;
  let shop: Merchant;
  let other: Merchant;

  beforeAll(async () => {
    t = await openTestWallet({ clock });
    app = apiServer(t);
    shop = await merchantWithKey(t, clock, 'shop');
    other = await merchantWithKey(t, clock, 'other');
  });
  afterAll(async () => {
    await app.close();
    await expectCleanLedger(t.wallet);
    await t.close();
  });

  const post = (key: string, body: Record<string, unknown>, who: Merchant = shop) =>
    app.inject({ method: 'POST', url: '/v1/payment_requests', headers: headersOf(who, key), payload: body });

  it('answers the same key and body with the first response, byte for byte, for 24 hours', async () => {
    const key = freshKey();
    const first = await post(key, { amount: '12.50', currency: 'CNY', description: 'tea' });
    expect(first.statusCode).toBe(201);
    clock.advance(KEEP_ANSWERS_MS - 60_000);
    const again = await post(key, { description: 'tea', currency: 'CNY', amount: '12.50' });
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    const list = await app.inject({ method: 'GET', url: '/v1/payment_requests?limit=100', headers: headersOf(shop) });
    expect(list.json().items.filter((r: { description: string }) => r.description === 'tea')).toHaveLength(1);
    // past the kept answer the wallet's own key still holds: the same request, never a second
    clock.advance(120_000);
    const later = await post(key, { amount: '12.50', currency: 'CNY', description: 'tea' });
    expect(later.statusCode).toBe(201);
    expect(later.json().id).toBe(first.json().id);
    const other = await post(key, { amount: '1.00', currency: 'CNY', description: 'tea' });
    expect(other.statusCode).toBe(422);
  });

  it('keeps refusals too: a retry of a refused request gets the same refusal', async () => {
    const key = freshKey();
    const first = await post(key, { amount: '1.001', currency: 'CNY' });
    expect(first.statusCode).toBe(400);
    const again = await post(key, { amount: '1.001', currency: 'CNY' });
    expect(again.body).toBe(first.body);
  });

  it('refuses the same key with another body with 422, and keys are per merchant', async () => {
    const key = freshKey();
    expect((await post(key, { amount: '5.00', currency: 'CNY' })).statusCode).toBe(201);
    const changed = await post(key, { amount: '6.00', currency: 'CNY' });
    expect(changed.statusCode).toBe(422);
    expect(changed.json().error.code).toBe('idempotency.body_mismatch');
    const theirs = await post(key, { amount: '6.00', currency: 'CNY' }, other);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().amount).toBe('6.00');
  });

  it('refuses another body with 422 even while the key’s first run is still going in another process', async () => {
    const key = freshKey();
    const calls = createApiCallsStore(t.database.db);
    const held = await calls.begin({ merchantId: shop.user.id, key, requestHash: 'another request', now: clock.now(), keepMs: KEEP_ANSWERS_MS, staleMs: 300_000 });
    expect(held.kind).toBe('run');
    const during = await post(key, { amount: '9.00', currency: 'CNY' });
    expect(during.statusCode).toBe(422);
  });

  it('answers 409 for a key whose first run has not finished, and takes a dead run over after 5 minutes', async () => {
    const key = freshKey();
    const body = { amount: '8.00', currency: 'CNY' };
    // the first request's process is slow to keep its answer: its run is still going meanwhile
    let release!: () => void;
    let reached!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const waiting = new Promise<void>((resolve) => (reached = resolve));
    const calls = createApiCallsStore(t.database.db);
    const slow = {
      ...calls,
      async finish(merchantId: string, callKey: string, runId: string, status: number, answer: string) {
        reached();
        await released;
        await calls.finish(merchantId, callKey, runId, status, answer);
      },
    };
    const blocking = buildServer({ merchantApi: { wallet: t.wallet, calls: slow, links: { publicUrl: PUBLIC_URL } } });
    const first = blocking.inject({ method: 'POST', url: '/v1/payment_requests', headers: headersOf(shop, key), payload: body });
    await waiting;
    const during = await post(key, body);
    expect(during.statusCode).toBe(409);
    expect(during.json().error.code).toBe('idempotency.in_progress');
    release();
    const answered = await first;
    expect(answered.statusCode).toBe(201);
    expect((await post(key, body)).body).toBe(answered.body);
    await blocking.close();

    // a run whose process died is taken over once stale, by the wallet clock
    const dead = freshKey();
    const hash = 'same';
    await calls.begin({ merchantId: shop.user.id, key: dead, requestHash: hash, now: clock.now(), keepMs: KEEP_ANSWERS_MS, staleMs: 300_000 });
    expect((await calls.begin({ merchantId: shop.user.id, key: dead, requestHash: hash, now: clock.now(), keepMs: KEEP_ANSWERS_MS, staleMs: 300_000 })).kind).toBe('running');
    clock.advance(300_000);
    expect((await calls.begin({ merchantId: shop.user.id, key: dead, requestHash: hash, now: clock.now(), keepMs: KEEP_ANSWERS_MS, staleMs: 300_000 })).kind).toBe('run');
  });

  it('fences a taken-over run: the first, slow process neither keeps nor drops the new run’s answer, and another body never takes the key', async () => {
    const key = freshKey();
    const calls = createApiCallsStore(t.database.db);
    const begin = (requestHash: string) => calls.begin({ merchantId: shop.user.id, key, requestHash, now: clock.now(), keepMs: KEEP_ANSWERS_MS, staleMs: 300_000 });
    const first = await begin('same');
    clock.advance(300_000);
    expect((await begin('another')).kind).toBe('mismatch');
    const second = await begin('same');
    if (first.kind !== 'run' || second.kind !== 'run') throw new Error('both runs should have started');
    expect(second.runId).not.toBe(first.runId);
    await calls.finish(shop.user.id, key, first.runId, 201, '"first"');
    await calls.abandon(shop.user.id, key, first.runId);
    expect((await begin('same')).kind).toBe('running');
    await calls.finish(shop.user.id, key, second.runId, 201, '"second"');
    expect(await begin('same')).toEqual({ kind: 'replay', status: 201, body: '"second"' });
    // past the retention the key still belongs to its request: another body is refused, the right one runs
    clock.advance(KEEP_ANSWERS_MS);
    expect((await begin('another')).kind).toBe('mismatch');
    expect((await begin('same')).kind).toBe('run');
  });

  it('accepts an Idempotency-Key of the full 200 characters the header allows', async () => {
    const key = 'k'.repeat(200);
    const first = await post(key, { amount: '4.00', currency: 'CNY' });
    expect(first.statusCode).toBe(201);
    expect((await post(key, { amount: '4.00', currency: 'CNY' })).body).toBe(first.body);
  });

  it('answers the core’s own key conflict as the API’s 422 body mismatch once the kept answer is gone', async () => {
    const key = freshKey();
    expect((await post(key, { amount: '3.00', currency: 'CNY' })).statusCode).toBe(201);
    await t.database.db.delete(apiIdempotency).where(eq(apiIdempotency.key, key));
    const changed = await post(key, { amount: '3.50', currency: 'CNY' });
    expect(changed.statusCode).toBe(422);
    expect(changed.json().error.code).toBe('idempotency.body_mismatch');
  });

  it('forgets keys older than seven days by the wallet clock, so the table stays bounded and a key can be used again', async () => {
    const key = freshKey();
    expect((await post(key, { amount: '2.50', currency: 'CNY' })).statusCode).toBe(201);
    const calls = createApiCallsStore(t.database.db);
    clock.advance(FORGET_KEYS_MS - 60_000);
    await forgetOldKeys(t.wallet, calls);
    expect(await t.database.db.select().from(apiIdempotency).where(eq(apiIdempotency.key, key))).toHaveLength(1);
    clock.advance(60_000);
    expect(await forgetOldKeys(t.wallet, calls)).toBeGreaterThan(0);
    expect(await t.database.db.select().from(apiIdempotency).where(eq(apiIdempotency.key, key))).toHaveLength(0);
  });
});
