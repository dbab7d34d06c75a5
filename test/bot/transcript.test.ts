import { describe, expect, it } from 'vitest';
import { onboarding, transcriptWallet } from '../support/transcript-wallet.js';

const { play, balance } = transcriptWallet();

const ONBOARD = onboarding('1000 CNY');

describe('console transcripts in English', () => {
  it('onboards, sends, requests in a group, refunds, freezes and unfreezes', async () => {
    const out = await play(`${ONBOARD}
      alice: send 25 to @bob for lunch
      alice: {code}
      bob#shop: /request 30 CNY coffee
      alice#shop: !{Pay}
      alice: {code}
      bob: /refund T3 10
      bob: {code}
      bob#shop: /request 7 CNY cake
      # wait 86401s
      alice: /freeze
      alice: send 1 to @bob
      alice: /unfreeze
      alice: {code}
      alice: balance
    `);
    expect(out).toContain('alice> /start');
    expect(out).toMatch(/bot -> alice: Scan the QR code[^\n]*\n {2}otpauth:\/\/totp\/OKPay:alice\?secret=[A-Z2-7]+&issuer=OKPay/);
    // the same secret, in groups of four, for typing into the app by hand
    const secret = /secret=([A-Z2-7]+)/.exec(out)![1]!;
    expect(out).toContain(`\n  To type it in by hand, the key is: ${secret.match(/.{4}/g)!.join(' ')}\n`);
    expect(out).toContain('bot -> alice: Sent CN¥25.00 to @bob. Reference T2. Balance: CN¥975.00.');
    expect(out).toContain('bot -> #shop: @bob requests CN¥30.00 for “coffee”. Reference R1.\n  buttons: [Pay CN¥30.00](b5) [Cancel](b6)');
    // a Pay pressed in the room is answered in alice's direct chat; the room reads nothing of it
    expect(out).toMatch(/alice#shop> !b5\nbot -> alice: Pay CN¥30\.00 to @bob for request R1/);
    expect(out).toContain('bot -> #shop: Paid ✅ @bob received CN¥30.00 for “coffee”. Reference R1.');
    expect(out).toContain('bot -> alice: @bob refunded you CN¥10.00 (T4).');
    expect(out).toMatch(/alice> \/freeze\n(?:.*\n)*?bot -> #shop: Expired: @bob's request for CN¥7\.00 for “cake” \(R2\)\./);
    expect(out).toContain('bot -> alice: That wallet is frozen');
    expect(out).toContain('bot -> alice: Your wallet is active again.');
    expect(await balance('alice')).toBe(1000_00n - 25_00n - 30_00n + 10_00n);
    expect(await balance('bob')).toBe(25_00n + 30_00n - 10_00n);
  });

  it('answers every error path with a clear message and moves nothing', async () => {
    const out = await play(`${ONBOARD}
      bob: send 5 to @alice
      alice: send 600 to @bob
      alice: send 5 to @nobody
      alice: send 5 to @bob
      alice: 000000
      alice: 000000
      alice: 000000
      alice: 000000
      alice: 000000
      alice: {code}
      alice: send 5 to @bob
      # wait 301s
      alice: {code}
      alice: send 5 to @bob
      alice#shop: 123456
      alice: {code}
      bob#shop: /request 30 CNY tea
      alice#shop: !{Pay}
      alice: {code}
      ops#shop: !{Pay}
      bob: /refund T2 40
      alice: send ten to @bob
      alice: send 1.234 to @bob
      carol: hello
    `);
    expect(out).toContain('Not enough money: you have CN¥0.00.');
    expect(out).toContain("That's above your limit of CN¥500.00 per payment. Verifying your identity (/verify) raises it.");
    expect(out).toContain("I don't know @nobody yet: nobody with that handle has messaged me here.");
    expect(out).toContain('That code is wrong. 4 tries left.');
    expect(out).toContain('Five wrong codes: that action is cancelled.');
    expect(out).toContain('That took more than 5 minutes, so it expired.');
    expect(out).toContain('a code typed in a group is exposed to everyone here, so that action is cancelled');
    expect(out).toContain('That request is already paid. You were not charged.');
    expect(out).toContain('At most CN¥30.00 is left to refund.');
    expect(out).toContain('bot -> alice: How much?');
    expect(out).toContain("CNY has 2 decimals at most — I won't round 1.234 for you.");
    expect(out).toContain('bot -> carol: I didn\'t get that.');
    expect(await balance('alice')).toBe(1000_00n - 30_00n);
    expect(await balance('ops')).toBe(0n);
  });

  it('covers history, statement, verification, language, linking and closing', async () => {
    const out = await play(`${ONBOARD}
      alice: send 10 to @bob
      alice: {code}
      alice: /history
      alice: /statement
      alice: !attach ./package.json
      alice: /verify passport Alice Liddell
      ops: /approve
      ops: /approve 1
      ops: {code}
      alice: /link
      alice: /askrefund T2 wrong person
      bob: !{Refund}
      bob: /cancel
      alice: /help
      bob: /close
      alice: /language zh
      alice: 余额
    `);
    expect(out).toMatch(/bot -> alice: Recent payments:\n {2}.*−CN¥10\.00 to @bob · T2/);
    expect(out).toContain('bot -> alice: Your statement as CSV. Entries: 2.\n  file: okpay-statement.csv');
    expect(out).toMatch(/T2,send,out,10\.00,CNY,bob,/);
    expect(out).toContain('your verification (number 1) is waiting for review');
    expect(out).toContain('Waiting for review: 1 Alice Liddell (passport)');
    expect(out).toContain('Verification 1 approved: @alice is now tier 1.');
    expect(out).toContain('bot -> alice: Your identity is verified: you are now tier 1');
    expect(out).toMatch(/Your link code is [A-Z2-9]{8}\./);
    expect(out).toContain('bot -> bob: @alice asks you to refund payment T2 for “wrong person”.');
    expect(out).toContain('bot -> bob: Refund CN¥10.00 to @alice for payment T2?');
    expect(out).toContain('bot -> bob: Cancelled.');
    expect(out).toContain('bot -> bob: Your wallet still holds money.');
    expect(out).toContain('bot -> alice: 之后我将使用中文。');
    expect(out).toContain('bot -> alice: 您的余额：\n  ¥990.00');
  });

  it('covers paying by reference, operator moves and freezes, recovery and closing', async () => {
    const out = await play(`${ONBOARD}
      bob#shop: /request 5 CNY
      alice: /pay R1
      alice: {code}
      ops: /withdraw @alice 10
      ops: {code}
      ops: /freezeuser @bob
      ops: {code}
      bob: send 1 to @alice
      bob: /unfreeze
      bob: /freeze
      ops: /unfreezeuser @bob
      ops: {code}
      alice: /recover
      alice: {recovery}
      carol: /start
      carol: {code}
      carol: /close
      carol: {code}
      carol: balance
    `);
    expect(out).toContain('bot -> alice: Paid CN¥5.00 to @bob. Reference T2. Balance: CN¥995.00.');
    expect(out).toContain("bot -> ops: Withdrew CN¥10.00 from @alice's wallet.");
    expect(out).toContain("bot -> ops: Freeze @bob's wallet?");
    expect(out).toContain("bot -> ops: @bob's wallet is frozen.");
    expect(out).toContain('bot -> bob: Your wallet was frozen by an operator.');
    expect(out).toContain('bot -> bob: That wallet is frozen');
    expect(out).toContain('bot -> bob: Your wallet was frozen by an operator. Only an operator can unfreeze it.');
    expect(out).toContain('bob> /unfreeze\nbot -> bob: An operator froze your wallet, so only an operator can unfreeze it. Please contact support.');
    expect(out).toContain('bob> /freeze\nbot -> bob: Your wallet is already frozen, by an operator: only an operator can unfreeze it.');
    expect(out).toContain("bot -> ops: Unfreeze @bob's wallet?");
    expect(out).toContain("bot -> ops: @bob's wallet is active again.");
    expect(out).toContain('bot -> bob: Your wallet was unfrozen.');
    expect(out).toContain('bot -> alice: Your old authenticator is removed.');
    expect(out).toMatch(/bot -> alice: Scan the QR code[^\n]*\n {2}otpauth:\/\/totp\/OKPay:alice/);
    expect(out).toContain('bot -> carol: Close your wallet for good?');
    expect(out).toContain('bot -> carol: Your wallet is closed. Thank you for using OKPay.');
    expect(out).toMatch(/carol> balance\nbot -> carol: Your wallet is empty\./);
    expect(await balance('alice')).toBe(1000_00n - 5_00n - 10_00n);
  });
});

describe('console safety rules', () => {
  it('refunds in the original currency, burns codes shown in a group, and keeps buttons to their owner', async () => {
    const out = await play(`${ONBOARD}
      ops: /deposit @alice 9000 JPY
      ops: {code}
      alice: send 5000 JPY to @bob
      alice: {code}
      bob: /refund T3 10
      bob: /cancel
      bob: /refund T3 10.5
      bob#shop: /request 100000 JPY rent
      alice: send 1 to @bob
      alice#shop: my code is {code}
      alice: /confirm {code}
      bob: !{Freeze}
      ops: /deposit @ops 5
      alice: !attach ./no-such-file.jpg
      alice: /history zzzzzzzzzzzzz
      alice: /unlink console
    `);
    expect(out).toContain('bot -> bob: Refund ¥10 to @alice for payment T3?');
    expect(out).toContain("JPY has 0 decimals at most — I won't round 10.5 for you.");
    expect(out).toContain('bot -> #shop: @bob requests ¥100,000 for “rent”. Reference R1.');
    expect(out).toContain('bot -> #shop: @alice, a code typed in a group is exposed to everyone here, so that action is cancelled.');
    expect(out).toMatch(/alice> \/confirm \d{6}\nbot -> alice: Nothing is waiting for a code\./);
    expect(out).toContain("bot -> bob: That button isn't yours.");
    expect(out).toContain("bot -> ops: Operators can't do that to their own wallet");
    expect(out).toContain("bot -> alice: I couldn't read that file.");
    expect(out).toContain('bot -> alice: Recent payments:');
    expect(out).toContain('bot -> alice: This is the only account on your wallet. Close the wallet instead.');
    expect(await balance('alice', 'JPY')).toBe(4000n);
    expect(await balance('alice')).toBe(1000_00n);
  });
});

describe('console transcripts in Chinese', () => {
  it('runs the same flows in Chinese', async () => {
    const out = await play(`
      alice: /start
      alice: 语言 中文
      alice: {code}
      bob: /start
      bob: {code}
      bob: /language zh
      ops: /start
      ops: {code}
      ops: /deposit @alice 100 CNY
      ops: {code}
      alice: 给 @bob 转 10 元 午饭
      alice: {code}
      alice: 给 @bob 转 五百零一元
      alice: 给 @bob 转 一百元
      alice: 给 @陌生人 转 5 元
      bob#shop: 收款 20 元 奶茶
      alice#shop: !{支付}
      alice: {code}
      bob: 退款 T3 50
      bob: 退款 T3 5
      bob: {code}
      alice: 冻结账户
      alice: 给 @bob 转 1 元
      alice: 解冻
      alice: {code}
      alice: 查余额
      alice: 账单
      alice: 帮助
      alice: 实名认证
      alice: 随便说点什么
    `);
    expect(out).toContain('bot -> alice: 已向 @bob 转账 ¥10.00。编号 T2。余额：¥90.00。');
    expect(out).toContain('bot -> bob: 您收到 @alice 的转账 ¥10.00（备注：午饭）（T2）。');
    expect(out).toContain('超出您的单笔限额 ¥500.00');
    expect(out).toContain('余额不足：您有 ¥90.00。');
    expect(out).toContain('bot -> #shop: @bob 发起收款 ¥20.00（备注：奶茶）。编号 R1。');
    expect(out).toContain('bot -> #shop: 已支付 ✅ @bob 收到 ¥20.00（备注：奶茶）。编号 R1。');
    expect(out).toContain('最多还可退 ¥20.00。');
    expect(out).toContain('bot -> bob: 已向 @alice 退款 ¥5.00。');
    expect(out).toContain('bot -> alice: 您的钱包已冻结。');
    expect(out).toContain('bot -> alice: 该钱包已冻结，资金无法转出。');
    expect(out).toContain('bot -> alice: 您的钱包已恢复正常。');
    expect(out).toContain('bot -> alice: 您的余额：\n  ¥75.00');
    expect(out).toContain('bot -> alice: 您的对账单：共 4 条，CSV 格式。');
    expect(out).toContain('bot -> alice: OKPay——聊天里的钱包。');
    expect(out).toContain('实名认证请发送');
    expect(out).toContain('bot -> alice: 没听懂。');
    expect(await balance('alice')).toBe(75_00n);
    expect(await balance('bob')).toBe(25_00n);
  });
});
