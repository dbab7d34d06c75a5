import { describe, expect, it } from 'vitest';
import { onboarding, transcriptWallet } from '../support/transcript-wallet.js';

/**
 * Follow-up answers as a console transcript (the public scripting interface), in both languages:
 * each question the bot asks is answered by the next message in that chat, a new command replaces
 * it, and after 5 minutes of wallet time it is gone. (Surviving a restart: follow-up.test.ts.)
 */
const { play, balance } = transcriptWallet();

/** alice and bob enrolled, alice holding 100 CNY and 20 USD from the operator. */
const ONBOARD = onboarding('100 CNY', '20 USD');

describe('follow-up answers in a console transcript (English)', () => {
  it('answers how much, to whom, which currency and which payment; a new command replaces a question; one expires after 5 minutes', async () => {
    const out = await play(`${ONBOARD}
      alice: send to @bob
      alice: 10
      alice: {code}
      alice: send 5
      alice: @bob
      alice: {code}
      alice: send 3 USD CNY to @bob
      alice: USD
      alice: {code}
      bob: refund
      bob: T3
      bob: {code}
      alice: send to @bob
      alice: balance
      alice: 4
      alice: send 6
      # wait 301s
      alice: @bob
    `);
    expect(out).toContain('alice> send to @bob\nbot -> alice: How much? Reply with the amount');
    expect(out).toContain('alice> 10\nbot -> alice: Send CN¥10.00 to @bob?');
    expect(out).toContain('alice> send 5\nbot -> alice: To whom? Reply with their handle, like @bob.');
    expect(out).toContain('alice> @bob\nbot -> alice: Send CN¥5.00 to @bob?');
    expect(out).toContain('alice> send 3 USD CNY to @bob\nbot -> alice: Which currency do you mean for 3: USD / CNY?');
    expect(out).toContain('alice> USD\nbot -> alice: Send $3.00 to @bob?');
    expect(out).toContain('bob> refund\nbot -> bob: Which one? Reply with its reference, like T2 or R1.');
    expect(out).toContain('bob> T3\nbot -> bob: Refund CN¥10.00 to @alice for payment T3?');
    expect(out).toContain('bot -> alice: @bob refunded you CN¥10.00 (T6).');
    // a new command replaces the question: the amount after it is no answer any more
    expect(out).toMatch(/alice> balance\nbot -> alice: Your balance:[^]*alice> 4\nbot -> alice: I didn't get that\./);
    expect(out).toContain("alice> @bob\nbot -> alice: I didn't get that.");
    expect([await balance('alice'), await balance('bob')]).toEqual([100_00n - 5_00n, 5_00n]);
    expect([await balance('alice', 'USD'), await balance('bob', 'USD')]).toEqual([17_00n, 3_00n]);
  });
});

describe('follow-up answers in a console transcript (Chinese)', () => {
  it('asks and takes the answers in Chinese, without /language: the messages are written in Chinese', async () => {
    const out = await play(`${ONBOARD}
      alice: 给 @bob 转账
      alice: 10
      alice: {code}
      alice: 转账 5
      alice: @bob
      alice: {code}
      alice: 转账2块
      alice: 给@bob
      alice: /cancel
      alice: 给 @bob 转 3 美元 元
      alice: 美元
      alice: {code}
      bob: 退款
      bob: T3
      bob: {code}
      alice: 给 @bob 转账
      alice: 余额
      alice: 4
      alice: 转账 6
      # wait 301s
      alice: @bob
    `);
    expect(out).toContain('alice> 给 @bob 转账\nbot -> alice: 多少钱？请直接回复金额');
    expect(out).toContain('alice> 10\nbot -> alice: 向 @bob 转账 ¥10.00？');
    expect(out).toContain('alice> 转账 5\nbot -> alice: 转给谁？请直接回复对方的用户名，例如 @bob。');
    expect(out).toContain('alice> @bob\nbot -> alice: 向 @bob 转账 ¥5.00？');
    // an answer written as a command of the same kind (给@bob) completes the waiting one, amount kept
    expect(out).toContain('alice> 转账2块\nbot -> alice: 转给谁？');
    expect(out).toContain('alice> 给@bob\nbot -> alice: 向 @bob 转账 ¥2.00？');
    expect(out).toContain('alice> 给 @bob 转 3 美元 元\nbot -> alice: 3 是哪种货币：USD / CNY？');
    expect(out).toContain('alice> 美元\nbot -> alice: 向 @bob 转账 US$3.00？');
    expect(out).toContain('bob> 退款\nbot -> bob: 哪一笔？请直接回复编号，例如 T2 或 R1。');
    expect(out).toContain('bob> T3\nbot -> bob: 就款项 T3 向 @alice 退款 ¥10.00？');
    expect(out).toContain('bot -> alice: @bob 向您退款 ¥10.00（T6）。');
    expect(out).toMatch(/alice> 余额\nbot -> alice: 您的余额：[^]*alice> 4\nbot -> alice: 没听懂。/);
    expect(out).toContain('alice> @bob\nbot -> alice: 没听懂。');
    expect([await balance('alice'), await balance('bob')]).toEqual([100_00n - 5_00n, 5_00n]);
    expect([await balance('alice', 'USD'), await balance('bob', 'USD')]).toEqual([17_00n, 3_00n]);
  });
});
