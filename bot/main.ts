import { ConfigError, describeDatabase, loadConfig } from './config.js';
import { openRuntime } from './runtime.js';

/** Composition root: reads the configuration, opens the database and the wallet. */
async function main(): Promise<void> {
  const config = loadConfig();
  const runtime = await openRuntime(config);
  try {
    for (const notice of runtime.notices) console.log(notice);
    const report = await runtime.wallet.checkLedger();
    console.log(`OKPay wallet ready on the ${describeDatabase(config)}; migrations applied, ledger ${report.ok ? 'clean' : 'NOT clean'}.`);
    console.log('No chat adapter is configured in this build yet; see README.md for what is available.');
  } finally {
    await runtime.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
