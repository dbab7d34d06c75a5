import { fail, ok, type Outcome } from '../errors.js';
import { checkKey, fingerprint } from '../idempotency.js';
import { checkMovable, money, toCurrencyCode, type Money } from '../money/index.js';
import type { AccountOwner, LedgerPort, Posting, TransferId, TransferKind, UserId } from '../ports/index.js';
import { codePointLength, plainLine } from '../text.js';

export const MAX_MEMO_LENGTH = 200;

/** What a receipt needs: the movement, both parties, and the payer's balance right after it. */
export interface TransferReceipt {
  transferId: TransferId;
  kind: TransferKind;
  amount: Money;
  fromUserId?: UserId;
  toUserId?: UserId;
  memo?: string;
  createdAt: Date;
  /** The paying user's balance in this currency right after the movement. */
  balanceAfter?: Money;
}

export type Movement = Omit<Posting, 'fingerprint'>;

/**
 * Refuses a memo people could not read back in a receipt: over {@link MAX_MEMO_LENGTH} characters
 * as people count them (code points, so an emoji is one). It is never cut — a cut memo is not what
 * was written — and it is made a {@link plainLine}, so only valid, visible Unicode is ever stored,
 * whichever way it came in (the API hands text over unparsed).
 */
export function checkMemo(memo: string | undefined): Outcome<string | undefined> {
  const trimmed = memo === undefined ? undefined : plainLine(memo) || undefined;
  if (trimmed && codePointLength(trimmed) > MAX_MEMO_LENGTH) return fail('transfer.memo_too_long', { max: MAX_MEMO_LENGTH });
  return ok(trimmed);
}

/**
 * Validates and posts one movement. Every caller — a confirmed chat send, a request payment, a
 * refund, an operator deposit — ends here, so validation and receipts cannot drift apart.
 */
export async function move(ledger: LedgerPort, movement: Movement): Promise<Outcome<TransferReceipt>> {
  const key = checkKey(movement.key);
  if (!key.ok) return key;
  if (!toCurrencyCode(movement.amount.currency)) {
    return fail('money.unsupported_currency', { currency: movement.amount.currency });
  }
  const amount = checkMovable(movement.amount);
  if (!amount.ok) return amount;
  const memo = checkMemo(movement.memo);
  if (!memo.ok) return memo;
  if ('user' in movement.from && 'user' in movement.to && movement.from.user === movement.to.user) {
    return fail('transfer.self');
  }

  // where the receipt is shown is not part of what moves: a replay from elsewhere is the same movement
  const request = { ...movement, memo: memo.value, key: undefined, challengeId: undefined, limits: undefined, now: undefined, origin: undefined };
  const posted = await ledger.post({ ...movement, memo: memo.value, fingerprint: fingerprint('transfer', request) });
  if (!posted.ok) return posted;
  const { transferId, createdAt, debitedBalanceAfter } = posted.value;
  return ok({
    transferId,
    kind: movement.kind,
    amount: movement.amount,
    ...ownerField('fromUserId', movement.from),
    ...ownerField('toUserId', movement.to),
    ...(memo.value ? { memo: memo.value } : {}),
    createdAt,
    ...(debitedBalanceAfter === undefined ? {} : { balanceAfter: money(movement.amount.currency, debitedBalanceAfter) }),
  });
}

function ownerField(name: 'fromUserId' | 'toUserId', owner: AccountOwner) {
  return 'user' in owner ? { [name]: owner.user } : {};
}
