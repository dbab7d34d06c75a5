import { notices } from '../../core/notices/index.js';
import type { Verification, VerificationPort } from '../../core/ports/index.js';
import { completeChallenge, copy, isRowId, notify, type MemoryState, type VerificationRow } from './memory-state.js';

function toVerification(row: VerificationRow): Verification {
  const { submitKey: _key, ...verification } = row;
  return copy(verification);
}

/** Identity documents: one pending per wallet; a decision completes the operator's challenge. */
export function memoryVerification(state: MemoryState): VerificationPort {
  const all = () => [...state.verifications.values()];
  return {
    async submit(input) {
      const byKey = all().find((v) => v.submitKey === input.submitKey);
      if (byKey) return { verification: toVerification(byKey) };
      const pending = all().find((v) => v.userId === input.userId && v.status === 'pending');
      if (pending) return { pending: toVerification(pending) };
      const row: VerificationRow = { ...input, id: state.nextId('verifications'), status: 'pending', createdAt: state.clock.now() };
      state.verifications.set(row.id, row);
      return { verification: toVerification(row) };
    },

    async get(id) {
      const row = isRowId(id) ? state.verifications.get(id) : undefined;
      return row && toVerification(row);
    },

    async listPending(limit) {
      return all()
        .filter((v) => v.status === 'pending')
        .slice(0, limit)
        .map(toVerification);
    },

    async decide(id, decision, _operatorId, challengeId) {
      if (!isRowId(id)) return undefined;
      if (!completeChallenge(state, challengeId)) return 'cancelled';
      const row = state.verifications.get(id);
      if (row?.status !== 'pending') return undefined;
      row.status = decision.approved ? 'approved' : 'rejected';
      if (decision.approved) {
        for (const user of state.users.values()) {
          if (user.id === row.userId || user.sandboxOf === row.userId) user.tier = Math.max(user.tier, row.targetTier);
        }
      } else {
        row.reason = decision.reason;
      }
      const decided = toVerification(row);
      notify(state, row.userId, notices.verificationDecided(decided));
      return decided;
    },
  };
}
