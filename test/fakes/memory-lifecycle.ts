import { notices } from '../../core/notices/index.js';
import type { LifecyclePort, FrozenBy, Platform, UserId } from '../../core/ports/index.js';
import {
  accountsOf,
  cancelAllPending,
  completeChallenge,
  notify,
  setStatus,
  toUser,
  type MemoryState,
  type UserRow,
} from './memory-state.js';

/**
 * Freeze, unfreeze, close, authenticator reset and linking, each completing its challenge first
 * as db/lifecycle-store.ts does. Like a committed transaction, a refusal that comes after the
 * challenge was completed keeps that completion (and, for close, the cancelled challenges).
 */
export function memoryLifecycle(state: MemoryState): LifecyclePort {
  /** Freezes an active wallet, or hands an owner's freeze to the operator; every prepared action is cancelled. */
  function freezeLocked(row: UserRow, by: FrozenBy, origin?: Platform): boolean {
    const changes = row.status === 'active' || (by === 'operator' && row.status === 'frozen' && row.frozenBy === 'owner');
    if (!changes) return false;
    cancelAllPending(state, row.id);
    setStatus(state, row.id, 'frozen', by);
    notify(state, row.id, notices.frozen(by), { origin });
    return true;
  }

  function closeBlockers(userId: UserId, now: Date, exceptChallengeId?: string) {
    if (accountsOf(state, userId).some((a) => a.balance !== 0n)) return 'not_empty' as const;
    const requests = [...state.requests.values()];
    if (requests.some((r) => r.merchantId === userId && r.status === 'open' && r.expiresAt > now)) return 'open_requests' as const;
    if (state.claims.some((c) => c.senderId === userId && c.status === 'open')) return 'open_claims' as const;
    const pending = [...state.challenges.values()].some(
      (c) => c.userId === userId && (c.status === 'open' || c.status === 'confirmed') && c.expiresAt > now && c.id !== exceptChallengeId,
    );
    return pending ? ('open_challenges' as const) : undefined;
  }

  const attachedOf = (userId: UserId) => state.identities.filter((i) => i.userId === userId && !i.detached);

  return {
    async freeze(userId, origin) {
      const row = state.users.get(userId);
      if (!row) return undefined;
      if (row.status === 'closed') return { user: toUser(row), changed: false };
      const changed = freezeLocked(row, 'owner', origin);
      return { user: toUser(row), changed };
    },

    async freezeByOperator(userId, challengeId) {
      if (!completeChallenge(state, challengeId)) return 'cancelled';
      const row = state.users.get(userId);
      if (!row) return 'not_found';
      freezeLocked(row, 'operator');
      return 'done';
    },

    async unfreeze(userId, challengeId, by, origin) {
      const row = state.users.get(userId);
      if (!completeChallenge(state, challengeId)) return 'cancelled';
      if (row?.status !== 'frozen') return 'not_frozen';
      if (row.frozenBy !== by) return row.frozenBy === 'operator' ? 'frozen_by_operator' : 'frozen_by_owner';
      setStatus(state, userId, 'active');
      notify(state, userId, notices.unfrozen(by), { origin });
      return 'done';
    },

    async close(userId, challengeId, now) {
      if (!completeChallenge(state, challengeId)) return 'cancelled';
      cancelAllPending(state, userId);
      const blocker = closeBlockers(userId, now, challengeId);
      if (blocker === 'not_empty' || blocker === 'open_requests' || blocker === 'open_claims') return blocker;
      setStatus(state, userId, 'closed');
      notify(state, userId, notices.closed());
      for (const identity of attachedOf(userId)) identity.detached = true;
      return 'done';
    },

    async resetAuthenticator(userId, challengeId, origin) {
      if (!completeChallenge(state, challengeId)) return 'cancelled';
      state.recoveryCodes.delete(userId);
      state.authenticators.delete(userId);
      notify(state, userId, notices.authenticatorRemoved(), { origin });
      return 'done';
    },

    closeBlockers: async (userId, now, exceptChallengeId) => closeBlockers(userId, now, exceptChallengeId),

    async createLinkCode(userId, codeHash, createKey, expiresAt) {
      if (state.linkCodes.some((c) => c.codeHash === codeHash || c.createKey === createKey)) return { created: false };
      state.linkCodes.push({ userId, codeHash, createKey, expiresAt, used: false });
      return { created: true };
    },

    async findLinkCode(codeHash, now) {
      const code = state.linkCodes.find((c) => c.codeHash === codeHash && !c.used && c.expiresAt > now);
      return code && { userId: code.userId };
    },

    /** An identity that already has a wallet may move only if that wallet never held money: it is closed on the way. */
    async link(userId, identity, codeHash, challengeId, origin) {
      if (!completeChallenge(state, challengeId)) return 'cancelled';
      const code = state.linkCodes.find((c) => c.codeHash === codeHash && c.userId === userId && !c.used);
      if (!code) return 'code_used';
      code.used = true;
      const current = state.identities.find(
        (i) => !i.detached && i.platform === identity.platform && i.platformUserId === identity.platformUserId,
      );
      if (current?.userId === userId) return 'done';
      if (current) {
        const heldMoney = accountsOf(state, current.userId).some((a) => a.balance !== 0n);
        if (heldMoney || state.entries.some((e) => e.userId === current.userId)) return 'identity_in_use';
        current.detached = true;
        setStatus(state, current.userId, 'closed');
      }
      // the identity starts without a handle: the platform tells it again on the next message
      const { platform, platformUserId } = identity;
      state.identities.push({ id: Number(state.nextId('identities')), userId, platform, platformUserId, detached: false });
      notify(state, userId, notices.identityLinked(identity.platform), { origin });
      return 'done';
    },

    async unlink(userId, identity, challengeId, origin) {
      if (!completeChallenge(state, challengeId)) return 'cancelled';
      const attached = attachedOf(userId);
      const target = attached.find((i) => i.platform === identity.platform && i.platformUserId === identity.platformUserId);
      if (!target) return 'done';
      if (attached.length === 1) return 'last_identity';
      target.detached = true;
      notify(state, userId, notices.identityUnlinked(identity.platform), { origin });
      return 'done';
    },
  };
}
