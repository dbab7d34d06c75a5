import type { LimitsConfig } from './limits/limits.js';
import type { Clock, IdentityRef, User, WalletStore } from './ports/index.js';
import type { SecretBox } from './security/secret-box.js';

/** What every use case gets: the storage ports, time, the secret box, limits and operator policy. */
export interface WalletContext {
  store: WalletStore;
  clock: Clock;
  secrets: SecretBox;
  limits: LimitsConfig;
  /** How long money held for a link waits for its claimer before it goes back (CLAIM_DAYS). */
  claimDays: number;
  isOperator(identity: IdentityRef): boolean;
  /** The operator identities (ADMIN_IDS), told of every support ticket. */
  operators: readonly IdentityRef[];
}

export const CHALLENGE_TTL_MS = 5 * 60_000;
export const WRONG_CODE_RULES = { perChallenge: 5, perHour: 10, blockMinutes: 15 };

/** Who is acting: their wallet and the chat identity the message came from. */
export interface Actor {
  user: User;
  identity: IdentityRef;
}
