import { fail, ok, type Outcome } from '../errors.js';
import { checkKey, fingerprint } from '../idempotency.js';
import { checkMovable, money, toCurrencyCode, type Money } from '../money/index.js';
import type { AccountOwner, LedgerPort, Posting, TransferId, TransferKind, UserId } from '../ports/index.js';
import { codePointLength, wellFormed } from '../text.js';

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
 * was written — and it is made well-formed, so only valid Unicode is ever stored.
 */
export function checkMemo(memo: string | undefined): Outcome<string | undefined> {
  const trimmed = memo === undefined ? undefined : wellFormed(memo).trim() || undefined;
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

  const request = { ...movement, memo: memo.value, key: undefined, challengeId: undefined, limits: undefined, now: undefined };
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

export interface DirectSend {
  key: string;
  fromUserId: UserId;
  toUserId: UserId;
  amount: Money;
  memo?: string;
  /** The wallet clock's time of the movement. */
  now: Date;
}

/**
 * Pays another user with no confirmation step. Chat never calls this: a chat send is a challenge
 * whose confirmation runs {@link move}. It exists for trusted callers (benchmarks, tests).
 */
export function send(ledger: LedgerPort, input: DirectSend & { limits?: Posting['limits'] }): Promise<Outcome<TransferReceipt>> {
  return move(ledger, {
    key: input.key,
    kind: 'send',
    from: { user: input.fromUserId },
    to: { user: input.toUserId },
    amount: input.amount,
    memo: input.memo,
    limits: input.limits,
    now: input.now,
  });
}

/** Credit from the external rails (cash in); operators reach it through a confirmed challenge. */
export function deposit(ledger: LedgerPort, input: { key: string; userId: UserId; amount: Money; memo?: string; challengeId?: string; now: Date }) {
  return move(ledger, { ...input, kind: 'deposit', from: { system: 'external' }, to: { user: input.userId } });
}

/** Debit to the external rails (cash out); operators reach it through a confirmed challenge. */
export function withdraw(ledger: LedgerPort, input: { key: string; userId: UserId; amount: Money; memo?: string; now: Date }) {
  return move(ledger, { ...input, kind: 'withdrawal', from: { user: input.userId }, to: { system: 'external' } });
}
