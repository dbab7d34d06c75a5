import { fail, ok, type Outcome } from '../errors.js';
import { checkKey, fingerprint } from '../idempotency.js';
import { checkMovable, money, toCurrencyCode, type Money } from '../money/index.js';
import type { AccountOwner, TransferId, TransferKind, UserId, WalletStore } from '../ports.js';

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

export interface SendInput {
  key: string;
  fromUserId: UserId;
  toUserId: UserId;
  amount: Money;
  memo?: string;
}

export interface OperatorMoveInput {
  key: string;
  userId: UserId;
  amount: Money;
  memo?: string;
}

interface Movement {
  key: string;
  kind: TransferKind;
  from: AccountOwner;
  to: AccountOwner;
  amount: Money;
  memo: string | undefined;
}

async function move(store: WalletStore, movement: Movement): Promise<Outcome<TransferReceipt>> {
  const key = checkKey(movement.key);
  if (!key.ok) return key;
  if (!toCurrencyCode(movement.amount.currency)) {
    return fail('money.unsupported_currency', { currency: movement.amount.currency });
  }
  const amount = checkMovable(movement.amount);
  if (!amount.ok) return amount;
  const memo = movement.memo?.trim() || undefined;
  if (memo && [...memo].length > MAX_MEMO_LENGTH) return fail('transfer.memo_too_long', { max: MAX_MEMO_LENGTH });

  const request = { kind: movement.kind, from: movement.from, to: movement.to, amount: movement.amount, memo };
  const posted = await store.post({ ...request, key: movement.key, fingerprint: fingerprint('transfer', request) });
  if (!posted.ok) return posted;
  const { transferId, createdAt, debitedBalanceAfter } = posted.value;
  return ok({
    transferId,
    kind: movement.kind,
    amount: movement.amount,
    ...('user' in movement.from ? { fromUserId: movement.from.user } : {}),
    ...('user' in movement.to ? { toUserId: movement.to.user } : {}),
    ...(memo ? { memo } : {}),
    createdAt,
    ...(debitedBalanceAfter === undefined ? {} : { balanceAfter: money(movement.amount.currency, debitedBalanceAfter) }),
  });
}

/**
 * Pays another user. The store applies it atomically once per key; the sender must be active
 * and funded, a frozen recipient still receives, a closed one does not.
 */
export function send(store: WalletStore, input: SendInput): Promise<Outcome<TransferReceipt>> {
  if (input.fromUserId === input.toUserId) return Promise.resolve(fail('transfer.self'));
  return move(store, {
    key: input.key,
    kind: 'send',
    from: { user: input.fromUserId },
    to: { user: input.toUserId },
    amount: input.amount,
    memo: input.memo,
  });
}

/** Operator credit from the external rails (cash in); authorization is the caller's job. */
export function deposit(store: WalletStore, input: OperatorMoveInput): Promise<Outcome<TransferReceipt>> {
  return move(store, {
    key: input.key,
    kind: 'deposit',
    from: { system: 'external' },
    to: { user: input.userId },
    amount: input.amount,
    memo: input.memo,
  });
}

/** Operator debit to the external rails (cash out); refused for a frozen or closed wallet. */
export function withdraw(store: WalletStore, input: OperatorMoveInput): Promise<Outcome<TransferReceipt>> {
  return move(store, {
    key: input.key,
    kind: 'withdrawal',
    from: { user: input.userId },
    to: { system: 'external' },
    amount: input.amount,
    memo: input.memo,
  });
}
