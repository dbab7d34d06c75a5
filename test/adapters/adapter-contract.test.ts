import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { consoleDriver, discordDriver, telegramDriver, type ChatDriver, type DriverFactory } from '../support/chat-drivers.js';
import { manualClock, openTestWallet, type TestWallet } from '../support/test-database.js';
import { cny, expectCleanLedger, freshKey } from '../support/wallet-fixtures.js';

/**
 * The same scenarios against every chat adapter: whatever the platform, a payment needs its
 * owner's code, a request card is paid by someone else and says so, and an alert's Freeze button
 * freezes the wallet.
 */
const adapters: [string, DriverFactory][] = [
  ['console', consoleDriver],
  ['Telegram', telegramDriver],
  ['Discord', discordDriver],
];

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());

describe.each(adapters)('%s adapter contract', (_name, driverFor) => {
  const clock = manualClock();
  let t: TestWallet;
  let chat: ChatDriver;

  beforeEach(async () => {
    t = await openTestWallet({ clock });
    chat = driverFor(t, clock);
  });
  afterEach(async () => {
    nock.cleanAll();
    await expectCleanLedger(t.wallet);
    await t.close();
  });

  const balance = async (userId: string) => (await t.wallet.balances(userId)).find((m) => m.currency === 'CNY')?.minor ?? 0n;

  it('moves money only after the sender confirms with their code', async () => {
    const alice = await chat.enrolled('alice');
    const bob = await chat.enrolled('bob');
    await t.moves.deposit({ key: freshKey(), userId: alice, amount: cny(100) });
    await chat.send('alice', 'bob', '10');
    expect(await balance(bob)).toBe(0n);
    await chat.enterCode('alice');
    expect([await balance(alice), await balance(bob)]).toEqual([9_000n, 1_000n]);
  });

  it('lets another member pay a request card, and the card shows it paid', async () => {
    const alice = await chat.enrolled('alice');
    const bob = await chat.enrolled('bob');
    await t.moves.deposit({ key: freshKey(), userId: bob, amount: cny(50) });
    await chat.request('alice', '30', 'coffee');
    expect(chat.cardText()).toContain('CN¥30.00');
    await chat.payCard('bob');
    await chat.enterCode('bob');
    expect([await balance(alice), await balance(bob)]).toEqual([3_000n, 2_000n]);
    expect(chat.cardText()).toMatch(/paid/i);
  });

  it('tells one person’s money to them alone, even when they ask in the group', async () => {
    const alice = await chat.enrolled('alice');
    await chat.enrolled('bob');
    await t.moves.deposit({ key: freshKey(), userId: alice, amount: cny(12) });
    await chat.askInGroup('alice', 'balance');
    await chat.askInGroup('alice', 'history');
    await chat.askInGroup('alice', 'statement');
    await chat.sendInGroup('alice', 'bob', '50');
    for (const shown of ['CN¥12.00', 'Recent payments', 'statement', 'Not enough money']) {
      expect(chat.privateText('alice')).toContain(shown);
      expect(chat.groupText()).not.toContain(shown);
    }
  });

  it('answers a Pay pressed on a card in the group privately', async () => {
    await chat.enrolled('alice');
    await chat.enrolled('bob');
    await chat.request('alice', '30', 'coffee');
    const group = chat.groupText();
    await chat.payCard('bob');
    expect(chat.groupText()).toBe(group);
    expect(chat.privateText('bob')).toContain('Pay CN¥30.00 to @alice');
  });

  it('freezes the wallet from the Freeze button on a payment alert', async () => {
    const alice = await chat.enrolled('alice');
    await chat.enrolled('bob');
    await t.moves.deposit({ key: freshKey(), userId: alice, amount: cny(20) });
    await chat.send('alice', 'bob', '5');
    await chat.enterCode('alice');
    await chat.freezeFromAlert('alice');
    expect((await t.wallet.getUser(alice))?.status).toBe('frozen');
    // a frozen wallet is refused before any code is asked for
    await chat.send('alice', 'bob', '1');
    expect(await balance(alice)).toBe(1_500n);
  });
});
