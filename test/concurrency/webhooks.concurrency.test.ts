import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookDeliverer } from '../../bot/delivery/webhook-deliverer.js';
import { actor, confirmNow, enrolledPerson, type ManualClock, type Person } from '../support/confirmation-fixtures.js';
import { merchantWithKey, PUBLIC_URL, type Merchant } from '../support/merchant-api-fixtures.js';
import { manualClock, openTestWallet, serverUrl, type TestWallet } from '../support/test-database.js';
import { webhookReceiver } from '../support/webhook-receiver.js';
import { cny, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';

/** Needs a real server: PGlite has one connection, so nothing there can race. */
describe.skipIf(!serverUrl)('webhook deliverers racing on the PostgreSQL server', () => {
  let t: TestWallet;
  let clock: ManualClock;
  let payer: Person;
  const shops: Merchant[] = [];
  const secrets = new Map<string, string>();

  beforeAll(async () => {
    clock = manualClock();
    t = await openTestWallet({ clock, poolSize: 16 });
    payer = await enrolledPerson(t, clock, 'racepayer');
    await fund(t, payer.user, cny(10_000));
    for (const name of ['race_a', 'race_b', 'race_c']) shops.push(await merchantWithKey(t, clock, name));
  });
  afterAll(async () => {
    await t?.close();
  });

  async function payRequests(shop: Merchant, count: number) {
    for (let i = 0; i < count; i++) {
      const created = unwrap(
        await t.wallet.createApiRequest({ merchant: shop.user, key: freshKey('race'), amount: { decimal: '1.00', currency: 'CNY' }, expiresInSeconds: 600 }),
      );
      unwrap(await t.wallet.preparePayRequest({ key: freshKey('pay'), actor: await actor(t, payer), requestId: created.id }));
      unwrap(await confirmNow(t, clock, payer));
    }
  }

  it('two deliverers send every attempt once, and a slow endpoint does not hold up the others', async () => {
    const answered: string[] = [];
    const receivers = await Promise.all(
      shops.map((shop, i) => webhookReceiver({ secret: () => secrets.get(shop.user.id)!, now: () => clock.now(), delayMs: i === 0 ? 1_500 : 0, log: answered })),
    );
    for (const [i, shop] of shops.entries()) {
      unwrap(await t.wallet.prepareSetWebhook({ key: freshKey('hook'), actor: await actor(t, shop), url: receivers[i]!.url }));
      const set = unwrap(await confirmNow(t, clock, shop));
      if (set.effect.kind === 'webhook_set' && set.effect.secret) secrets.set(shop.user.id, set.effect.secret);
    }
    for (const shop of shops) await payRequests(shop, 4);
    const links = { publicUrl: PUBLIC_URL };
    const a = createWebhookDeliverer({ wallet: t.wallet, leases: { owner: 'process-a', ms: 30_000 }, links });
    const b = createWebhookDeliverer({ wallet: t.wallet, leases: { owner: 'process-b', ms: 30_000 }, links });
    // rounds of both processes at once until every event is delivered; the fast endpoints finish while the slow one is still answering
    for (let i = 0; i < 12 && receivers.some((r) => new Set(r.received.map((x) => x.eventId)).size < 4); i++) {
      await Promise.all([a.round(), b.round()]);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await Promise.all([a.settle(), b.settle()]);
    for (const receiver of receivers) {
      const ids = receiver.received.map((r) => r.eventId);
      expect(new Set(ids).size).toBe(4);
      expect(ids).toHaveLength(4);
      expect(receiver.received.every((r) => r.verified)).toBe(true);
    }
    // each fast endpoint was answered while the slow one still held its first event
    const firstSlow = answered.indexOf(receivers[0]!.received[0]!.eventId);
    for (const fast of receivers.slice(1)) expect(answered.indexOf(fast.received[0]!.eventId)).toBeLessThan(firstSlow);
    const attempts = await t.database.query<{ n: unknown }>(
      // one recorded attempt per event: none sent twice, none lost
      (await import('drizzle-orm')).sql`select count(*)::int as n from webhook_attempts`,
    );
    expect(Number(attempts[0]!.n)).toBe(12);
    await Promise.all(receivers.map((r) => r.close()));
  }, 60_000);
});
