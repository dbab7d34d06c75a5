import type { Challenge, ChallengesPort, IdentityRef } from '../../core/ports/index.js';
import { copy, type ChallengeRow, type MemoryState } from './memory-state.js';

function toChallenge(row: ChallengeRow): Challenge {
  const { prepareKey: _key, requestHash: _hash, ...challenge } = row;
  return copy(challenge);
}

const fromOrigin = (row: ChallengeRow, origin: IdentityRef) =>
  row.origin.platform === origin.platform && row.origin.platformUserId === origin.platformUserId;

/** Challenges: one open per origin, claimed once, answered once. */
export function memoryChallenges(state: MemoryState): ChallengesPort {
  const all = () => [...state.challenges.values()];
  const openOf = (origin: IdentityRef) => all().filter((c) => c.status === 'open' && fromOrigin(c, origin));

  return {
    async create(input) {
      const existing = all().find((c) => c.prepareKey === input.prepareKey);
      if (existing) return existing.requestHash === input.requestHash ? { challenge: toChallenge(existing) } : { conflict: true as const };
      for (const earlier of openOf(input.origin)) earlier.status = 'cancelled';
      const { prepareKey, requestHash, ...fields } = input;
      const row: ChallengeRow = {
        ...copy(fields),
        id: state.nextId('challenges'),
        status: 'open',
        attempts: 0,
        createdAt: state.clock.now(),
        prepareKey,
        requestHash,
      };
      state.challenges.set(row.id, row);
      return { challenge: toChallenge(row) };
    },

    async findPending(origin) {
      const newest = openOf(origin).at(-1);
      return newest && toChallenge(newest);
    },

    async findByConfirmKey(confirmKey) {
      const row = all().find((c) => c.confirmKey === confirmKey);
      return row && toChallenge(row);
    },

    async get(id) {
      const row = state.challenges.get(id);
      return row && toChallenge(row);
    },

    async claim(id, confirmKey, now) {
      const row = state.challenges.get(id);
      if (row?.status !== 'open' || row.expiresAt <= now) return false;
      if (all().some((c) => c.confirmKey === confirmKey)) throw new Error(`confirm key ${confirmKey} is taken (a unique index in the database)`);
      row.status = 'confirmed';
      row.confirmKey = confirmKey;
      return true;
    },

    async finish(id, status, result) {
      const row = state.challenges.get(id);
      if (!row || !['confirmed', 'done', 'failed'].includes(row.status) || row.result !== undefined) return;
      if (row.status === 'confirmed') row.status = status;
      row.result = copy(result);
    },

    async cancelPending(origin) {
      const row = openOf(origin)[0];
      if (!row) return undefined;
      row.status = 'cancelled';
      return toChallenge(row);
    },
  };
}
