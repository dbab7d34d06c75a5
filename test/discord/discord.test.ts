import { createHash } from 'node:crypto';
import nock from 'nock';
import { Client, Events, type APIInteraction } from 'discord.js';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { discordCommands, registerCommands } from '../../bot/discord/discord-commands.js';
import { createDiscordAdapter, respondByRest, type DiscordAdapter } from '../../bot/discord/discord-adapter.js';
import { deliverDiscordNotices, refreshExpiredDiscordCards } from '../support/platform-rounds.js';
import { discordRest, REST_OPTIONS } from '../../bot/discord/discord-rest.js';
import { connectGateway } from '../../bot/discord/start-discord.js';
import { codeAt } from '../../core/security/totp.js';
import type { Wallet } from '../../core/wallet.js';
import { createAdapterStore } from '../../db/adapter-store.js';
import {
  APP_ID, BOT_TOKEN, GUILD_ID, botMessage, buttonPress, codeSubmit, directMessage, discordPerson, dmChannelId, interceptDiscord,
  slashCommand, SHOP_CHANNEL, type DiscordCall, type DiscordCapture, type DiscordPerson, type Place,
} from '../support/discord-fixtures.js';
import { manualClock, openTestWallet, type TestWallet } from '../support/test-database.js';
import { cny, expectCleanLedger, freshKey, pendingNotices } from '../support/wallet-fixtures.js';
import { shownSecret } from '../support/confirmation-fixtures.js';

const clock = manualClock();
const alice = discordPerson('1100000000000000001', 'alice');
const bob = discordPerson('1100000000000000002', 'bob.builder');
const carol = discordPerson('1100000000000000003', 'carol');
const wei = discordPerson('1100000000000000004', 'wei', 'zh-CN');

let t: TestWallet;
let capture: DiscordCapture;
let adapter: DiscordAdapter;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Wallet calls that read no storage (the clock, the operator list), which a slow database does not slow. */
const IN_MEMORY = new Set<keyof Wallet>(['now', 'isOperator']);

/** The wallet as a slow database would serve it: every storage call waits a little first. */
function slowed(wallet: Wallet, ms: number): Wallet {
  return new Proxy(wallet, {
    get: (target, name) => {
      const value = target[name as keyof Wallet];
      if (IN_MEMORY.has(name as keyof Wallet)) return value;
      return typeof value === 'function' ? async (...args: unknown[]) => (await sleep(ms), (value as (...a: unknown[]) => unknown).apply(target, args)) : value;
    },
  });
}

function makeAdapter(budgetMs = 2_000, downloadDelayMs = 0, walletDelayMs = 0): DiscordAdapter {
  return createDiscordAdapter({
    wallet: walletDelayMs ? slowed(t.wallet, walletDelayMs) : t.wallet,
    store: createAdapterStore(t.database.db),
    rest: discordRest(BOT_TOKEN),
    applicationId: APP_ID,
    download: async (url) => {
      await sleep(downloadDelayMs);
      return Buffer.from(await (await fetch(url)).arrayBuffer());
    },
    budgetMs,
  });
}

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(async () => {
  capture = interceptDiscord();
  nock('https://cdn.discordapp.com').persist().get(/.*/).reply(200, 'passport scan');
  t = await openTestWallet({ clock });
  adapter = makeAdapter();
});
afterEach(async () => {
  nock.cleanAll();
  await expectCleanLedger(t.wallet);
  await t.close();
});

/** Delivers an interaction the way the gateway does: the first answer goes to the callback route. */
async function deliver(ix: APIInteraction): Promise<DiscordCall[]> {
  const before = capture.calls.length;
  await adapter.interaction(ix, respondByRest(discordRest(BOT_TOKEN), ix));
  const made = capture.calls.slice(before);
  for (const call of made) for (const id of customIds(call)) expect(id.length).toBeLessThanOrEqual(100);
  return made;
}

function customIds(call: DiscordCall): string[] {
  return [...JSON.stringify(call.body).matchAll(/"custom_id":"([^"]*)"/g)].map((m) => m[1]!);
}

