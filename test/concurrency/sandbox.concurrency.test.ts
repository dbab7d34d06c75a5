import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actor, enrolledPerson, type Person } from '../support/confirmation-fixtures.js';
import { manualClock } from '../support/manual-clock.js';
import { issuedKey, merchantWithKey, type Merchant } from '../support/merchant-api-fixtures.js';
import { openSecondProcess } from '../support/second-process.js';
import { openTestWallet, serverUrl, type TestWallet } from '../support/test-database.js';
import { balanceOf, cny, expectCleanLedger, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';

/** Two processes on one PostgreSQL database, both making twins and minting test money at once. */
describe.skipIf(!serverUrl)('the sandbox across processes', () => {
  const clock = manualClock();
  let t: TestWallet;
  let second: Awaited<ReturnType<typeof openSecondProcess>>;
  let shop: Merchant;
  let payer: Person;

  beforeAll(async () => {
    t = await openTestWallet({ poolSize: 8, clock });
    second = await openSecondProcess(t, { clock, poolSize: 8 });
    shop = await merchantWithKey(t, clock, 'shop');
    await issuedKey(t, clock, shop, 'test');
    payer = await enrolledPerson(t, clock, 'payer');
    await fund(t, payer.user, cny(10));
  });
  afterAll(async () => {
    await second?.close();
    await expectCleanLedger(t.wallet);
    await t?.close();
  });

  it('30 first uses at once in two processes make one twin', async () => {
    const stores = [t.store, second.store];
    const twins = await Promise.all(Array.from({ length: 30 }, (_, i) => stores[i % 2]!.sandbox.twinOf(payer.user.id)));
    expect(new Set(twins.map((twin) => twin.id)).size).toBe(1);
  });

  it('racing test payments mint test money, never real money, and leave the books exact', async () => {
    const merchantTwin = await t.store.sandbox.twinOf(shop.user.id);
    const wallets = [t.wallet, second.wallet];
    const requests = await Promise.all(
      Array.from({ length: 10 }, () => t.wallet.createRequest({ key: freshKey('req'), merchant: { user: merchantTwin }, amount: cny(200) })),
    );
    const prepared = await Promise.all(
      requests.map(async (request, i) => wallets[i % 2]!.preparePayRequest({ key: freshKey('pay'), actor: await actor(t, payer), requestId: unwrap(request).id })),
    );
    expect(prepared.filter((p) => !p.ok)).toEqual([]);
    const twin = await t.store.sandbox.twinOf(payer.user.id);
    expect(await balanceOf(t.wallet, twin, 'CNY')).toBeGreaterThanOrEqual(20_000n);
    expect(await balanceOf(t.wallet, payer.user, 'CNY')).toBe(1_000n);
    await expectCleanLedger(t.wallet);
  });
});
