import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeActions } from '../../core/notices/index.js';
import { WRONG_CODE_RULES } from '../../core/context.js';
import { hashRecoveryCode } from '../../core/security/recovery-codes.js';
import { codeAt, stepAt } from '../../core/security/totp.js';
import { manualClock, openTestWallet, type TestWallet } from '../support/test-database.js';
import { actor, confirmNow, enrolledPerson, expectError, secretOf, type Person } from '../support/confirmation-fixtures.js';
import { balanceOf, cny, expectCleanLedger, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';

const clock = manualClock();
let t: TestWallet;
let alice: Person;
let bob: Person;
let ops: Person;

beforeAll(async () => {
  t = await openTestWallet({ clock, operators: [{ platform: 'console', platformUserId: 'ops' }] });
  ops = await enrolledPerson(t, clock, 'ops');
  alice = await enrolledPerson(t, clock, 'alice');
  bob = await enrolledPerson(t, clock, 'bob');
  await fund(t, alice.user, cny(1000));
});
afterAll(async () => {
  await expectCleanLedger(t.wallet);
  await t.close();
});

async function prepareSend(from: Person, to: Person, major: number) {
  return t.wallet.prepareSend({ key: freshKey('prep'), actor: await actor(t, from), toUserId: to.user.id, amount: cny(major) });
}

describe('authenticator enrollment', () => {
  it('issues an otpauth URI and a QR image, active only after one valid code', async () => {
    const { user } = await t.wallet.register({ platform: 'console', platformUserId: 'carol', username: 'carol' });
    const enrollment = unwrap(await t.wallet.beginEnrollment(user, 'carol'));
    expect(enrollment.uri).toMatch(/^otpauth:\/\/totp\/OKPay:carol\?secret=[A-Z2-7]+&issuer=OKPay$/);
    expect(enrollment.qrPng.subarray(1, 4).toString()).toBe('PNG');
    const secret = secretOf(enrollment.uri);
    await fund(t, user, cny(10));
    expectError(await t.wallet.prepareSend({ key: freshKey(), actor: { user, identity: { platform: 'console', platformUserId: 'carol' } }, toUserId: bob.user.id, amount: cny(1) }), 'auth.not_enrolled');
    expectError(await t.wallet.activateAuthenticator(user, '000000'), 'auth.wrong_code');
    const activated = unwrap(await t.wallet.activateAuthenticator(user, codeAt(secret, clock.now())));
    expect(activated.recoveryCodes).toHaveLength(10);
    expectError(await t.wallet.activateAuthenticator(user, codeAt(secret, clock.now())), 'auth.already_active');
    expectError(await t.wallet.beginEnrollment(user, 'carol'), 'auth.already_active');
    clock.advance(30_000);
  });

  it('keeps secrets sealed and recovery codes hashed at rest', async () => {
    const rows = await t.database.query<{ secret_sealed: string }>(sql`select secret_sealed from authenticators`);
    for (const row of rows) expect(row.secret_sealed).not.toContain(alice.secret);
    const hashes = await t.database.query<{ code_hash: string }>(sql`select code_hash from recovery_codes`);
    expect(hashes.map((h) => h.code_hash)).not.toContain(alice.recoveryCodes[0]);
  });
});

describe('confirming a send', () => {
  it('moves money only after the code, notifies both sides, and replays the same answer', async () => {
    const challenge = unwrap(await prepareSend(alice, bob, 10));
    expect(challenge).toMatchObject({ kind: 'send', status: 'open', payload: { toUserId: bob.user.id, currency: 'CNY', minor: '1000' } });
    expect(challenge.expiresAt.getTime() - clock.now().getTime()).toBe(5 * 60_000);
    expect(await balanceOf(t.wallet, bob.user, 'CNY')).toBe(0n);

    const key = freshKey('confirm');
    const code = codeAt(alice.secret, clock.now());
    const done = unwrap(await t.wallet.confirm({ key, identity: alice.identity, code, label: 'alice' }));
    expect(done.effect).toMatchObject({ kind: 'transfer', receipt: { amount: cny(10), toUserId: bob.user.id } });
    expect(await balanceOf(t.wallet, bob.user, 'CNY')).toBe(1000n);
    expect(await t.wallet.confirm({ key, identity: alice.identity, code, label: 'alice' })).toEqual({ ok: true, value: done });
    expect(await balanceOf(t.wallet, bob.user, 'CNY')).toBe(1000n);
    expectError(await t.wallet.confirm({ key: freshKey(), identity: alice.identity, code, label: 'alice' }), 'challenge.none');

    const [sent] = await t.wallet.notificationsOf(alice.user.id, 1);
    const [received] = await t.wallet.notificationsOf(bob.user.id, 1);
    expect(sent?.notice).toMatchObject({ kind: 'send.sent', amount: { currency: 'CNY', minor: 1000n }, counterpartyId: bob.user.id });
    expect(noticeActions(sent!.notice)).toEqual([{ kind: 'freeze' }]);
    expect(received?.notice).toMatchObject({ kind: 'send.received', counterpartyId: alice.user.id });
    expect(noticeActions(received!.notice)).toEqual([]);
    clock.advance(30_000);
  });

  it('replays a confirmation the ledger refused with the same refusal, and still after a crash lost its answer', async () => {
    const carol = await enrolledPerson(t, clock, 'refused');
    await fund(t, carol.user, cny(5));
    unwrap(await prepareSend(carol, bob, 5));
    unwrap(await t.moves.withdraw({ key: freshKey(), userId: carol.user.id, amount: cny(3) }));
    const key = freshKey('confirm');
    const code = codeAt(carol.secret, clock.now());
    const refused = await t.wallet.confirm({ key, identity: carol.identity, code, label: 'refused' });
    expect(refused).toEqual({ ok: false, error: { code: 'transfer.insufficient_funds', params: { available: '200', currency: 'CNY' } } });
    expect(await t.wallet.confirm({ key, identity: carol.identity, code, label: 'refused' })).toEqual(refused);

    // the process died after the ledger refused and before the core recorded the answer
    await t.database.query(sql`update challenges set result = null where confirm_key = ${key}`);
    expect(await t.wallet.confirm({ key, identity: carol.identity, code, label: 'refused' })).toEqual(refused);
    expect(await balanceOf(t.wallet, carol.user, 'CNY')).toBe(200n);
    clock.advance(30_000);
  });

  it('never accepts one time step twice', async () => {
    unwrap(await prepareSend(alice, bob, 1));
    const code = codeAt(alice.secret, clock.now());
    unwrap(await t.wallet.confirm({ key: freshKey(), identity: alice.identity, code, label: 'a' }));
    unwrap(await prepareSend(alice, bob, 1));
    expectError(await t.wallet.confirm({ key: freshKey(), identity: alice.identity, code, label: 'a' }), 'code.used');
    clock.advance(30_000);
    unwrap(await confirmNow(t, clock, alice));
  });

  it('accepts the previous step, refuses two steps back', async () => {
    unwrap(await prepareSend(alice, bob, 1));
    const stale = codeAt(alice.secret, new Date(clock.now().getTime() - 60_000));
    expectError(await t.wallet.confirm({ key: freshKey(), identity: alice.identity, code: stale, label: 'a' }), 'code.invalid');
    clock.advance(30_000);
    const previous = codeAt(alice.secret, new Date(clock.now().getTime() - 30_000));
    unwrap(await t.wallet.confirm({ key: freshKey(), identity: alice.identity, code: previous, label: 'a' }));
    clock.advance(30_000);
  });

  it('resumes a run interrupted after its code was accepted only for the same redelivered message', async () => {
    const challenge = unwrap(await prepareSend(alice, bob, 2));
    const key = freshKey('confirm');
    expect(await t.store.challenges.claim(challenge.id, key, clock.now())).toBe(true);
    expectError(await confirmNow(t, clock, alice), 'challenge.none');
    const before = await balanceOf(t.wallet, bob.user, 'CNY');
    const resumed = unwrap(await t.wallet.confirm({ key, identity: alice.identity, code: '000000', label: 'a' }));
    expect(resumed.effect).toMatchObject({ kind: 'transfer', receipt: { amount: cny(2) } });
    expect(await balanceOf(t.wallet, bob.user, 'CNY')).toBe(before + 200n);
  });

  it('accepts a code again for the redelivered message whose process died after spending it, before claiming the challenge', async () => {
    clock.advance(30_000);
    const challenge = unwrap(await prepareSend(alice, bob, 3));
    const key = freshKey('confirm');
    const code = codeAt(alice.secret, clock.now());
    // the dead process got as far as spending the code: one transaction, committed
    const cap = { rules: WRONG_CODE_RULES, now: clock.now() };
    expect(await t.store.security.consumeStep(alice.user.id, stepAt(clock.now()), cap, `${key}#challenge:${challenge.id}`)).toEqual({ outcome: 'accepted' });
    // another request cannot use that code …
    expectError(await t.wallet.confirm({ key: freshKey(), identity: alice.identity, code, label: 'a' }), 'code.used');
    // … the same message, redelivered, confirms once
    const before = await balanceOf(t.wallet, bob.user, 'CNY');
    const confirmed = unwrap(await t.wallet.confirm({ key, identity: alice.identity, code, label: 'a' }));
    expect(confirmed.challenge.id).toBe(challenge.id);
    expect(await balanceOf(t.wallet, bob.user, 'CNY')).toBe(before + 300n);
    unwrap(await t.wallet.confirm({ key, identity: alice.identity, code, label: 'a' }));
    expect(await balanceOf(t.wallet, bob.user, 'CNY')).toBe(before + 300n);
    clock.advance(30_000);
  });

  it('never lets the redelivered message spend its code on a newer challenge, nor once the code was shown in a group', async () => {
    clock.advance(30_000);
    const first = unwrap(await prepareSend(alice, bob, 4));
    const key = freshKey('confirm');
    const code = codeAt(alice.secret, clock.now());
    const cap = { rules: WRONG_CODE_RULES, now: clock.now() };
    await t.store.security.consumeStep(alice.user.id, stepAt(clock.now()), cap, `${key}#challenge:${first.id}`);
    // the person meanwhile asked for something else, which replaced the first challenge
    unwrap(await prepareSend(alice, bob, 40));
    const before = await balanceOf(t.wallet, bob.user, 'CNY');
    expectError(await t.wallet.confirm({ key, identity: alice.identity, code, label: 'a' }), 'code.used');
    expect(await balanceOf(t.wallet, bob.user, 'CNY')).toBe(before);

    // a code held for its request's redelivery and then pasted in a group is burnt for it too
    clock.advance(30_000);
    const third = unwrap(await prepareSend(alice, bob, 5));
    const again = freshKey('confirm');
    const exposed = codeAt(alice.secret, clock.now());
    await t.store.security.consumeStep(alice.user.id, stepAt(clock.now()), { rules: WRONG_CODE_RULES, now: clock.now() }, `${again}#challenge:${third.id}`);
    expect(await t.store.security.consumeStep(alice.user.id, stepAt(clock.now()), 'burn')).toEqual({ outcome: 'accepted' });
    expectError(await t.wallet.confirm({ key: again, identity: alice.identity, code: exposed, label: 'a' }), 'code.used');
    clock.advance(30_000);
  });

  it('lets only the request that used a recovery code use it again', async () => {
    const fay = await enrolledPerson(t, clock, 'fay');
    const hash = hashRecoveryCode(fay.recoveryCodes[0]!);
    const cap = { rules: WRONG_CODE_RULES, now: clock.now() };
    expect(await t.store.security.useRecoveryCode(fay.user.id, hash, cap, 'req-1')).toEqual({ outcome: 'accepted' });
    expect(await t.store.security.useRecoveryCode(fay.user.id, hash, cap, 'req-1')).toEqual({ outcome: 'accepted' });
    expect(await t.store.security.useRecoveryCode(fay.user.id, hash, cap, 'req-2')).toEqual({ outcome: 'refused' });
    expect(await t.store.security.useRecoveryCode(fay.user.id, hash, cap)).toEqual({ outcome: 'refused' });
    // burnt (shown in a group): not even the request that used it may use it again
    expect(await t.store.security.useRecoveryCode(fay.user.id, hash, 'burn')).toEqual({ outcome: 'accepted' });
    expect(await t.store.security.useRecoveryCode(fay.user.id, hash, cap, 'req-1')).toEqual({ outcome: 'refused' });
  });

  it('never resumes a cancelled challenge, nor for another person', async () => {
    const challenge = unwrap(await prepareSend(alice, bob, 2));
    const key = freshKey('confirm');
    expect(await t.store.challenges.claim(challenge.id, key, clock.now())).toBe(true);
    expectError(await t.wallet.confirm({ key, identity: bob.identity, code: '000000', label: 'b' }), 'challenge.none');
    const dave = await enrolledPerson(t, clock, 'dave2');
    await fund(t, dave.user, cny(5));
    const daves = unwrap(await t.wallet.prepareSend({ key: freshKey(), actor: await actor(t, dave), toUserId: bob.user.id, amount: cny(5) }));
    const daveKey = freshKey('confirm');
    expect(await t.store.challenges.claim(daves.id, daveKey, clock.now())).toBe(true);
    unwrap(await t.wallet.freeze(await actor(t, dave)));
    expectError(await t.wallet.confirm({ key: daveKey, identity: dave.identity, code: '000000', label: 'd' }), 'challenge.cancelled');
    expect(await balanceOf(t.wallet, dave.user, 'CNY')).toBe(500n);
    unwrap(await t.wallet.confirm({ key, identity: alice.identity, code: '000000', label: 'a' }));
  });

  it('expires after five minutes', async () => {
    unwrap(await prepareSend(alice, bob, 1));
    clock.advance(5 * 60_000 + 1);
    expectError(await confirmNow(t, clock, alice), 'challenge.expired');
  });

  it('locks a challenge after five wrong codes', async () => {
    unwrap(await prepareSend(alice, bob, 1));
    for (let i = 1; i <= 4; i++) {
      const wrong = await t.wallet.confirm({ key: freshKey(), identity: alice.identity, code: '000000', label: 'a' });
      expect(wrong).toEqual({ ok: false, error: { code: 'code.invalid', params: { attemptsLeft: 5 - i } } });
    }
    expectError(await t.wallet.confirm({ key: freshKey(), identity: alice.identity, code: '000000', label: 'a' }), 'challenge.locked');
    expectError(await confirmNow(t, clock, alice), 'challenge.none');
  });

  it('only the owner can confirm: another person has nothing to confirm', async () => {
    unwrap(await prepareSend(alice, bob, 1));
    expectError(await confirmNow(t, clock, bob), 'challenge.none');
    unwrap(await confirmNow(t, clock, alice));
  });

  it('a code typed in a group cancels the challenge', async () => {
    unwrap(await prepareSend(alice, bob, 1));
    expect((await t.wallet.cancelPending(alice.identity))?.status).toBe('cancelled');
    expectError(await confirmNow(t, clock, alice), 'challenge.none');
  });

  it('refuses at preparation what cannot happen', async () => {
    expectError(await prepareSend(alice, alice, 1), 'transfer.self');
    expectError(await prepareSend(bob, alice, 400), 'transfer.insufficient_funds');
    expectError(await prepareSend(alice, bob, 501), 'limit.per_transaction');
    expectError(await prepareSend(alice, bob, 0), 'money.not_positive');
  });
});

describe('brute force and recovery', () => {
  it('blocks confirmations after more than 10 wrong codes in an hour, until the hour holds 10 at most, and alerts the owner', async () => {
    const dave = await enrolledPerson(t, clock, 'dave');
    await fund(t, dave.user, cny(10));
    const results: string[] = [];
    for (let i = 0; i < 11; i++) {
      await t.wallet.prepareSend({ key: freshKey(), actor: await actor(t, dave), toUserId: bob.user.id, amount: cny(1) });
      const r = await t.wallet.confirm({ key: freshKey(), identity: dave.identity, code: '111111', label: 'd' });
      results.push(r.ok ? 'ok' : r.error.code);
    }
    expect(results.slice(0, 10)).toEqual(Array(10).fill('code.invalid'));
    expect(results[10]).toBe('code.blocked');
    const [blocked] = await t.wallet.notificationsOf(dave.user.id, 1);
    expect(blocked?.notice).toMatchObject({ kind: 'security.confirmations_blocked' });
    expect(noticeActions(blocked!.notice)).toEqual([{ kind: 'freeze' }]);
    unwrap(await t.wallet.prepareSend({ key: freshKey(), actor: await actor(t, dave), toUserId: bob.user.id, amount: cny(1) }));
    expectError(await confirmNow(t, clock, dave), 'code.blocked');
    clock.advance(15 * 60_000);
    unwrap(await t.wallet.prepareSend({ key: freshKey(), actor: await actor(t, dave), toUserId: bob.user.id, amount: cny(1) }));
    expectError(await confirmNow(t, clock, dave), 'code.blocked');
    clock.advance(45 * 60_000);
    unwrap(await t.wallet.prepareSend({ key: freshKey(), actor: await actor(t, dave), toUserId: bob.user.id, amount: cny(1) }));
    unwrap(await confirmNow(t, clock, dave));
  });

  it('a recovery code stands in once, and resets a lost authenticator', async () => {
    const erin = await enrolledPerson(t, clock, 'erin');
    unwrap(await t.wallet.prepareResetAuthenticator({ key: freshKey(), actor: await actor(t, erin) }));
    const recovery = erin.recoveryCodes[0]!;
    const reset = unwrap(await t.wallet.confirm({ key: freshKey(), identity: erin.identity, code: recovery.toLowerCase(), label: 'erin' }));
    expect(reset.effect.kind).toBe('authenticator_reset');
    const enrollment = reset.effect.kind === 'authenticator_reset' ? reset.effect.enrollment! : undefined;
    const newSecret = secretOf(enrollment!.uri);
    expect(newSecret).not.toBe(erin.secret);
    expect((await t.wallet.notificationsOf(erin.user.id, 1))[0]?.notice.kind).toBe('security.authenticator_removed');
    unwrap(await t.wallet.activateAuthenticator((await actor(t, erin)).user, codeAt(newSecret, clock.now())));
    clock.advance(30_000);
    unwrap(await t.wallet.prepareResetAuthenticator({ key: freshKey(), actor: await actor(t, erin) }));
    expectError(await t.wallet.confirm({ key: freshKey(), identity: erin.identity, code: codeAt(erin.secret, clock.now()), label: 'e' }), 'code.invalid');
    expectError(await t.wallet.confirm({ key: freshKey(), identity: erin.identity, code: recovery, label: 'e' }), 'code.invalid');
  });
});

describe('freeze', () => {
  it('is immediate, idempotent, cancels what was prepared, and unfreezing needs a code', async () => {
    const frank = await enrolledPerson(t, clock, 'frank');
    await fund(t, frank.user, cny(50));
    unwrap(await t.wallet.prepareSend({ key: freshKey(), actor: await actor(t, frank), toUserId: bob.user.id, amount: cny(5) }));
    const frozen = unwrap(await t.wallet.freeze(await actor(t, frank)));
    expect(frozen).toMatchObject({ changed: true, user: { status: 'frozen' } });
    expect(unwrap(await t.wallet.freeze(await actor(t, frank))).changed).toBe(false);
    expectError(await confirmNow(t, clock, frank), 'challenge.none');
    expect(await balanceOf(t.wallet, frank.user, 'CNY')).toBe(5000n);
    expectError(await t.wallet.prepareSend({ key: freshKey(), actor: await actor(t, frank), toUserId: bob.user.id, amount: cny(5) }), 'account.frozen');
    expect((await t.wallet.notificationsOf(frank.user.id, 1))[0]?.notice.kind).toBe('security.frozen');

    unwrap(await t.wallet.prepareUnfreeze({ key: freshKey(), actor: await actor(t, frank) }));
    expectError(await t.wallet.confirm({ key: freshKey(), identity: frank.identity, code: '123456', label: 'f' }), 'code.invalid');
    expect(unwrap(await confirmNow(t, clock, frank)).effect).toEqual({ kind: 'unfrozen' });
    expect((await actor(t, frank)).user.status).toBe('active');
    expectError(await t.wallet.prepareUnfreeze({ key: freshKey(), actor: await actor(t, frank) }), 'account.not_frozen');
  });

  it('a send confirmed before the freeze arrived cannot run after it', async () => {
    const gina = await enrolledPerson(t, clock, 'gina');
    await fund(t, gina.user, cny(50));
    const challenge = unwrap(await t.wallet.prepareSend({ key: freshKey(), actor: await actor(t, gina), toUserId: bob.user.id, amount: cny(5) }));
    expect(await t.store.challenges.claim(challenge.id, freshKey(), clock.now())).toBe(true);
    unwrap(await t.wallet.freeze(await actor(t, gina)));
    expectError(await confirmNow(t, clock, gina), 'challenge.none');
    expect(await balanceOf(t.wallet, gina.user, 'CNY')).toBe(5000n);
  });

  it('operators can freeze any wallet, confirmed with their own code; others cannot', async () => {
    expectError(await t.wallet.prepareOperatorFreeze({ key: freshKey(), operator: await actor(t, alice), targetUserId: bob.user.id }), 'operator.required');
    const helen = await enrolledPerson(t, clock, 'helen');
    unwrap(await t.wallet.prepareOperatorFreeze({ key: freshKey(), operator: await actor(t, ops), targetUserId: helen.user.id }));
    expect((await actor(t, helen)).user.status).toBe('active');
    expect(unwrap(await confirmNow(t, clock, ops)).effect).toEqual({ kind: 'user_frozen', userId: helen.user.id });
    expect((await actor(t, helen)).user.status).toBe('frozen');
    expect((await t.wallet.notificationsOf(helen.user.id, 1))[0]?.notice).toMatchObject({ kind: 'security.frozen', by: 'operator' });
  });
});
