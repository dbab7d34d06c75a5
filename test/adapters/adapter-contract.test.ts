import { sql } from 'drizzle-orm';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { consoleDriver, discordDriver, telegramDriver, type ChatDriver, type DriverFactory } from '../support/chat-drivers.js';
import { manualClock, openTestWallet, type TestWallet } from '../support/test-database.js';
import { capturedLogger } from '../delivery/fake-delivery.js';
import { cny, expectCleanLedger, freshKey, pendingNotices } from '../support/wallet-fixtures.js';

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
  let log: ReturnType<typeof capturedLogger>;

  beforeEach(async () => {
    t = await openTestWallet({ clock });
    log = capturedLogger();
    chat = driverFor(t, clock, log.logger);
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

  it('completes a command with a follow-up answer: “How much?” → 10 → code → money moved', async () => {
    const alice = await chat.enrolled('alice');
    const bob = await chat.enrolled('bob');
    await t.moves.deposit({ key: freshKey(), userId: alice, amount: cny(100) });
    await chat.write('alice', 'send to @bob');
    expect(chat.privateText('alice')).toContain('How much?');
    await chat.write('alice', '10');
    expect(chat.privateText('alice')).toContain('Send CN¥10.00 to @bob?');
    await chat.enterCode('alice');
    expect([await balance(alice), await balance(bob)]).toEqual([9_000n, 1_000n]);
  });

  it('asks and completes in Chinese for a message written in Chinese, though the platform said English', async () => {
    const wei = await chat.enrolled('wei', 'en');
    const bob = await chat.enrolled('bob');
    await t.moves.deposit({ key: freshKey(), userId: wei, amount: cny(100) });
    await chat.write('wei', '给 @bob 转账');
    expect(chat.privateText('wei')).toContain('多少钱？');
    await chat.write('wei', '10');
    expect(chat.privateText('wei')).toContain('向 @bob 转账 ¥10.00？');
    await chat.enterCode('wei');
    expect([await balance(wei), await balance(bob)]).toEqual([9_000n, 1_000n]);
    expect(chat.privateText('wei')).toContain('已向 @bob 转账 ¥10.00');
  });

  it('answers in English a message written in English, though the platform said Chinese', async () => {
    const amy = await chat.enrolled('amy', 'zh-CN');
    await t.moves.deposit({ key: freshKey(), userId: amy, amount: cny(3) });
    await chat.write('amy', '余额');
    expect(chat.privateText('amy')).toContain('您的余额');
    await chat.write('amy', 'balance');
    expect(chat.privateText('amy')).toContain('Your balance:');
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

  it('keeps a card posted in Chinese in Chinese, one currency style, after an English-speaking member pays it', async () => {
    await chat.enrolled('wu', 'zh-CN');
    const bob = await chat.enrolled('bob');
    await t.moves.deposit({ key: freshKey(), userId: bob, amount: cny(50) });
    await chat.request('wu', '30', '奶茶');
    expect(chat.cardText()).toContain('@wu 发起收款 ¥30.00');
    await chat.payCard('bob');
    expect(chat.privateText('bob')).toContain('Pay CN¥30.00 to @wu');
    await chat.enterCode('bob');
    expect(chat.cardText()).toContain('已支付 ✅ @wu 收到 ¥30.00');
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

  it('freezes the wallet from a freeze written in free text, in either language, and not from a negation', async () => {
    const alice = await chat.enrolled('alice');
    const wu = await chat.enrolled('wu', 'zh-CN');
    await chat.write('alice', 'no, do not freeze anything');
    expect((await t.wallet.getUser(alice))?.status).toBe('active');
    await chat.write('alice', 'my account was stolen!! freeze it quickly');
    await chat.write('wu', '账户好像被盗了，快帮我冻结');
    expect([(await t.wallet.getUser(alice))?.status, (await t.wallet.getUser(wu))?.status]).toEqual(['frozen', 'frozen']);
    expect(chat.privateText('alice')).toContain('Your wallet is frozen');
    expect(chat.privateText('wu')).toContain('您的钱包已冻结');
  });

  it('records every notice it delivers, and one the platform refuses as a failed delivery', async () => {
    const alice = await chat.enrolled('alice');
    const bob = await chat.enrolled('bob');
    const refused = chat.refuseDirect('bob');
    await t.moves.deposit({ key: freshKey(), userId: alice, amount: cny(5) });
    await t.moves.deposit({ key: freshKey(), userId: bob, amount: cny(5) });
    await chat.deliverNotices();
    expect(await pendingNotices(t.wallet, chat.platform, 50)).toEqual([]);
    const rows = await t.database.query<{ user_id: string; status: string }>(sql`
      select distinct n.user_id::text as user_id, d.status from notification_deliveries d join notifications n on n.id = d.notification_id where d.platform = ${chat.platform}`);
    const statuses = (userId: string) => rows.filter((r) => String(r.user_id) === userId).map((r) => r.status);
    expect(statuses(alice)).toEqual(['delivered']);
    expect(statuses(bob)).toEqual([refused ? 'failed' : 'delivered']);
  });

  it('edits a card whose request expired to say so, once', async () => {
    await chat.enrolled('alice');
    await chat.request('alice', '30', 'coffee');
    clock.advance(24 * 3_600_000 + 1_000);
    await chat.refreshCards();
    expect(chat.cardText()).toMatch(/Expired: @alice's request for CN¥30.00/);
    const shown = chat.groupText();
    await chat.refreshCards();
    expect(chat.groupText()).toBe(shown);
  });

  it('posts a cheque made in the group there with its link, pays each Claim pressed once, and tells the sender who claimed', async () => {
    const alice = await chat.enrolled('alice');
    const bob = await chat.enrolled('bob');
    const carol = await chat.enrolled('carol');
    await t.moves.deposit({ key: freshKey(), userId: alice, amount: cny(30) });
    await chat.cheque('alice', '20', 2);
    expect(chat.privateText('alice')).toContain('Make a cheque of CN¥20.00 shared by 2 people');
    expect(await balance(alice)).toBe(3_000n);
    await chat.enterCode('alice');
    expect(await balance(alice)).toBe(1_000n);
    expect(chat.groupText()).toContain('@alice sent a cheque: CN¥20.00 shared by 2');
    expect(chat.groupText()).toMatch(chat.platform === 'telegram' ? /https:\/\/t\.me\/OKPayBot\?start=claim_[A-Za-z0-9_-]{43}/ : /\/claim [A-Za-z0-9_-]{43}/);
    await chat.claimInGroup('bob');
    await chat.claimInGroup('alice');
    await chat.claimInGroup('carol');
    expect([await balance(bob), await balance(carol)]).toEqual([1_000n, 1_000n]);
    expect(chat.privateText('bob')).toContain('You claimed CN¥10.00 from @alice');
    expect(chat.privateText('alice')).toContain("That is your own claim: you can't claim it.");
    await chat.deliverNotices();
    expect(chat.privateText('alice')).toContain('@bob claimed CN¥10.00 of your C1.');
    expect(chat.privateText('alice')).toContain('@carol claimed CN¥10.00 of your C1.');
  });

  it('holds a send to a handle with no wallet when the sender presses Hold, and the newcomer who opens the link gets a wallet and the money', async () => {
    const alice = await chat.enrolled('alice');
    await t.moves.deposit({ key: freshKey(), userId: alice, amount: cny(30) });
    await chat.hold('alice', 'newbie', '10');
    expect(chat.privateText('alice')).toContain('@newbie has no wallet yet. I can hold CN¥10.00 for @newbie for 7 days');
    expect(chat.privateText('alice')).toContain('Hold CN¥10.00 for @newbie until');
    expect(await balance(alice)).toBe(3_000n);
    await chat.enterCode('alice');
    expect(await balance(alice)).toBe(2_000n);
    expect(chat.privateText('alice')).toContain('Forward this to whoever should claim it:');
    const newbie = await chat.newcomerOpensLink('newbie');
    expect(await balance(newbie)).toBe(1_000n);
    expect(chat.privateText('newbie')).toContain('You claimed CN¥10.00 from @alice');
    await chat.deliverNotices();
    expect(chat.privateText('alice')).toContain('@newbie claimed CN¥10.00 of your C1.');
  });

  it('gives a newcomer who presses Claim in the group the receipt privately, in their direct chat (and as the answer to the press on Discord)', async () => {
    const alice = await chat.enrolled('alice');
    await t.moves.deposit({ key: freshKey(), userId: alice, amount: cny(30) });
    await chat.cheque('alice', '20', 2);
    await chat.enterCode('alice');
    const dave = await chat.newcomerClaimsInGroup('dave');
    expect(await balance(dave)).toBe(1_000n);
    expect(chat.privateText('dave')).toContain('You claimed CN¥10.00 from @alice');
    expect(chat.groupText()).not.toContain('You claimed');
    await chat.deliverNotices();
    expect(chat.directText('dave')).toContain('You claimed CN¥10.00 from @alice');
    expect(chat.directText('dave').split('You claimed').length - 1).toBe(1);
  });

  it('answers a fault with a reference, logs it as one JSON line with the same reference, and works again after', async () => {
    const alice = await chat.enrolled('alice');
    await t.moves.deposit({ key: freshKey(), userId: alice, amount: cny(12) });
    const balances = t.wallet.balances;
    t.wallet.balances = async () => Promise.reject(new Error('database gone'));
    await chat.askInGroup('alice', 'balance');
    t.wallet.balances = balances;
    const seen = `${chat.groupText()}\n${chat.privateText('alice')}`;
    const id = /something went wrong on our side \(reference ([0-9a-f]{8})\)/.exec(seen)?.[1];
    expect(id).toBeDefined();
    expect(log.lines.filter((l) => l.level === 50)).toEqual([expect.objectContaining({ correlationId: id, platform: chat.platform, message: 'database gone' })]);
    expect(log.raw()).not.toMatch(/otpauth|secret=/i);
    await chat.askInGroup('alice', 'balance');
    expect(chat.privateText('alice')).toContain('CN¥12.00');
  });
});
