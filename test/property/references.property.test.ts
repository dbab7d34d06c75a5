import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intentOfCommand } from '../../bot/discord/discord-commands.js';
import type { Intent } from '../../bot/intents/intent.js';
import { parseMessage } from '../../bot/intents/parse.js';
import { idOf, requestRef, transferRef } from '../../bot/replies/refs.js';
import { manualClock, openTestWallet, type TestWallet } from '../support/test-database.js';
import { actor, enrolledPerson, type Person } from '../support/confirmation-fixtures.js';
import { cny, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';

const refOf = (intent: Intent) => ('ref' in intent ? intent.ref : undefined);

/** What each adapter's parser reads from a reference typed or chosen as printed. */
function transferReadings(ref: string): (string | undefined)[] {
  return [
    refOf(parseMessage(`/refund ${ref}`)),
    refOf(parseMessage(`/refund@OKPayBot ${ref} 1`)),
    refOf(parseMessage(`refund ${ref.toLowerCase()}`)),
    refOf(parseMessage(`退款 ${ref}`)),
    refOf(parseMessage(`/askrefund ${ref} wrong item`)),
    refOf(intentOfCommand('refund', { reference: ref }, {})),
    refOf(intentOfCommand('askrefund', { reference: ` ${ref.toLowerCase()} ` }, {})),
  ].map((read) => idOf(read, 'T'));
}

function requestReadings(ref: string): (string | undefined)[] {
  return [
    refOf(parseMessage(`/pay ${ref}`)),
    refOf(parseMessage(`pay ${ref}`)),
    refOf(parseMessage(`支付 ${ref}`)),
    refOf(intentOfCommand('pay', { reference: ref }, {})),
  ].map((read) => idOf(read, 'R'));
}

const anyId = fc.bigInt({ min: 1n, max: 10n ** 18n - 1n }).map(String);

describe('references the wallet prints', () => {
  it('parse back to the same id in the console, Telegram and Discord parsers', () => {
    fc.assert(
      fc.property(anyId, (id) => {
        for (const read of transferReadings(transferRef(id))) expect(read).toBe(id);
        for (const read of requestReadings(requestRef(id))) expect(read).toBe(id);
      }),
      { numRuns: 2_000 },
    );
  });

  it('are never read from words or from references with leading zeros', () => {
    for (const word of ['TB', 'TAA', 'TEA', 'T', 'R', 'T02', 'R0', 'T1e3', 'T-1']) {
      expect(idOf(word, 'T')).toBeUndefined();
      expect(idOf(word, 'R')).toBeUndefined();
    }
    expect(idOf('R5', 'T')).toBeUndefined();
  });
});

describe('references of real records', () => {
  const clock = manualClock();
  let t: TestWallet;
  let shop: Person;

  beforeAll(async () => {
    t = await openTestWallet({ clock });
    shop = await enrolledPerson(t, clock, 'shop');
  });
  afterAll(async () => {
    await t.close();
  });

  it('lead back to the transfer or request they were printed for', async () => {
    for (let i = 1; i <= 40; i++) {
      await fund(t, shop.user, cny(i));
      const request = unwrap(await t.wallet.createRequest({ key: freshKey(), merchant: await actor(t, shop), amount: cny(i) }));
      const [latest] = unwrap(await t.wallet.history({ userId: shop.user.id, limit: 1 })).items;
      for (const id of transferReadings(transferRef(latest!.transferId))) {
        expect((await t.wallet.getTransfer(shop.user.id, id!))?.amount).toEqual(cny(i));
      }
      for (const id of requestReadings(requestRef(request.id))) {
        expect(unwrap(await t.wallet.getRequest(id!)).amount).toEqual(cny(i));
      }
    }
  });
});
