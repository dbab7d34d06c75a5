import { ConfigError, describeDatabase, loadConfig } from './config.js';
import { openRuntime } from './runtime.js';

/** `npm run check-ledger`: proves the books on the configured database; exit 1 on any violation. */
async function checkLedgerCommand(): Promise<number> {
  const config = loadConfig();
  const runtime = await openRuntime(config);
  try {
    const report = await runtime.wallet.checkLedger();
    if (report.ok) {
      console.log(`Ledger clean on the ${describeDatabase(config)}.`);
      return 0;
    }
    console.error(`Ledger check found ${report.violations.length} violation(s) on the ${describeDatabase(config)}:`);
    for (const violation of report.violations) console.error(`  ${violation.rule}: ${violation.detail}`);
    return 1;
  } finally {
    await runtime.close();
  }
}

checkLedgerCommand().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(2);
  },
);
