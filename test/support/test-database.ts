import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createWallet, type Wallet } from '../../core/wallet.js';
import { openDatabase, type Database } from '../../db/connect.js';
import { createWalletStore } from '../../db/wallet-store.js';

/** The server named by DATABASE_URL, if the run has one (CI always does). */
export const serverUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;

export interface TestWallet {
  database: Database;
  wallet: Wallet;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database per test file: in-memory PGlite by default, or a new database on
 * the server when DATABASE_URL points at one (dropped again on close), so files never share state.
 */
export async function openTestWallet(options: { poolSize?: number } = {}): Promise<TestWallet> {
  if (!serverUrl) {
    const database = await openDatabase({ url: 'memory://', dataDir: '', poolSize: 1 });
    return { database, wallet: createWallet({ store: createWalletStore(database) }), close: () => database.close() };
  }
  const name = `okpay_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), dataDir: '', poolSize: options.poolSize ?? 10 });
  return {
    database,
    wallet: createWallet({ store: createWalletStore(database) }),
    async close() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
