import type { Notice } from '../notices/notice.js';
import type { Platform, UserId } from './users.js';

/** A notice from the outbox, for one user; the adapter renders it in their language, with its buttons. */
export interface Notification {
  id: string;
  userId: UserId;
  notice: Notice;
  createdAt: Date;
}

export interface NotificationsPort {
  /**
   * Oldest first: notices for wallets with an identity on `platform` not yet handled there. A row
   * that no longer reads as a notice is recorded as failed on that platform, with why, and skipped.
   */
  pending(platform: Platform, limit: number): Promise<Notification[]>;
  markDelivered(notificationId: string, platform: Platform): Promise<void>;
  /** A permanent failure (e.g. the bot is blocked): recorded, not retried. */
  markFailed(notificationId: string, platform: Platform, detail: string): Promise<void>;
  listForUser(userId: UserId, limit: number): Promise<Notification[]>;
}
