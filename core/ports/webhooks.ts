import type { LeaseClaim } from './leases.js';
import type { UserId } from './users.js';

import type { WEBHOOK_EVENT_TYPES } from '../webhooks/event-types.js';

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** `unsent`: written while the merchant had no endpoint (sent only on resend). */
export type WebhookEventState = 'pending' | 'succeeded' | 'failed' | 'unsent';

export interface WebhookEndpoint {
  merchantId: UserId;
  url: string;
  /** The signing secret, sealed by the wallet's secret box. */
  secretSealed: string;
  failing: boolean;
}

export interface WebhookAttempt {
  number: number;
  at: Date;
  statusCode?: number;
  error?: string;
  succeeded: boolean;
  durationMs: number;
}

export interface WebhookEvent {
  id: string;
  /** `evt_…`: what the merchant sees, stable across every attempt and resend. */
  publicId: string;
  merchantId: UserId;
  type: WebhookEventType;
  /** The payment request's id, or the refund transfer's. */
  subjectId: string;
  /** What the trigger saw at the change (a refund's amounts; a request's status). */
  data: Record<string, unknown>;
  state: WebhookEventState;
  attempts: number;
  firstAttemptAt?: Date;
  nextAt?: Date;
  createdAt: Date;
}

/** An event leased to one process for its next attempt, with where it goes. */
export interface WebhookDelivery {
  event: WebhookEvent;
  endpoint: WebhookEndpoint;
  /** The number this attempt records under. */
  number: number;
}

/** How an attempt ends the event's round: another try at `nextAt`, or done. */
export type AttemptOutcome = { state: 'pending'; nextAt: Date } | { state: 'succeeded' } | { state: 'failed' };

export interface WebhooksPort {
  /** Sets the endpoint once per confirming challenge; `changed` false when that challenge already did. */
  setEndpoint(input: { merchantId: UserId; url: string; secretSealed: string; challengeId: string }): Promise<{ endpoint: WebhookEndpoint; changed: boolean }>;
  getEndpoint(merchantId: UserId): Promise<WebhookEndpoint | undefined>;
  /** Writes `payment_request.expired` once for each request past its expiry at `now`, skipping rows another process holds. */
  emitExpired(limit: number, now: Date): Promise<number>;
  /**
   * Leases due events (`FOR UPDATE SKIP LOCKED`, and leases that ran out), at most one per merchant
   * and none of the merchants in `busy`, so one slow endpoint holds up only its own events.
   */
  claimDue(limit: number, lease: LeaseClaim, busy: readonly UserId[]): Promise<WebhookDelivery[]>;
  /**
   * Records an attempt and its outcome if the lease is still this owner's and the number the next
   * one; false otherwise (nothing written). A `failed` outcome marks the endpoint failing and, the
   * first time, writes `notice` to the merchant in the same transaction; a success clears it.
   */
  recordAttempt(delivery: WebhookDelivery, owner: string, attempt: WebhookAttempt, outcome: AttemptOutcome): Promise<boolean>;
  listEvents(merchantId: UserId, query: { beforeId?: string; limit: number }): Promise<Array<WebhookEvent & { attemptLog: WebhookAttempt[] }>>;
  getEvent(merchantId: UserId, publicId: string): Promise<(WebhookEvent & { attemptLog: WebhookAttempt[] }) | undefined>;
  /** Makes an event due again now (a new 3-day round), unless it is being attempted. */
  resend(merchantId: UserId, publicId: string): Promise<WebhookEvent | undefined>;
}
