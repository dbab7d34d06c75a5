import type { Money } from '../money/index.js';
import type { TransferId } from './ledger.js';
import type { Platform, UserId } from './users.js';

/** `expired` is derived while the money is still held: open past its expiry, waiting for the returner. */
export type ClaimStatus = 'open' | 'claimed' | 'cancelled' | 'expired';

/**
 * Money held in the claims system account for whoever opens a link: a hold for one handle
 * (`forHandle`) or a cheque of `slots` equal parts. Only the hash of its secret is stored.
 */
export interface Claim {
  id: string;
  senderId: UserId;
  /** The whole amount held when it was created. */
  amount: Money;
  slots: number;
  claimedSlots: number;
  /** What claimers have been paid so far. */
  claimed: Money;
  /** What is still held: the parts not yet claimed, until the rest goes back to the sender. */
  remaining: Money;
  /** A hold for a person who had no wallet yet: only who holds this handle on `platform` may claim. */
  forHandle?: string;
  platform: Platform;
  /** Each person may claim one part only. */
  oncePerClaimer: boolean;
  memo?: string;
  status: ClaimStatus;
  expiresAt: Date;
  createdAt: Date;
}

export interface NewClaim {
  senderId: UserId;
  amount: Money;
  slots: number;
  forHandle?: string;
  platform: Platform;
  oncePerClaimer: boolean;
  memo?: string;
  expiresAt: Date;
  secretHash: string;
  /** The confirmed challenge this creation completes; its movement is keyed by it. */
  challengeId: string;
  key: string;
  fingerprint: string;
  limits?: Record<string, [bigint, bigint]>;
  now: Date;
  /** The platform where the sender saw the confirmation: their notice goes only to their other chats. */
  origin?: Platform;
}

/** A refusal as the store reports it: an error code of the core's table (`claim.*`, or the ledger's) and its params. */
export interface StoreRefusal {
  ok: false;
  code: string;
  params: Record<string, string | number>;
}

export interface Redemption {
  claim: Claim;
  transferId: TransferId;
  amount: Money;
  /** The claimer's balance in the claim's currency right after it. */
  balanceAfter: Money;
}

/** A hold offered for a handle with no wallet yet, as the sender wrote it; the Hold button names it by `id`. */
export interface HoldOffer {
  id: string;
  senderId: UserId;
  amount: Money;
  /** As written, without the `@`. */
  handle: string;
  memo?: string;
  expiresAt: Date;
}

export interface ClaimsPort {
  /**
   * Moves the whole amount from the sender to the claims account and records the claim, in one
   * transaction under the challenge's key: a replay returns the same claim.
   */
  create(input: NewClaim): Promise<{ ok: true; claim: Claim } | StoreRefusal>;
  /**
   * Pays one part to the claimer, at most once per key, judged under the claim's row lock at the
   * wallet's `now`: of many claimers of the last part exactly one wins. The sender is told, and the
   * claimer's receipt goes to their chats other than `origin`, where they claimed it.
   */
  redeem(secretHash: string, claimerId: UserId, key: string, now: Date, origin?: Platform): Promise<{ ok: true; redemption: Redemption } | StoreRefusal>;
  /**
   * Gives what is still held back to the sender and closes the claim (`cancelled` by them, or
   * `expired` at `now` past its expiry), with a notice saying which. `undefined` when it was no
   * longer open (claimed, or already given back) or, for an expiry, not yet expired.
   */
  giveBack(claimId: string, reason: 'cancelled' | 'expired', now: Date, by?: { senderId: UserId; origin?: Platform }): Promise<Claim | undefined>;
  get(claimId: string, now: Date): Promise<Claim | undefined>;
  /**
   * Holds for a handle on a platform (not cheques) not yet expired at `now`, oldest first, with the
   * hash that redeems each: the open ones, and those `claimerId` already claimed, so a redelivered
   * message that claimed them finds its redemptions again (by their keys) rather than nothing.
   */
  holdsFor(platform: Platform, handle: string, now: Date, claimerId: UserId): Promise<{ claim: Claim; secretHash: string }[]>;
  /** The sender's claims still holding money, oldest first. */
  listOpen(senderId: UserId, now: Date): Promise<Claim[]>;
  /**
   * Open claims past their expiry at `now`, leased to `owner` until `now + leaseMs` so no other
   * process returns them at the same time; a dead process's lease runs out and they are taken again.
   */
  claimExpired(limit: number, lease: { owner: string; now: Date; leaseMs: number }): Promise<string[]>;
  /** Keeps a hold offer once per key (a redelivered message gets the same one back), dropping offers expired at `now`. */
  offerHold(input: Omit<HoldOffer, 'id'> & { key: string; now: Date }): Promise<HoldOffer>;
  /** The offer, while it has not expired at `now`. */
  holdOffer(offerId: string, now: Date): Promise<HoldOffer | undefined>;
}
