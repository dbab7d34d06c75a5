import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMerchantName } from '../../core/merchants/merchant-name.js';
import { codeAt } from '../../core/security/totp.js';
import { actor, confirmNow, enrolledPerson, expectError, type Person } from '../support/confirmation-fixtures.js';
import { manualClock } from '../support/manual-clock.js';
import { openTestWallet, type TestWallet } from '../support/test-database.js';
import { cny, expectCleanLedger, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';

describe('merchants and API keys', () => {
  const clock = manualClock();
  let t: TestWallet;
  let shop: Person;
  let payer: Person;
  let stranger: Person;

  beforeAll(async () => {
    t = await openTestWallet({ clock });
    shop = await enrolledPerson(t, clock, 'shop');
    payer = await enrolledPerson(t, clock, 'payer');
    stranger = await enrolledPerson(t, clock, 'stranger');
    await fund(t, payer.user, cny(100));
  });
  afterAll(async () => {
    await expectCleanLedger(t.wallet);
    await t.close();
  });

  it('takes a display name as people read it: code points, nothing invisible, no look-alike letters', () => {
    expect(unwrap(checkMerchantName('  Café Noir '))).toBe('Café Noir');
    expect(unwrap(checkMerchantName('🍩'.repeat(40)))).toHaveLength(80);
    expect(unwrap(checkMerchantName('街角咖啡'))).toBe('街角咖啡');
    expect(unwrap(checkMerchantName('\u{1d413}\u{1d41e}\u{1d41a} Shop'))).toBe('Tea Shop');
    expect(unwrap(checkMerchantName("Bob's Tea, Ltd. & Co"))).toBe("Bob's Tea, Ltd. & Co");
    for (const spoof of ['@mallory (@bob)', 'Shop @bob', 'Tea [verified]', 'paypal.com', 'https://x', 'www.shop', '\u{1d41b}\u{1d428}\u{1d41b}.com', 'Shop（官方）']) {
      expectError(checkMerchantName(spoof), 'merchant.invalid_name');
    }
    for (const bad of ['', '   ', '🍩'.repeat(41), 'Sh\u200bop', 'Shоp', 'Bob\u202eseY', 'two  spaces', 'wide\u3000space', '\u0301accent']) {
      expectError(checkMerchantName(bad), 'merchant.invalid_name');
    }
  });

  it('issues a key only after a code, stores its hash, and a replayed confirmation shows no secret', async () => {
    expectError(await t.wallet.prepareIssueApiKey({ key: freshKey(), actor: await actor(t, shop), mode: 'live' }), 'merchant.required');
    unwrap(await t.wallet.becomeMerchant({ actor: await actor(t, shop), name: 'Shop' }));
    unwrap(await t.wallet.prepareIssueApiKey({ key: freshKey(), actor: await actor(t, shop), mode: 'live' }));
    const confirmKey = freshKey('confirm');
    const code = codeAt(shop.secret, clock.now());
    const first = unwrap(await t.wallet.confirm({ key: confirmKey, identity: shop.identity, code, label: 'shop' }));
    const replay = unwrap(await t.wallet.confirm({ key: confirmKey, identity: shop.identity, code, label: 'shop' }));
    clock.advance(30_000);
    expect(first.effect).toMatchObject({ kind: 'api_key_issued', secret: expect.stringMatching(/^okp_live_[A-Za-z0-9]{32}$/) });
    expect(replay.effect).toEqual({ kind: 'api_key_issued', key: expect.objectContaining({ last4: (first.effect as { secret: string }).secret.slice(-4) }) });
    const secret = (first.effect as { secret: string }).secret;
    const stored = await t.database.query<{ key_hash: string; last4: string }>(sql`select key_hash, last4 from api_keys`);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await t.database.query(sql`select * from api_keys`))).not.toContain(secret);
    expect(JSON.stringify(await t.database.query(sql`select result from challenges`))).not.toContain(secret);
    expect(unwrap(await t.wallet.authenticateApiKey(secret)).user.id).toBe(shop.user.id);
    expectError(await t.wallet.authenticateApiKey(`${secret.slice(0, -1)}x`), 'api.unauthorized');
  });

  it('shows a transfer and a refund ask only to their parties', async () => {
    const request = unwrap(await t.wallet.createRequest({ key: freshKey(), merchant: await actor(t, shop), amount: cny(5) }));
    unwrap(await t.wallet.preparePayRequest({ key: freshKey(), actor: await actor(t, payer), requestId: request.id }));
    const paid = unwrap(await confirmNow(t, clock, payer));
    const transferId = paid.effect.kind === 'transfer' ? paid.effect.receipt.transferId : '';
    expect(await t.wallet.getTransfer(shop.user.id, transferId)).toBeDefined();
    expect(await t.wallet.getTransfer(payer.user.id, transferId)).toBeDefined();
    expect(await t.wallet.getTransfer(stranger.user.id, transferId)).toBeUndefined();
    const ask = unwrap(await t.wallet.askRefund({ actor: await actor(t, payer), transferId }));
    expect(await t.wallet.getRefundAsk(payer.user.id, ask.id)).toMatchObject({ id: ask.id });
    expect(await t.wallet.getRefundAsk(shop.user.id, ask.id)).toMatchObject({ id: ask.id });
    expect(await t.wallet.getRefundAsk(stranger.user.id, ask.id)).toBeUndefined();
  });
});
