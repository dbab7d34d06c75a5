import { createWallet, type Wallet } from '../core/wallet.js';
import { openDatabase, type Database } from '../db/connect.js';
import { createWalletStore } from '../db/wallet-store.js';
import type { Config } from './config.js';

export interface Runtime {
  database: Database;
  wallet: Wallet;
  close(): Promise<void>;
}

/** Builds the one database and the one wallet that every entry point shares. */
export async function openRuntime(config: Config): Promise<Runtime> {
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  const wallet = createWallet({ store: createWalletStore(database) });
  return { database, wallet, close: () => database.close() };
}
