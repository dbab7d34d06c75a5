import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createWallet } from '../core/wallet.js';
import { openDatabase } from '../db/connect.js';
import { createWalletStore } from '../db/wallet-store.js';
import { ConfigError, describeDatabase, loadConfig } from './config.js';

/**
 * `npm run check-ledger`: proves the books on the configured database; exit 1 on any violation.
 * An audit changes nothing, so it needs read access alone: it applies no migration, and since it
 * unseals no authenticator secret it needs no WALLET_SECRET_KEY (and never generates one) — a
 * throw-away key stands in for it.
 */
async function checkLedgerCommand(): Promise<number> {
  const config = loadConfig();
  // opening a missing embedded database would create an empty one and call it clean
  if (config.DATABASE_URL === undefined && !existsSync(join(config.DATA_DIR, 'pglite'))) {
    console.error(`No embedded database in ${config.DATA_DIR}: nothing to audit (set DATA_DIR or DATABASE_URL).`);
    return 2;
  }
  // a throw-away in-memory database has nothing to audit but the schema it is given
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 1, migrate: config.DATABASE_URL === 'memory://' });
  try {
    const wallet = createWallet({ store: createWalletStore(database), secretKey: randomBytes(32) });
    const report = await wallet.checkLedger();
    if (report.ok) {
      console.log(`Ledger clean on the ${describeDatabase(config)}.`);
      return 0;
    }
    console.error(`Ledger check found ${report.violations.length} violation(s) on the ${describeDatabase(config)}:`);
    for (const violation of report.violations) console.error(`  ${violation.rule}: ${violation.detail}`);
    return 1;
  } finally {
    await database.close();
  }
}

checkLedgerCommand().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(2);
  },
);
