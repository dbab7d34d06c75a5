import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, openTestWallet, type TestWallet } from '../support/test-database.js';
import { actor, confirmNow, enrolledPerson, expectError, type ManualClock, type Person } from '../support/confirmation-fixtures.js';
import { balanceOf, cny, expectCleanLedger, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';

const DAY = 24 * 3_600_000;
const YEAR = 365 * DAY;

/**
 * The wallet's clock alone decides: the same scenarios pass with that clock a year behind or a
 * year ahead of the database server's own date.
 */
describe.each([
  ['a year in the past', -YEAR],
  ['a year in the future', YEAR],
])('with the wallet clock %s', (_label, offset) => {
  let clock: ManualClock;
  let t: TestWallet;
  let shop: Person;
  let payer: Person;

  beforeAll(async () => {
    clock = manualClock(new Date(Date.now() + offset));
    t = await openTestWallet({ clock });
    shop = await enrolledPerson(t, clock, 'shop');
    payer = await enrolledPerson(t, clock, 'payer');
    await fund(t, payer.user, cny(5_000));
  });
  afterAll(async () => {
    await expectCleanLedger(t.wallet);
    await t.close();
  });

  async function send(to: Person, major: number) {
    const prepared = await t.wallet.prepareSend({ key: freshKey(), actor: await actor(t, payer), toUserId: to.user.id, amount: cny(major) });
    return prepared.ok ? confirmNow(t, clock, payer) : prepared;
  }

  it('a new request is open until its expiry, payable, and expired after it', async () => {
    const request = unwrap(await t.wallet.createRequest({ key: freshKey(), merchant: await actor(t, shop), amount: cny(3) }));
    expect(request.status).toBe('open');
    expect((await t.wallet.listOpenRequests(shop.user.id)).map((r) => r.id)).toContain(request.id);
    unwrap(await t.wallet.preparePayRequest({ key: freshKey(), actor: await actor(t, payer), requestId: request.id }));
    unwrap(await confirmNow(t, clock, payer));
    expect(unwrap(await t.wallet.getRequest(request.id)).status).toBe('paid');

    const later = unwrap(await t.wallet.createRequest({ key: freshKey(), merchant: await actor(t, shop), amount: cny(4), ttlMs: 60_000 }));
    unwrap(await t.wallet.preparePayRequest({ key: freshKey(), actor: await actor(t, payer), requestId: later.id }));
    clock.advance(61_000);
    expect(unwrap(await t.wallet.getRequest(later.id)).status).toBe('expired');
    expectError(await confirmNow(t, clock, payer), 'request.expired');
    expect(await t.wallet.listOpenRequests(shop.user.id)).toEqual([]);
  });

  it('an open request and a pending challenge block closing until they expire', async () => {
    const closer = await enrolledPerson(t, clock, 'closer');
    unwrap(await t.wallet.createRequest({ key: freshKey(), merchant: await actor(t, closer), amount: cny(1), ttlMs: 60_000 }));
    expectError(await t.wallet.prepareClose({ key: freshKey(), actor: await actor(t, closer) }), 'account.open_requests');
    clock.advance(61_000);

    const { code } = unwrap(await t.wallet.createLinkCode({ key: freshKey(), actor: await actor(t, closer) }));
    unwrap(await t.wallet.redeemLinkCode({ key: freshKey(), identity: { platform: 'telegram', platformUserId: '77' }, code }));
    expectError(await t.wallet.prepareClose({ key: freshKey(), actor: await actor(t, closer) }), 'account.open_challenges');
    clock.advance(5 * 60_000 + 1);

    unwrap(await t.wallet.prepareClose({ key: freshKey(), actor: await actor(t, closer) }));
    expect(unwrap(await confirmNow(t, clock, closer)).effect).toEqual({ kind: 'closed' });
  });

  it('the rolling daily limit counts the last 24 hours of the wallet clock', async () => {
    const friend = await enrolledPerson(t, clock, 'friend');
    clock.advance(DAY);
    for (let i = 0; i < 4; i++) unwrap(await send(friend, 500));
    expectError(await send(friend, 1), 'limit.daily');
    clock.advance(DAY);
    unwrap(await send(friend, 500));
    expect(await balanceOf(t.wallet, friend.user, 'CNY')).toBe(250_000n);
  });
});
