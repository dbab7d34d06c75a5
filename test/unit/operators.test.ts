import { beforeAll, describe, expect, it } from 'vitest';
import type { IdentityRef } from '../../core/ports/index.js';
import { openMemoryWallet, type WalletUnderTest } from '../fakes/memory-wallet.js';
import { actor, challengeOf, confirmNow, enrolledPerson, expectError, type Person } from '../support/confirmation-fixtures.js';
import { manualClock } from '../support/manual-clock.js';
import { balanceOf, cny, freshKey, unwrap } from '../support/wallet-fixtures.js';

const clock = manualClock();
const operators: IdentityRef[] = [{ platform: 'console', platformUserId: 'ops' }];
let t: WalletUnderTest;
let ops: Person;
let alice: Person;

beforeAll(async () => {
  t = openMemoryWallet({ clock, operators });
  ops = await enrolledPerson(t, clock, 'ops');
  alice = await enrolledPerson(t, clock, 'alice');
});

const move = async (kind: 'deposit' | 'withdraw', major: number, by: Person = ops, userId = alice.user.id) =>
  t.wallet.prepareOperatorMove({ key: freshKey(), operator: await actor(t, by), kind, userId, amount: cny(major) });
const balance = () => balanceOf(t.wallet, alice.user, 'CNY');

describe('cash in and out', () => {
  it('deposits and withdraws with the operator’s own code', async () => {
    challengeOf(await move('deposit', 100));
    expect(unwrap(await confirmNow(t, clock, ops)).effect).toMatchObject({ receipt: { kind: 'deposit', toUserId: alice.user.id } });
    challengeOf(await move('withdraw', 40));
    expect(unwrap(await confirmNow(t, clock, ops)).effect).toMatchObject({ receipt: { kind: 'withdrawal', fromUserId: alice.user.id } });
    expect(await balance()).toBe(6000n);
    challengeOf(await move('withdraw', 61));
    expectError(await confirmNow(t, clock, ops), 'transfer.insufficient_funds');
    expect(await balance()).toBe(6000n);
  });

  it('is for operators only, never on their own wallet, and rechecks ADMIN_IDS at confirmation', async () => {
    expectError(await move('deposit', 1, alice, ops.user.id), 'operator.required');
    expectError(await move('deposit', 1, ops, ops.user.id), 'operator.self');
    expectError(await move('deposit', 1, ops, '777777'), 'user.not_found');
    challengeOf(await move('deposit', 1));
    const removed = operators.pop()!;
    expectError(await confirmNow(t, clock, ops), 'operator.required');
    operators.push(removed);
    expect(await balance()).toBe(6000n);
  });
});

describe('an operator’s freeze', () => {
  const freezeUser = async () => t.wallet.prepareOperatorFreeze({ key: freshKey(), operator: await actor(t, ops), targetUserId: alice.user.id });
  const unfreezeUser = async () => t.wallet.prepareOperatorUnfreeze({ key: freshKey(), operator: await actor(t, ops), targetUserId: alice.user.id });

  it('takes over the owner’s freeze, which the owner can then no longer lift; an operator lifts it', async () => {
    unwrap(await t.wallet.freeze(await actor(t, alice)));
    expectError(await unfreezeUser(), 'account.frozen_by_owner');
    challengeOf(await freezeUser());
    expect(unwrap(await confirmNow(t, clock, ops)).effect).toEqual({ kind: 'user_frozen', userId: alice.user.id });
    expect((await t.wallet.getUser(alice.user.id))?.frozenBy).toBe('operator');
    expectError(await t.wallet.prepareUnfreeze({ key: freshKey(), actor: await actor(t, alice) }), 'account.frozen_by_operator');
    expectError(await move('withdraw', 1), 'account.frozen');
    challengeOf(await unfreezeUser());
    expect(unwrap(await confirmNow(t, clock, ops)).effect).toEqual({ kind: 'user_unfrozen', userId: alice.user.id });
    expect((await t.wallet.getUser(alice.user.id))?.status).toBe('active');
    expectError(await unfreezeUser(), 'account.not_frozen');
  });

  it('cancels what the target had prepared', async () => {
    const pending = challengeOf(await t.wallet.prepareResetAuthenticator({ key: freshKey(), actor: await actor(t, alice) }));
    challengeOf(await freezeUser());
    unwrap(await confirmNow(t, clock, ops));
    expect((await t.store.challenges.get(pending.id))?.status).toBe('cancelled');
    challengeOf(await unfreezeUser());
    unwrap(await confirmNow(t, clock, ops));
  });
});
