import { Bot } from 'grammy';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { installTelegramHandlers } from '../../bot/telegram/telegram-adapter.js';
import { codeAt } from '../../core/security/totp.js';
import { createAdapterStore } from '../../db/adapter-store.js';
import { manualClock, openTestWallet, type TestWallet } from '../support/test-database.js';
import { API, botInfo, enrollOnTelegram, fieldOf, interceptTelegram, person, textUpdate, TOKEN, type Call } from '../support/telegram-fixtures.js';
import { cny, expectCleanLedger, freshKey } from '../support/wallet-fixtures.js';

const LEASE_MS = 60_000;
const clock = manualClock();
const alice = person(2001, 'alice');
const bob = person(2002, 'bob');

let t: TestWallet;
let calls: Call[];

/** One bot process on the shared database, with its own lease owner; `sendHangs` makes it die while answering. */
function botProcess(owner: string, sendHangs = false): Bot {
  const fetch: typeof globalThis.fetch = (url, init) => (sendHangs && String(url).endsWith('/sendMessage') ? new Promise(() => {}) : globalThis.fetch(url, init));
  const bot = new Bot(TOKEN, { botInfo, client: { fetch, apiRoot: API } });
  installTelegramHandlers(bot, { wallet: t.wallet, store: createAdapterStore(t.database.db), download: async () => Buffer.alloc(0), leases: { owner, ms: LEASE_MS } });
  return bot;
}

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(async () => {
  calls = interceptTelegram().calls;
  t = await openTestWallet({ clock });
});
afterEach(async () => {
  nock.cleanAll();
  await expectCleanLedger(t.wallet);
  await t.close();
});

describe('a Telegram update whose process died while answering it', () => {
  it('is answered by the process that gets the redelivery once the lease runs out: money moves once, the receipt is sent once', async () => {
    const survivor = botProcess('survivor');
    const aliceSecret = await enrollOnTelegram(survivor, calls, clock, alice, 1);
    await enrollOnTelegram(survivor, calls, clock, bob, 3);
    const aliceId = (await t.wallet.findUserByIdentity({ platform: 'telegram', platformUserId: '2001' }))!.id;
    await t.moves.deposit({ key: freshKey(), userId: aliceId, amount: cny(100) });
    await survivor.handleUpdate(textUpdate(10, alice, 'send 10 CNY to @bob'));

    // the code reaches a process that confirms it, then dies before its receipt gets out
    const code = textUpdate(11, alice, codeAt(aliceSecret, clock.now()));
    void botProcess('dies', true).handleUpdate(code);
    await expect.poll(async () => (await t.wallet.balances(aliceId))[0]!.minor).toBe(9000n);
    calls.length = 0;

    // Telegram redelivers it to the survivor: it waits while the lease may still be live …
    const redelivery = survivor.handleUpdate(code);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(calls.filter((c) => c.method === 'sendMessage')).toEqual([]);
    // … then takes the work over, and the keyed confirmation gives back the stored outcome
    clock.advance(LEASE_MS);
    await redelivery;
    const answers = calls.filter((c) => c.method === 'sendMessage' && fieldOf(c, 'chat_id') === '2001');
    expect(answers).toHaveLength(1);
    expect(fieldOf(answers[0]!, 'text')).toContain('Sent CN¥10.00 to @bob');
    expect((await t.wallet.balances(aliceId))[0]!.minor).toBe(9000n);

    // and a third delivery is a duplicate: nothing more is said
    calls.length = 0;
    await survivor.handleUpdate(code);
    expect(calls.filter((c) => c.method === 'sendMessage')).toEqual([]);
  });

  it('answers a follow-up answer whose process died after taking it, with the prompt it prepared, not with "I didn\'t get that"', async () => {
    const survivor = botProcess('survivor');
    await enrollOnTelegram(survivor, calls, clock, alice, 21);
    await enrollOnTelegram(survivor, calls, clock, bob, 23);
    const aliceId = (await t.wallet.findUserByIdentity({ platform: 'telegram', platformUserId: '2001' }))!.id;
    await t.moves.deposit({ key: freshKey(), userId: aliceId, amount: cny(100) });
    await survivor.handleUpdate(textUpdate(30, alice, 'send to @bob'));
    expect(fieldOf(calls.at(-1)!, 'text')).toContain('How much');

    // "5 CNY" reaches a process that takes it for the answer, prepares the send and dies
    const answer = textUpdate(31, alice, '5 CNY');
    void botProcess('dies', true).handleUpdate(answer);
    await expect.poll(async () => (await t.wallet.pendingChallenge({ platform: 'telegram', platformUserId: '2001' }))?.payload).toMatchObject({ currency: 'CNY', minor: '500' });
    calls.length = 0;
    const redelivery = survivor.handleUpdate(answer);
    clock.advance(LEASE_MS);
    await redelivery;
    const replies = calls.filter((c) => c.method === 'sendMessage' && fieldOf(c, 'chat_id') === '2001');
    expect(replies).toHaveLength(1);
    expect(fieldOf(replies[0]!, 'text')).toContain('CN¥5.00');
  });
});

