import type { LeaseClaim } from './leases.js';
import type { Platform } from './users.js';

/** Where a posted message lives on its platform, so a later edit finds it. */
export interface MessageLocation {
  chatId: string;
  messageId: string;
}

/**
 * A message that later edits update (a request card), as posted: what it shows now, and the
 * language it was posted in, which every edit keeps (unset for messages posted before it was kept).
 */
export interface PostedMessage extends MessageLocation {
  shown: string;
  locale?: string;
}

/** A file a person sent for `/verify`: the platform's reference to it and the SHA-256 of its content. */
export interface VerifyAttachment {
  ref: string;
  sha256: string;
}

/**
 * What claiming an update found: it is this process's to answer now, it was answered already, or
 * another process holds a live lease on it (it may still answer it, or have died).
 */
export type UpdateClaim = 'claimed' | 'answered' | 'in_progress';

/**
 * What the chat adapters keep beside the wallet: answered updates, editable messages and files
 * waiting for `/verify`. The wallet never uses it; it is declared here because `core/ports` is the
 * one layer both `db/` (which implements it) and `bot/` (which uses it) may import under the
 * dependency rule, so storage never imports the conversation layer. All of it lives in the
 * database, so a restart or a second process loses nothing a conversation needs.
 */
export interface AdapterStore {
  /**
   * Claims an update for `lease.owner` for `lease.leaseMs`: granted if nobody claimed it, if the
   * lease of whoever did expired by `lease.now` without answering it (that process died), or if
   * the live lease is this owner's own (a claim tried again after its answer was lost).
   */
  claimUpdate(platform: Platform, updateId: string, lease: LeaseClaim): Promise<UpdateClaim>;
  /** Extends this owner's lease while its work runs; false once the update is no longer its own. */
  renewUpdate(platform: Platform, updateId: string, owner: string, until: Date): Promise<boolean>;
  /** The update is answered: the claim holds for good, and a redelivery is a duplicate. */
  finishUpdate(platform: Platform, updateId: string, owner: string): Promise<void>;
  /** Gives this owner's claim back after a failed run, so a redelivery is worked on again. */
  releaseUpdate(platform: Platform, updateId: string, owner: string): Promise<void>;
  saveMessage(platform: Platform, ref: string, message: PostedMessage): Promise<void>;
  findMessage(platform: Platform, ref: string): Promise<PostedMessage | undefined>;
  /**
   * Up to `limit` messages still showing `shown` (request cards still showing “open”) under no live
   * lease, each now leased to `claim.owner` and stamped as looked at `claim.now`: the least recently
   * looked at come first, so messages that keep showing `shown` cannot starve the others.
   */
  claimMessagesShowing(platform: Platform, shown: string, limit: number, claim: LeaseClaim): Promise<(MessageLocation & { ref: string; locale?: string })[]>;
  /** Gives back every message the owner holds on the platform (at the end of each refresher round). */
  releaseMessages(platform: Platform, owner: string): Promise<void>;
  /** Keeps the file a person sent, at the wallet's `keptAt`, until their `/verify` uses it, replacing one sent before. */
  keepAttachment(platform: Platform, platformUserId: string, attachment: VerifyAttachment, keptAt: Date): Promise<void>;
  /** The file kept for this person after `keptSince`, if any: an older one no longer counts. */
  attachmentOf(platform: Platform, platformUserId: string, keptSince: Date): Promise<VerifyAttachment | undefined>;
  dropAttachment(platform: Platform, platformUserId: string): Promise<void>;
}
