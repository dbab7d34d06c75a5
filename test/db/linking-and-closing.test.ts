import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeAt } from '../../core/security/totp.js';
import { manualClock, openTestWallet, type TestWallet } from '../support/test-database.js';
import { actor, confirmNow, enrolledPerson, expectError, type Person } from '../support/confirmation-fixtures.js';
import { balanceOf, cny, expectCleanLedger, freshKey, fund, pendingNotices, unwrap } from '../support/wallet-fixtures.js';

const clock = manualClock();
let t: TestWallet;
let alice: Person;
const aliceOnTelegram = { platform: 'telegram' as const, platformUserId: '777' };

beforeAll(async () => {
  t = await openTestWallet({ clock });
  alice = await enrolledPerson(t, clock, 'alice');
});
afterAll(async () => {
  await expectCleanLedger(t.wallet);
  await t.close();
});

describe('linking a second platform', () => {
  it('a code from one platform, redeemed on another and confirmed with the authenticator, joins one wallet', async () => {
    const { code } = unwrap(await t.wallet.createLinkCode({ key: freshKey(), actor: await actor(t, alice) }));
    expectError(await t.wallet.redeemLinkCode({ key: freshKey(), identity: aliceOnTelegram, code: 'WRONGCOD' }), 'link.invalid_code');
    const challenge = unwrap(await t.wallet.redeemLinkCode({ key: freshKey(), identity: aliceOnTelegram, code: code.toLowerCase() }));
    expect(challenge).toMatchObject({ kind: 'link_identity', userId: alice.user.id, origin: aliceOnTelegram });
    const linked = unwrap(
      await t.wallet.confirm({ key: freshKey(), identity: aliceOnTelegram, code: codeAt(alice.secret, clock.now()), label: 'alice' }),
    );
    clock.advance(30_000);
    expect(linked.effect).toEqual({ kind: 'identity_linked', platform: 'telegram' });
    expect((await t.wallet.findUserByIdentity(aliceOnTelegram))?.id).toBe(alice.user.id);
    expect((await t.wallet.identitiesOf(alice.user.id)).map((i) => i.platform)).toEqual(['console', 'telegram']);
    expectError(await t.wallet.redeemLinkCode({ key: freshKey(), identity: aliceOnTelegram, code }), 'link.invalid_code');

    await fund(t, alice.user, cny(1));
    const onTelegram = await pendingNotices(t.wallet, 'telegram', 50);
    const onConsole = await pendingNotices(t.wallet, 'console', 50);
    expect(onTelegram.some((n) => n.userId === alice.user.id && n.notice.kind === 'deposit.received')).toBe(true);
    expect(onConsole.some((n) => n.userId === alice.user.id && n.notice.kind === 'deposit.received')).toBe(true);
    const notice = onTelegram.find((n) => n.notice.kind === 'deposit.received')!;
    await t.wallet.markNotificationDelivered(notice.id, 'telegram');
    expect((await pendingNotices(t.wallet, 'telegram', 50)).map((n) => n.id)).not.toContain(notice.id);
    expect((await pendingNotices(t.wallet, 'console', 50)).map((n) => n.id)).toContain(notice.id);
  });

  it('refuses to absorb an identity whose own wallet holds money', async () => {
    const rich = { platform: 'discord' as const, platformUserId: '888' };
    const { user } = await t.wallet.register(rich);
    await fund(t, user, cny(1));
    const { code } = unwrap(await t.wallet.createLinkCode({ key: freshKey(), actor: await actor(t, alice) }));
    unwrap(await t.wallet.redeemLinkCode({ key: freshKey(), identity: rich, code }));
    expectError(
      await t.wallet.confirm({ key: freshKey(), identity: rich, code: codeAt(alice.secret, clock.now()), label: 'alice' }),
      'link.identity_in_use',
    );
    clock.advance(30_000);
  });

  it('unlinking needs a code and never removes the last identity', async () => {
    unwrap(await t.wallet.prepareUnlink({ key: freshKey(), actor: await actor(t, alice), platform: 'telegram' }));
    expect(unwrap(await confirmNow(t, clock, alice)).effect).toEqual({ kind: 'identity_unlinked', platform: 'telegram' });
    expect(await t.wallet.findUserByIdentity(aliceOnTelegram)).toBeUndefined();
    expectError(await t.wallet.prepareUnlink({ key: freshKey(), actor: await actor(t, alice), platform: 'console' }), 'account.last_identity');
  });
});

describe('closing a wallet', () => {
  it('needs a zero balance and no open requests, then frees the identity for a new wallet', async () => {
    const zoe = await enrolledPerson(t, clock, 'zoe');
    await fund(t, zoe.user, cny(2));
    expectError(await t.wallet.prepareClose({ key: freshKey(), actor: await actor(t, zoe) }), 'account.not_empty');
    await t.moves.withdraw({ key: freshKey(), userId: zoe.user.id, amount: cny(2) });
    const request = unwrap(await t.wallet.createRequest({ key: freshKey(), merchant: await actor(t, zoe), amount: cny(1) }));
    expectError(await t.wallet.prepareClose({ key: freshKey(), actor: await actor(t, zoe) }), 'account.open_requests');
    unwrap(await t.wallet.cancelRequest(await actor(t, zoe), request.id));

    unwrap(await t.wallet.prepareClose({ key: freshKey(), actor: await actor(t, zoe) }));
    expect(unwrap(await confirmNow(t, clock, zoe)).effect).toEqual({ kind: 'closed' });
    expect((await t.store.users.getUser(zoe.user.id))?.status).toBe('closed');
    expect(await balanceOf(t.wallet, zoe.user, 'CNY')).toBe(0n);
    const again = await t.wallet.register({ ...zoe.identity, username: 'zoe' });
    expect(again.created).toBe(true);
    expect(again.user.id).not.toBe(zoe.user.id);
  });
});
