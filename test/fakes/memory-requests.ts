import { randomUUID } from 'node:crypto';
import { notices } from '../../core/notices/index.js';
import type { PaymentRequest, RefundAsk, RequestsPort } from '../../core/ports/index.js';
import { copy, isRowId, notify, type MemoryState, type RequestRow } from './memory-state.js';

function toRequest(row: RequestRow, now: Date): PaymentRequest {
  const { createKey: _key, requestHash: _hash, ...request } = row;
  return copy({ ...request, status: row.status === 'open' && row.expiresAt <= now ? 'expired' : row.status });
}

/** Payment requests (expiry derived at the caller's `now`) and refund asks, one open per transfer. */
export function memoryRequests(state: MemoryState): RequestsPort {
  const find = (id: string) => (isRowId(id) ? state.requests.get(id) : undefined);

  return {
    async create(input, now) {
      let row = [...state.requests.values()].find((r) => r.createKey === input.createKey);
      if (!row) {
        row = {
          ...copy(input),
          id: state.nextId('payment_requests'),
          publicId: `pr_${randomUUID().replaceAll('-', '')}`,
          status: 'open',
          createdAt: state.clock.now(),
        };
        if (!input.memo) delete row.memo;
        if (!input.payerId) delete row.payerId;
        if (!input.payerPlatform) delete row.payerPlatform;
        if (!input.metadata) delete row.metadata;
        if (!input.successUrl) delete row.successUrl;
        state.requests.set(row.id, row);
      }
      return row.requestHash === input.requestHash ? { request: toRequest(row, now) } : { conflict: true as const };
    },

    async get(id, now) {
      const row = find(id);
      return row && toRequest(row, now);
    },

    async getByPublicId(publicId, now) {
      const row = [...state.requests.values()].find((r) => r.publicId === publicId);
      return row && toRequest(row, now);
    },

    async listByMerchant(merchantId, query, now) {
      return [...state.requests.values()]
        .filter((r) => r.merchantId === merchantId && (!query.beforeId || BigInt(r.id) < BigInt(query.beforeId)))
        .map((r) => toRequest(r, now))
        .filter((r) => !query.status || r.status === query.status)
        .sort((a, b) => Number(BigInt(b.id) - BigInt(a.id)))
        .slice(0, query.limit);
    },

    async cancel(id, merchantId, now) {
      const row = find(id);
      if (row?.status === 'open' && row.merchantId === merchantId) row.status = 'cancelled';
      return row && toRequest(row, now);
    },

    async listOpen(merchantId, now) {
      return [...state.requests.values()]
        .filter((r) => r.merchantId === merchantId && r.status === 'open' && r.expiresAt > now)
        .map((r) => toRequest(r, now));
    },

    async askRefund(transferId, askedBy, payeeId, reason) {
      const open = [...state.refundAsks.values()].find((a) => a.transferId === transferId && a.status === 'open');
      if (open) return copy(open);
      const ask: RefundAsk = { id: state.nextId('refund_asks'), transferId, askedBy, ...(reason ? { reason } : {}), status: 'open' };
      state.refundAsks.set(ask.id, ask);
      notify(state, payeeId, notices.refundAsked(ask));
      return copy(ask);
    },

    async declineRefund(askId, payeeId) {
      const ask = isRowId(askId) ? state.refundAsks.get(askId) : undefined;
      if (ask?.status !== 'open') return undefined;
      ask.status = 'declined';
      notify(state, ask.askedBy, notices.refundDeclined(ask, payeeId));
      return copy(ask);
    },

    async getRefundAsk(askId) {
      const ask = isRowId(askId) ? state.refundAsks.get(askId) : undefined;
      return ask && copy(ask);
    },

    async confirmedOn(transferId) {
      const transfer = state.transfers.get(transferId);
      const challengeId = transfer?.key.startsWith('challenge:') ? transfer.key.slice('challenge:'.length) : undefined;
      return challengeId === undefined ? undefined : state.challenges.get(challengeId)?.origin.platform;
    },
  };
}
