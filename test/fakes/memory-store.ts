import type { Clock, UserStatus, WalletStore } from '../../core/ports/index.js';
import { memoryClaims } from './memory-claims.js';
import { memoryLifecycle } from './memory-lifecycle.js';
import { memoryChallenges } from './memory-challenges.js';
import { memoryLedger } from './memory-ledger.js';
import { memoryMerchants } from './memory-merchants.js';
import { memorySandbox } from './memory-sandbox.js';
import { memoryMisreadings } from './memory-misreadings.js';
import { memoryNotifications } from './memory-notifications.js';
import { memoryQuestions } from './memory-questions.js';
import { memoryRequests } from './memory-requests.js';
import { memorySecurity } from './memory-security.js';
import { memorySupport } from './memory-support.js';
import { memoryState, setStatus } from './memory-state.js';
import { memoryUsers } from './memory-users.js';
import { memoryVerification } from './memory-verification.js';
import { memoryWebhooks } from './memory-webhooks.js';

export interface MemoryStore extends WalletStore {
  /** Sets a wallet's status behind the core's back, like TestWallet.forceStatus on a database. */
  forceStatus(userId: string, status: UserStatus): void;
}

/**
 * Every storage port of the wallet core, in memory, for unit tests that run in milliseconds.
 * `clock` stamps what the database would stamp with its own time (creation times); nothing is
 * decided by it. The contract suite (store-contract.ts) holds it to the database's behaviour.
 */
export function memoryStore(clock: Clock = { now: () => new Date() }): MemoryStore {
  const state = memoryState(clock);
  const ledger = memoryLedger(state);
  return {
    users: memoryUsers(state),
    ledger,
    security: memorySecurity(state),
    challenges: memoryChallenges(state),
    requests: memoryRequests(state),
    notifications: memoryNotifications(state),
    lifecycle: memoryLifecycle(state),
    verification: memoryVerification(state),
    questions: memoryQuestions(state),
    support: memorySupport(state),
    misreadings: memoryMisreadings(state),
    claims: memoryClaims(state, ledger),
    merchants: memoryMerchants(state),
    webhooks: memoryWebhooks(),
    sandbox: memorySandbox(state),
    forceStatus: (userId, status) => setStatus(state, userId, status, 'owner'),
  };
}
