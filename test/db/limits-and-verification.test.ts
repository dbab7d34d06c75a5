import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, openTestWallet, type TestWallet } from '../support/test-database.js';
import { actor, confirmNow, enrolledPerson, expectError, type Person } from '../support/confirmation-fixtures.js';
import { balanceOf, cny, expectCleanLedger, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';

const clock = manualClock();
const sha = 'a'.repeat(64);
let t: TestWallet;
let ops: Person;
let alice: Person;
let bob: Person;

beforeAll(async () => {
  t = await openTestWallet({ clock, operators: [{ platform: 'console', platformUserId: 'ops' }] });
  ops = await enrolledPerson(t, clock, 'ops');
  alice = await enrolledPerson(t, clock, 'alice');
  bob = await enrolledPerson(t, clock, 'bob');
  await fund(t, alice.user, cny(20_000));
});
afterAll(async () => {
  await expectCleanLedger(t.wallet);
  await t.close();
});

async function send(major: number) {
  const prepared = await t.wallet.prepareSend({ key: freshKey(), actor: await actor(t, alice), toUserId: bob.user.id, amount: cny(major) });
  if (!prepared.ok) return prepared;
  return confirmNow(t, clock, alice);
}

describe('tier limits', () => {
  it('refuse one payment above the per-transaction limit of tier 0', async () => {
    const refused = await send(501);
    expect(refused).toEqual({ ok: false, error: { code: 'limit.per_transaction', params: { limit: '50000', currency: 'CNY', tier: 0 } } });
  });

  it('refuse the payment that would pass the rolling 24-hour limit, saying what is left', async () => {
    for (let i = 0; i < 3; i++) unwrap(await send(500));
    unwrap(await send(400));
    const refused = await send(200);
    expect(refused).toEqual({
      ok: false,
      error: { code: 'limit.daily', params: { limit: '200000', remaining: '10000', currency: 'CNY', tier: 0 } },
    });
    unwrap(await send(100));
    expect(await balanceOf(t.wallet, bob.user, 'CNY')).toBe(200_000n);
  });
});

describe('verification', () => {
  const submit = async (person: Person, extra: Partial<{ fullName: string; documentType: string; fileSha256: string }> = {}) =>
    t.wallet.submitVerification({
      key: freshKey(),
      actor: await actor(t, person),
      fullName: 'Alice Liddell',
      documentType: 'passport',
      fileRef: 'console:./id.jpg',
      fileSha256: sha,
      ...extra,
    });

  it('checks what is submitted', async () => {
    expectError(await submit(alice, { fullName: ' ' }), 'verification.invalid');
    expectError(await submit(alice, { documentType: 'library card' }), 'verification.invalid');
    expectError(await submit(alice, { fileSha256: 'abc' }), 'verification.invalid');
  });

  it('goes pending → approved by an operator, raising the tier and the limits', async () => {
    const pending = unwrap(await submit(alice));
    expect(pending).toMatchObject({ status: 'pending', targetTier: 1, fileSha256: sha });
    expectError(await submit(alice), 'verification.pending_exists');
    expectError(await t.wallet.prepareDecision({ key: freshKey(), operator: await actor(t, bob), id: pending.id, approve: true }), 'operator.required');
    expect(unwrap(await t.wallet.listPendingVerifications(await actor(t, ops))).map((v) => v.id)).toContain(pending.id);
    unwrap(await t.wallet.prepareDecision({ key: freshKey(), operator: await actor(t, ops), id: pending.id, approve: true }));
    expect((await actor(t, alice)).user.tier).toBe(0);
    // alice already paid a test request: her sandbox twin exists, at the tier she had then
    const twin = await t.store.sandbox.twinOf(alice.user.id);
    expect(twin.tier).toBe(0);
    const approved = unwrap(await confirmNow(t, clock, ops)).effect;
    expect(approved).toMatchObject({ kind: 'verification_decided', verification: { status: 'approved' } });
    expect((await actor(t, alice)).user.tier).toBe(1);
    expect((await t.store.users.getUser(twin.id))?.tier).toBe(1);
    expect((await t.wallet.notificationsOf(alice.user.id, 1))[0]?.notice).toMatchObject({ kind: 'verification.approved', tier: 1 });
    unwrap(await send(1_000));
  });

  it('a rejection carries a reason and tells the user', async () => {
    const pending = unwrap(await submit(bob, { fullName: 'Bob' }));
    expectError(await t.wallet.prepareDecision({ key: freshKey(), operator: await actor(t, ops), id: pending.id, approve: false }), 'verification.invalid');
    unwrap(await t.wallet.prepareDecision({ key: freshKey(), operator: await actor(t, ops), id: pending.id, approve: false, reason: 'blurry photo' }));
    const rejected = unwrap(await confirmNow(t, clock, ops)).effect;
    expect(rejected).toMatchObject({ kind: 'verification_decided', verification: { status: 'rejected', reason: 'blurry photo' } });
    expect((await actor(t, bob)).user.tier).toBe(0);
    expect((await t.wallet.notificationsOf(bob.user.id, 1))[0]?.notice).toMatchObject({ kind: 'verification.rejected', reason: 'blurry photo' });
  });
});

describe('operator deposits and withdrawals', () => {
  it('need an operator and the operator’s own code', async () => {
    expectError(
      await t.wallet.prepareOperatorMove({ key: freshKey(), operator: await actor(t, bob), kind: 'deposit', userId: bob.user.id, amount: cny(5) }),
      'operator.required',
    );
    unwrap(await t.wallet.prepareOperatorMove({ key: freshKey(), operator: await actor(t, ops), kind: 'deposit', userId: bob.user.id, amount: cny(5) }));
    const before = await balanceOf(t.wallet, bob.user, 'CNY');
    expectError(await confirmNow(t, clock, bob), 'challenge.none');
    unwrap(await confirmNow(t, clock, ops));
    expect(await balanceOf(t.wallet, bob.user, 'CNY')).toBe(before + 500n);
    unwrap(await t.wallet.prepareOperatorMove({ key: freshKey(), operator: await actor(t, ops), kind: 'withdraw', userId: bob.user.id, amount: cny(5) }));
    unwrap(await confirmNow(t, clock, ops));
    expect(await balanceOf(t.wallet, bob.user, 'CNY')).toBe(before);
  });
});
