import { describe, expect, it } from 'vitest';
import { consoleSession } from '../support/console-session.js';

const w = consoleSession();
const SECRET = /whsec_[A-Za-z0-9_-]{32}/;

describe('/webhook in the console chat', () => {
  it('in English: a bad address refused, the endpoint set with a code, its secret shown once, rotated', async () => {
    await w.onboard(['hana']);
    const out = await w.play(`
      hana: /merchant Hana's Tea
      hana: /webhook http://shop.example/okpay
      hana: /webhook http://127.0.0.1:8099/OKPay/Hook
      hana: {code}
      hana: /webhook
      hana: /webhook rotate
      hana: {code}
    `);
    expect(out).toContain('bot -> hana: That is not a webhook address I can use: it must start with https://');
    expect(out).toContain('bot -> hana: Send your payment events to http://127.0.0.1:8099/OKPay/Hook, signed with a new secret?');
    expect(out).toMatch(/bot -> hana: Payment events now go to http:\/\/127\.0\.0\.1:8099\/OKPay\/Hook\. Signing secret: whsec_/);
    expect(out).toContain('bot -> hana: Your payment events go to http://127.0.0.1:8099/OKPay/Hook. /webhook rotate makes a new signing secret.');
    const secrets = out.match(new RegExp(SECRET, 'g'))!;
    expect(secrets).toHaveLength(2);
    expect(secrets[0]).not.toBe(secrets[1]);
  });

  it('asked for in a group, the secret goes only to the direct chat', async () => {
    await w.onboard(['ivan']);
    const out = await w.play(`
      ivan: /merchant Ivan
      ivan#shop: /webhook https://ivan.example/hook
      ivan: {code}
    `);
    expect(out).not.toMatch(/bot -> #shop: [^\n]*whsec_/);
    expect(out).toMatch(/bot -> ivan: Payment events now go to https:\/\/ivan\.example\/hook\. Signing secret: whsec_/);
  });

  it('in Chinese: 回调 URL with a code', async () => {
    await w.onboard(['jing']);
    const out = await w.play(`
      jing: /language zh
      jing: 商户 茶铺
      jing: 回调 https://jing.example/hook
      jing: {code}
      jing: 回调 轮换
    `);
    expect(out).toContain('bot -> jing: 将您的收款事件发送到 https://jing.example/hook，并使用新的签名密钥？');
    expect(out).toMatch(/bot -> jing: 收款事件现在发送到 https:\/\/jing\.example\/hook。签名密钥：whsec_/);
  });
});
