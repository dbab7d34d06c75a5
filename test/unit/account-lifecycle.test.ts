import { beforeAll, describe, expect, it } from 'vitest';
import { codeAt } from '../../core/security/totp.js';
import { openMemoryWallet, type WalletUnderTest } from '../fakes/memory-wallet.js';
import { actor, challengeOf, confirmNow, enrolledPerson, expectError, secretOf, type Person } from '../support/confirmation-fixtures.js';
import { manualClock } from '../support/manual-clock.js';
import { cny, consoleUser, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';

const clock = manualClock();
let t: WalletUnderTest;
let alice: Person;
let bob: Person;

beforeAll(async () => {
  t = openMemoryWallet({ clock });
  alice = await enrolledPerson(t, clock, 'alice');
  bob = await enrolledPerson(t, clock, 'bob');
});

const kinds = async (person: Person) => (await t.wallet.notificationsOf(person.user.id, 50)).map((n) => n.notice.kind);

describe('freeze and unfreeze', () => {
  it('freezes at once with no code, cancels what was prepared, and changes nothing the second time', async () => {
    await fund(t, alice.user, cny(10));
    const pending = challengeOf(await t.wallet.prepareSend({ key: freshKey(), actor: await actor(t, alice), toUserId: bob.user.id, amount: cny(5) }));
    expect(unwrap(await t.wallet.freeze(await actor(t, alice)))).toMatchObject({ changed: true, user: { status: 'frozen', frozenBy: 'owner' } });
    expect(unwrap(await t.wallet.freeze(await actor(t, alice))).changed).toBe(false);
    expect((await t.store.challenges.get(pending.id))?.status).toBe('cancelled');
    expectError(await confirmNow(t, clock, alice), 'challenge.none');
    expectError(await t.wallet.prepareSend({ key: freshKey(), actor: await actor(t, alice), toUserId: bob.user.id, amount: cny(5) }), 'account.frozen');
    expect((await kinds(alice)).filter((k) => k === 'security.frozen')).toHaveLength(1);
  });

  it('is lifted by the owner’s code, and a frozen wallet still receives', async () => {
    await fund(t, bob.user, cny(3));
    challengeOf(await t.wallet.prepareSend({ key: freshKey(), actor: await actor(t, bob), toUserId: alice.user.id, amount: cny(3) }));
    unwrap(await confirmNow(t, clock, bob));
    challengeOf(await t.wallet.prepareUnfreeze({ key: freshKey(), actor: await actor(t, alice) }));
    expect(unwrap(await confirmNow(t, clock, alice)).effect).toEqual({ kind: 'unfrozen' });
    expect((await t.wallet.getUser(alice.user.id))?.status).toBe('active');
    expectError(await t.wallet.prepareUnfreeze({ key: freshKey(), actor: await actor(t, alice) }), 'account.not_frozen');
    expect((await t.wallet.balances(alice.user.id))[0]).toEqual(cny(13));
  });
});

describe('a lost authenticator', () => {
  it('is replaced after a recovery code confirms; the replay shows no new secret', async () => {
    challengeOf(await t.wallet.prepareResetAuthenticator({ key: freshKey(), actor: await actor(t, bob) }));
    const key = freshKey('confirm');
    const reset = unwrap(await t.wallet.confirm({ key, identity: bob.identity, code: bob.recoveryCodes[0]!, label: 'bob' }));
    expect(reset.effect.kind).toBe('authenticator_reset');
    const enrollment = reset.effect.kind === 'authenticator_reset' ? reset.effect.enrollment : undefined;
    expect(enrollment?.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(unwrap(await t.wallet.confirm({ key, identity: bob.identity, code: '000000', label: 'bob' })).effect).toEqual({ kind: 'authenticator_reset' });
    expect((await t.store.security.getAuthenticator(bob.user.id))?.status).toBe('pending');
    const secret = secretOf(enrollment!.uri);
    const { recoveryCodes } = unwrap(await t.wallet.activateAuthenticator(bob.user, codeAt(secret, clock.now())));
    bob = { ...bob, secret, recoveryCodes };
    clock.advance(30_000);
    expect(await kinds(bob)).toEqual(expect.arrayContaining(['security.authenticator_removed', 'security.authenticator_enabled']));
  });

  it('refuses a wrong activation code and a second activation', async () => {
    const carol = await consoleUser(t.wallet, 'carol');
    expectError(await t.wallet.activateAuthenticator(carol, '000000'), 'auth.no_pending');
    unwrap(await t.wallet.beginEnrollment(carol, 'carol'));
    expectError(await t.wallet.activateAuthenticator(carol, '000000'), 'auth.wrong_code');
    expectError(await t.wallet.activateAuthenticator(bob.user, codeAt(bob.secret, clock.now())), 'auth.already_active');
    expectError(await t.wallet.beginEnrollment(bob.user, 'bob'), 'auth.already_active');
  });
});

describe('closing', () => {
  it('is refused while the wallet holds money or open requests, then closes and detaches every identity', async () => {
    const me = await actor(t, alice);
    expectError(await t.wallet.prepareClose({ key: freshKey(), actor: me }), 'account.not_empty');
    challengeOf(await t.wallet.prepareSend({ key: freshKey(), actor: me, toUserId: bob.user.id, amount: cny(13) }));
    unwrap(await confirmNow(t, clock, alice));
    const request = unwrap(await t.wallet.createRequest({ key: freshKey(), merchant: me, amount: cny(1), ttlMs: 60_000 }));
    expectError(await t.wallet.prepareClose({ key: freshKey(), actor: me }), 'account.open_requests');
    clock.advance(60_000);
    challengeOf(await t.wallet.prepareClose({ key: freshKey(), actor: me }));
    expect(unwrap(await t.wallet.getRequest(request.id)).status).toBe('expired');
    expect(unwrap(await confirmNow(t, clock, alice)).effect).toEqual({ kind: 'closed' });
    expect(await t.wallet.findUserByIdentity(alice.identity)).toBeUndefined();
    expect((await t.wallet.getUser(alice.user.id))?.status).toBe('closed');
    expect(await t.wallet.checkLedger()).toEqual({ ok: true, violations: [] });
  });
});
