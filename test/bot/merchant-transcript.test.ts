import { describe, expect, it } from 'vitest';
import { apiServer, createRequestByApi } from '../support/merchant-api-fixtures.js';
import { consoleSession } from '../support/console-session.js';

const w = consoleSession();

const createByApi = (apiKey: string, amount: string, description: string) => createRequestByApi(w.t, apiKey, amount, description);

async function statusByApi(apiKey: string, id: string) {
  const app = apiServer(w.t);
  try {
    return (await app.inject({ method: 'GET', url: `/v1/payment_requests/${id}`, headers: { authorization: `Bearer ${apiKey}` } })).json();
  } finally {
    await app.close();
  }
}

const KEY = /okp_live_[A-Za-z0-9]{32}/;

describe('merchants in the console chat', () => {
  it('in English: /merchant, /apikey with a code, a key shown once, listed by its last 4, revoked; /start pay_<id> pays', async () => {
    await w.onboard(['alice', 'bob'], 100);
    const setup = await w.play(`
      bob: /apikey
      bob: /merchant Shоp
      bob: /merchant Bob's Beans
      bob: /apikey
      bob: {code}
    `);
    expect(setup).toContain("bot -> bob: Only a merchant can do that: first write /merchant and your shop's name.");
    // a Cyrillic о among Latin letters would pass for another shop
    expect(setup).toContain('bot -> bob: A shop name is 1 to 40 visible characters');
    expect(setup).toContain('bot -> bob: Your wallet now takes payments as “Bob\'s Beans”.');
    expect(setup).toContain('bot -> bob: Issue a new live API key for your merchant wallet?');
    expect(setup).toMatch(/bot -> bob: Your new API key \(shown this once, keep it secret\):\n {2}okp_live_[A-Za-z0-9]{32}/);
    const apiKey = KEY.exec(setup)![0];

    const id = await createByApi(apiKey, '12.00', 'beans');
    const paid = await w.play(`
      alice: /start pay_${id}
      alice: {code}
    `);
    expect(paid).toContain('bot -> alice: Pay CN¥12.00 to @bob for request R1 for “beans”?');
    expect(paid).toContain('bot -> alice: Paid CN¥12.00 to @bob');
    // the card names the shop beside the handle that is paid
    expect(paid).toContain("Paid ✅ @bob (Bob's Beans) received CN¥12.00 for “beans”. Reference R1.");
    expect(await statusByApi(apiKey, id)).toMatchObject({ status: 'paid', paid: { by: { handle: 'alice', platform: 'console' } } });

    const second = await createByApi(apiKey, '3.00', 'more beans');
    const viaPay = await w.play(`
      alice: /pay ${second}
      alice: {code}
      bob: /apikey list
      bob: /apikey revoke ${apiKey.slice(-4)}
      bob: /apikey list
    `);
    expect(viaPay).toContain('bot -> alice: Pay CN¥3.00 to @bob for request R2 for “more beans”?');
    expect(viaPay).toContain(`bot -> bob: Your API keys:\n  • …${apiKey.slice(-4)} (live, issued `);
    expect(viaPay).toContain(`bot -> bob: Revoked 1 key(s) ending in …${apiKey.slice(-4)}`);
    expect(viaPay).toContain('bot -> bob: You have no API keys.');
    expect(viaPay).not.toMatch(KEY);
    expect((await statusByApi(apiKey, second)).error.code).toBe('api.unauthorized');
    expect(await w.balance('bob')).toBe(15_00n);
  });

  it('asked for in a group, answers in the direct chat: the group never reads the key', async () => {
    await w.onboard(['carol']);
    const out = await w.play(`
      carol#shop: /merchant Beans
      carol#shop: /apikey
      carol: {code}
    `);
    expect(out).toContain('bot -> #shop: @carol, I sent you a direct message.');
    expect(out).toContain('bot -> #shop: @carol, I sent you a direct message to confirm.');
    expect(out).not.toMatch(/bot -> #shop: [^\n]*okp_/);
    expect(out).toMatch(/bot -> carol: Your new API key[^\n]*\n {2}okp_live_/);
  });

  it('in Chinese: 商户 NAME, 密钥 with a code, 密钥 列表 and an ambiguous revoke asked, not guessed', async () => {
    await w.onboard(['dora']);
    const out = await w.play(`
      dora: 商户 豆子铺
      dora: 密钥
      dora: {code}
      dora: 密钥 列表
      dora: 密钥 撤销 zzzz
    `);
    expect(out).toContain('bot -> dora: 您的钱包现在以“豆子铺”的名义收款。');
    expect(out).toContain('bot -> dora: 为您的商户钱包签发一个新的 live API 密钥？');
    expect(out).toMatch(/bot -> dora: 您的新 API 密钥（只显示这一次，请保密）：\n {2}okp_live_/);
    expect(out).toContain('bot -> dora: 您的 API 密钥：');
    expect(out).toContain('bot -> dora: 您没有以 zzzz 结尾的有效 API 密钥。');
  });
});

describe('an ambiguous key ending', () => {
  it('is refused until the merchant says all', async () => {
    await w.onboard(['erin']);
    await w.play('erin: /merchant Beans');
    const erin = (await w.t.wallet.findUserByIdentity({ platform: 'console', platformUserId: 'erin' }))!;
    // two keys that end alike, as the store would hold them after two issues
    for (const challengeId of ['9001', '9002']) {
      await w.t.store.merchants.issueKey({ merchantId: erin.id, mode: 'live', keyHash: `hash-${challengeId}`, last4: 'AbCd', challengeId });
    }
    const out = await w.play(`
      erin: /apikey revoke AbCd
      erin: /apikey revoke AbCd all
    `);
    expect(out).toContain("bot -> erin: 2 of your keys end in AbCd, and I won't guess which. /apikey revoke AbCd all revokes every one of them.");
    expect(out).toContain('bot -> erin: Revoked 2 key(s) ending in …AbCd');
  });
});
