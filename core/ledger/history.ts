import { fail, ok, type Outcome } from '../errors.js';
import type { Money } from '../money/index.js';
import type { LedgerPort, TransferId, TransferKind, UserId } from '../ports/index.js';

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;

export interface HistoryItem {
  transferId: TransferId;
  kind: TransferKind;
  direction: 'in' | 'out';
  /** Always positive; `direction` says which way it moved. */
  amount: Money;
  memo?: string;
  createdAt: Date;
  /** The other person, absent for deposits and withdrawals (the external rails). */
  counterparty?: { userId: UserId; username?: string };
}

export interface HistoryPage {
  items: HistoryItem[];
  /** Pass back to get the next (older) page; absent on the last page. */
  nextCursor?: string;
}

/** A page cursor: the last row seen, its id in base 36. */
export const CURSOR = /^[0-9a-z]{1,12}$/;

/** Base-36 row id, decoded without passing through a float. */
export function decodeCursor(cursor: string): bigint {
  let id = 0n;
  for (const digit of cursor) id = id * 36n + BigInt(parseInt(digit, 36));
  return id;
}

/**
 * Newest first, both directions. The cursor is the last entry seen rather than an offset, so
 * payments that arrive while someone pages never shift or repeat rows.
 */
export async function history(
  ledger: LedgerPort,
  input: { userId: UserId; cursor?: string; limit?: number },
): Promise<Outcome<HistoryPage>> {
  if (input.cursor !== undefined && !CURSOR.test(input.cursor)) return fail('history.invalid_cursor');
  const limit = Math.min(Math.max(Math.trunc(input.limit ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
  const before = input.cursor === undefined ? undefined : decodeCursor(input.cursor);
  const rows = await ledger.history(input.userId, before, limit + 1);
  const page = rows.slice(0, limit);
  const items = page.map((row): HistoryItem => ({
    transferId: row.transferId,
    kind: row.kind,
    direction: row.amount.minor < 0n ? 'out' : 'in',
    amount: { currency: row.amount.currency, minor: row.amount.minor < 0n ? -row.amount.minor : row.amount.minor },
    memo: row.memo,
    createdAt: row.createdAt,
    counterparty: row.counterpartyUserId
      ? { userId: row.counterpartyUserId, username: row.counterpartyUsername }
      : undefined,
  }));
  const last = page.at(-1);
  return ok({ items, nextCursor: rows.length > limit && last ? last.entryId.toString(36) : undefined });
}
