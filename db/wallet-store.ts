import type { WalletStore } from '../core/ports.js';
import type { Database } from './connect.js';
import { createLedgerStore } from './ledger-store.js';
import { createUsersRepository } from './users-repository.js';

/** The storage port of the wallet core, on whichever database `openDatabase` chose. */
export function createWalletStore(database: Database): WalletStore {
  return { ...createUsersRepository(database.db), ...createLedgerStore(database) };
}
