import type { WalletError } from '../../core/errors.js';
import type { CurrencyCode } from '../../core/money/index.js';
import type { Notice } from '../../core/notices/index.js';
import type {
  Challenge,
  Clock,
  FrozenBy,
  HoldOffer,
  Notification,
  PaymentRequest,
  Platform,
  RefundAsk,
  Ticket,
  SystemAccount,
  TransferKind,
  User,
  UserId,
  UserStatus,
  Verification,
} from '../../core/ports/index.js';

/** A user as stored: the port's view plus the brute-force block the database keeps on the row. */
export interface UserRow extends User {
  confirmBlockedUntil?: Date;
}

export interface IdentityRow {
  id: number;
  userId: UserId;
  platform: Platform;
  platformUserId: string;
  username?: string;
  detached: boolean;
}

export interface AccountRow {
  id: string;
  userId?: UserId;
  system?: SystemAccount;
  currency: CurrencyCode;
  balance: bigint;
}

export interface TransferRow {
  id: string;
  key: string;
  hash: string;
  kind: TransferKind;
  status: 'completed' | 'failed';
  currency: CurrencyCode;
  amount: bigint;
  refunded: bigint;
  memo?: string;
  fromAccountId?: string;
  toAccountId?: string;
  fromUserId?: UserId;
  toUserId?: UserId;
  createdAt: Date;
  error?: WalletError;
}

export interface EntryRow {
  id: bigint;
  transferId: string;
  accountId: string;
  userId?: UserId;
  amount: bigint;
  balanceAfter: bigint;
}

export type ChallengeRow = Challenge & {
  prepareKey: string;
  requestHash: string;
};

export interface RequestRow extends Omit<PaymentRequest, 'status'> {
  status: 'open' | 'paid' | 'cancelled';
  createKey: string;
  requestHash: string;
}

export interface ClaimRow {
  id: string;
  senderId: UserId;
  currency: CurrencyCode;
  amount: bigint;
  slots: number;
  claimedSlots: number;
  claimedAmount: bigint;
  platform: Platform;
  forHandle?: string;
  oncePerClaimer: boolean;
  memo?: string;
  secretHash: string;
  status: 'open' | 'claimed' | 'cancelled' | 'expired';
  challengeId: string;
  createdTransferId?: string;
  returnTransferId?: string;
  expiresAt: Date;
  createdAt: Date;
  lease?: { owner: string; until: Date };
  redemptions: { claimerId: UserId; key: string; transferId: string; amount: bigint }[];
}

export interface VerificationRow extends Verification {
  submitKey: string;
}

/**
 * The tables of the in-memory store, shared by its ports as the database's tables are by the db/
 * stores. JavaScript runs one method at a time, so each method is a transaction as long as it
 * decides everything before it writes anything.
 */
export interface MemoryState {
  clock: Clock;
  nextId(table: string): string;
  users: Map<UserId, UserRow>;
  identities: IdentityRow[];
  accounts: AccountRow[];
  transfers: Map<string, TransferRow>;
  transferKeys: Map<string, string>;
  entries: EntryRow[];
  challenges: Map<string, ChallengeRow>;
  requests: Map<string, RequestRow>;
  refundAsks: Map<string, RefundAsk>;
  notifications: Notification[];
  deliveries: Set<string>;
  /** `platform:notificationId` → who is sending it, until when. */
  noticeLeases: Map<string, { owner: string; until: Date }>;
  authenticators: Map<UserId, { secretSealed: string; status: 'pending' | 'active'; lastStep: bigint; lastStepKey?: string }>;
  /** Per wallet, each recovery code's hash: unused (false) or the key that used it (true: no key). */
  recoveryCodes: Map<UserId, Map<string, boolean | string>>;
  codeFailures: Map<UserId, Date[]>;
  linkCodes: { userId: UserId; codeHash: string; createKey: string; expiresAt: Date; used: boolean }[];
  verifications: Map<string, VerificationRow>;
  questions: Map<string, { question: Record<string, unknown>; expiresAt: Date; forgottenBy?: string }>;
  /** Notices for one platform only, by notification id. */
  noticeTargets: Map<string, Platform>;
  tickets: Map<string, Ticket & { openKey: string }>;
  ticketAnswers: Map<string, { ticketId: string; operatorId: UserId; text: string }>;
  /** Per chat place, the run of misunderstood messages and the key counted last. */
  misreadings: Map<string, { inARow: number; lastKey: string }>;
  claims: ClaimRow[];
  holdOffers: (HoldOffer & { key: string })[];
}

export function memoryState(clock: Clock): MemoryState {
  const sequences = new Map<string, number>();
  return {
    clock,
    nextId(table) {
      const id = (sequences.get(table) ?? 0) + 1;
      sequences.set(table, id);
      return String(id);
    },
    users: new Map(),
    identities: [],
    accounts: [],
    transfers: new Map(),
    transferKeys: new Map(),
    entries: [],
    challenges: new Map(),
    requests: new Map(),
    refundAsks: new Map(),
    notifications: [],
    deliveries: new Set(),
    noticeLeases: new Map(),
    authenticators: new Map(),
    recoveryCodes: new Map(),
    codeFailures: new Map(),
    linkCodes: [],
    verifications: new Map(),
    questions: new Map(),
    noticeTargets: new Map(),
    tickets: new Map(),
    ticketAnswers: new Map(),
    misreadings: new Map(),
    claims: [],
    holdOffers: [],
  };
}

/** Rows leave the store as copies, as rows leave a database: a caller cannot edit the store by accident. */
export const copy = <T>(value: T): T => structuredClone(value);

/** Ids cross the ports as decimal strings; anything else names no row, as the db/ stores check. */
export const isRowId = (id: string) => /^\d{1,18}$/.test(id);

export function toUser(row: UserRow): User {
  const { confirmBlockedUntil: _blocked, ...user } = row;
  return copy(user);
}

/** Writes a notice into the outbox; callers write it together with the change it reports. */
export function notify(state: MemoryState, userId: UserId, notice: Notice, route: { origin?: Platform; onlyOn?: Platform } = {}): void {
  const id = state.nextId('notifications');
  state.notifications.push({ id, userId, notice, createdAt: state.clock.now(), ...(route.origin ? { origin: route.origin } : {}) });
  if (route.onlyOn) state.noticeTargets.set(id, route.onlyOn);
}

/** confirmed → done for an executor; false if the challenge was cancelled (or never confirmed). */
export function completeChallenge(state: MemoryState, challengeId: string): boolean {
  const challenge = state.challenges.get(challengeId);
  if (challenge?.status !== 'confirmed') return false;
  challenge.status = 'done';
  return true;
}

/** Cancels every open or confirmed-but-unfinished challenge of a wallet (freeze and close do this). */
export function cancelAllPending(state: MemoryState, userId: UserId): void {
  for (const challenge of state.challenges.values()) {
    if (challenge.userId === userId && (challenge.status === 'open' || challenge.status === 'confirmed')) challenge.status = 'cancelled';
  }
}

/** Who froze is kept only while frozen. Accounts read their owner's status from the user row. */
export function setStatus(state: MemoryState, userId: UserId, status: UserStatus, frozenBy?: FrozenBy): void {
  const user = state.users.get(userId)!;
  user.status = status;
  if (status === 'frozen') user.frozenBy = frozenBy;
  else delete user.frozenBy;
}

export function accountsOf(state: MemoryState, userId: UserId): AccountRow[] {
  return state.accounts.filter((a) => a.userId === userId);
}
