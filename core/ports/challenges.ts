import type { CurrencyCode } from '../money/index.js';
import type { TransferId } from './ledger.js';
import type { IdentityRef, Platform, UserId } from './users.js';

/** An amount in JSON-safe form: minor units as decimal text. */
export interface PayloadAmount {
  currency: CurrencyCode;
  minor: string;
  memo: string | null;
}

/**
 * What each kind of prepared action will do, exactly as stored and fingerprinted when it was
 * prepared (JSON-safe, so a redelivered prepare matches its first request).
 */
export interface ChallengePayloads {
  send: PayloadAmount & { toUserId: UserId };
  /**
   * Money held for a link: `forHandle` for a person with no wallet yet, else a cheque of `slots`
   * parts; `room` is the group chat it was made in, where the link is posted once confirmed.
   */
  claim: PayloadAmount & { slots: number; forHandle: string | null; once: boolean; days: number; room: string | null; nonce: string };
  /** `fromUserId`: the payer's sandbox twin, which pays a test request (the payer confirms it). */
  pay_request: PayloadAmount & { requestId: string; merchantId: UserId; fromUserId?: UserId };
  refund: PayloadAmount & { transferId: TransferId; toUserId: UserId };
  /** Operator moves: `userId` is the wallet the money leaves or enters. */
  withdraw: PayloadAmount & { userId: UserId };
  deposit: PayloadAmount & { userId: UserId };
  unfreeze: Record<string, never>;
  close_account: Record<string, never>;
  reset_authenticator: Record<string, never>;
  /** The identity to attach, and the hash of the link code it redeemed. */
  link_identity: { platform: Platform; platformUserId: string; codeHash: string };
  unlink_identity: { platform: Platform; platformUserId: string };
  decide_verification: { verificationId: string; userId: UserId; approve: boolean; reason: string | null };
  freeze_user: { userId: UserId };
  unfreeze_user: { userId: UserId };
  /** A new secret API key for the owner's merchant wallet. */
  issue_api_key: { mode: 'live' | 'test' };
  /** The merchant's webhook endpoint, with a new signing secret (also how it is rotated). */
  set_webhook: { url: string };
}

export type ChallengeKind = keyof ChallengePayloads;

export type ChallengePayload<K extends ChallengeKind = ChallengeKind> = ChallengePayloads[K];

/** A kind with its payload: switching on `kind` narrows `payload`. */
export type KindAndPayload<K extends ChallengeKind = ChallengeKind> = { [P in K]: { kind: P; payload: ChallengePayloads[P] } }[K];

export type ChallengeStatus = 'open' | 'confirmed' | 'done' | 'failed' | 'cancelled' | 'locked';

export type Challenge<K extends ChallengeKind = ChallengeKind> = KindAndPayload<K> & {
  id: string;
  userId: UserId;
  origin: IdentityRef;
  status: ChallengeStatus;
  attempts: number;
  expiresAt: Date;
  createdAt: Date;
  confirmKey?: string;
  result?: unknown;
};

export type NewChallenge = KindAndPayload & {
  userId: UserId;
  origin: IdentityRef;
  prepareKey: string;
  requestHash: string;
  expiresAt: Date;
};

export interface ChallengesPort {
  /**
   * Creates the challenge, or returns the one created under the same key; `conflict` when that
   * key came with other input. Opening one cancels the origin's earlier open challenge.
   */
  create(input: NewChallenge): Promise<{ challenge: Challenge } | { conflict: true }>;
  /** The open challenge started from this identity, if any. */
  findPending(origin: IdentityRef): Promise<Challenge | undefined>;
  findByConfirmKey(confirmKey: string): Promise<Challenge | undefined>;
  get(id: string): Promise<Challenge | undefined>;
  /** open → confirmed, once, if not expired at `now`; records the confirming request's key. */
  claim(id: string, confirmKey: string, now: Date): Promise<boolean>;
  /**
   * Records what a run did, once: a confirmed challenge becomes done/failed; one that its executor
   * already completed (money movements do that inside the transfer) keeps its status.
   */
  finish(id: string, status: 'done' | 'failed', result: unknown): Promise<void>;
  /** Cancels the open challenge of this identity (e.g. its code was typed in a group). */
  cancelPending(origin: IdentityRef): Promise<Challenge | undefined>;
}
