import type { ClaimsPort } from './claims.js';
import type { LifecyclePort } from './lifecycle.js';
import type { ChallengesPort } from './challenges.js';
import type { LedgerPort } from './ledger.js';
import type { MerchantsPort } from './merchants.js';
import type { MisreadingsPort } from './misreadings.js';
import type { NotificationsPort } from './notifications.js';
import type { QuestionsPort } from './questions.js';
import type { RequestsPort } from './requests.js';
import type { SandboxPort } from './sandbox.js';
import type { SecurityPort } from './security.js';
import type { SupportPort } from './support.js';
import type { UsersPort } from './users.js';
import type { VerificationPort } from './verification.js';
import type { WebhooksPort } from './webhooks.js';

export type * from './claims.js';
export type * from './api-calls.js';
export type * from './lifecycle.js';
export type * from './challenges.js';
export type * from './leases.js';
export type * from './ledger.js';
export type * from './merchants.js';
export type * from './misreadings.js';
export type * from './notifications.js';
export type * from './questions.js';
export type * from './requests.js';
export type * from './sandbox.js';
export type * from './security.js';
export type * from './support.js';
export type * from './users.js';
export type * from './verification.js';
export type * from './webhooks.js';

/** Everything the wallet core needs from storage; `db/` implements it for PGlite and PostgreSQL. */
export interface WalletStore {
  users: UsersPort;
  ledger: LedgerPort;
  security: SecurityPort;
  challenges: ChallengesPort;
  requests: RequestsPort;
  notifications: NotificationsPort;
  lifecycle: LifecyclePort;
  verification: VerificationPort;
  questions: QuestionsPort;
  support: SupportPort;
  misreadings: MisreadingsPort;
  claims: ClaimsPort;
  merchants: MerchantsPort;
  webhooks: WebhooksPort;
  sandbox: SandboxPort;
}

/** Time, injectable so tests can walk through code windows and expiries. */
export interface Clock {
  now(): Date;
}
