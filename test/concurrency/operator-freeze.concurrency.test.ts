import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeAt } from '../../core/security/totp.js';
import { manualClock, openTestWallet, serverUrl, type TestWallet } from '../support/test-database.js';
import { actor, enrolledPerson, type Person } from '../support/confirmation-fixtures.js';
import { expectCleanLedger, freshKey, unwrap } from '../support/wallet-fixtures.js';

/** The owner lifting their own freeze while an operator freezes the wallet, on several connections. */
describe.skipIf(!serverUrl)('an operator freeze racing the owner’s unfreeze', () => {
  const clock = manualClock();
  let t: TestWallet;
  let ops: Person;

  beforeAll(async () => {
    t = await openTestWallet({ clock, poolSize: 10, operators: [{ platform: 'console', platformUserId: 'ops' }] });
    ops = await enrolledPerson(t, clock, 'ops');
  });
  afterAll(async () => {
    if (t) await expectCleanLedger(t.wallet);
    await t?.close();
  });

  it('always ends frozen by the operator, whichever runs first', async () => {
    for (let round = 0; round < 8; round++) {
      const owner = await enrolledPerson(t, clock, `owner-${round}`);
      unwrap(await t.wallet.freeze(await actor(t, owner)));
      unwrap(await t.wallet.prepareUnfreeze({ key: freshKey(), actor: await actor(t, owner) }));
      unwrap(await t.wallet.prepareOperatorFreeze({ key: freshKey(), operator: await actor(t, ops), targetUserId: owner.user.id }));
      const [unfrozen, frozen] = await Promise.all([
        t.wallet.confirm({ key: freshKey(), identity: owner.identity, code: codeAt(owner.secret, clock.now()), label: 'o' }),
        t.wallet.confirm({ key: freshKey(), identity: ops.identity, code: codeAt(ops.secret, clock.now()), label: 'ops' }),
      ]);
      expect(unwrap(frozen).effect).toEqual({ kind: 'user_frozen', userId: owner.user.id });
      if (!unfrozen.ok) expect(['challenge.cancelled', 'challenge.none']).toContain(unfrozen.error.code);
      const after = (await actor(t, owner)).user;
      expect(after).toMatchObject({ status: 'frozen', frozenBy: 'operator' });
      clock.advance(30_000);
    }
  });
});
