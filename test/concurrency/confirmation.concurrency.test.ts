import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { move } from '../../core/ledger/move-money.js';
import { DEFAULT_LIMITS, tierLimits } from '../../core/limits/limits.js';
import { codeAt } from '../../core/security/totp.js';
import { manualClock, openTestWallet, serverUrl, type TestWallet } from '../support/test-database.js';
import { actor, enrolledPerson, type Person } from '../support/confirmation-fixtures.js';
import { balanceOf, cny, expectCleanLedger, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';

/** Races that only a real server with several connections can produce. */
describe.skipIf(!serverUrl)('racing confirmations on the PostgreSQL server', () => {
  const clock = manualClock();
  let t: TestWallet;
  let merchant: Person;

  beforeAll(async () => {
    t = await openTestWallet({ clock, poolSize: 20 });
    merchant = await enrolledPerson(t, clock, 'merchant');
  });
  afterAll(async () => {
    if (t) await expectCleanLedger(t.wallet);
    await t?.close();
  });

  it('two confirmations with one code: exactly one runs', async () => {
    const payer = await enrolledPerson(t, clock, 'one-code');
    await fund(t, payer.user, cny(100));
    unwrap(await t.wallet.prepareSend({ key: freshKey(), actor: await actor(t, payer), toUserId: merchant.user.id, amount: cny(10) }));
    const code = codeAt(payer.secret, clock.now());
    const results = await Promise.all(
      Array.from({ length: 6 }, () => t.wallet.confirm({ key: freshKey(), identity: payer.identity, code, label: 'p' })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await balanceOf(t.wallet, payer.user, 'CNY')).toBe(9000n);
    clock.advance(30_000);
  });

  it('two payers of one request: one pays, the other is refused and not charged', async () => {
    const request = unwrap(await t.wallet.createRequest({ key: freshKey(), merchant: await actor(t, merchant), amount: cny(30) }));
    const payers = await Promise.all([enrolledPerson(t, clock, 'rp1'), enrolledPerson(t, clock, 'rp2'), enrolledPerson(t, clock, 'rp3')]);
    for (const p of payers) {
      await fund(t, p.user, cny(30));
      unwrap(await t.wallet.preparePayRequest({ key: freshKey(), actor: await actor(t, p), requestId: request.id }));
    }
    const results = await Promise.all(
      payers.map((p) => t.wallet.confirm({ key: freshKey(), identity: p.identity, code: codeAt(p.secret, clock.now()), label: 'p' })),
    );
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code)).sort();
    expect(codes).toEqual(['ok', 'request.already_paid', 'request.already_paid']);
    const balances = await Promise.all(payers.map((p) => balanceOf(t.wallet, p.user, 'CNY')));
    expect(balances.sort()).toEqual([0n, 3000n, 3000n]);
    clock.advance(30_000);
  });

  it('concurrent partial refunds never pass what was paid', async () => {
    const payer = await enrolledPerson(t, clock, 'refunded');
    await fund(t, payer.user, cny(100));
    const paid = unwrap(
      await move(t.store.ledger, { key: freshKey(), kind: 'send', from: { user: payer.user.id }, to: { user: merchant.user.id }, amount: cny(100), now: clock.now() }),
    );
    const refunds = await Promise.all(
      Array.from({ length: 12 }, () =>
        move(t.store.ledger, {
          key: freshKey(),
          kind: 'refund',
          from: { user: merchant.user.id },
          to: { user: payer.user.id },
          amount: cny(30),
          relatedTransferId: paid.transferId,
          now: clock.now(),
        }),
      ),
    );
    const codes = refunds.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(3);
    expect(codes.filter((c) => c === 'refund.exceeds_remaining')).toHaveLength(9);
    expect((await t.wallet.getTransfer(payer.user.id, paid.transferId))?.refunded).toBe(9000n);
    expect(await balanceOf(t.wallet, payer.user, 'CNY')).toBe(9000n);
  });

  it('a freeze racing a confirmation: the payment happens before the freeze or not at all', async () => {
    for (let round = 0; round < 10; round++) {
      const payer = await enrolledPerson(t, clock, `race-${round}`);
      await fund(t, payer.user, cny(10));
      unwrap(await t.wallet.prepareSend({ key: freshKey(), actor: await actor(t, payer), toUserId: merchant.user.id, amount: cny(10) }));
      const code = codeAt(payer.secret, clock.now());
      const [confirmed, frozen] = await Promise.all([
        t.wallet.confirm({ key: freshKey(), identity: payer.identity, code, label: 'p' }),
        t.wallet.freeze(await actor(t, payer)),
      ]);
      expect(unwrap(frozen).user.status).toBe('frozen');
      const left = await balanceOf(t.wallet, payer.user, 'CNY');
      expect(left).toBe(confirmed.ok ? 0n : 1000n);
      if (!confirmed.ok) expect(['challenge.none', 'challenge.cancelled', 'account.frozen']).toContain(confirmed.error.code);
      const notices = await t.wallet.notificationsOf(payer.user.id, 10);
      const sentAt = notices.findIndex((n) => n.notice.kind === 'send.sent');
      const frozenAt = notices.findIndex((n) => n.notice.kind === 'security.frozen');
      // newest first: a payment that happened is older than the freeze
      if (confirmed.ok) expect(sentAt).toBeGreaterThan(frozenAt);
      clock.advance(30_000);
    }
  });

  it('a wallet closing while payments arrive is never left closed with money in it', async () => {
    for (let round = 0; round < 5; round++) {
      const closing = await enrolledPerson(t, clock, `closing-${round}`);
      const payer = await enrolledPerson(t, clock, `sender-${round}`);
      await fund(t, payer.user, cny(100));
      unwrap(await t.wallet.prepareClose({ key: freshKey(), actor: await actor(t, closing) }));
      const code = codeAt(closing.secret, clock.now());
      const [closed, ...payments] = await Promise.all([
        t.wallet.confirm({ key: freshKey(), identity: closing.identity, code, label: 'c' }),
        ...Array.from({ length: 8 }, () => t.moves.send({ key: freshKey(), fromUserId: payer.user.id, toUserId: closing.user.id, amount: cny(1) })),
      ]);
      const received = await balanceOf(t.wallet, closing.user, 'CNY');
      const paid = payments.filter((p) => p.ok).length;
      expect(received).toBe(BigInt(paid) * 100n);
      if (closed.ok) expect(received).toBe(0n);
      else expect(closed.error.code).toBe('account.not_empty');
      clock.advance(30_000);
    }
    await expectCleanLedger(t.wallet);
  });

  it('concurrent sends at the daily limit cannot jointly pass it', async () => {
    const payer = await enrolledPerson(t, clock, 'limited');
    await fund(t, payer.user, cny(10_000));
    const limits = tierLimits(DEFAULT_LIMITS, 'CNY');
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        t.moves.send({ key: freshKey(), fromUserId: payer.user.id, toUserId: merchant.user.id, amount: cny(500), limits }),
      ),
    );
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(4);
    expect(codes.filter((c) => c === 'limit.daily')).toHaveLength(8);
    expect(await balanceOf(t.wallet, payer.user, 'CNY')).toBe(800_000n);
  });
});
