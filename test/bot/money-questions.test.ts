import { describe, expect, it } from 'vitest';
import { consoleSession } from '../support/console-session.js';

const s = consoleSession();
const nothingPending = async (name: string) => expect(await s.t.wallet.pendingChallenge({ platform: 'console', platformUserId: name })).toBeUndefined();

describe('an amount’s currency is never guessed (English)', () => {
  it('names a currency it does not hold, asks when two are written, and refuses zero or less', async () => {
    await s.onboard(['ada', 'ben']);
    const out = await s.play(`
      ada: send 400 JPN to @ben
      ada: send 10 U\u0405D to @ben
      ada: send $10 CNY to @ben
      ada: send 10 to @ben USD
      ada: send -5 to @ben
      ada: send 0 to @ben
      ada: send 0.00 USD to @ben
      ada: send $-5 CNY to @ben
    `);
    expect(out).toContain("ada> send 400 JPN to @ben\nbot -> ada: I don't handle JPN.");
    expect(out).toContain("bot -> ada: I don't handle U\u0405D.");
    expect(out).toContain('ada> send $10 CNY to @ben\nbot -> ada: Which currency do you mean for 10: USD / CNY?');
    expect(out).toContain('ada> send 10 to @ben USD\nbot -> ada: Which currency do you mean for 10: USD / CNY?');
    expect(out).toContain('ada> send -5 to @ben\nbot -> ada: The amount must be more than zero.');
    expect(out).toContain('ada> send 0 to @ben\nbot -> ada: The amount must be more than zero.');
    expect(out).toContain('ada> send 0.00 USD to @ben\nbot -> ada: The amount must be more than zero.');
    expect(out).toContain('ada> send $-5 CNY to @ben\nbot -> ada: The amount must be more than zero.');
    expect(out).not.toContain('How much?');
    await nothingPending('ada');
    expect(await s.balance('ada')).toBe(1000_00n);
  });

  it('asks how much for a malformed Chinese numeral, and pays a well-formed one', async () => {
    await s.onboard(['cy', 'di']);
    const out = await s.play(`
      cy: 给 @di 转 五五 元
      cy: 给 @di 转 一百五 元
      cy: {code}
    `);
    // written in Chinese, so answered in Chinese (cy never chose a language)
    expect(out).toContain('cy> 给 @di 转 五五 元\nbot -> cy: 多少 CNY？');
    expect(out).toContain('bot -> cy: 向 @di 转账 ¥150.00？');
    expect(await s.balance('di')).toBe(150_00n);
  });
});

describe('an amount’s currency is never guessed (Chinese)', () => {
  it('answers the same in Chinese', async () => {
    await s.onboard(['fei', 'gao']);
    const out = await s.play(`
      fei: 语言 中文
      fei: 给 @gao 转 10 韩元
      fei: 给 @gao 转 ¥10 美元
      fei: 给 @gao 转 10 午饭 美元
      fei: 给 @gao 转 -5 元
      fei: 给 @gao 转 十十 元
    `);
    expect(out).toContain('bot -> fei: 不支持 韩元。');
    expect(out).toContain('fei> 给 @gao 转 ¥10 美元\nbot -> fei: 10 是哪种货币：CNY / USD？');
    expect(out).toContain('fei> 给 @gao 转 10 午饭 美元\nbot -> fei: 10 是哪种货币：USD / CNY？');
    expect(out).toContain('bot -> fei: 金额必须大于零。');
    expect(out).toContain('fei> 给 @gao 转 十十 元\nbot -> fei: 多少 CNY？');
    await nothingPending('fei');
  });
});
