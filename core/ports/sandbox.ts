import type { User, UserId } from './users.js';

/**
 * The sandbox: each wallet may have one twin (a user row with `sandboxOf` set, no identity) that
 * holds its test money. Twin accounts are flagged sandbox and the ledger refuses any movement
 * between them and real accounts.
 */
export interface SandboxPort {
  /** The wallet's twin, created on first use: one per wallet however many processes race. */
  twinOf(userId: UserId): Promise<User>;
  /** The wallet's twin if it has one, creating none. */
  findTwin(userId: UserId): Promise<User | undefined>;
}
