import { beforeAll, describe, expect, it } from 'vitest';
import { codeAt } from '../../core/security/totp.js';
import { openMemoryWallet, type WalletUnderTest } from '../fakes/memory-wallet.js';
import { actor, challengeOf, confirmNow, enrolledPerson, expectError, type Person } from '../support/confirmation-fixtures.js';
import { manualClock } from '../support/manual-clock.js';
import { balanceOf, cny, consoleUser, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';

const clock = manualClock();
let t: WalletUnderTest;
let alice: Person;
let bob: Person;

beforeAll(async () => {
  t = openMemoryWallet({ clock });
  alice = await enrolledPerson(t, clock, 'alice');
  bob = await enrolledPerson(t, clock, 'bob');
  await fund(t, alice.user, cny(1000));
});

const prepare = async (major: number, key = freshKey('prepare')) =>
  t.wallet.prepareSend({ key, actor: await actor(t, alice), toUserId: bob.user.id, amount: cny(major) });
const confirmWith = (code: string, key = freshKey('confirm')) => t.wallet.confirm({ key, identity: alice.identity, code, label: 'alice' });
const balances = async () => [await balanceOf(t.wallet, alice.user, 'CNY'), await balanceOf(t.wallet, bob.user, 'CNY')];

describe('a send, prepared then confirmed with the code the app shows', () => {
  it('moves the money once and answers a redelivered confirmation with the same receipt', async () => {
    const before = await balances();
    challengeOf(await prepare(10));
    const key = freshKey('confirm');
    const confirmed = unwrap(await confirmNow(t, clock, alice, key));
    expect(confirmed.effect).toMatchObject({ kind: 'transfer', receipt: { kind: 'send', amount: cny(10), toUserId: bob.user.id } });
    const replayed = unwrap(await t.wallet.confirm({ key, identity: alice.identity, code: '000000', label: 'alice' }));
    expect(replayed.effect).toEqual(confirmed.effect);
    expect(await balances()).toEqual([before[0]! - 1000n, before[1]! + 1000n]);
    expectError(await t.wallet.confirm({ key, identity: bob.identity, code: '000000', label: 'bob' }), 'challenge.none');
  });

  it('returns the same challenge for a redelivered prepare and refuses its key with another amount', async () => {
    const key = freshKey('prepare');
    const first = challengeOf(await prepare(3, key));
    expect(challengeOf(await prepare(3, key)).id).toBe(first.id);
    expectError(await prepare(4, key), 'idempotency.conflict');
  });

  it('keeps only the newest prepared action of an identity', async () => {
    const older = challengeOf(await prepare(1));
    const newer = challengeOf(await prepare(2));
    expect((await t.wallet.pendingChallenge(alice.identity))?.id).toBe(newer.id);
    expect((await t.store.challenges.get(older.id))?.status).toBe('cancelled');
    await t.wallet.cancelPending(alice.identity);
  });

  it('refuses what cannot happen before asking for a code', async () => {
    const me = await actor(t, alice);
    expectError(await t.wallet.prepareSend({ key: freshKey(), actor: me, toUserId: alice.user.id, amount: cny(1) }), 'transfer.self');
    expectError(await prepare(501), 'limit.per_transaction');
    expectError(await t.wallet.prepareSend({ key: freshKey(), actor: await actor(t, bob), toUserId: alice.user.id, amount: cny(100) }), 'transfer.insufficient_funds');
    expectError(await t.wallet.prepareSend({ key: freshKey(), actor: me, toUserId: '424242', amount: cny(1) }), 'user.not_found');
    const carol = await consoleUser(t.wallet, 'carol');
    expectError(await t.wallet.prepareSend({ key: freshKey(), actor: { user: carol, identity: { platform: 'console', platformUserId: 'carol' } }, toUserId: bob.user.id, amount: cny(1) }), 'auth.not_enrolled');
    expect(await t.wallet.pendingChallenge(alice.identity)).toBeUndefined();
  });
});

describe('codes', () => {
  it('refuses a malformed code without counting it, and a spent step as used', async () => {
    challengeOf(await prepare(1));
    expectError(await confirmWith('12ab'), 'code.malformed');
    expect((await t.wallet.pendingChallenge(alice.identity))?.attempts).toBe(0);
    const code = codeAt(alice.secret, clock.now());
    expect((await confirmWith(code)).ok).toBe(true);
    challengeOf(await prepare(1));
    const used = await confirmWith(code);
    expectError(used, 'code.used');
    expect(used.ok ? undefined : used.error.params).toEqual({ attemptsLeft: 4 });
    clock.advance(30_000);
    await t.wallet.cancelPending(alice.identity);
  });

  it('lets the wallet clock expire a challenge after five minutes', async () => {
    challengeOf(await prepare(1));
    clock.advance(5 * 60_000);
    expectError(await confirmWith(codeAt(alice.secret, clock.now())), 'challenge.expired');
    clock.advance(30_000);
    await t.wallet.cancelPending(alice.identity);
  });

  it('confirms with a recovery code once', async () => {
    const [recovery] = alice.recoveryCodes;
    challengeOf(await prepare(1));
    expect((await confirmWith(recovery!)).ok).toBe(true);
    challengeOf(await prepare(1));
    expectError(await confirmWith(recovery!), 'code.invalid');
    await t.wallet.cancelPending(alice.identity);
  });

  it('burns a code shown in a group so that it confirms nothing', async () => {
    challengeOf(await prepare(1));
    const code = codeAt(alice.secret, clock.now());
    expect(await t.wallet.discardExposedCode({ identity: alice.identity, user: alice.user, code })).toBe(true);
    expect(await t.wallet.pendingChallenge(alice.identity)).toBeUndefined();
    expect(await t.wallet.discardExposedCode({ identity: alice.identity, user: alice.user, code: '123456' })).toBe(false);
    clock.advance(30_000);
  });
});

describe('the daily limit, judged at confirmation by the wallet clock', () => {
  it('refuses the payment that passes 2,000 CNY within 24 hours and allows it once the day has rolled', async () => {
    clock.advance(25 * 3_600_000);
    await fund(t, alice.user, cny(2500));
    for (let i = 0; i < 4; i += 1) {
      challengeOf(await prepare(500));
      unwrap(await confirmNow(t, clock, alice));
    }
    challengeOf(await prepare(1));
    const refused = await confirmNow(t, clock, alice);
    expectError(refused, 'limit.daily');
    expect(refused.ok ? undefined : refused.error.params).toMatchObject({ remaining: '0' });
    clock.advance(24 * 3_600_000);
    challengeOf(await prepare(1));
    expect((await confirmNow(t, clock, alice)).ok).toBe(true);
    expect(await t.wallet.checkLedger()).toEqual({ ok: true, violations: [] });
  });
});
