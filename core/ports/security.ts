import type { UserId } from './users.js';

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

export interface WrongCodeOutcome {
  attemptsLeft: number;
  challengeLocked: boolean;
  /** Set when this wrong code pushed the wallet over the hourly cap. */
  blockedUntil?: Date;
}

/** Authenticator secrets, replay protection, recovery codes and brute-force counters. */
export interface SecurityPort {
  getAuthenticator(userId: UserId): Promise<AuthenticatorRecord | undefined>;
  /** Stores a new pending secret unless an active authenticator exists; false if one does. */
  savePendingAuthenticator(userId: UserId, secretSealed: string): Promise<boolean>;
  /**
   * Activates the pending authenticator with the step of the code that proved it, storing the
   * recovery code hashes and reporting the change to the owner, atomically.
   */
  activateAuthenticator(userId: UserId, step: bigint, recoveryHashes: string[]): Promise<boolean>;
  /** Accepts a time step once: false if this or a later step was already used (or raced). */
  consumeStep(userId: UserId, step: bigint): Promise<boolean>;
  /** Spends a recovery code: false if unknown or already used. */
  useRecoveryCode(userId: UserId, codeHash: string): Promise<boolean>;
  recordWrongCode(userId: UserId, challengeId: string | undefined, rules: WrongCodeRules, now: Date): Promise<WrongCodeOutcome>;
}
