import { describe, expect, it } from 'vitest';
import { consoleSession } from '../support/console-session.js';
import { cny, freshKey } from '../support/wallet-fixtures.js';

const s = consoleSession();

const localeOf = async (name: string) => (await s.t.wallet.findUserByIdentity({ platform: 'console', platformUserId: name }))?.locale;

describe('the wallet speaks the language the person writes in', () => {
  it('answers in the language of each message until /language is chosen, and keeps the last one for alerts', async () => {
    await s.onboard(['kim', 'lou']);
    const out = await s.play(`
      kim: 余额
      kim: 12
      kim: balance
      kim: 查余额 thanks
    `);
    expect(out).toContain('kim> 余额\nbot -> kim: 您的余额：');
    // an amount alone holds no language: the last one stays
    expect(out).toContain('kim> 12\nbot -> kim: 没听懂。');
    expect(out).toContain('kim> balance\nbot -> kim: Your balance:');
    expect(out).toContain('kim> 查余额 thanks\nbot -> kim: 您的余额：');
    expect(await localeOf('kim')).toBe('zh-CN');
    // the outbox writes in the wallet's language: the one last written in
    const kim = await s.t.wallet.findUserByIdentity({ platform: 'console', platformUserId: 'kim' });
    await s.t.moves.deposit({ key: freshKey(), userId: kim!.id, amount: cny(5) });
    expect(await s.play('lou: /help')).toContain('bot -> kim: ¥5.00 已存入您的钱包');
  });

  it('keeps a chosen language whatever the message is written in', async () => {
    await s.onboard(['max']);
    const out = await s.play(`
      max: /language en
      max: 余额
      max: 语言 中文
      max: balance
    `);
    expect(out).toContain('max> 余额\nbot -> max: Your balance:');
    expect(out).toContain('max> balance\nbot -> max: 您的余额：');
    expect(await s.t.wallet.findUserByIdentity({ platform: 'console', platformUserId: 'max' })).toMatchObject({ locale: 'zh-CN', localeChosen: true });
  });
});

describe('a request card keeps the language it was posted in', () => {
  it('stays Chinese, with one currency style, after an English-speaking payer pays it', async () => {
    await s.onboard(['ned', 'wu']);
    const out = await s.play(`
      ned: balance
      wu#shop: 收款 20 元 奶茶
      ned#shop: !{支付}
      ned: {code}
    `);
    expect(out).toContain('bot -> #shop: @wu 发起收款 ¥20.00（备注：奶茶）。编号 R1。\n  buttons: [支付 ¥20.00]');
    // the payer reads their own messages in their language
    expect(out).toContain('bot -> ned: Pay CN¥20.00 to @wu');
    expect(out).toContain('bot -> #shop: 已支付 ✅ @wu 收到 ¥20.00（备注：奶茶）。编号 R1。');
    expect(out).not.toMatch(/bot -> #shop: Paid/);
  });

  it('stays English when it expires, though its merchant writes Chinese since', async () => {
    await s.onboard(['oli']);
    let out = await s.play(`
      oli#shop: /request 8 CNY cake
      oli: 余额
    `);
    s.clock.advance(24 * 3_600_000 + 1_000);
    out += await s.play('oli: 余额');
    expect(out).toContain("bot -> #shop: Expired: @oli's request for CN¥8.00 for “cake”");
  });
});
