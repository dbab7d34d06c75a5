import { expect } from 'vitest';
import type { Outcome } from '../../core/errors.js';
import { money, type CurrencyCode, type Money } from '../../core/money/index.js';
import type { Notification, Platform, User } from '../../core/ports/index.js';
import type { Wallet } from '../../core/wallet.js';
import type { TestWallet } from './test-database.js';

let keySequence = 0;

/** A key no other call in this process uses. */
export function freshKey(label = 'test'): string {
  keySequence += 1;
  return `${label}:${process.pid}:${keySequence}:${Math.random().toString(36).slice(2)}`;
}

export async function consoleUser(wallet: Wallet, username: string): Promise<User> {
  const { user } = await wallet.register({ platform: 'console', platformUserId: username, username });
  return user;
}

export function cny(major: number): Money<'CNY'> {
  return money('CNY', BigInt(major) * 100n);
}

export async function fund(t: Pick<TestWallet, 'moves'>, user: User, amount: Money): Promise<void> {
  const result = await t.moves.deposit({ key: freshKey('fund'), userId: user.id, amount });
  expect(result.ok).toBe(true);
}

export async function balanceOf(wallet: Wallet, user: User, currency: CurrencyCode): Promise<bigint> {
  const all = await wallet.balances(user.id);
  return all.find((m) => m.currency === currency)?.minor ?? 0n;
}

/** Unwraps a successful outcome, failing the test with the error code otherwise. */
export function unwrap<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.code} ${JSON.stringify(outcome.error.params)}`);
  return outcome.value;
}

export async function expectCleanLedger(wallet: Wallet): Promise<void> {
  const report = await wallet.checkLedger();
  expect(report.violations).toEqual([]);
}

/**
 * What a process starting now would be handed on a platform: claimed under an owner of its own and
 * given straight back, so a test can look at the outbox without holding anything.
 */
export async function pendingNotices(wallet: Wallet, platform: Platform, limit: number): Promise<Notification[]> {
  const lease = { owner: freshKey('look'), ms: 60_000 };
  const notices = await wallet.claimNotifications(platform, limit, lease);
  await wallet.releaseNotificationLeases(lease.owner);
  return notices;
}
