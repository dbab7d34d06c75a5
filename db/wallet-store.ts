import type { WalletStore } from '../core/ports/index.js';
import { createClaimsStore } from './claims-store.js';
import { createLifecycleStore } from './lifecycle-store.js';
import { createChallengesStore } from './challenges-store.js';
import type { Database } from './connect.js';
import { createLedgerStore } from './ledger-store.js';
import { createMerchantsStore } from './merchants-store.js';
import { createWebhooksStore } from './webhooks-store.js';
import { createSandboxStore } from './sandbox-store.js';
import { createMisreadingsStore } from './misreadings-store.js';
import { createNotificationsStore } from './notifications-store.js';
import { createQuestionsStore } from './questions-store.js';
import { createRequestsStore } from './requests-store.js';
import { createSecurityStore } from './security-store.js';
import { createSupportStore } from './support-store.js';
import { createUsersStore } from './users-store.js';
import { createVerificationStore } from './verification-store.js';

/** The storage ports of the wallet core, on whichever database `openDatabase` chose. */
export function createWalletStore(database: Database): WalletStore {
  const { db } = database;
  return {
    users: createUsersStore(db),
    ledger: createLedgerStore(database),
    security: createSecurityStore(db),
    challenges: createChallengesStore(db),
    requests: createRequestsStore(db),
    notifications: createNotificationsStore(database),
    lifecycle: createLifecycleStore(database),
    verification: createVerificationStore(db),
    questions: createQuestionsStore(db),
    support: createSupportStore(db),
    misreadings: createMisreadingsStore(db),
    claims: createClaimsStore(database),
    merchants: createMerchantsStore(db),
    webhooks: createWebhooksStore(database),
    sandbox: createSandboxStore(db),
  };
}
