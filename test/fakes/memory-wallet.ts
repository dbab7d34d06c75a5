import { randomBytes } from 'node:crypto';
import { createWallet } from '../../core/wallet.js';
import { directMoves } from '../support/direct-moves.js';
import type { TestWallet, TestWalletOptions } from '../support/test-database.js';
import { memoryStore } from './memory-store.js';

/** A wallet under test, whatever stores it: the database-backed TestWallet or the in-memory one. */
export type WalletUnderTest = Omit<TestWallet, 'database'>;

/** The in-memory counterpart of openTestWallet(): the same wallet, operators and direct moves, no database. */
export function openMemoryWallet(options: TestWalletOptions = {}): WalletUnderTest {
  const clock = options.clock ?? { now: () => new Date() };
  const store = memoryStore(clock);
  const operators = options.operators ?? [];
  const wallet = createWallet({
    store,
    secretKey: randomBytes(32),
    clock,
    isOperator: (identity) => operators.some((o) => o.platform === identity.platform && o.platformUserId === identity.platformUserId),
  });
  return {
    store,
    wallet,
    moves: directMoves(store, clock),
    forceStatus: async (userId, status) => store.forceStatus(userId, status),
    close: async () => {},
  };
}
