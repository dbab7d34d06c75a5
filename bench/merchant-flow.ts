import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWebhookDeliverer } from '../bot/delivery/webhook-deliverer.js';
import { buildServer } from '../bot/http/server.js';
import { hashApiKey } from '../core/merchants/api-keys.js';
import { move } from '../core/ledger/move-money.js';
import { DEFAULT_LIMITS, tierLimits } from '../core/limits/limits.js';
import { money } from '../core/money/index.js';
import { createSecretBox } from '../core/security/secret-box.js';
import { createWallet } from '../core/wallet.js';
import { createApiCallsStore } from '../db/api-calls-store.js';
import { openDatabase } from '../db/connect.js';
import { createWalletStore } from '../db/wallet-store.js';
import { directDeposit } from '../test/support/direct-moves.js';
import { runClosedLoop, type Measurement } from './measure.js';

export interface MerchantFlowFigures {
  /** A whole flow: API create over HTTP, the payment, and the signed webhook received by the merchant's endpoint. */
  flow: Measurement;
  /** `POST /v1/payment_requests` alone, over HTTP on loopback. */
  createP50Ms: number;
  createP99Ms: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

/**
 * `clients` merchants, each with its own payer and a webhook receiver on loopback, run back to back:
 * create a request by API, pay it (the ledger movement a confirmed chat payment makes, minus the
 * code), and wait for its `payment_request.paid` webhook. The deliverer is the production one.
 */
export async function benchMerchantFlow(url: URL, clients: number, seconds: number): Promise<MerchantFlowFigures> {
  const database = await openDatabase({ url: url.toString(), dataDir: '', poolSize: clients * 2 + 4 });
  const store = createWalletStore(database);
  const secretKey = randomBytes(32);
  const wallet = createWallet({ store, secretKey, operators: [] });
  const box = createSecretBox(secretKey);
  const waiting = new Map<string, () => void>();
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { object: { id: string } } };
      response.writeHead(200).end();
      waiting.get(body.data.object.id)?.();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const shops: { apiKey: string; payerId: string; merchantId: string }[] = [];
  for (let i = 0; i < clients; i++) {
    const merchant = await wallet.register({ platform: 'console', platformUserId: `bench-shop-${i}`, username: `benchshop${i}` });
    const payer = await wallet.register({ platform: 'console', platformUserId: `bench-payer-${i}`, username: `benchpayer${i}` });
    await store.merchants.upsert(merchant.user.id, `Bench shop ${i}`);
    const apiKey = `okp_live_${randomBytes(24).toString('hex').slice(0, 32)}`;
    await store.merchants.issueKey({ merchantId: merchant.user.id, mode: 'live', keyHash: hashApiKey(apiKey), last4: apiKey.slice(-4), challengeId: String(900_000 + i) });
    await store.webhooks.setEndpoint({ merchantId: merchant.user.id, url: hookUrl, secretSealed: box.seal(`whsec_bench${i}`), challengeId: String(900_000 + i) });
    await directDeposit(store.ledger, { key: `bench:fund:${i}`, userId: payer.user.id, amount: money('CNY', 1_000_000_000n), now: new Date() });
    shops.push({ apiKey, payerId: payer.user.id, merchantId: merchant.user.id });
  }

  const links = { publicUrl: 'http://127.0.0.1' };
  const app = buildServer({ merchantApi: { wallet, calls: createApiCallsStore(database.db), links, rateLimit: { max: 1_000_000_000, windowMs: 60_000 } } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const api = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/v1/payment_requests`;
  const deliverer = createWebhookDeliverer({ wallet, leases: { owner: 'bench', ms: 30_000 }, links });
  const stop = deliverer.start(200);
  const limits = tierLimits(DEFAULT_LIMITS, 'CNY');
  const creates: number[] = [];

  try {
    const flow = await runClosedLoop(clients, seconds, async (worker, i) => {
      const shop = shops[worker]!;
      const t0 = performance.now();
      const answer = await fetch(api, {
        method: 'POST',
        headers: { authorization: `Bearer ${shop.apiKey}`, 'idempotency-key': `bench-${worker}-${i}`, 'content-type': 'application/json' },
        body: JSON.stringify({ amount: '1.00', currency: 'CNY', expires_in: 3600 }),
      });
      creates.push(performance.now() - t0);
      if (answer.status !== 201) return false;
      const { id } = (await answer.json()) as { id: string };
      const delivered = new Promise<void>((resolve) => waiting.set(id, resolve));
      const request = (await wallet.getRequestByPublicId(id))!;
      const paid = await move(store.ledger, {
        kind: 'payment',
        key: `bench:pay:${worker}:${i}`,
        from: { user: shop.payerId },
        to: { user: shop.merchantId },
        amount: money('CNY', 100n),
        requestId: request.id,
        limits,
        now: new Date(),
      });
      if (!paid.ok) return false;
      await delivered;
      waiting.delete(id);
      return true;
    });
    creates.sort((a, b) => a - b);
    return { flow, createP50Ms: percentile(creates, 50), createP99Ms: percentile(creates, 99) };
  } finally {
    await stop();
    await app.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await database.close();
  }
}
