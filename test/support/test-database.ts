import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Clock, IdentityRef, UserStatus, WalletStore } from '../../core/ports/index.js';
import { createWallet, type Wallet } from '../../core/wallet.js';
import { openDatabase, type Database } from '../../db/connect.js';
import { createWalletStore } from '../../db/wallet-store.js';
import { directMoves } from './direct-moves.js';

/** The server named by DATABASE_URL, if the run has one (CI always does). */
export const serverUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;

export interface TestWallet {
  database: Database;
  store: WalletStore;
  wallet: Wallet;
  moves: ReturnType<typeof directMoves>;
  /** Sets a wallet's status behind the core's back, on the user and its accounts. */
  forceStatus(userId: string, status: UserStatus): Promise<void>;
  close(): Promise<void>;
}

export interface TestWalletOptions {
  poolSize?: number;
  clock?: Clock;
  operators?: IdentityRef[];
}

async function openFresh(options: TestWalletOptions): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (!serverUrl) {
    const database = await openDatabase({ url: 'memory://', dataDir: '', poolSize: 1 });
    return { database, drop: async () => {} };
  }
  const name = `okpay_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), dataDir: '', poolSize: options.poolSize ?? 10 });
  return {
    database,
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/**
 * A fresh, migrated database per test file: in-memory PGlite by default, or a new database on
 * the server when DATABASE_URL points at one (dropped again on close), so files never share state.
 */
export async function openTestWallet(options: TestWalletOptions = {}): Promise<TestWallet> {
  const { database, drop } = await openFresh(options);
  const store = createWalletStore(database);
  const operators = options.operators ?? [];
  const clock = options.clock ?? { now: () => new Date() };
  const wallet = createWallet({
    store,
    secretKey: randomBytes(32),
    clock,
    isOperator: (identity) => operators.some((o) => o.platform === identity.platform && o.platformUserId === identity.platformUserId),
  });
  return {
    database,
    store,
    wallet,
    moves: directMoves(store, clock),
    async forceStatus(userId, status) {
      const frozenBy = status === 'frozen' ? 'owner' : null;
      await database.query(sql`update users set status = ${status}, frozen_by = ${frozenBy} where id = ${BigInt(userId)}`);
      await database.query(sql`update accounts set owner_status = ${status} where user_id = ${BigInt(userId)}`);
    },
    async close() {
      await database.close();
      await drop();
    },
  };
}

export { manualClock } from './manual-clock.js';
