import type { TestWallet, TestWalletOptions } from '../support/test-database.js';
import { walletOnStore } from '../support/wallet-on-store.js';
import { memoryStore } from './memory-store.js';

/** A wallet under test, whatever stores it: the database-backed TestWallet or the in-memory one. */
export type WalletUnderTest = Omit<TestWallet, 'database'>;

/** The in-memory counterpart of openTestWallet(): the same wallet, operators and direct moves, no database. */
export function openMemoryWallet(options: TestWalletOptions = {}): WalletUnderTest {
  const clock = options.clock ?? { now: () => new Date() };
  const store = memoryStore(clock);
  return {
    store,
    ...walletOnStore(store, { ...options, clock }),
    forceStatus: async (userId, status) => store.forceStatus(userId, status),
    close: async () => {},
  };
}
