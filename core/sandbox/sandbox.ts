import type { WalletContext } from '../context.js';
import { ok, type Outcome } from '../errors.js';
import { move } from '../ledger/move-money.js';
import { exponentOf, money, type Money } from '../money/index.js';
import type { IdentityRef, Merchant, User, UserId } from '../ports/index.js';

/** What a payer's sandbox twin holds in a currency after a top-up: 1,000 of its major unit. */
export const TEST_BALANCE_MAJOR = 1000n;

export function testBalance(currency: Money['currency']): Money {
  return money(currency, TEST_BALANCE_MAJOR * 10n ** BigInt(exponentOf(currency)));
}

/**
 * The merchant's sandbox twin, made a merchant under the same display name: a test key
 * authenticates as it, so every /v1 route works unchanged and sees only sandbox objects.
 */
export async function merchantTwin(ctx: WalletContext, merchant: Merchant): Promise<User> {
  const twin = await ctx.store.sandbox.twinOf(merchant.userId);
  await ctx.store.merchants.upsert(twin.id, merchant.displayName);
  return twin;
}

/**
 * Test money for a payer's sandbox twin (created on first use): minted from the `sandbox` system
 * account, never the real rails, up to {@link TEST_BALANCE_MAJOR} (or the amount, if more) whenever
 * the twin holds less than the amount. Keyed by the payment's own key, so a retried prepare mints
 * once.
 */
export async function topUpTestMoney(ctx: WalletContext, twin: User, amount: Money, key: string): Promise<Outcome<User>> {
  const held = (await ctx.store.ledger.balances(twin.id)).find((m) => m.currency === amount.currency)?.minor ?? 0n;
  if (held >= amount.minor) return ok(twin);
  const target = testBalance(amount.currency).minor;
  const minted = await move(ctx.store.ledger, {
    key: `sandbox:mint:${twin.id}:${key}`,
    kind: 'deposit',
    from: { system: 'sandbox' },
    to: { user: twin.id },
    amount: money(amount.currency, (target > amount.minor ? target : amount.minor) - held),
    now: ctx.clock.now(),
  });
  return minted.ok ? ok(twin) : minted;
}

/** Whether a wallet holds test money: a sandbox twin. */
export async function isSandbox(ctx: WalletContext, userId: UserId): Promise<boolean> {
  return (await ctx.store.users.getUser(userId))?.sandboxOf !== undefined;
}

/**
 * The identities a wallet is known by. A twin has none of its own and is named as its person, so
 * a test payment's prompt and the API's `paid.by` show who it is; notices to a twin still reach
 * nobody, as they are routed by the twin's own (absent) identities.
 */
export async function identitiesOfPerson(ctx: WalletContext, userId: UserId): Promise<(IdentityRef & { username?: string })[]> {
  const user = await ctx.store.users.getUser(userId);
  return ctx.store.users.identitiesOf(user?.sandboxOf ?? userId);
}
