import type { FrozenBy, IdentityRef, Platform, User, UserId } from './users.js';

/**
 * A wallet's life apart from its money: freezing and unfreezing, closing, resetting the
 * authenticator, linking and unlinking identities. Each change is atomic with its notice and, for
 * confirmed ones, with completing the challenge. (The ledger's per-currency accounts are the
 * LedgerPort's.) `origin`, where given, is the platform whose chat showed the owner the change as
 * they made it: their notice goes only to their other platforms.
 */
export interface LifecyclePort {
  /**
   * The owner's own freeze, at once: status on the user and every account, every open or
   * confirmed challenge cancelled, the owner notified. Idempotent: freezing a frozen wallet
   * changes nothing, and an operator's freeze stays the operator's.
   */
  freeze(userId: UserId, origin?: Platform): Promise<{ user: User; changed: boolean } | undefined>;
  /**
   * An operator's confirmed freeze, completing its challenge in the same transaction. It also
   * takes over an owner's freeze, so that the owner can no longer lift it.
   */
  freezeByOperator(userId: UserId, challengeId: string): Promise<'done' | 'cancelled' | 'not_found'>;
  /**
   * The executors below complete their confirmed challenge in the same transaction. A freeze is
   * lifted only by the side that made it (`by`), decided under the user row lock.
   */
  unfreeze(userId: UserId, challengeId: string, by: FrozenBy, origin?: Platform): Promise<'done' | 'cancelled' | 'not_frozen' | 'frozen_by_operator' | 'frozen_by_owner'>;
  /** Open requests and challenges are judged at the wallet's `now`. */
  close(userId: UserId, challengeId: string, now: Date): Promise<'done' | 'cancelled' | 'not_empty' | 'open_requests' | 'open_claims'>;
  resetAuthenticator(userId: UserId, challengeId: string, origin?: Platform): Promise<'done' | 'cancelled'>;
  /** Whether the wallet holds money, open requests, open claims it sent, or other pending challenges at `now`, for closing. */
  closeBlockers(userId: UserId, now: Date, exceptChallengeId?: string): Promise<'not_empty' | 'open_requests' | 'open_claims' | 'open_challenges' | undefined>;
  createLinkCode(userId: UserId, codeHash: string, createKey: string, expiresAt: Date): Promise<{ created: boolean }>;
  /** The wallet a live link code belongs to. */
  findLinkCode(codeHash: string, now: Date): Promise<{ userId: UserId } | undefined>;
  link(userId: UserId, identity: IdentityRef, codeHash: string, challengeId: string, origin?: Platform): Promise<'done' | 'cancelled' | 'code_used' | 'identity_in_use'>;
  unlink(userId: UserId, identity: IdentityRef, challengeId: string, origin?: Platform): Promise<'done' | 'cancelled' | 'last_identity'>;
}
