import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { sql } from 'drizzle-orm';
import nock from 'nock';
import type { APIInteraction } from 'discord.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../bot/discord/discord-adapter.js';
import { discordRest } from '../../bot/discord/discord-rest.js';
import { discordPublicKey } from '../../bot/discord/discord-signature.js';
import { buildServer } from '../../bot/http/server.js';
import { createAdapterStore } from '../../db/adapter-store.js';
import { APP_ID, BOT_TOKEN, discordPerson, interceptDiscord, ping, slashCommand, type DiscordCapture } from '../support/discord-fixtures.js';
import { openTestWallet, type TestWallet } from '../support/test-database.js';

const alice = discordPerson('1100000000000000001', 'alice');

let t: TestWallet;
let capture: DiscordCapture;
let app: ReturnType<typeof buildServer>;
let privateKey: KeyObject;

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(async () => {
  capture = interceptDiscord();
  t = await openTestWallet();
  const keys = generateKeyPairSync('ed25519');
  privateKey = keys.privateKey;
  // the Developer Portal shows the raw 32-byte key as hex: the last 32 bytes of the SPKI form
  const publicHex = keys.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  const adapter = createDiscordAdapter({ wallet: t.wallet, store: createAdapterStore(t.database.db), rest: discordRest(BOT_TOKEN), applicationId: APP_ID, download: async () => Buffer.alloc(0) });
  app = buildServer({ discord: { adapter, publicKey: discordPublicKey(publicHex) } });
});
afterEach(async () => {
  await app.close();
  nock.cleanAll();
  await t.close();
});

function signed(body: string, key = privateKey, timestamp = String(Math.floor(Date.now() / 1000))) {
  return { 'content-type': 'application/json', 'x-signature-timestamp': timestamp, 'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), key).toString('hex') };
}

const post = (body: string, headers: Record<string, string>) => app.inject({ method: 'POST', url: '/discord/interactions', payload: body, headers });

describe('Discord HTTP interactions endpoint', () => {
  it('answers a signed PING with PONG', async () => {
    const body = JSON.stringify(ping());
    const response = await post(body, signed(body));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ type: 1 });
  });

  it('refuses unsigned, forged and altered requests with 401 and processes nothing', async () => {
    const body = JSON.stringify(slashCommand(alice, 'guild', 'start'));
    const stranger = generateKeyPairSync('ed25519').privateKey;
    const headers = signed(body);
    const attempts = [
      await post(body, { 'content-type': 'application/json' }),
      await post(body, signed(body, stranger)),
      await post(body.replace('alice', 'mallory'), headers),
      await post(body, { ...headers, 'x-signature-timestamp': String(Number(headers['x-signature-timestamp']) + 1) }),
      await post(body, { ...headers, 'x-signature-ed25519': 'zz' }),
      // correctly signed, but ten minutes old: a replay
      await post(body, signed(body, privateKey, String(Math.floor(Date.now() / 1000) - 600))),
    ];
    expect(attempts.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(capture.calls).toEqual([]);
    expect(await t.wallet.findUserByIdentity({ platform: 'discord', platformUserId: alice.id })).toBeUndefined();
  });

  it('answers a signed slash command in the HTTP response, once per interaction id', async () => {
    const interaction: APIInteraction = slashCommand(alice, 'guild', 'help');
    const body = JSON.stringify(interaction);
    const first = await post(body, signed(body));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(first.json().data.content).toContain('OKPay — your wallet in chat.');
    const again = await post(body, signed(body));
    expect(again.json().data.content).toContain('already handled');
    // the first answer travelled in the HTTP response, not through the callback route
    expect(capture.calls.filter((c) => c.path.endsWith('/callback'))).toEqual([]);
  });

  it('posts a request card in the HTTP answer and finds it even when Discord has not stored it yet', async () => {
    await t.wallet.register({ platform: 'discord', platformUserId: alice.id, username: 'alice' });
    nock.cleanAll();
    // the first read of the answer races Discord storing it
    nock('https://discord.com').get(/\/messages\/(@|%40)original$/).once().reply(404, { message: 'Unknown Message', code: 10008 });
    capture = interceptDiscord();
    const body = JSON.stringify(slashCommand(alice, 'guild', 'request', { amount: 30, currency: 'CNY' }));
    const response = await post(body, signed(body));
    expect(response.json()).toMatchObject({ type: 4, data: { content: expect.stringContaining('CN¥30.00') } });
    await expect.poll(() => capture.calls.find((c) => c.method === 'GET'), { timeout: 10_000 }).toBeDefined();
    const openCards = sql`select ref from platform_messages where platform = 'discord' and shown = 'open'`;
    await expect.poll(async () => (await t.database.query(openCards)).length, { timeout: 10_000 }).toBe(1);
  });

  it('tries a follow-up again when Discord does not know the interaction webhook yet, and delivers it once', async () => {
    nock.cleanAll();
    // the follow-up right after the inline answer races Discord registering the interaction's webhook
    nock('https://discord.com').post(new RegExp(`^/api/v10/webhooks/${APP_ID}/`)).once().reply(404, { message: 'Unknown Webhook', code: 10015 });
    capture = interceptDiscord();
    const body = JSON.stringify(slashCommand(alice, 'dm', 'start'));
    expect((await post(body, signed(body))).json()).toMatchObject({ type: 4 });
    const qr = () => capture.calls.filter((c) => c.files.includes('okpay-authenticator.png'));
    await expect.poll(() => qr().length, { timeout: 10_000 }).toBe(1);
    expect(qr()[0]!.path).toMatch(new RegExp(`^/webhooks/${APP_ID}/`));
  });

  it('sends files as a follow-up after answering the request itself', async () => {
    const body = JSON.stringify(slashCommand(alice, 'dm', 'start'));
    const response = await post(body, signed(body));
    expect(response.json()).toMatchObject({ type: 4 });
    expect(response.json().data.content).toContain('Welcome to OKPay, alice!');
    await expect.poll(() => capture.calls.find((c) => c.files.includes('okpay-authenticator.png')), { timeout: 10_000 }).toBeDefined();
  });
});
