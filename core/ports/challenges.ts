import type { IdentityRef, UserId } from './users.js';

export type ChallengeKind =
  | 'send'
  | 'pay_request'
  | 'refund'
  | 'withdraw'
  | 'deposit'
  | 'unfreeze'
  | 'close_account'
  | 'reset_authenticator'
  | 'link_identity'
  | 'unlink_identity'
  | 'decide_verification'
  | 'freeze_user'
  | 'unfreeze_user';

export type ChallengeStatus = 'open' | 'confirmed' | 'done' | 'failed' | 'cancelled' | 'locked';

/** What a prepared action will do, in JSON-safe form (amounts as minor-unit strings). */
export type ChallengePayload = Record<string, string | number | boolean | null>;

export interface Challenge {
  id: string;
  userId: UserId;
  origin: IdentityRef;
  kind: ChallengeKind;
  payload: ChallengePayload;
  status: ChallengeStatus;
  attempts: number;
  expiresAt: Date;
  createdAt: Date;
  confirmKey?: string;
  result?: unknown;
}

export interface NewChallenge {
  userId: UserId;
  origin: IdentityRef;
  kind: ChallengeKind;
  payload: ChallengePayload;
  prepareKey: string;
  requestHash: string;
  expiresAt: Date;
}

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
