import { afterAll, beforeAll, expect } from 'vitest';
import type { Outcome } from '../../core/errors.js';
import { fingerprint } from '../../core/idempotency.js';
import type { Posted, Posting, User } from '../../core/ports/index.js';
import { enrolledPerson, type ManualClock, type Person } from '../support/confirmation-fixtures.js';
import { balanceOf, cny, consoleUser, freshKey } from '../support/wallet-fixtures.js';
import type { WalletUnderTest } from './memory-wallet.js';

export type OpenSubject = () => Promise<{ subject: WalletUnderTest; clock: ManualClock }>;

/** The store under contract and what its scenarios share; `t` and `clock` are set before the first scenario. */
export interface Harness {
  t: WalletUnderTest;
  clock: ManualClock;
  /** A new console user, never enrolled. */
  someone(): Promise<User>;
  /** A new console user with an active authenticator. */
  enrolled(): Promise<Person>;
  balance(user: User): Promise<bigint>;
  /** A raw posting, as the executors hand it to the ledger, at the wallet's now unless given. */
  post(movement: Omit<Posting, 'fingerprint' | 'now'> & { now?: Date }): Promise<Outcome<Posted>>;
  send(from: User, to: User, major: number, extra?: Partial<Posting>): Promise<Outcome<Posted>>;
}

/** What a store answered, reduced to what callers see: the error code and its parameters. */
export const answer = (outcome: Outcome<unknown>) => (outcome.ok ? 'ok' : { code: outcome.error.code, params: outcome.error.params });

/** Opens the store before the scenarios and proves its books clean after them. */
export function harness(open: OpenSubject): Harness {
  let names = 0;
  const post = (movement: Omit<Posting, 'fingerprint' | 'now'> & { now?: Date }) => {
    const { key: _key, challengeId: _challenge, limits: _limits, now: _now, ...input } = movement;
    return h.t.store.ledger.post({ now: h.clock.now(), ...movement, fingerprint: fingerprint('transfer', input) });
  };
  const h: Harness = {
    t: undefined as unknown as WalletUnderTest,
    clock: undefined as unknown as ManualClock,
    someone: () => consoleUser(h.t.wallet, `p${(names += 1)}`),
    enrolled: () => enrolledPerson(h.t, h.clock, `e${(names += 1)}`),
    balance: (user) => balanceOf(h.t.wallet, user, 'CNY'),
    post,
    send: (from, to, major, extra = {}) =>
      post({ key: freshKey(), kind: 'send', from: { user: from.id }, to: { user: to.id }, amount: cny(major), ...extra }),
  };
  beforeAll(async () => {
    ({ subject: h.t, clock: h.clock } = await open());
  });
  afterAll(async () => {
    expect(await h.t.store.ledger.checkLedger()).toEqual([]);
    await h.t.close();
  });
  return h;
}
