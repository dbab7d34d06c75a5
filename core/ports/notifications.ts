import type { Notice } from '../notices/notice.js';
import type { LeaseClaim } from './leases.js';
import type { Platform, UserId } from './users.js';

/** A notice from the outbox, for one user; the adapter renders it in their language, with its buttons. */
export interface Notification {
  id: string;
  userId: UserId;
  notice: Notice;
  createdAt: Date;
  /** The platform whose chat already showed its person what it reports (they did it there): never sent there. */
  origin?: Platform;
}

/**
 * The outbox as several processes share it: each notice is sent on a platform by whoever claimed
 * it there, so two instances of a bot never both send it, and one that died mid-round leaves
 * notices that another takes once their leases expire.
 */
export interface NotificationsPort {
  /**
   * Oldest first: up to `limit` notices for wallets with an identity on `platform`, not yet handled
   * there, not written with `platform` as their origin (the person saw it there as they acted) and
   * under no live lease, each now leased to `claim.owner`. A row that no longer reads as
   * a notice is recorded as failed on that platform, with why, and skipped.
   */
  claimPending(platform: Platform, limit: number, claim: LeaseClaim): Promise<Notification[]>;
  /** Sent: recorded, and its lease dropped. */
  markDelivered(notificationId: string, platform: Platform): Promise<void>;
  /** A permanent failure (e.g. the bot is blocked): recorded, not retried, its lease dropped. */
  markFailed(notificationId: string, platform: Platform, detail: string): Promise<void>;
  /** A failure that may pass (network): the owner gives the notice back, so the next round retries it. */
  release(notificationId: string, platform: Platform, owner: string): Promise<void>;
  /** Extends every lease the owner holds on the platform from `now` by `leaseMs`: a round still sending. */
  renewLeases(platform: Platform, claim: LeaseClaim): Promise<void>;
  /** Gives back every notice the owner holds (on one platform, if given): a process shutting down. */
  releaseLeases(owner: string, platform?: Platform): Promise<void>;
  listForUser(userId: UserId, limit: number): Promise<Notification[]>;
}
