import type { LedgerViolation } from '../../core/ports/index.js';
import type { MemoryState } from './memory-state.js';

/** The invariants db/ledger-store.ts checks in SQL, over the in-memory tables. */
export function checkLedger(state: MemoryState): LedgerViolation[] {
  const violations: LedgerViolation[] = [];
  const byTransfer = new Map<string, bigint>();
  const byAccount = new Map<string, bigint>();
  for (const e of state.entries) {
    byTransfer.set(e.transferId, (byTransfer.get(e.transferId) ?? 0n) + e.amount);
    byAccount.set(e.accountId, (byAccount.get(e.accountId) ?? 0n) + e.amount);
  }
  for (const [transferId, total] of byTransfer) {
    if (total !== 0n) {
      const currency = state.transfers.get(transferId)?.currency;
      violations.push({ rule: 'transfer_unbalanced', detail: `transfer ${transferId} ${currency} sums to ${total}` });
    }
  }
  for (const a of state.accounts) {
    const entries = byAccount.get(a.id) ?? 0n;
    if (a.balance !== entries) {
      violations.push({ rule: 'balance_mismatch', detail: `account ${a.id}: balance ${a.balance} + parked 0 <> entries ${entries}` });
    }
    if (a.userId !== undefined && a.balance < 0n) {
      violations.push({ rule: 'negative_user_balance', detail: `account ${a.id}: balance ${a.balance} + parked 0` });
    }
    if (a.userId !== undefined && state.users.get(a.userId)?.status === 'closed' && a.balance !== 0n) {
      violations.push({ rule: 'closed_with_money', detail: `closed account ${a.id} holds ${a.balance}` });
    }
  }
  for (const t of state.transfers.values()) {
    if ((t.status === 'completed') !== byTransfer.has(t.id)) {
      violations.push({ rule: 'transfer_entries_mismatch', detail: `${t.status} transfer ${t.id}` });
    }
  }
  for (const a of state.accounts.filter((account) => account.system === 'claims')) {
    const held = state.claims.filter((c) => c.status === 'open' && c.currency === a.currency).reduce((sum, c) => sum + c.amount - c.claimedAmount, 0n);
    if (held !== a.balance) violations.push({ rule: 'claims_mismatch', detail: `claims account ${a.currency}: balance ${a.balance} <> open claims ${held}` });
  }
  return violations;
}
