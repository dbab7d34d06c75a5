import { mkdirSync } from 'node:fs';
import { mergeLimits, type LimitsConfig } from '../core/limits/limits.js';
import type { IdentityRef } from '../core/ports/index.js';
import { createWallet, type Wallet } from '../core/wallet.js';
import { openDatabase, type Database } from '../db/connect.js';
import { createWalletStore } from '../db/wallet-store.js';
import type { Config } from './config.js';
import { processLeases, type Leases } from './delivery/leases.js';
import { resolveSecretKey } from './secret-key.js';

export interface Runtime {
  database: Database;
  wallet: Wallet;
  /** This process's name and lease length (LEASE_SECONDS) for work another process could take over. */
  leases: Leases;
  /** Start-up notices worth one line each (a generated key, …). */
  notices: string[];
  close(): Promise<void>;
}

/** ADMIN_IDS (`console:ops,telegram:12345`, checked by the config) as identities. */
function operatorsOf(adminIds: string | undefined): IdentityRef[] {
  const entries = (adminIds ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  return entries.map((entry) => {
    const [platform, platformUserId] = entry.split(':') as [IdentityRef['platform'], string];
    return { platform, platformUserId };
  });
}

/** Builds the one database and the one wallet that every entry point shares. */
export async function openRuntime(config: Config): Promise<Runtime> {
  if (!config.DATABASE_URL) mkdirSync(config.DATA_DIR, { recursive: true });
  const secret = resolveSecretKey(config);
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  const wallet = createWallet({
    store: createWalletStore(database),
    secretKey: secret.key,
    limits: mergeLimits(config.LIMITS ? (JSON.parse(config.LIMITS) as Partial<LimitsConfig>) : {}),
    claimDays: config.CLAIM_DAYS,
    operators: operatorsOf(config.ADMIN_IDS),
  });
  return { database, wallet, leases: processLeases(config.LEASE_SECONDS * 1000), notices: secret.notice ? [secret.notice] : [], close: () => database.close() };
}
