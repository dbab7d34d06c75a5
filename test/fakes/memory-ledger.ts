import { fail, ok, type ErrorCode, type ErrorParams, type Outcome } from '../../core/errors.js';
import { money, type CurrencyCode } from '../../core/money/index.js';
import type { TransferNoticeKind } from '../../core/notices/index.js';
import type { AccountOwner, HistoryRow, LedgerPort, Posted, Posting, TransferRecord, UserId } from '../../core/ports/index.js';
import { checkLedger } from './memory-ledger-check.js';
import { accountsOf, isRowId, notify, type AccountRow, type MemoryState, type TransferRow } from './memory-state.js';

const COUNTED = new Set(['send', 'payment', 'withdrawal', 'claim']);
const DAY_MS = 24 * 3_600_000;

/** The account of an owner in a currency; a receiving one is opened on first use, as okpay_account does. */
function accountOf(state: MemoryState, owner: AccountOwner, currency: CurrencyCode, open: boolean): AccountRow | undefined {
  const found = state.accounts.find((a) => a.currency === currency && ('user' in owner ? a.userId === owner.user : a.system === owner.system));
  if (found || !open) return found;
  if ('user' in owner && !state.users.has(owner.user)) return undefined;
  const account: AccountRow = { id: state.nextId('accounts'), currency, balance: 0n, ...('user' in owner ? { userId: owner.user } : { system: owner.system }) };
  state.accounts.push(account);
  return account;
}

/** What a replayed key answers: its first outcome, or a conflict when it came with other input. */
function outcomeOf(state: MemoryState, transfer: TransferRow, fingerprint: string): Outcome<Posted> {
  if (transfer.hash !== fingerprint) return fail('idempotency.conflict');
  if (transfer.error) return fail(transfer.error.code, transfer.error.params);
  const debit = state.entries.find((e) => e.transferId === transfer.id && e.amount < 0n);
  return ok({
    transferId: transfer.id,
    createdAt: transfer.createdAt,
    ...(transfer.fromUserId && debit ? { debitedBalanceAfter: debit.balanceAfter } : {}),
  });
}

/** What the account paid out in the 24 hours before `now`, before the movement being decided. */
function spentWithinDay(state: MemoryState, accountId: string, now: Date, deciding: string): bigint {
  let spent = 0n;
  for (const t of state.transfers.values()) {
    if (t.id !== deciding && t.fromAccountId === accountId && t.status === 'completed' && COUNTED.has(t.kind) && t.createdAt.getTime() > now.getTime() - DAY_MS) {
      spent += t.amount;
    }
  }
  // what claims made in the window gave back by now never left the wallet for good (0018)
  for (const c of state.claims) {
    const made = c.createdTransferId ? state.transfers.get(c.createdTransferId) : undefined;
    const back = c.returnTransferId ? state.transfers.get(c.returnTransferId) : undefined;
    if (made && back && made.id !== deciding && made.fromAccountId === accountId && made.createdAt.getTime() > now.getTime() - DAY_MS && back.createdAt <= now) {
      spent -= back.amount;
    }
  }
  return spent;
}

/** Why a payment request cannot be paid, in the order okpay_request_refusal asks. */
function requestRefusal(state: MemoryState, posting: Posting, payer: UserId): ErrorCode | undefined {
  const request = state.requests.get(posting.requestId!);
  if (!request) return 'request.not_found';
  if (request.status === 'paid') return 'request.already_paid';
  if (request.status === 'cancelled') return 'request.cancelled';
  if (request.expiresAt <= posting.now) return 'request.expired';
  if (request.payerId && request.payerId !== payer) return 'request.not_for_you';
  const same = 'user' in posting.to && request.merchantId === posting.to.user;
  const amount = request.amount.minor === posting.amount.minor && request.amount.currency === posting.amount.currency;
  return same && amount ? undefined : 'request.changed';
}

type Refusal = { code: ErrorCode; params?: ErrorParams; keepChallenge?: boolean };

/**
 * Every check okpay_post_transfer makes, in its order, before anything moves: the first refusal,
 * or undefined when the movement may be applied.
 */
