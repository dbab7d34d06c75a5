import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeActions } from '../../core/notices/index.js';
import type { IdentityRef } from '../../core/ports/index.js';
import { codeAt } from '../../core/security/totp.js';
import { manualClock, openTestWallet, type TestWallet } from '../support/test-database.js';
import { actor, enrolledPerson, secretOf, type Person } from '../support/confirmation-fixtures.js';
import { freshKey, unwrap } from '../support/wallet-fixtures.js';

const clock = manualClock();
let t: TestWallet;

beforeAll(async () => {
  t = await openTestWallet({ clock });
});
afterAll(async () => {
  await t.close();
});

/** A wallet with one challenge open per identity redeeming its link code: many tries at once. */
async function walletWithChallenges(name: string, count: number): Promise<{ owner: Person; origins: IdentityRef[] }> {
  const owner = await enrolledPerson(t, clock, name);
  const { code } = unwrap(await t.wallet.createLinkCode({ key: freshKey(), actor: await actor(t, owner) }));
  const origins = Array.from({ length: count }, (_, i) => ({ platform: 'discord' as const, platformUserId: `${name}-${i}` }));
  for (const identity of origins) unwrap(await t.wallet.redeemLinkCode({ key: freshKey(), identity, code }));
  return { owner, origins };
}

async function attempt(identity: IdentityRef, code: string): Promise<string> {
  const result = await t.wallet.confirm({ key: freshKey('confirm'), identity, code, label: 'x' });
  return result.ok ? 'ok' : result.error.code;
}

/** Eleven wrong codes spread so that no single challenge locks (5 would lock one). */
async function elevenWrong(origins: IdentityRef[]): Promise<string[]> {
  const answers: string[] = [];
  for (let i = 0; i < 11; i++) answers.push(await attempt(origins[i % origins.length]!, '000000'));
  return answers;
}

describe('the hourly code cap, one code after another', () => {
  /** A fresh challenge of the owner's own (challenges live 5 minutes; the cap spans an hour). */
  async function tryNow(owner: Person, code: string): Promise<string> {
    unwrap(await t.wallet.prepareResetAuthenticator({ key: freshKey(), actor: await actor(t, owner) }));
    return attempt(owner.identity, code);
  }

  it('refuses every code while more than 10 wrong ones lie within the hour, not only for 15 minutes', async () => {
    const { owner, origins } = await walletWithChallenges('hourly', 4);
    const answers = await elevenWrong(origins);
    expect(answers).toEqual([...Array(10).fill('code.invalid'), 'code.blocked']);
    const [alert] = await t.wallet.notificationsOf(owner.user.id, 1);
    expect(alert?.notice).toMatchObject({ kind: 'security.confirmations_blocked', minutes: 60 });
    expect(noticeActions(alert!.notice)).toEqual([{ kind: 'freeze' }]);
    expect(await tryNow(owner, codeAt(owner.secret, clock.now()))).toBe('code.blocked');

    clock.advance(16 * 60_000);
    unwrap(await t.wallet.prepareResetAuthenticator({ key: freshKey(), actor: await actor(t, owner) }));
    const refused = await t.wallet.confirm({ key: freshKey(), identity: owner.identity, code: codeAt(owner.secret, clock.now()), label: 'x' });
    expect(refused).toEqual({ ok: false, error: { code: 'code.blocked', params: { minutes: 44 } } });
    expect(await tryNow(owner, owner.recoveryCodes[0]!)).toBe('code.blocked');

    clock.advance(44 * 60_000);
    expect(await tryNow(owner, codeAt(owner.secret, clock.now()))).toBe('ok');
  });

  it('a wrong code made while blocked does not count; the block lasts 15 minutes past the last counted one', async () => {
    const owner = await enrolledPerson(t, clock, 'spread');
    for (let i = 0; i < 10; i++) {
      expect(await tryNow(owner, '000000')).toBe('code.invalid');
      clock.advance(5 * 60_000);
    }
    expect(await tryNow(owner, '000000')).toBe('code.blocked');
    clock.advance(10 * 60_000);
    expect(await tryNow(owner, codeAt(owner.secret, clock.now()))).toBe('code.blocked');
    expect(await tryNow(owner, '000000')).toBe('code.blocked');
    clock.advance(5 * 60_000 + 30_000);
    expect(await tryNow(owner, codeAt(owner.secret, clock.now()))).toBe('ok');
  });

  it('blocks setting up a new authenticator the same way', async () => {
    const { user } = await t.wallet.register({ platform: 'console', platformUserId: 'enrolling', username: 'enrolling' });
    const secret = secretOf(unwrap(await t.wallet.beginEnrollment(user, 'enrolling')).uri);
    for (let i = 0; i < 10; i++) expect((await t.wallet.activateAuthenticator(user, '000000')).ok).toBe(false);
    const blocked = await t.wallet.activateAuthenticator(user, '000000');
    expect(blocked.ok ? 'ok' : blocked.error.code).toBe('code.blocked');
    clock.advance(16 * 60_000);
    const later = await t.wallet.activateAuthenticator(user, codeAt(secret, clock.now()));
    expect(later.ok ? 'ok' : later.error.code).toBe('code.blocked');
    clock.advance(45 * 60_000);
    unwrap(await t.wallet.activateAuthenticator(user, codeAt(secret, clock.now())));
  });
});

describe('the hourly code cap when codes interleave', () => {
  /** Runs `between` after the wallet has read the owner, just before the store accepts a code. */
  function interleave(method: 'consumeStep' | 'useRecoveryCode', between: () => Promise<unknown>): () => void {
    const security = t.store.security as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const original = security[method]!;
    const restore = () => {
      security[method] = original;
    };
    security[method] = async (...args) => {
      restore();
      await between();
      return original(...args);
    };
    return restore;
  }

  it.each(['consumeStep', 'useRecoveryCode'] as const)(
    'refuses a correct code when wrong ones on other challenges land first (%s)',
    async (method) => {
      const { owner, origins } = await walletWithChallenges(`interleaved-${method}`, 5);
      const restore = interleave(method, () => elevenWrong(origins.slice(1)));
      const correct = method === 'consumeStep' ? codeAt(owner.secret, clock.now()) : owner.recoveryCodes[0]!;
      try {
        expect(await attempt(origins[0]!, correct)).toBe('code.blocked');
      } finally {
        restore();
      }
      clock.advance(61 * 60_000);
    },
  );
});
