import nock from 'nock';
import type { APIInteraction } from 'discord.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter, respondByRest, type DiscordAdapter } from '../../bot/discord/discord-adapter.js';
import { discordRest } from '../../bot/discord/discord-rest.js';
import { codeAt } from '../../core/security/totp.js';
import { createAdapterStore } from '../../db/adapter-store.js';
import {
  APP_ID, BOT_TOKEN, botMessage, buttonPress, codeSubmit, discordPerson, interceptDiscord, slashCommand, SHOP_CHANNEL, type DiscordCall, type DiscordCapture, type DiscordPerson,
} from '../support/discord-fixtures.js';
import { manualClock, openTestWallet, type TestWallet } from '../support/test-database.js';
import { cny, expectCleanLedger, freshKey } from '../support/wallet-fixtures.js';
import { shownSecret } from '../support/confirmation-fixtures.js';

/**
 * A request card posted in a channel and settled from somewhere else (`/pay`, a copy of its
 * buttons): Discord wants the interaction answered within 3 seconds, so the answer goes first
 * and the card in the channel is edited after it.
 */
const clock = manualClock();
const alice = discordPerson('1100000000000000001', 'alice');
const bob = discordPerson('1100000000000000002', 'bob');

let t: TestWallet;
let capture: DiscordCapture;
let adapter: DiscordAdapter;

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(async () => {
  capture = interceptDiscord();
  t = await openTestWallet({ clock });
  adapter = createDiscordAdapter({ wallet: t.wallet, store: createAdapterStore(t.database.db), rest: discordRest(BOT_TOKEN), applicationId: APP_ID, download: async () => Buffer.alloc(0) });
});
afterEach(async () => {
  nock.cleanAll();
  await expectCleanLedger(t.wallet);
  await t.close();
});

async function deliver(ix: APIInteraction): Promise<DiscordCall[]> {
  const before = capture.calls.length;
  await adapter.interaction(ix, respondByRest(discordRest(BOT_TOKEN), ix));
  return capture.calls.slice(before);
}

async function enroll(p: DiscordPerson): Promise<string> {
  const qr = (await deliver(slashCommand(p, 'dm', 'start'))).find((c) => c.files.includes('okpay-authenticator.png'))!;
  const secret = shownSecret(String(qr.body.content));
  await deliver(codeSubmit(p, 'dm', codeAt(secret, clock.now())));
  clock.advance(30_000);
  return secret;
}

/** alice's card for 5 CNY, posted in the shop channel: its message id and button ids. */
async function postCard(): Promise<{ id: string; pay: string; cancel: string }> {
  const posted = await deliver(slashCommand(alice, 'guild', 'request', { amount: 5, currency: 'CNY' }));
  const [pay, cancel] = [...JSON.stringify(posted[0]!.body).matchAll(/"custom_id":"([^"]*)"/g)].map((m) => m[1]!);
  return { id: posted.find((c) => c.method === 'GET')!.response!.id!, pay: pay!, cancel: cancel! };
}

const order = (calls: DiscordCall[], cardId: string) =>
  calls.filter((c) => c.path.endsWith('/callback') || c.path === `/channels/${SHOP_CHANNEL}/messages/${cardId}`).map((c) => (c.path.endsWith('/callback') ? `answer:${c.body.type}` : `${c.method} card`));

describe('Discord cards settled away from the card', () => {
  it('answers a code submitted for /pay before it edits the card in the channel', async () => {
    await enroll(alice);
    const bobSecret = await enroll(bob);
    await t.moves.deposit({ key: freshKey(), userId: (await t.wallet.findUserByIdentity({ platform: 'discord', platformUserId: bob.id }))!.id, amount: cny(10) });
    const card = await postCard();
    expect(order(await deliver(slashCommand(bob, 'guild', 'pay', { reference: 'R1' })), card.id)).toEqual(['answer:9']);
    const paid = await deliver(codeSubmit(bob, 'guild', codeAt(bobSecret, clock.now())));
    expect(order(paid, card.id)).toEqual(['answer:4', 'PATCH card']);
    expect(String(paid.find((c) => c.method === 'PATCH')!.body.content)).toMatch(/paid/i);
  });

  it('acknowledges a Cancel pressed on another message before it edits the card', async () => {
    await enroll(alice);
    const card = await postCard();
    const elsewhere = botMessage('1400000000000099999', SHOP_CHANNEL, [card.pay, card.cancel]);
    const cancelled = await deliver(buttonPress(alice, 'guild', card.cancel, elsewhere));
    expect(order(cancelled, card.id)).toEqual(['answer:6', 'PATCH card']);
    expect(String(cancelled.find((c) => c.method === 'PATCH')!.body.content)).toMatch(/cancelled/i);
  });
});
