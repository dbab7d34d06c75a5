import { expect } from 'vitest';
import type { ClaimCreated } from '../../core/claims/create-claim.js';
import type { Money } from '../../core/money/index.js';
import type { Challenge, IdentityRef, User } from '../../core/ports/index.js';
import { codeAt } from '../../core/security/totp.js';
import type { Outcome } from '../../core/errors.js';
import type { TestWallet } from './test-database.js';
import type { manualClock } from './manual-clock.js';
import { freshKey, unwrap } from './wallet-fixtures.js';

export type ManualClock = ReturnType<typeof manualClock>;

/** What these fixtures need of a wallet under test: on a database or on the in-memory fake alike. */
type Subject = Pick<TestWallet, 'wallet' | 'store'>;

/** A console person with an active authenticator, as the chat layer would set them up. */
export interface Person {
  user: User;
  identity: IdentityRef;
  secret: string;
  recoveryCodes: string[];
}

export function secretOf(uri: string): string {
  return new URL(uri).searchParams.get('secret')!;
}

/** The authenticator secret as an enrollment message shows it for typing (`ABCD EFGH …`), spaces removed. */
export function shownSecret(message: string): string {
  const grouped = /^([A-Z2-7]{4}(?: [A-Z2-7]{1,4})+)$/m.exec(message);
  if (!grouped) throw new Error(`no authenticator key in: ${message}`);
  return grouped[1]!.replaceAll(' ', '');
}

/** Registers and enrolls; the clock moves a step so the activation code is never reused. */
export async function enrolledPerson(t: Subject, clock: ManualClock, name: string): Promise<Person> {
  const identity = { platform: 'console' as const, platformUserId: name };
  const { user } = await t.wallet.register({ ...identity, username: name });
  const enrollment = unwrap(await t.wallet.beginEnrollment(user, name));
  const secret = secretOf(enrollment.uri);
  const { recoveryCodes } = unwrap(await t.wallet.activateAuthenticator(user, codeAt(secret, clock.now())));
  clock.advance(30_000);
  return { user: (await t.wallet.findUserByIdentity(identity))!, identity, secret, recoveryCodes };
}

/** The person's current wallet state, for actor arguments after a status change. */
export async function actor(t: Subject, person: Person) {
  return { user: (await t.store.users.getUser(person.user.id))!, identity: person.identity };
}

/** Confirms the person's pending challenge with the code their app shows now, then moves to the next step. */
export async function confirmNow(t: Subject, clock: ManualClock, person: Person, key = freshKey('confirm')) {
  const result = await t.wallet.confirm({ key, identity: person.identity, code: codeAt(person.secret, clock.now()), label: 'x' });
  clock.advance(30_000);
  return result;
}

export function expectError(outcome: Outcome<unknown>, code: string): void {
  expect(outcome.ok ? 'ok' : outcome.error.code).toBe(code);
}

export function challengeOf(outcome: Outcome<Challenge>): Challenge {
  return unwrap(outcome);
}

/** A cheque of `slots` parts the person made and confirmed with their code, as it was created. */
export async function confirmedCheque(t: Subject, clock: ManualClock, person: Person, amount: Money, slots: number): Promise<ClaimCreated> {
  unwrap(await t.wallet.prepareClaim({ key: freshKey(), actor: await actor(t, person), amount, slots, once: false }));
  return unwrap(await confirmNow(t, clock, person)).effect as ClaimCreated;
}
