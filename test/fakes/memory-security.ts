import { notices } from '../../core/notices/index.js';
import type { CodeCap, CodeUse, SecurityPort, UserId } from '../../core/ports/index.js';
import { notify, type MemoryState } from './memory-state.js';

const HOUR_MS = 3_600_000;
const ACCEPTED: CodeUse = { outcome: 'accepted' };
const REFUSED: CodeUse = { outcome: 'refused' };

function later(now: Date, ...times: (Date | undefined)[]): Date | undefined {
  const latest = Math.max(...times.map((time) => time?.getTime() ?? 0));
  return latest > now.getTime() ? new Date(latest) : undefined;
}

/** Authenticators, spent steps, recovery codes and the wrong-code counters, as db/security-store.ts keeps them. */
export function memorySecurity(state: MemoryState): SecurityPort {
  const failures = (userId: UserId) => state.codeFailures.get(userId) ?? [];

  /** With more than `perHour` wrong codes in the hour, refused until the `perHour + 1`-th newest ages out. */
  function hourlyCapUntil(userId: UserId, cap: CodeCap): Date | undefined {
    const recent = failures(userId)
      .filter((at) => at.getTime() > cap.now.getTime() - HOUR_MS)
      .sort((a, b) => b.getTime() - a.getTime());
    const at = recent[cap.rules.perHour];
    return at && new Date(at.getTime() + HOUR_MS);
  }

  const lockedUntil = (userId: UserId, cap: CodeCap) =>
    later(cap.now, state.users.get(userId)?.confirmBlockedUntil, hourlyCapUntil(userId, cap));

  function capped(userId: UserId, cap: CodeCap | 'burn', use: () => boolean): CodeUse {
    if (cap !== 'burn') {
      const until = lockedUntil(userId, cap);
      if (until) return { outcome: 'blocked', until };
    }
    return use() ? ACCEPTED : REFUSED;
  }

  /** Spends a step if it is later than the last one (or was spent by `spentBy`); `activate` also turns a pending authenticator on. */
  function advanceStep(userId: UserId, step: bigint, activate = false, spentBy?: string): boolean {
    const authenticator = state.authenticators.get(userId);
    const held = authenticator?.lastStepKey;
    const again = authenticator?.lastStep === step && held !== undefined && (spentBy === 'burn' || held === spentBy);
    if (!authenticator || (authenticator.lastStep >= step && !again) || (activate && authenticator.status !== 'pending')) return false;
    authenticator.lastStep = step;
    authenticator.lastStepKey = activate || spentBy === 'burn' ? undefined : spentBy;
    if (activate) authenticator.status = 'active';
    return true;
  }

  return {
    async getAuthenticator(userId) {
      const authenticator = state.authenticators.get(userId);
      return authenticator && { ...authenticator };
    },

    async savePendingAuthenticator(userId, secretSealed) {
      if (state.authenticators.get(userId)?.status === 'active') return false;
      state.authenticators.set(userId, { secretSealed, status: 'pending', lastStep: 0n });
      return true;
    },

    async activateAuthenticator(userId, step, recoveryHashes, cap, origin) {
      return capped(userId, cap, () => {
        if (!advanceStep(userId, step, true)) return false;
        state.recoveryCodes.set(userId, new Map(recoveryHashes.map((hash) => [hash, false])));
        notify(state, userId, notices.authenticatorEnabled(), { origin });
        return true;
      });
    },

    async consumeStep(userId, step, cap, spentBy) {
      return capped(userId, cap, () => advanceStep(userId, step, false, cap === 'burn' ? 'burn' : spentBy));
    },

    async useRecoveryCode(userId, codeHash, cap, spentBy) {
      return capped(userId, cap, () => {
        const codes = state.recoveryCodes.get(userId);
        const use = codes?.get(codeHash);
        const heldAgain = typeof use === 'string' && (cap === 'burn' || use === spentBy);
        if (!codes || use === undefined || (use !== false && !heldAgain)) return false;
        codes.set(codeHash, cap === 'burn' ? true : (spentBy ?? true));
        return true;
      });
    },

    /** While codes are refused a guess is not counted; failures are kept for the whole hour. */
    async recordWrongCode(userId, challengeId, cap) {
      const { rules, now } = cap;
      const until = lockedUntil(userId, cap);
      if (until) return { blocked: true as const, until };
      state.codeFailures.set(userId, [...failures(userId).filter((at) => at.getTime() > now.getTime() - HOUR_MS), now]);
      let attempts = 0;
      if (challengeId) {
        const challenge = state.challenges.get(challengeId);
        if (challenge?.status === 'open') {
          challenge.attempts += 1;
          if (challenge.attempts >= rules.perChallenge) challenge.status = 'locked';
          attempts = challenge.attempts;
        } else {
          attempts = rules.perChallenge;
        }
      }
      const capUntil = hourlyCapUntil(userId, cap);
      if (capUntil) {
        const blockedUntil = new Date(now.getTime() + rules.blockMinutes * 60_000);
        const blocked = later(now, blockedUntil, capUntil)!;
        state.users.get(userId)!.confirmBlockedUntil = blockedUntil;
        notify(state, userId, notices.confirmationsBlocked(Math.ceil((blocked.getTime() - now.getTime()) / 60_000)));
        return { blocked: true as const, until: blocked };
      }
      return {
        blocked: false as const,
        attemptsLeft: Math.max(rules.perChallenge - attempts, 0),
        challengeLocked: challengeId !== undefined && attempts >= rules.perChallenge,
      };
    },
  };
}
