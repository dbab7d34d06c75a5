import type { WalletContext } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import { checkMemo } from '../ledger/move-money.js';
import { checkPerTransaction } from '../limits/limits.js';
import { checkMovable, type Money } from '../money/index.js';
import type { User } from '../ports/index.js';

/**
 * What all money leaving a wallet on its owner's code is checked for before the code is asked:
 * a movable amount within the per-payment limit and a memo that fits. Sends and claims share it so
 * the two prompts can never disagree on what may be asked for; the ledger checks again on the code.
 * Gives back the memo as it will be stored.
 */
export function checkOutgoing(ctx: WalletContext, owner: User, amount: Money, memo: string | undefined): Outcome<string | undefined> {
  const movable = checkMovable(amount);
  if (!movable.ok) return movable;
  const limited = checkPerTransaction(ctx.limits, owner.tier, amount);
  if (!limited.ok) return limited;
  return checkMemo(memo);
}

/**
 * Refuses an amount the owner does not hold now, so no code is asked for money that cannot move.
 * Advisory only: the ledger decides under its lock when the code arrives.
 */
export async function checkFunds(ctx: WalletContext, owner: User, amount: Money): Promise<Outcome<Money>> {
  const held = (await ctx.store.ledger.balances(owner.id)).find((m) => m.currency === amount.currency);
  if ((held?.minor ?? 0n) < amount.minor) {
    return fail('transfer.insufficient_funds', { available: String(held?.minor ?? 0n), currency: amount.currency });
  }
  return ok(amount);
}