function refusalOf(state: MemoryState, posting: Posting, transfer: TransferRow, from: AccountRow | undefined, to: AccountRow | undefined): Refusal | undefined {
  const { currency, minor } = posting.amount;
  if (posting.challengeId && state.challenges.get(posting.challengeId)?.status !== 'confirmed') {
    return { code: 'challenge.cancelled', keepChallenge: true };
  }
  if (!to) return { code: 'user.not_found', params: { party: 'recipient' } };
  const payer = 'user' in posting.from ? state.users.get(posting.from.user) : undefined;
  if (!from) {
    if (!payer) return { code: 'user.not_found', params: { party: 'sender' } };
    if (payer.status !== 'active') return { code: `account.${payer.status}` as ErrorCode, params: { party: 'sender' } };
    return { code: 'transfer.insufficient_funds', params: { available: '0', currency } };
  }
  if (to.userId && state.users.get(to.userId)?.status === 'closed') return { code: 'account.closed', params: { party: 'recipient' } };
  const tier = payer ? String(payer.tier) : undefined;
  const [perTx, daily] = (tier !== undefined && posting.limits?.[tier]) || [];
  if (perTx !== undefined && minor > perTx) return { code: 'limit.per_transaction', params: { limit: perTx.toString(), currency, tier: Number(tier) } };
  if (!payer) return undefined;
  if (payer.status !== 'active') return { code: `account.${payer.status}` as ErrorCode, params: { party: 'sender' } };
  if (from.balance < minor) return { code: 'transfer.insufficient_funds', params: { available: from.balance.toString(), currency } };
  if (daily !== undefined && COUNTED.has(posting.kind)) {
    const before = spentWithinDay(state, from.id, posting.now, transfer.id);
    if (before + minor > daily) {
      const remaining = daily > before ? daily - before : 0n;
      return { code: 'limit.daily', params: { limit: daily.toString(), remaining: remaining.toString(), currency, tier: Number(tier) } };
    }
  }
  if (posting.requestId !== undefined) {
    const refusal = requestRefusal(state, posting, payer.id);
    if (refusal) return { code: refusal, params: { requestId: posting.requestId } };
  }
  if (posting.relatedTransferId !== undefined) {
    const related = state.transfers.get(posting.relatedTransferId);
    const parties = related?.status === 'completed' && related.fromUserId === to.userId && related.toUserId === payer.id;
    if (!parties) return { code: 'refund.not_refundable' };
    if (related.currency !== currency || related.refunded + minor > related.amount) {
      return { code: 'refund.exceeds_remaining', params: { remaining: (related.amount - related.refunded).toString(), currency } };
    }
  }
  return undefined;
}

/** Moves the money of a posting that passed every check: balances, entries, request, refund and notices. */
function apply(state: MemoryState, posting: Posting, transfer: TransferRow, from: AccountRow, to: AccountRow): Posted {
  const amount = posting.amount.minor;
  if (posting.challengeId) state.challenges.get(posting.challengeId)!.status = 'done';
  let refundLeft: bigint | undefined;
  if (posting.requestId !== undefined) {
    Object.assign(state.requests.get(posting.requestId)!, { status: 'paid', paidTransferId: transfer.id });
  }
  if (posting.relatedTransferId !== undefined) {
    const related = state.transfers.get(posting.relatedTransferId)!;
    related.refunded += amount;
    refundLeft = related.amount - related.refunded;
    for (const ask of state.refundAsks.values()) if (ask.transferId === related.id && ask.status === 'open') ask.status = 'refunded';
  }
  from.balance -= amount;
  to.balance += amount;
  for (const [account, delta] of [[from, -amount], [to, amount]] as const) {
    state.entries.push({ id: BigInt(state.nextId('entries')), transferId: transfer.id, accountId: account.id, userId: account.userId, amount: delta, balanceAfter: account.balance });
  }
  const facts = (counterparty: UserId | undefined) => ({
    transferId: transfer.id,
    amount: posting.amount,
    ...(counterparty ? { counterpartyId: counterparty } : {}),
    ...(posting.memo ? { memo: posting.memo } : {}),
    ...(posting.requestId ? { requestId: posting.requestId } : {}),
    ...(posting.relatedTransferId ? { relatedTransferId: posting.relatedTransferId } : {}),
    ...(refundLeft !== undefined ? { refundRemaining: money(posting.amount.currency, refundLeft) } : {}),
  });
  // a claim's movements are told by the claims store, which knows what they mean
  if (posting.kind === 'claim') return { transferId: transfer.id, createdAt: transfer.createdAt, ...(from.userId ? { debitedBalanceAfter: from.balance } : {}) };
  if (from.userId) notify(state, from.userId, { kind: `${posting.kind}.sent` as TransferNoticeKind, ...facts(to.userId) }, { origin: posting.origin });
  if (to.userId) notify(state, to.userId, { kind: `${posting.kind}.received` as TransferNoticeKind, ...facts(from.userId) });
  return { transferId: transfer.id, createdAt: transfer.createdAt, ...(from.userId ? { debitedBalanceAfter: from.balance } : {}) };
}

