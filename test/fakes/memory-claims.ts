import { money } from '../../core/money/index.js';
import type { Claim, ClaimsPort, HoldOffer, LedgerPort } from '../../core/ports/index.js';
import { isRowId, notify, type ClaimRow, type MemoryState } from './memory-state.js';

function toClaim(row: ClaimRow, now: Date): Claim {
  const status = row.status === 'open' && row.expiresAt <= now ? 'expired' : row.status;
  return {
    id: row.id,
    senderId: row.senderId,
    amount: money(row.currency, row.amount),
    slots: row.slots,
    claimedSlots: row.claimedSlots,
    claimed: money(row.currency, row.claimedAmount),
    remaining: money(row.currency, row.status === 'open' ? row.amount - row.claimedAmount : 0n),
    ...(row.forHandle ? { forHandle: row.forHandle } : {}),
    platform: row.platform,
    oncePerClaimer: row.oncePerClaimer,
    ...(row.memo ? { memo: row.memo } : {}),
    status,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
  };
}

const withoutKey = ({ key: _key, ...offer }: HoldOffer & { key: string }): HoldOffer => offer;

/** The claims functions of 0017 in memory, over the memory ledger; the contract suite holds them alike. */
export function memoryClaims(state: MemoryState, ledger: LedgerPort): ClaimsPort {
  const find = (id: string) => (isRowId(id) ? state.claims.find((c) => c.id === id) : undefined);
  return {
    async create(input) {
      const existing = state.claims.find((c) => c.challengeId === input.challengeId);
      if (existing) return { ok: true, claim: toClaim(existing, input.now) };
      const posted = await ledger.post({
        key: input.key,
        fingerprint: input.fingerprint,
        kind: 'claim',
        from: { user: input.senderId },
        to: { system: 'claims' },
        amount: input.amount,
        ...(input.memo ? { memo: input.memo } : {}),
        ...(input.limits ? { limits: input.limits } : {}),
        challengeId: input.challengeId,
        now: input.now,
      });
      if (!posted.ok) return { ok: false, code: posted.error.code, params: posted.error.params };
      const row: ClaimRow = {
        id: state.nextId('claims'),
        senderId: input.senderId,
        currency: input.amount.currency,
        amount: input.amount.minor,
        slots: input.slots,
        claimedSlots: 0,
        claimedAmount: 0n,
        platform: input.platform,
        ...(input.forHandle ? { forHandle: input.forHandle } : {}),
        oncePerClaimer: input.oncePerClaimer,
        ...(input.memo ? { memo: input.memo } : {}),
        secretHash: input.secretHash,
        status: 'open',
        challengeId: input.challengeId,
        createdTransferId: posted.value.transferId,
        expiresAt: input.expiresAt,
        createdAt: input.now,
        redemptions: [],
      };
      state.claims.push(row);
      notify(state, input.senderId, { kind: 'claim.created', claimId: row.id, amount: input.amount, ...(row.forHandle ? { forHandle: row.forHandle } : {}) }, { origin: input.origin });
      return { ok: true, claim: toClaim(row, input.now) };
    },

    async redeem(secretHash, claimerId, key, now, origin) {
      const row = state.claims.find((c) => c.secretHash === secretHash);
      if (!row) return { ok: false, code: 'claim.not_found', params: {} };
      let done = row.redemptions.find((r) => r.key === key);
      if (!done) {
        const holds = () =>
          state.identities.some((i) => i.userId === claimerId && i.platform === row.platform && !i.detached && i.username?.toLowerCase() === row.forHandle);
        const refusal =
          row.senderId === claimerId ? 'claim.own'
          : row.status === 'cancelled' ? 'claim.cancelled'
          : row.status === 'expired' || (row.status === 'open' && row.expiresAt <= now) ? 'claim.expired'
          : row.status === 'claimed' ? 'claim.already_claimed'
          : row.forHandle && !holds() ? 'claim.not_for_you'
          : row.oncePerClaimer && row.redemptions.some((r) => r.claimerId === claimerId) ? 'claim.once'
          : undefined;
        if (refusal) return { ok: false, code: refusal, params: {} };
        const slots = BigInt(row.slots);
        const part = row.amount / slots + (BigInt(row.claimedSlots) < row.amount % slots ? 1n : 0n);
        const posted = await ledger.post({
          key,
          fingerprint: `claim:${row.id}:${claimerId}`,
          kind: 'claim',
          from: { system: 'claims' },
          to: { user: claimerId },
          amount: money(row.currency, part),
          ...(row.memo ? { memo: row.memo } : {}),
          now,
        });
        if (!posted.ok) return { ok: false, code: posted.error.code, params: posted.error.params };
        row.claimedSlots += 1;
        row.claimedAmount += part;
        if (row.claimedSlots === row.slots) row.status = 'claimed';
        done = { claimerId, key, transferId: posted.value.transferId, amount: part };
        row.redemptions.push(done);
        const amount = money(row.currency, part);
        notify(state, claimerId, { kind: 'claim.received', claimId: row.id, transferId: done.transferId, amount, senderId: row.senderId }, { origin });
        notify(state, row.senderId, { kind: 'claim.claimed', claimId: row.id, amount, claimerId });
      }
      const balance = state.accounts.find((a) => a.userId === claimerId && a.currency === row.currency)?.balance ?? 0n;
      return {
        ok: true,
        redemption: { claim: toClaim(row, now), transferId: done.transferId, amount: money(row.currency, done.amount), balanceAfter: money(row.currency, balance) },
      };
    },

    async giveBack(claimId, reason, now, by) {
      const row = find(claimId);
      if (!row || row.status !== 'open' || (by && row.senderId !== by.senderId) || (reason === 'expired' && row.expiresAt > now)) return undefined;
      const left = row.amount - row.claimedAmount;
      const posted = await ledger.post({
        key: `claim-return:${row.id}`,
        fingerprint: `claim-return:${row.id}`,
        kind: 'claim',
        from: { system: 'claims' },
        to: { user: row.senderId },
        amount: money(row.currency, left),
        ...(row.memo ? { memo: row.memo } : {}),
        now,
      });
      if (!posted.ok) throw new Error(`claim ${row.id} could not go back to its sender: ${posted.error.code}`);
      row.status = reason;
      row.returnTransferId = posted.value.transferId;
      delete row.lease;
      notify(state, row.senderId, { kind: `claim.${reason}`, claimId: row.id, amount: money(row.currency, left) }, { origin: by?.origin });
      return toClaim(row, now);
    },

    get: async (claimId, now) => {
      const row = find(claimId);
      return row ? toClaim(row, now) : undefined;
    },
    holdsFor: async (platform, handle, now, claimerId) =>
      state.claims
        .filter((c) => c.platform === platform && c.forHandle === handle.toLowerCase() && c.expiresAt > now)
        .filter((c) => c.status === 'open' || c.redemptions.some((r) => r.claimerId === claimerId))
        .map((c) => ({ claim: toClaim(c, now), secretHash: c.secretHash })),
    listOpen: async (senderId, now) => state.claims.filter((c) => c.senderId === senderId && c.status === 'open').map((c) => toClaim(c, now)),
    async claimExpired(limit, lease) {
      const due = state.claims
        .filter((c) => c.status === 'open' && c.expiresAt <= lease.now && (!c.lease || c.lease.until <= lease.now || c.lease.owner === lease.owner))
        .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime())
        .slice(0, limit);
      for (const c of due) c.lease = { owner: lease.owner, until: new Date(lease.now.getTime() + lease.leaseMs) };
      return due.map((c) => c.id);
    },
    async offerHold({ now, ...offer }) {
      state.holdOffers = state.holdOffers.filter((o) => o.expiresAt > now);
      const kept = state.holdOffers.find((o) => o.key === offer.key);
      if (kept) return withoutKey(kept);
      const row = { ...offer, id: state.nextId('hold_offers') };
      state.holdOffers.push(row);
      return withoutKey(row);
    },
    async holdOffer(offerId, now) {
      const row = state.holdOffers.find((o) => o.id === offerId && o.expiresAt > now);
      return row ? withoutKey(row) : undefined;
    },
  };
}
