import type { Outcome } from './errors.js';
import { checkLedger, type LedgerReport } from './ledger/check.js';
import { history, type HistoryPage } from './ledger/history.js';
import { deposit, send, withdraw, type OperatorMoveInput, type SendInput, type TransferReceipt } from './ledger/move-money.js';
import type { Money } from './money/index.js';
import type { IdentityProfile, IdentityRef, Platform, User, UserId, WalletStore } from './ports.js';
import { findUserByIdentity, findUserByUsername, register } from './users/identity.js';

/** The only way the conversation layer and the HTTP API reach the wallet. */
export interface Wallet {
  register(profile: IdentityProfile): Promise<{ user: User; created: boolean }>;
  findUserByIdentity(ref: IdentityRef): Promise<User | undefined>;
  findUserByUsername(platform: Platform, username: string): Promise<User | undefined>;
  balances(userId: UserId): Promise<Money[]>;
  send(input: SendInput): Promise<Outcome<TransferReceipt>>;
  deposit(input: OperatorMoveInput): Promise<Outcome<TransferReceipt>>;
  withdraw(input: OperatorMoveInput): Promise<Outcome<TransferReceipt>>;
  history(input: { userId: UserId; cursor?: string; limit?: number }): Promise<Outcome<HistoryPage>>;
  checkLedger(): Promise<LedgerReport>;
}

export interface WalletDeps {
  store: WalletStore;
}

/** Builds the wallet facade over its ports; the composition root calls this once. */
export function createWallet({ store }: WalletDeps): Wallet {
  return {
    register: (profile) => register(store, profile),
    findUserByIdentity: (ref) => findUserByIdentity(store, ref),
    findUserByUsername: (platform, username) => findUserByUsername(store, platform, username),
    balances: (userId) => store.balances(userId),
    send: (input) => send(store, input),
    deposit: (input) => deposit(store, input),
    withdraw: (input) => withdraw(store, input),
    history: (input) => history(store, input),
    checkLedger: () => checkLedger(store),
  };
}
