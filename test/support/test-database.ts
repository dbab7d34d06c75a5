import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { inject } from 'vitest';
import type { Clock, IdentityRef, UserStatus, WalletStore } from '../../core/ports/index.js';
import type { Wallet } from '../../core/wallet.js';
import { openDatabase, type Database } from '../../db/connect.js';
import { createWalletStore } from '../../db/wallet-store.js';
import { serverUrl } from './database-templates.js';
import type { directMoves } from './direct-moves.js';
import { walletOnStore } from './wallet-on-store.js';

export { serverUrl };

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

let pgliteTemplate: Blob | undefined;

/** The migrated data directory the global setup dumped, read once per worker. */
export function migratedTemplate(): Blob {
  pgliteTemplate ??= new Blob([readFileSync(inject('pgliteTemplate'))]);
  return pgliteTemplate;
}

/** In-memory databases that closed test wallets gave back, emptied, for the next wallet in this worker. */
const spares: Database[] = [];

/**
 * Empties every table and restarts every sequence, which leaves the database exactly as the
 * template was (test-template.test.ts proves it): far cheaper than loading another copy.
 */
async function empty(database: Database): Promise<void> {
  const tables = await database.query<{ name: string }>(sql`select quote_ident(tablename) as name from pg_tables where schemaname = 'public'`);
  await database.query(sql.raw(`truncate ${tables.map((t) => t.name).join(', ')}`));
  await database.query(sql`
    select setval(s.seqrelid, s.seqstart, false) from pg_sequence s join pg_class c on c.oid = s.seqrelid
    where c.relnamespace = 'public'::regnamespace`);
}

/**
 * A spare or newly loaded in-memory database for one test wallet. Closing it empties it for the
 * next; from then on this handle refuses every use, so nothing left running by one test (a timer,
 * a retry) can touch the next test's data.
 */
async function leasePglite(): Promise<Database> {
  const database = spares.pop() ?? (await openDatabase({ url: 'memory://', dataDir: '', poolSize: 1, template: migratedTemplate() }));
  let open = true;
  const guard = () => {
    if (!open) throw new Error('This test database was closed and given to another test.');
  };
  return {
    kind: database.kind,
    db: new Proxy(database.db, { get: (target, key, receiver) => (guard(), Reflect.get(target, key, receiver)) }),
    query: async (statement) => (guard(), database.query(statement)),
    call: async (text, params) => (guard(), database.call(text, params)),
    snapshot: async (read) => (guard(), database.snapshot(read)),
    async close() {
      guard();
      open = false;
      await empty(database);
      spares.push(database);
    },
  };
}

/**
 * Leaves in `dataDir` the embedded database `openDatabase` would create there (`<dataDir>/pglite`,
 * migrated), copied from the run's template: building one on disk takes several seconds.
 */
export async function embeddedCopy(dataDir: string): Promise<void> {
  const client = new PGlite(join(dataDir, 'pglite'), { loadDataDir: migratedTemplate() });
  await client.waitReady;
  await client.close();
}

async function openFresh(options: TestWalletOptions): Promise<Database> {
  if (!serverUrl) return leasePglite();
  const template = inject('serverTemplate')!;
  const name = `${template}_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${template}`);
  await admin.end({ timeout: 5 });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // dropped with the rest of the run's copies at the end (see database-templates.ts)
  return openDatabase({ url: url.toString(), dataDir: '', poolSize: options.poolSize ?? 10 });
}

/**
 * A fresh, migrated database per test file: in-memory PGlite by default, or a new database on
 * the server when DATABASE_URL points at one, so files never share state. Both start as a copy of
 * the run's migrated template (see global-setup.ts) rather than migrating.
 */
export async function openTestWallet(options: TestWalletOptions = {}): Promise<TestWallet> {
  const database = await openFresh(options);
  const store = createWalletStore(database);
  return {
    database,
    store,
    ...walletOnStore(store, options),
    async forceStatus(userId, status) {
      const frozenBy = status === 'frozen' ? 'owner' : null;
      await database.query(sql`update users set status = ${status}, frozen_by = ${frozenBy} where id = ${BigInt(userId)}`);
      await database.query(sql`update accounts set owner_status = ${status} where user_id = ${BigInt(userId)}`);
    },
    close: () => database.close(),
  };
}

export { manualClock } from './manual-clock.js';
