import type { Outcome } from '../../core/errors.js';
import { move, type TransferReceipt } from '../../core/ledger/move-money.js';
import type { Money } from '../../core/money/index.js';
import type { Clock, LedgerPort, Posting, UserId, WalletStore } from '../../core/ports/index.js';

/**
 * Movements posted straight on the ledger with no challenge. Production never moves money
 * unconfirmed — every chat movement is a challenge whose confirmation runs `move` — so these
 * live here, for arranging balances in tests and for the benchmarks.
 */
export interface DirectSend {
  key: string;
  fromUserId: UserId;
  toUserId: UserId;
  amount: Money;
  memo?: string;
  limits?: Posting['limits'];
  /** The wallet clock's time of the movement. */
  now: Date;
}

export interface DirectCash {
  key: string;
  userId: UserId;
  amount: Money;
  memo?: string;
  now: Date;
}

export function directSend(ledger: LedgerPort, input: DirectSend): Promise<Outcome<TransferReceipt>> {
  const { fromUserId, toUserId, ...rest } = input;
  return move(ledger, { ...rest, kind: 'send', from: { user: fromUserId }, to: { user: toUserId } });
}

/** Credit from the external rails (cash in). */
export function directDeposit(ledger: LedgerPort, input: DirectCash): Promise<Outcome<TransferReceipt>> {
  const { userId, ...rest } = input;
  return move(ledger, { ...rest, kind: 'deposit', from: { system: 'external' }, to: { user: userId } });
}

/** Debit to the external rails (cash out). */
export function directWithdraw(ledger: LedgerPort, input: DirectCash): Promise<Outcome<TransferReceipt>> {
  const { userId, ...rest } = input;
  return move(ledger, { ...rest, kind: 'withdrawal', from: { user: userId }, to: { system: 'external' } });
}

type AtWalletTime<T> = Omit<T, 'now'>;

/** The direct movements of one store, stamped with the wallet's clock. */
export function directMoves(store: WalletStore, clock: Clock) {
  return {
    send: (input: AtWalletTime<DirectSend>) => directSend(store.ledger, { ...input, now: clock.now() }),
    deposit: (input: AtWalletTime<DirectCash>) => directDeposit(store.ledger, { ...input, now: clock.now() }),
    withdraw: (input: AtWalletTime<DirectCash>) => directWithdraw(store.ledger, { ...input, now: clock.now() }),
  };
}
