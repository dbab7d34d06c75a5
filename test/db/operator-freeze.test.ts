import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeActions } from '../../core/notices/index.js';
import { manualClock, openTestWallet, type TestWallet } from '../support/test-database.js';
import { actor, confirmNow, enrolledPerson, expectError, type Person } from '../support/confirmation-fixtures.js';
import { balanceOf, cny, expectCleanLedger, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';

const clock = manualClock();
let t: TestWallet;
let ops: Person;
let bob: Person;

beforeAll(async () => {
  t = await openTestWallet({ clock, operators: [{ platform: 'console', platformUserId: 'ops' }] });
  ops = await enrolledPerson(t, clock, 'ops');
  bob = await enrolledPerson(t, clock, 'bob');
});
afterAll(async () => {
  await expectCleanLedger(t.wallet);
  await t.close();
});

async function operatorFreezes(target: Person) {
  unwrap(await t.wallet.prepareOperatorFreeze({ key: freshKey(), operator: await actor(t, ops), targetUserId: target.user.id }));
  expect(unwrap(await confirmNow(t, clock, ops)).effect).toEqual({ kind: 'user_frozen', userId: target.user.id });
}

async function frozenBy(person: Person): Promise<unknown> {
  const [row] = await t.database.query<{ frozen_by: unknown }>(sql`select frozen_by from users where id = ${BigInt(person.user.id)}`);
  return row?.frozen_by;
}

describe('a freeze by an operator', () => {
  it('cannot be undone by the owner, not even with their own code', async () => {
    const mallory = await enrolledPerson(t, clock, 'mallory');
    await fund(t, mallory.user, cny(20));
    await operatorFreezes(mallory);
    expect(await frozenBy(mallory)).toBe('operator');
    expectError(await t.wallet.prepareUnfreeze({ key: freshKey(), actor: await actor(t, mallory) }), 'account.frozen_by_operator');
    expect(unwrap(await t.wallet.freeze(await actor(t, mallory))).changed).toBe(false);
    expect(await frozenBy(mallory)).toBe('operator');
    expectError(await t.wallet.prepareSend({ key: freshKey(), actor: await actor(t, mallory), toUserId: bob.user.id, amount: cny(1) }), 'account.frozen');
  });

  it('takes over an owner freeze: the owner can no longer lift it, and what they prepared is cancelled', async () => {
    const nina = await enrolledPerson(t, clock, 'nina');
    unwrap(await t.wallet.freeze(await actor(t, nina)));
    expect(await frozenBy(nina)).toBe('owner');
    const unfreeze = unwrap(await t.wallet.prepareUnfreeze({ key: freshKey(), actor: await actor(t, nina) }));
    await operatorFreezes(nina);
    expect((await t.store.challenges.get(unfreeze.id))?.status).toBe('cancelled');
    expect((await t.wallet.notificationsOf(nina.user.id, 1))[0]?.notice).toMatchObject({ kind: 'security.frozen', by: 'operator' });
    expectError(await t.wallet.prepareUnfreeze({ key: freshKey(), actor: await actor(t, nina) }), 'account.frozen_by_operator');
  });

  it('is checked again when an owner unfreeze runs, under the wallet row lock', async () => {
    const omar = await enrolledPerson(t, clock, 'omar');
    unwrap(await t.wallet.freeze(await actor(t, omar)));
    unwrap(await t.wallet.prepareUnfreeze({ key: freshKey(), actor: await actor(t, omar) }));
    await t.database.query(sql`update users set frozen_by = 'operator' where id = ${BigInt(omar.user.id)}`);
    expectError(await confirmNow(t, clock, omar), 'account.frozen_by_operator');
    expect((await actor(t, omar)).user.status).toBe('frozen');
  });

  it('is lifted by an operator with /unfreezeuser, confirmed with the operator’s code', async () => {
    const paul = await enrolledPerson(t, clock, 'paul');
    await fund(t, paul.user, cny(5));
    await operatorFreezes(paul);
    expectError(await t.wallet.prepareOperatorUnfreeze({ key: freshKey(), operator: await actor(t, bob), targetUserId: paul.user.id }), 'operator.required');
    expectError(await t.wallet.prepareOperatorUnfreeze({ key: freshKey(), operator: await actor(t, ops), targetUserId: ops.user.id }), 'operator.self');
    const challenge = unwrap(await t.wallet.prepareOperatorUnfreeze({ key: freshKey(), operator: await actor(t, ops), targetUserId: paul.user.id }));
    expect(challenge).toMatchObject({ kind: 'unfreeze_user', userId: ops.user.id, payload: { userId: paul.user.id } });
    expect((await actor(t, paul)).user.status).toBe('frozen');
    expect(unwrap(await confirmNow(t, clock, ops)).effect).toEqual({ kind: 'user_unfrozen', userId: paul.user.id });
    expect((await actor(t, paul)).user.status).toBe('active');
    expect(await frozenBy(paul)).toBeNull();
    const [unfrozen] = await t.wallet.notificationsOf(paul.user.id, 1);
    expect(unfrozen?.notice).toMatchObject({ kind: 'security.unfrozen' });
    expect(noticeActions(unfrozen!.notice)).toEqual([{ kind: 'freeze' }]);
    unwrap(await t.wallet.prepareSend({ key: freshKey(), actor: await actor(t, paul), toUserId: bob.user.id, amount: cny(5) }));
    unwrap(await confirmNow(t, clock, paul));
    expect(await balanceOf(t.wallet, paul.user, 'CNY')).toBe(0n);
    expectError(await t.wallet.prepareOperatorUnfreeze({ key: freshKey(), operator: await actor(t, ops), targetUserId: paul.user.id }), 'account.not_frozen');
  });
});

describe('a freeze by the owner', () => {
  it('stays the owner’s to lift: an operator cannot unfreeze it', async () => {
    const quinn = await enrolledPerson(t, clock, 'quinn');
    unwrap(await t.wallet.freeze(await actor(t, quinn)));
    expectError(await t.wallet.prepareOperatorUnfreeze({ key: freshKey(), operator: await actor(t, ops), targetUserId: quinn.user.id }), 'account.frozen_by_owner');
    unwrap(await t.wallet.prepareUnfreeze({ key: freshKey(), actor: await actor(t, quinn) }));
    expect(unwrap(await confirmNow(t, clock, quinn)).effect).toEqual({ kind: 'unfrozen' });
    expect(await frozenBy(quinn)).toBeNull();
  });
});
