import type { Platform, UserId } from './users.js';

export type NotificationAction = 'freeze' | `refund:${string}` | `decline:${string}`;

/** A notice from the outbox, for one user; the adapter renders `kind` + `params` in their language. */
export interface Notification {
  id: string;
  userId: UserId;
  kind: string;
  params: Record<string, string | number | null>;
  actions: NotificationAction[];
  createdAt: Date;
}

export interface NotificationsPort {
  /** Oldest first: notices for wallets with an identity on `platform` not yet handled there. */
  pending(platform: Platform, limit: number): Promise<Notification[]>;
  markDelivered(notificationId: string, platform: Platform): Promise<void>;
  /** A permanent failure (e.g. the bot is blocked): recorded, not retried. */
  markFailed(notificationId: string, platform: Platform, detail: string): Promise<void>;
  listForUser(userId: UserId, limit: number): Promise<Notification[]>;
}
