import { sql } from 'drizzle-orm';
import type { Clock } from '../../core/ports/index.js';
import { openDatabase } from '../../db/connect.js';
import { createWalletStore } from '../../db/wallet-store.js';
import { serverUrl } from './database-templates.js';
import type { TestWallet } from './test-database.js';
import { walletOnStore } from './wallet-on-store.js';

/**
 * Another process on the same server database as `t`: its own connection pool, store and wallet,
 * as a second instance of the bot would have. Only meaningful with DATABASE_URL.
 */
export async function openSecondProcess(t: TestWallet, options: { clock?: Clock; poolSize?: number } = {}): Promise<Omit<TestWallet, 'forceStatus'>> {
  const [row] = await t.database.query<{ name: string }>(sql`select current_database() as name`);
  const url = new URL(serverUrl!);
  url.pathname = `/${row!.name}`;
  const database = await openDatabase({ url: url.toString(), dataDir: '', poolSize: options.poolSize ?? 5, migrate: false });
  const store = createWalletStore(database);
  return { database, store, ...walletOnStore(store, options), close: () => database.close() };
}