const callback = (calls: DiscordCall[]) => calls.find((c) => c.path.endsWith('/callback'))!.body as { type: number; data: Record<string, unknown> };
const contentOf = (call: DiscordCall | undefined) => String((call?.body.data as Record<string, unknown> | undefined)?.content ?? call?.body.content ?? '');
const walletOf = async (p: DiscordPerson) => (await t.wallet.findUserByIdentity({ platform: 'discord', platformUserId: p.id }))!;

/** /start, then the code form with the first code: an active authenticator, as a person does it. */
async function enroll(p: DiscordPerson, place: Place = 'dm'): Promise<string> {
  const calls = await deliver(slashCommand(p, place, 'start'));
  const qr = calls.find((c) => c.files.includes('okpay-authenticator.png'))!;
  const secret = shownSecret(String(qr.body.content));
  await deliver(codeSubmit(p, place, codeAt(secret, clock.now())));
  clock.advance(30_000);
  return secret;
}

describe('Discord slash commands', () => {
  it('greets in the interaction locale, sends the QR as an image attachment, and finishes enrollment through the code form', async () => {
    const calls = await deliver(slashCommand(wei, 'dm', 'start'));
    expect(callback(calls).type).toBe(4);
    expect(String(callback(calls).data.content)).toContain('欢迎使用 OKPay，wei！');
    const qr = calls.find((c) => c.files.includes('okpay-authenticator.png'))!;
    expect(qr.path).toMatch(new RegExp(`^/webhooks/${APP_ID}/aW50`));
    // Discord opens no otpauth:// link: the key is shown in groups of four to copy into the app
    expect(String(qr.body.content)).not.toContain('otpauth://');
    expect(String(qr.body.content)).toMatch(/设置密钥.*\n[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/);
    expect(customIds(qr)).toEqual(['code']);

    const form = callback(await deliver(buttonPress(wei, 'dm', 'code')));
    expect(form.type).toBe(9);
    expect(form.data.custom_id).toBe('confirm');
    const secret = shownSecret(String(qr.body.content));
    const done = await deliver(codeSubmit(wei, 'dm', codeAt(secret, clock.now())));
    expect(String(callback(done).data.content)).toContain('恢复码');
    expect((await walletOf(wei)).locale).toBe('zh-CN');
  });

  it('asks for the code in a private form and pays once, however often the same submission arrives', async () => {
    const aliceSecret = await enroll(alice);
    await enroll(bob);
    await t.moves.deposit({ key: freshKey(), userId: (await walletOf(alice)).id, amount: cny(100) });

    const send = await deliver(slashCommand(alice, 'guild', 'send', { to: { user: bob }, amount: 12.5, currency: 'CNY', memo: 'lunch' }));
    expect(send).toHaveLength(1);
    const form = callback(send);
    expect(form.type).toBe(9);
    expect(JSON.stringify(form.data)).toContain('CN¥12.50 to @bob.builder');
    expect(JSON.stringify(form.data)).toContain('lunch');

    const submit = codeSubmit(alice, 'guild', codeAt(aliceSecret, clock.now()));
    const paid = await deliver(submit);
    expect(callback(paid).data.flags).toBe(64);
    expect(String(callback(paid).data.content)).toMatch(/Sent CN¥12\.50 to @bob\.builder/);
    // nothing about the payment is posted in the channel
    expect(paid.filter((c) => c.path.startsWith('/channels/'))).toEqual([]);

    const again = await deliver(submit);
    expect(String(callback(again).data.content)).toContain('already handled');
    expect((await t.wallet.balances((await walletOf(alice)).id))[0]!.minor).toBe(8_750n);
    expect((await t.wallet.balances((await walletOf(bob)).id))[0]!.minor).toBe(1_250n);
  });

  it('refuses a member without a wallet, and keeps a wrong code from moving money while offering the form again', async () => {
    await enroll(alice);
    await t.moves.deposit({ key: freshKey(), userId: (await walletOf(alice)).id, amount: cny(10) });
    const unknown = callback(await deliver(slashCommand(alice, 'guild', 'send', { to: { user: carol }, amount: 1 })));
    expect(unknown).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(String(unknown.data.content)).toContain("I don't know that person yet");

    await enroll(carol);
    expect(callback(await deliver(slashCommand(alice, 'guild', 'send', { to: { user: carol }, amount: 1 }))).type).toBe(9);
    const wrong = callback(await deliver(codeSubmit(alice, 'guild', '000000')));
    expect(String(wrong.data.content)).toMatch(/code/i);
    expect(JSON.stringify(wrong.data.components)).toContain('"custom_id":"code"');
    expect((await t.wallet.balances((await walletOf(alice)).id))[0]!.minor).toBe(1_000n);
  });

  it('posts a public request card; another member pays through the form and the card shows it paid', async () => {
    await enroll(alice);
    const bobSecret = await enroll(bob);
    await t.moves.deposit({ key: freshKey(), userId: (await walletOf(bob)).id, amount: cny(50) });

    const posted = await deliver(slashCommand(alice, 'guild', 'request', { amount: 30, currency: 'CNY', memo: 'coffee' }));
    const card = callback(posted);
    expect(card.type).toBe(4);
    expect(card.data.flags).toBeUndefined();
    expect(String(card.data.content)).toContain('@alice requests CN¥30.00 for “coffee”');
    const [pay, cancel] = customIds(posted[0]!);
    expect([pay, cancel]).toEqual([expect.stringMatching(/^pay:\d+$/), expect.stringMatching(/^cancelreq:\d+$/)]);
    const original = posted.find((c) => c.method === 'GET' && /(@|%40)original$/.test(c.path))!;
    const cardId = original.response!.id!;

    const cardMessage = botMessage(cardId, SHOP_CHANNEL, [pay!, cancel!]);
    const form = callback(await deliver(buttonPress(bob, 'guild', pay!, cardMessage)));
    expect(form.type).toBe(9);
    const paid = await deliver(codeSubmit(bob, 'guild', codeAt(bobSecret, clock.now()), cardMessage));
    // the form came from the card: the answer replaces the card, the receipt follows privately
    const edit = callback(paid);
    expect(edit.type).toBe(7);
    expect(String(edit.data.content)).toMatch(/paid/i);
    expect(edit.data.components).toEqual([]);
    const receipt = paid.find((c) => c.method === 'POST' && c.path.startsWith('/webhooks/'))!;
    expect(receipt.body).toMatchObject({ flags: 64, content: expect.stringMatching(/Paid CN¥30\.00|Sent CN¥30\.00/) });
    expect((await t.wallet.balances((await walletOf(alice)).id))[0]!.minor).toBe(3_000n);
  });

  it('lets only the addressed member pay a request, and updates a cancelled card in place', async () => {
    await enroll(alice);
    await enroll(bob);
    await enroll(carol);
    const posted = await deliver(slashCommand(alice, 'guild', 'request', { amount: 5, payer: { user: bob } }));
    const [pay, cancel] = customIds(posted[0]!);
    const cardId = posted.find((c) => c.method === 'GET')!.response!.id!;
    const cardMessage = botMessage(cardId, SHOP_CHANNEL, [pay!, cancel!]);
    const refused = callback(await deliver(buttonPress(carol, 'guild', pay!, cardMessage)));
    expect(refused).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(String(refused.data.content)).toMatch(/for someone else|not for you|addressed/i);

    const cancelled = callback(await deliver(buttonPress(alice, 'guild', cancel!, cardMessage)));
    expect(cancelled.type).toBe(7);
    expect(String(cancelled.data.content)).toMatch(/cancelled/i);
    expect(cancelled.data.components).toEqual([]);
  });

  it('keeps a card from elsewhere private when it is paid here, and posts a slow /request after a private note', async () => {
    await enroll(alice);
    const bobSecret = await enroll(bob);
    await t.moves.deposit({ key: freshKey(), userId: (await walletOf(bob)).id, amount: cny(10) });
    const created = await t.wallet.createRequest({ key: freshKey(), merchant: { user: await walletOf(alice), identity: { platform: 'discord', platformUserId: alice.id } }, amount: cny(4) });
    if (!created.ok) throw new Error(created.error.code);
    expect(callback(await deliver(slashCommand(bob, 'guild', 'pay', { reference: 'R1' }))).type).toBe(9);
    const paid = await deliver(codeSubmit(bob, 'guild', codeAt(bobSecret, clock.now())));
    const seen = [callback(paid).data, ...paid.filter((c) => c.path.startsWith('/webhooks/')).map((c) => c.body)];
    expect(seen.every((m) => m.flags === 64)).toBe(true);
    expect(paid.filter((c) => c.path.startsWith('/channels/'))).toEqual([]);

    adapter = makeAdapter(20, 0, 30);
    const slow = await deliver(slashCommand(alice, 'guild', 'request', { amount: 2, memo: 'tea' }));
    expect(callback(slow)).toEqual({ type: 5, data: { flags: 64 } });
    const note = slow.find((c) => c.method === 'PATCH')!;
    expect(contentOf(note)).toContain('Posted in the channel');
    const card = slow.find((c) => c.method === 'POST' && c.path.startsWith('/webhooks/'))!;
    expect(card.body.flags).toBeUndefined();
    expect(String(card.body.content)).toContain('CN¥2.00');
    expect(slow.some((c) => c.method === 'DELETE')).toBe(false);
  });

  it('refuses an oversized document before downloading it', async () => {
    await enroll(alice);
    const ix = slashCommand(alice, 'guild', 'verify', { document: 'passport', name: 'Alice L', file: { attachment: { filename: 'huge.tif', url: 'https://cdn.discordapp.com/attachments/1/2/huge.tif' } } }) as APIInteraction & { data: { resolved: { attachments: Record<string, { size: number }> } } };
    for (const attachment of Object.values(ix.data.resolved.attachments)) attachment.size = 50 * 1024 * 1024;
    expect(String(callback(await deliver(ix)).data.content)).toContain('over 10 MB');
    expect(await t.store.verification.listPending(5)).toEqual([]);
  });

  it('stores the attachment id, URL and SHA-256 of a verification document', async () => {
    await enroll(alice);
    const url = 'https://cdn.discordapp.com/ephemeral-attachments/1/2/passport.jpg?ex=6720&is=671f&hm=abc';
    const calls = await deliver(slashCommand(alice, 'guild', 'verify', { document: 'passport', name: 'Alice Liddell', file: { attachment: { filename: 'passport.jpg', url } } }));
    expect(String(callback(calls).data.content)).toContain('waiting for review');
    const [pending] = await t.store.verification.listPending(5);
    expect(pending).toMatchObject({ documentType: 'passport', fullName: 'Alice Liddell' });
    expect(pending!.fileRef).toMatch(/^discord:\d+:https:\/\/cdn\.discordapp\.com\/ephemeral-attachments\/1\/2\/passport\.jpg$/);
    expect(pending!.fileSha256).toBe(createHash('sha256').update('passport scan').digest('hex'));
  });

  it('sends the statement as a CSV attachment after a deferral, and defers work slower than its budget', async () => {
    await enroll(alice);
    await t.moves.deposit({ key: freshKey(), userId: (await walletOf(alice)).id, amount: cny(7) });
    const statement = await deliver(slashCommand(alice, 'guild', 'statement'));
    expect(callback(statement)).toEqual({ type: 5, data: { flags: 64 } });
    const file = statement.find((c) => c.method === 'PATCH' && /(@|%40)original$/.test(c.path))!;
    expect(file.files).toEqual([expect.stringMatching(/\.csv$/)]);

    // a document that takes longer to fetch than the budget: "thinking…" first, the answer later
    adapter = makeAdapter(50, 300);
    const url = 'https://cdn.discordapp.com/attachments/1/2/id.jpg';
    const slow = await deliver(slashCommand(alice, 'guild', 'verify', { document: 'id_card', name: 'Alice L', file: { attachment: { filename: 'id.jpg', url } } }));
    expect(callback(slow)).toEqual({ type: 5, data: { flags: 64 } });
    expect(contentOf(slow.find((c) => c.method === 'PATCH'))).toContain('waiting for review');
  });
});

describe('Discord direct messages and alerts', () => {
  it('reads free text in both languages, with mentions, and confirms with a bare code', async () => {
    const aliceSecret = await enroll(alice);
    await enroll(bob);
    await t.moves.deposit({ key: freshKey(), userId: (await walletOf(alice)).id, amount: cny(20) });
    await adapter.message(directMessage(alice, `给 <@${bob.id}> 转 5 元`, [bob]));
    const prompt = capture.calls.at(-1)!;
    expect(prompt.path).toBe(`/channels/${dmChannelId(alice)}/messages`);
    // written in Chinese, so asked in Chinese; the code holds no language, so the receipt is Chinese too
    expect(String(prompt.body.content)).toContain('向 @bob.builder 转账 ¥5.00？');
    expect(customIds(prompt)).toEqual(['code']);

    const code = directMessage(alice, codeAt(aliceSecret, clock.now()));
    await adapter.message(code);
    await adapter.message(code);
    expect(String(capture.calls.at(-1)!.body.content)).toContain('已向 @bob.builder 转账 ¥5.00');
    expect((await t.wallet.balances((await walletOf(bob)).id))[0]!.minor).toBe(500n);
    await adapter.message(directMessage(alice, "what's my balance"));
    expect(String(capture.calls.at(-1)!.body.content)).toContain('CN¥15.00');
    // someone without a wallet is not guessed from a handle
    await adapter.message(directMessage(alice, `send 1 to <@${carol.id}>`, [carol]));
    expect(String(capture.calls.at(-1)!.body.content)).toContain("I don't know that person yet");
  });

  it('answers a direct message whose process died while answering it, once its lease ran out: money moves once, one receipt', async () => {
    const aliceSecret = await enroll(alice);
    await enroll(bob);
    await t.moves.deposit({ key: freshKey(), userId: (await walletOf(alice)).id, amount: cny(20) });
    const leases = (owner: string) => ({ owner, ms: 60_000 });
    const survivor = createDiscordAdapter({ wallet: t.wallet, store: createAdapterStore(t.database.db), rest: discordRest(BOT_TOKEN), applicationId: APP_ID, download: async () => Buffer.alloc(0), leases: leases('survivor') });
    await survivor.message(directMessage(alice, `send 5 to <@${bob.id}>`, [bob]));

    // the code reaches a process that confirms it and dies before its receipt is posted
    const hangingRest = new Proxy(discordRest(BOT_TOKEN), { get: (rest, name) => (name === 'post' ? () => new Promise(() => {}) : Reflect.get(rest, name)) });
    const dying = createDiscordAdapter({ wallet: t.wallet, store: createAdapterStore(t.database.db), rest: hangingRest, applicationId: APP_ID, download: async () => Buffer.alloc(0), leases: leases('dies') });
    const code = directMessage(alice, codeAt(aliceSecret, clock.now()));
    void dying.message(code);
    await expect.poll(async () => (await t.wallet.balances((await walletOf(bob)).id))[0]?.minor).toBe(500n);

    // the gateway replays the event to the survivor, which takes over once the lease has run out
    const before = capture.calls.length;
    const replayed = survivor.message(code);
    await sleep(300);
    expect(capture.calls.length).toBe(before);
    clock.advance(60_000);
    await replayed;
    const receipts = capture.calls.slice(before).filter((c) => c.path === `/channels/${dmChannelId(alice)}/messages`);
    expect(receipts.map((c) => String(c.body.content))).toEqual([expect.stringMatching(/Sent CN¥5\.00 to @bob\.builder/)]);
    expect((await t.wallet.balances((await walletOf(bob)).id))[0]!.minor).toBe(500n);
  });

  it('sends alerts by DM with a Freeze button that freezes the wallet, and records closed DMs without crashing', async () => {
    await enroll(alice);
    await enroll(bob);
    const deps = { wallet: t.wallet, store: createAdapterStore(t.database.db), rest: discordRest(BOT_TOKEN) };
    capture.dmsClosed.add(bob.id);
    // money taken out from elsewhere (an operator's withdrawal) is news in alice's DM
    const aliceWallet = await walletOf(alice);
    await t.moves.deposit({ key: freshKey(), userId: aliceWallet.id, amount: cny(5) });
    await t.moves.withdraw({ key: freshKey(), userId: aliceWallet.id, amount: cny(2) });
    await t.moves.deposit({ key: freshKey(), userId: (await walletOf(bob)).id, amount: cny(1) });
    const before = capture.calls.length;
    await deliverDiscordNotices(deps);
    const toAlice = capture.calls.slice(before).filter((c) => c.path === `/channels/${dmChannelId(alice)}/messages`);
    // she set up her authenticator in this DM and was answered there: no alert repeats it
    expect(toAlice.map((c) => String(c.body.content)).join('\n')).not.toContain('An authenticator was set up');
    const alert = toAlice.find((c) => String(c.body.content).includes('was withdrawn from your wallet'))!;
    expect(customIds(alert)).toEqual(['freeze']);
    expect(await pendingNotices(t.wallet, 'discord', 10)).toEqual([]);
    expect(capture.calls.slice(before).some((c) => c.path === `/channels/${dmChannelId(bob)}/messages`)).toBe(true);
    const failed = await t.database.query<{ detail: string }>(sql`select detail from notification_deliveries where platform = 'discord' and status = 'failed'`);
    expect(failed.map((f) => f.detail)).toContain('direct messages closed');

    const frozen = callback(await deliver(buttonPress(alice, 'dm', 'freeze')));
    expect(String(frozen.data.content)).toMatch(/frozen/i);
    expect((await walletOf(alice)).status).toBe('frozen');
  });

  it('still alerts the Discord DM about a payment confirmed in a server, whose ephemeral receipt passes, and not about one confirmed in the DM', async () => {
    const aliceSecret = await enroll(alice);
    await enroll(bob);
    const aliceWallet = await walletOf(alice);
    await t.moves.deposit({ key: freshKey(), userId: aliceWallet.id, amount: cny(20) });
    const sentKinds = async () => (await pendingNotices(t.wallet, 'discord', 50)).filter((n) => n.userId === aliceWallet.id && n.notice.kind === 'send.sent');
    for (const place of ['guild', 'dm'] as const) {
      await deliver(slashCommand(alice, place, 'send', { to: { user: bob }, amount: 2, currency: 'CNY' }));
      clock.advance(30_000);
      await deliver(codeSubmit(alice, place, codeAt(aliceSecret, clock.now())));
    }
    expect((await sentKinds()).map((n) => n.notice.kind)).toEqual(['send.sent']);
  });

  it('alerts a wallet linked to Telegram and Discord on both platforms, except where the person acted', async () => {
    await enroll(alice);
    const aliceWallet = await walletOf(alice);
    const link = await t.wallet.createLinkCode({ key: freshKey(), actor: { user: aliceWallet, identity: { platform: 'discord', platformUserId: alice.id } } });
    if (!link.ok) throw new Error(link.error.code);
    const redeemed = await t.wallet.redeemLinkCode({ key: freshKey(), identity: { platform: 'telegram', platformUserId: '5001' }, code: link.value.code });
    expect(redeemed.ok).toBe(true);
    // the new identity confirms the link with the wallet owner's code
    const secretCall = capture.calls.find((c) => c.files.includes('okpay-authenticator.png'))!;
    const secret = shownSecret(String(secretCall.body.content));
    const confirmed = await t.wallet.confirm({ key: freshKey(), identity: { platform: 'telegram', platformUserId: '5001' }, code: codeAt(secret, clock.now()), label: 'alice' });
    expect(confirmed.ok).toBe(true);
    await t.moves.deposit({ key: freshKey(), userId: aliceWallet.id, amount: cny(3) });
    const telegramSide = await pendingNotices(t.wallet, 'telegram', 50);
    const discordSide = await pendingNotices(t.wallet, 'discord', 50);
    const kinds = (side: typeof telegramSide) => side.map((n) => n.notice.kind);
    // the deposit is news everywhere; the link, confirmed on Telegram, is an alert on Discord only;
    // the authenticator, set up in the Discord DM, is an alert on Telegram only
    expect(kinds(telegramSide)).toEqual(['security.authenticator_enabled', 'deposit.received']);
    expect(kinds(discordSide)).toEqual(['security.identity_linked', 'deposit.received']);
  });
});

describe('Discord cards, gateway and commands', () => {
  it('edits a card whose request expired', async () => {
    await enroll(alice);
    await deliver(slashCommand(alice, 'guild', 'request', { amount: 2 }));
    clock.advance(8 * 24 * 3600_000);
    const before = capture.calls.length;
    await refreshExpiredDiscordCards({ wallet: t.wallet, store: createAdapterStore(t.database.db), rest: discordRest(BOT_TOKEN) });
    const edit = capture.calls.slice(before).find((c) => c.method === 'PATCH')!;
    expect(String(edit.body.content)).toMatch(/expired/i);
    const again = capture.calls.length;
    await refreshExpiredDiscordCards({ wallet: t.wallet, store: createAdapterStore(t.database.db), rest: discordRest(BOT_TOKEN) });
    expect(capture.calls.length).toBe(again);
  });

  it('hands gateway interactions to the adapter and answers through the callback route', async () => {
    const client = new Client({ intents: [], rest: REST_OPTIONS });
    client.rest.setToken(BOT_TOKEN);
    connectGateway(client, adapter);
    const ix = slashCommand(alice, 'guild', 'help');
    client.emit(Events.Raw, { op: 0, s: 7, t: 'INTERACTION_CREATE', d: ix });
    await expect.poll(() => capture.calls.find((c) => c.path === `/interactions/${ix.id}/${ix.token}/callback`), { timeout: 10_000 }).toBeDefined();
    expect(String(callback(capture.calls).data.content)).toContain('OKPay — your wallet in chat.');
    await client.destroy();
  });

  it('registers every slash command with typed options and zh-CN names and descriptions', async () => {
    const commands = discordCommands();
    for (const command of commands) {
      expect(command.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(command.name_localizations?.['zh-CN']).toMatch(/^[-_\p{L}\p{N}]{1,32}$/u);
      expect(command.description.length).toBeLessThanOrEqual(100);
      expect(command.description_localizations?.['zh-CN']).toBeTruthy();
      const options = (command.options ?? []) as { required?: boolean; name: string; name_localizations?: Record<string, string>; description: string }[];
      const firstOptional = options.findIndex((o) => !o.required);
      expect(options.slice(Math.max(firstOptional, 0)).every((o) => firstOptional === -1 || !o.required)).toBe(true);
      for (const option of options) {
        expect(option.name).toMatch(/^[-_a-z0-9]{1,32}$/);
        expect(option.name_localizations?.['zh-CN']).toMatch(/^[-_\p{L}\p{N}]{1,32}$/u);
      }
    }
    expect(await registerCommands(discordRest(BOT_TOKEN), APP_ID, GUILD_ID)).toBe(commands.length);
    const put = capture.calls.find((c) => c.method === 'PUT')!;
    expect(put.path).toBe(`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    const send = commands.find((c) => c.name === 'send')!;
    expect(send.options!.map((o) => [o.name, o.type])).toEqual([['to', 6], ['amount', 10], ['currency', 3], ['memo', 3]]);
    expect(send.name_localizations!['zh-CN']).toBe('转账');
    // permissions do not apply in DMs: operator commands exist only in servers, for administrators
    const registered = put.body as unknown as { name: string; contexts?: number[]; default_member_permissions?: string }[];
    const operators = registered.filter((c) => ['deposit', 'withdraw', 'approve', 'reject', 'freezeuser'].includes(c.name));
    expect(operators.map((c) => [c.name, c.contexts, c.default_member_permissions])).toEqual(
      ['deposit', 'withdraw', 'approve', 'reject', 'freezeuser'].map((name) => [name, [0], '8']),
    );
    expect(registered.find((c) => c.name === 'balance')!.contexts).toBeUndefined();
  });
});
