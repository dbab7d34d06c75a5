import type { Platform, UserId } from './users.js';

export interface AuthenticatorRecord {
  secretSealed: string;
  status: 'pending' | 'active';
  lastStep: bigint;
}

export interface WrongCodeRules {
  perChallenge: number;
  perHour: number;
  blockMinutes: number;
}

/**
 * The wallet clock's time and the rules, handed to the store so that the hourly cap is decided
 * inside the same per-wallet serialization as the code it lets through or counts.
 */
export interface CodeCap {
  rules: WrongCodeRules;
  now: Date;
}

/** What became of a code offered for acceptance: `refused` when it was spent or unknown. */
export type CodeUse = { outcome: 'accepted' } | { outcome: 'refused' } | { outcome: 'blocked'; until: Date };

/** A wrong code counted against the challenge and the wallet, or not counted while codes are refused. */
export type WrongCodeOutcome = { blocked: true; until: Date } | { blocked: false; attemptsLeft: number; challengeLocked: boolean };

/**
 * Authenticator secrets, replay protection, recovery codes and brute-force counters. Every method
 * that takes a `CodeCap` decides under the wallet's row lock: no code is accepted while the wallet
 * is blocked or more than `perHour` wrong codes lie within the hour before `now`.
 */
export interface SecurityPort {
  getAuthenticator(userId: UserId): Promise<AuthenticatorRecord | undefined>;
  /** Stores a new pending secret unless an active authenticator exists; false if one does. */
  savePendingAuthenticator(userId: UserId, secretSealed: string): Promise<boolean>;
  /**
   * Activates the pending authenticator with the step of the code that proved it, storing the
   * recovery code hashes and reporting the change to the owner, atomically; not on `origin`, the
   * platform whose chat showed them the activation.
   */
  activateAuthenticator(userId: UserId, step: bigint, recoveryHashes: string[], cap: CodeCap, origin?: Platform): Promise<CodeUse>;
  /**
   * Accepts a time step once: refused if this or a later step was already used (or raced).
   * `burn` spends an exposed code whatever the cap says, so it can never confirm anything.
   * `spentBy` names the request spending it and what for (its key and the challenge): the same again
   * (a redelivered update whose process died between spending the code and claiming the challenge)
   * is accepted again, since spending a code and claiming the challenge are two transactions. A
   * burn also spends a code held that way, so an exposed code confirms nothing.
   */
  consumeStep(userId: UserId, step: bigint, cap: CodeCap | 'burn', spentBy?: string): Promise<CodeUse>;
  /** Spends a recovery code: refused if unknown or already used (except by the same `spentBy`, as a step). */
  useRecoveryCode(userId: UserId, codeHash: string, cap: CodeCap | 'burn', spentBy?: string): Promise<CodeUse>;
  recordWrongCode(userId: UserId, challengeId: string | undefined, cap: CodeCap): Promise<WrongCodeOutcome>;
}
