import type { LedgerViolation, LedgerPort } from '../ports/index.js';

export interface LedgerReport {
  ok: boolean;
  violations: LedgerViolation[];
}

/**
 * Proves the books: every transfer's entries sum to zero per currency, every stored balance
 * equals the sum of its entries, and no user account is below zero. Run by tests after every
 * concurrency scenario and by operators with `npm run check-ledger`.
 */
export async function checkLedger(ledger: LedgerPort): Promise<LedgerReport> {
  const violations = await ledger.checkLedger();
  return { ok: violations.length === 0, violations };
}
