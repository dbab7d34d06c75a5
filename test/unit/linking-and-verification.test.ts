import { beforeAll, describe, expect, it } from 'vitest';
import type { IdentityRef } from '../../core/ports/index.js';
import { codeAt } from '../../core/security/totp.js';
import { openMemoryWallet, type WalletUnderTest } from '../fakes/memory-wallet.js';
import { actor, challengeOf, confirmNow, enrolledPerson, expectError, type Person } from '../support/confirmation-fixtures.js';
import { manualClock } from '../support/manual-clock.js';
import { cny, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';

const clock = manualClock();
const operators: IdentityRef[] = [{ platform: 'console', platformUserId: 'ops' }];
const telegram: IdentityRef = { platform: 'telegram', platformUserId: '5001' };
let t: WalletUnderTest;
let ops: Person;
let alice: Person;

beforeAll(async () => {
  t = openMemoryWallet({ clock, operators });
  ops = await enrolledPerson(t, clock, 'ops');
  alice = await enrolledPerson(t, clock, 'alice');
});

/** Confirms from the identity the challenge was started on, with the wallet owner's code. */
const confirmFrom = (identity: IdentityRef, person: Person) => {
  const code = codeAt(person.secret, clock.now());
  clock.advance(30_000);
  return t.wallet.confirm({ key: freshKey(), identity, code, label: 'x' });
};

describe('linking another platform', () => {
  it('attaches the identity once the owner confirms there, closing the empty wallet it had', async () => {
    const { user: stray } = await t.wallet.register({ ...telegram, username: 'alice_tg' });
    const { code } = unwrap(await t.wallet.createLinkCode({ key: freshKey(), actor: await actor(t, alice) }));
    challengeOf(await t.wallet.redeemLinkCode({ key: freshKey(), identity: telegram, code: code.toLowerCase() }));
    expect(unwrap(await confirmFrom(telegram, alice)).effect).toEqual({ kind: 'identity_linked', platform: 'telegram' });
    expect((await t.wallet.findUserByIdentity(telegram))?.id).toBe(alice.user.id);
    expect((await t.wallet.getUser(stray.id))?.status).toBe('closed');
    expectError(await t.wallet.redeemLinkCode({ key: freshKey(), identity: telegram, code }), 'link.invalid_code');
  });

  it('refuses an expired code, and an identity whose wallet has held money', async () => {
    const { code: late } = unwrap(await t.wallet.createLinkCode({ key: freshKey(), actor: await actor(t, alice) }));
    clock.advance(10 * 60_000);
    expectError(await t.wallet.redeemLinkCode({ key: freshKey(), identity: { platform: 'discord', platformUserId: '9' }, code: late }), 'link.invalid_code');
    const discord: IdentityRef = { platform: 'discord', platformUserId: '6001' };
    const { user: funded } = await t.wallet.register(discord);
    await fund(t, funded, cny(1));
    const { code } = unwrap(await t.wallet.createLinkCode({ key: freshKey(), actor: await actor(t, alice) }));
    challengeOf(await t.wallet.redeemLinkCode({ key: freshKey(), identity: discord, code }));
    expectError(await confirmFrom(discord, alice), 'link.identity_in_use');
    expect((await t.wallet.findUserByIdentity(discord))?.id).toBe(funded.id);
  });

  it('detaches an identity with a code, but never the last one', async () => {
    challengeOf(await t.wallet.prepareUnlink({ key: freshKey(), actor: await actor(t, alice), platform: 'telegram' }));
    expect(unwrap(await confirmNow(t, clock, alice)).effect).toEqual({ kind: 'identity_unlinked', platform: 'telegram' });
    expect(await t.wallet.identitiesOf(alice.user.id)).toEqual([{ ...alice.identity, username: 'alice' }]);
    expectError(await t.wallet.prepareUnlink({ key: freshKey(), actor: await actor(t, alice), platform: 'console' }), 'account.last_identity');
  });
});

describe('identity verification', () => {
  const submit = async (key = freshKey()) =>
    t.wallet.submitVerification({ key, actor: await actor(t, alice), fullName: ' Alice Liddell ', documentType: 'passport', fileRef: 'file-1', fileSha256: 'b'.repeat(64) });
  const decide = async (id: string, approve: boolean, reason?: string) =>
    t.wallet.prepareDecision({ key: freshKey(), operator: await actor(t, ops), id, approve, ...(reason ? { reason } : {}) });

  it('keeps one pending submission, and an approval raises the tier and the limits', async () => {
    const key = freshKey();
    const submitted = unwrap(await submit(key));
    expect(submitted).toMatchObject({ fullName: 'Alice Liddell', targetTier: 1, status: 'pending' });
    expect(unwrap(await submit(key)).id).toBe(submitted.id);
    expectError(await submit(), 'verification.pending_exists');
    expectError(await t.wallet.listPendingVerifications(await actor(t, alice)), 'operator.required');
    expect(unwrap(await t.wallet.listPendingVerifications(await actor(t, ops))).map((v) => v.id)).toEqual([submitted.id]);
    challengeOf(await decide(submitted.id, true));
    expect(unwrap(await confirmNow(t, clock, ops)).effect).toMatchObject({ kind: 'verification_decided', verification: { status: 'approved' } });
    expect((await t.wallet.getUser(alice.user.id))?.tier).toBe(1);
    const [notice] = await t.wallet.notificationsOf(alice.user.id, 1);
    expect(notice?.notice).toEqual({ kind: 'verification.approved', tier: 1 });
    // past the tier-0 limit of 500 CNY, so only the missing funds refuse it now
    expectError(await t.wallet.prepareSend({ key: freshKey(), actor: await actor(t, alice), toUserId: ops.user.id, amount: cny(600) }), 'transfer.insufficient_funds');
  });

  it('rejects only with a reason, and tells the user why', async () => {
    const submitted = unwrap(await submit());
    expectError(await decide(submitted.id, false), 'verification.invalid');
    expectError(await decide('404', true), 'verification.not_found');
    challengeOf(await decide(submitted.id, false, 'blurry photo'));
    expect(unwrap(await confirmNow(t, clock, ops)).effect).toMatchObject({ verification: { status: 'rejected', reason: 'blurry photo' } });
    const [notice] = await t.wallet.notificationsOf(alice.user.id, 1);
    expect(notice?.notice).toEqual({ kind: 'verification.rejected', reason: 'blurry photo' });
  });
});