export function memoryLedger(state: MemoryState): LedgerPort {
  return {
    async post(posting) {
      if (posting.requestId !== undefined && posting.relatedTransferId !== undefined) {
        throw new Error('a movement settles a request or refunds a transfer, not both');
      }
      const { currency } = posting.amount;
      const to = accountOf(state, posting.to, currency, true);
      const from = accountOf(state, posting.from, currency, 'system' in posting.from);
      const existing = state.transferKeys.get(posting.key);
      if (existing) return outcomeOf(state, state.transfers.get(existing)!, posting.fingerprint);

      const transfer: TransferRow = {
        id: state.nextId('transfers'),
        key: posting.key,
        hash: posting.fingerprint,
        kind: posting.kind,
        status: 'completed',
        currency,
        amount: posting.amount.minor,
        refunded: 0n,
        ...(posting.memo === undefined ? {} : { memo: posting.memo }),
        fromAccountId: from?.id,
        toAccountId: to?.id,
        ...('user' in posting.from ? { fromUserId: posting.from.user } : {}),
        ...('user' in posting.to ? { toUserId: posting.to.user } : {}),
        createdAt: posting.now,
      };
      state.transfers.set(transfer.id, transfer);
      state.transferKeys.set(transfer.key, transfer.id);
      const refusal = refusalOf(state, posting, transfer, from, to);
      if (!refusal) return ok(apply(state, posting, transfer, from!, to!));
      // a refusal is the key's outcome for replays, and the challenge that asked for it can never run again
      transfer.status = 'failed';
      transfer.error = { code: refusal.code, params: refusal.params ?? {} };
      if (posting.challengeId && !refusal.keepChallenge) state.challenges.get(posting.challengeId)!.status = 'failed';
      return fail(refusal.code, refusal.params ?? {});
    },

    async balances(userId) {
      return accountsOf(state, userId)
        .sort((a, b) => a.currency.localeCompare(b.currency))
        .map((a) => money(a.currency, a.balance));
    },

    async history(userId, beforeEntryId, limit) {
      const rows = state.entries
        .filter((e) => e.userId === userId && (beforeEntryId === undefined || e.id < beforeEntryId))
        .sort((a, b) => (a.id < b.id ? 1 : -1))
        .slice(0, limit);
      return rows.map((e): HistoryRow => {
        const t = state.transfers.get(e.transferId)!;
        const counterparty = e.amount < 0n ? t.toUserId : t.fromUserId;
        const username = state.identities.find((i) => i.userId === counterparty && i.username !== undefined)?.username;
        return {
          entryId: e.id,
          transferId: t.id,
          kind: t.kind,
          amount: money(t.currency, e.amount),
          createdAt: t.createdAt,
          ...(t.memo === undefined ? {} : { memo: t.memo }),
          ...(counterparty === undefined ? {} : { counterpartyUserId: counterparty }),
          ...(username === undefined ? {} : { counterpartyUsername: username }),
        };
      });
    },

    async getTransfer(id) {
      const t = isRowId(id) ? state.transfers.get(id) : undefined;
      if (!t) return undefined;
      const record: TransferRecord = {
        id: t.id,
        kind: t.kind,
        status: t.status,
        amount: money(t.currency, t.amount),
        refunded: t.refunded,
        ...(t.fromUserId === undefined ? {} : { fromUserId: t.fromUserId }),
        ...(t.toUserId === undefined ? {} : { toUserId: t.toUserId }),
        ...(t.memo === undefined ? {} : { memo: t.memo }),
        createdAt: t.createdAt,
      };
      return record;
    },

    checkLedger: async () => checkLedger(state),
  };
}
