import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../bot/console/console-adapter.js';
import { createWallet } from '../../core/wallet.js';
import { createAdapterStore } from '../../db/adapter-store.js';
import { createWalletStore } from '../../db/wallet-store.js';
import { money } from '../../core/money/index.js';
import { consoleSession } from '../support/console-session.js';
import { freshKey } from '../support/wallet-fixtures.js';

const s = consoleSession();

/** Gives the console user 100 USD straight on the ledger. */
async function dollars(name: string): Promise<void> {
  const user = await s.t.wallet.findUserByIdentity({ platform: 'console', platformUserId: name });
  await s.t.moves.deposit({ key: freshKey('usd'), userId: user!.id, amount: money('USD', 100_00n) });
}

describe('a question the bot asks is answered by the next message (English)', () => {
  it('takes the answer to “To whom?” and “How much?”, in a direct chat and in a room', async () => {
    await s.onboard(['amy', 'bea']);
    const out = await s.play(`
      amy: send 10
      amy: @bea
      amy: /cancel
      amy: send to @bea for tea
      amy: 5
      amy: {code}
      amy#shop: /request
      bea#shop: 30
      amy#shop: 30
      amy: send
      amy: @bea 2
      amy: send 10
      amy: @bea 20
    `);
    expect(out).toContain('amy> send 10\nbot -> amy: To whom? Reply with their handle, like @bob.');
    expect(out).toContain('amy> @bea\nbot -> amy: Send CN¥10.00 to @bea?');
    expect(out).toContain('amy> 5\nbot -> amy: Send CN¥5.00 to @bea for “tea”?');
    expect(out).toContain('bot -> amy: Sent CN¥5.00 to @bea.');
    expect(out).toContain("bea#shop> 30\nbot -> #shop: I didn't get that.");
    // (the card's status word is left out: request expiry is judged by the database clock elsewhere)
    expect(out).toMatch(/amy#shop> 30\nbot -> #shop: [^\n]*@amy[^\n]*CN¥30\.00/);
    expect(out).toContain('amy> @bea 2\nbot -> amy: Send CN¥2.00 to @bea?');
    expect(out).toContain("amy> @bea 20\nbot -> amy: That doesn't answer my question.\n  To whom?");
    expect(await s.balance('bea')).toBe(5_00n);
  });

  it('asks which currency and takes the answer; keeps a currency written without a number', async () => {
    await s.onboard(['cal', 'dan']);
    await dollars('cal');
    const out = await s.play(`
      cal: send $10 CNY to @dan
      cal: EUR
      cal: USD
      cal: /cancel
      cal: send USD to @dan
      cal: 7
      cal: /cancel
      cal: send 10 to @dan USD
      cal: CNY
    `);
    expect(out).toContain('cal> EUR\nbot -> cal: That doesn\'t answer my question.\n  Which currency do you mean for 10: USD / CNY? Reply with one of them.');
    expect(out).toContain('cal> USD\nbot -> cal: Send $10.00 to @dan?');
    expect(out).toContain('cal> send USD to @dan\nbot -> cal: How much in USD? Reply with the amount, like 10.');
    expect(out).toContain('cal> 7\nbot -> cal: Send $7.00 to @dan?');
    expect(out).toContain('cal> CNY\nbot -> cal: Send CN¥10.00 to @dan?');
  });

  it('refuses what an answer cannot mean, and lets a new command replace the question', async () => {
    await s.onboard(['eve', 'fay']);
    const out = await s.play(`
      eve: send to @fay
      eve: 400 JPN
      eve: send to @fay
      eve: -5
      eve: send 3
      eve: @f\u0430y
      eve: send 3
      eve: @nobody
      eve: send 3
      eve: balance
      eve: @fay
      eve: 一百五
    `);
    expect(out).toContain("eve> 400 JPN\nbot -> eve: I don't handle JPN.");
    expect(out).toContain('eve> -5\nbot -> eve: The amount must be more than zero.');
    expect(out).toContain("eve> @f\u0430y\nbot -> eve: I can't use @f\u0430y as a handle");
    expect(out).toContain("eve> @nobody\nbot -> eve: I don't know @nobody yet");
    expect(out).toMatch(/eve> balance\nbot -> eve: Your balance:/);
    expect(out).toContain("eve> @fay\nbot -> eve: I didn't get that.");
    // an answer written in Chinese is answered in Chinese: eve never chose a language
    expect(out).toContain('eve> 一百五\nbot -> eve: 没听懂。');
    expect(await s.t.wallet.pendingChallenge({ platform: 'console', platformUserId: 'eve' })).toBeUndefined();
  });

  it('keeps the question in the database: a second process continues it, for 5 minutes of wallet time', async () => {
    await s.onboard(['gil', 'hal']);
    await s.play(`
      gil: send 12
      hal: send 4
    `);
    const printed: string[] = [];
    const other = createWallet({ store: createWalletStore(s.t.database), secretKey: randomBytes(32), clock: s.clock });
    const second = createConsoleAdapter({ wallet: other, store: createAdapterStore(s.t.database.db) }, (line) => printed.push(line));
    s.clock.advance(299_000);
    await second.handleLine('gil: @hal');
    expect(printed.join('\n')).toContain('bot -> gil: Send CN¥12.00 to @hal?');
    s.clock.advance(2_000);
    await second.handleLine('hal: @gil');
    expect(printed.join('\n')).toContain("bot -> hal: I didn't get that.");
  });
});

describe('a question the bot asks is answered by the next message (Chinese)', () => {
  it('takes answers to 转给谁 and 多少, and asks which currency', async () => {
    await s.onboard(['ling', 'mao']);
    await dollars('ling');
    const out = await s.play(`
      ling: 语言 中文
      ling: 转账 10
      ling: @mao
      ling: /cancel
      ling: 给 @mao 转
      ling: 五十
      ling: /cancel
      ling: 给 @mao 转 ¥10 美元
      ling: 美元
      ling: /cancel
      ling: 给 @mao 转 10 韩元
      ling: 给 @m\u0430o 转 5 元
      ling: 给 @nobody 转 5 元
    `);
    expect(out).toContain('ling> 转账 10\nbot -> ling: 转给谁？请直接回复对方的用户名，例如 @bob。');
    expect(out).toContain('ling> @mao\nbot -> ling: 向 @mao 转账 ¥10.00？');
    expect(out).toContain('ling> 给 @mao 转\nbot -> ling: 多少钱？请直接回复金额，例如 10 或 10 美元。');
    expect(out).toContain('ling> 五十\nbot -> ling: 向 @mao 转账 ¥50.00？');
    expect(out).toContain('ling> 给 @mao 转 ¥10 美元\nbot -> ling: 10 是哪种货币：CNY / USD？请回复其中一种。');
    expect(out).toContain('ling> 美元\nbot -> ling: 向 @mao 转账 US$10.00？');
    expect(out).toContain('bot -> ling: 不支持 韩元。');
    expect(out).toContain('bot -> ling: 无法使用 @m\u0430o 作为用户名');
    expect(out).toContain('bot -> ling: 我还不认识 @nobody');
  });
});
