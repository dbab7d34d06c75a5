import { describe, expect, it } from 'vitest';
import { createRequestByApi } from '../support/merchant-api-fixtures.js';
import { consoleSession } from '../support/console-session.js';

const w = consoleSession();

const createByApi = (apiKey: string, amount: string, description: string) => createRequestByApi(w.t, apiKey, amount, description);

const TEST_KEY = /okp_test_[A-Za-z0-9]{32}/;

describe('the sandbox in the console chat', () => {
  it('in English: /apikey test issues a test key; paying its request says TEST and touches no real money', async () => {
    await w.onboard(['alice', 'bob'], 100);
    const setup = await w.play(`
      bob: /merchant Bob's Beans
      bob: /apikey test
      bob: {code}
      bob: /apikey list
    `);
    expect(setup).toContain('bot -> bob: Issue a new test API key for your merchant wallet?');
    expect(setup).toMatch(/bot -> bob: Your new API key \(shown this once, keep it secret\):\n {2}okp_test_[A-Za-z0-9]{32}\n {2}This is a test key/);
    const apiKey = TEST_KEY.exec(setup)![0];
    expect(setup).toContain(`• …${apiKey.slice(-4)} (test, issued `);

    const id = await createByApi(apiKey, '12.00', 'beans');
    const paid = await w.play(`
      alice: /start pay_${id}
      alice: {code}
      alice: /balance
    `);
    expect(paid).toContain('bot -> alice: 🧪 TEST — sandbox money, not real.\n  Pay CN¥12.00 to @bob for request R1 for “beans”?');
    expect(paid).toMatch(/bot -> alice: 🧪 TEST — sandbox money, not real.\n {2}Paid CN¥12\.00 to @bob/);
    expect(paid).toContain("🧪 TEST — sandbox money, not real.\n  Paid ✅ @bob (Bob's Beans) received CN¥12.00 for “beans”. Reference R1.");
    expect(await w.balance('alice')).toBe(100_00n);
    expect(await w.balance('bob')).toBe(0n);

    const second = await createByApi(apiKey, '3.00', 'more beans');
    const viaPay = await w.play(`
      alice: /pay ${second}
      alice: {code}
      alice: /history
    `);
    expect(viaPay).toContain('bot -> alice: 🧪 TEST — sandbox money, not real.\n  Pay CN¥3.00 to @bob for request R2');
    // the receipt's balance is the test balance; the real history has only the real deposit
    expect(viaPay).toContain('bot -> alice: 🧪 TEST — sandbox money, not real.\n  Paid CN¥3.00 to @bob. Reference T4. Balance: CN¥985.00.');
    expect(viaPay).toMatch(/bot -> alice: Recent payments:\n {2}[^\n]*\+CN¥100\.00 from outside OKPay · T1\n?$/);
    expect(await w.balance('alice')).toBe(100_00n);
  });

  it('in Chinese: 密钥 测试, and paying a test request says 测试', async () => {
    await w.onboard(['eve', 'dora'], 100);
    const setup = await w.play(`
      dora: 商户 豆子铺
      dora: 密钥 测试
      dora: {code}
    `);
    expect(setup).toContain('bot -> dora: 为您的商户钱包签发一个新的 test API 密钥？');
    expect(setup).toMatch(/bot -> dora: 您的新 API 密钥（只显示这一次，请保密）：\n {2}okp_test_[A-Za-z0-9]{32}\n {2}这是测试密钥/);
    const id = await createByApi(TEST_KEY.exec(setup)![0], '8.00', '豆子');
    const paid = await w.play(`
      eve: /language zh
      eve: /pay ${id}
      eve: {code}
    `);
    expect(paid).toContain('bot -> eve: 🧪 测试 — 沙盒资金，并非真实资金。\n  向 @dora 支付收款单 R3，金额 ¥8.00（备注：豆子）？');
    expect(paid).toMatch(/bot -> eve: 🧪 测试 — 沙盒资金，并非真实资金。\n {2}已向 @dora 支付 ¥8\.00。编号 T\d+。余额：¥992\.00。/);
    expect(paid).toContain('🧪 测试 — 沙盒资金，并非真实资金。\n  已支付 ✅ @dora（豆子铺） 收到 ¥8.00（备注：豆子）。编号 R3。');
    expect(await w.balance('eve')).toBe(100_00n);
  });
});
