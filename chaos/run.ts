import { parseArgs } from 'node:util';
import { DEFAULT_SERVER_URL } from './chaos-database.js';
import { openChaosRun } from './chaos-run.js';
import { formatFigures, type ScenarioFigures } from './figures.js';
import { killAndRedeliver } from './kill-and-redeliver.js';
import { restartPostgres } from './restart-postgres.js';
import { sharedOutbox } from './shared-outbox.js';
import { trafficUnderFault } from './traffic-under-fault.js';
import { twoInstances } from './two-instances.js';

const LEASE_SECONDS = 2;

const { values } = parseArgs({
  options: {
    processes: { type: 'string', default: '3' },
    updates: { type: 'string', default: '20' },
    'restart-postgres': { type: 'boolean', default: false },
    crash: { type: 'boolean', default: false },
  },
});

/**
 * `npm run chaos`: app processes on a fresh database of the PostgreSQL server, driven through the
 * real webhook route with loopback Bot APIs, under kill -9, double delivery, dropped connections
 * and (when asked) a PostgreSQL restart. Prints each scenario's figures, then the ledger check
 * and one pass/fail line; exits 1 on any missed target.
 */
async function chaos(): Promise<number> {
  const size = { processes: Number(values.processes), updates: Number(values.updates) };
  if (!(size.processes >= 2 && size.updates >= 2)) throw new Error('--processes and --updates take whole numbers of at least 2');
  const serverUrl = process.env.DATABASE_URL || DEFAULT_SERVER_URL;
  const run = await openChaosRun(serverUrl, LEASE_SECONDS);
  console.log(`chaos: ${size.processes} processes, ${size.updates} updates per scenario, database ${run.db.name}, lease ${LEASE_SECONDS} s`);
  const all: ScenarioFigures[] = [];
  const report = (figures: ScenarioFigures) => {
    all.push(figures);
    console.log(formatFigures(figures));
  };
  try {
    report(await killAndRedeliver(run, size));
    report(await twoInstances(run, size));
    report(await sharedOutbox(run, size));
    report(await trafficUnderFault(run, size, 'd) all database connections terminated', async () => {
      return `fault: ${await run.db.terminateConnections()} connections terminated halfway`;
    }));
    if (values['restart-postgres']) {
      const how = values.crash ? 'crashed (immediate) and restarted' : 'restarted';
      report(await trafficUnderFault(run, size, `e) PostgreSQL ${how}`, async () => {
        const started = Date.now();
        await restartPostgres(serverUrl, values.crash);
        return `fault: PostgreSQL ${how} halfway, the restart command took ${((Date.now() - started) / 1000).toFixed(1)} s`;
      }));
    }
    const ledger = await run.wallet.checkLedger();
    console.log(ledger.ok ? 'check-ledger: clean' : `check-ledger: ${ledger.violations.length} violation(s)`);
    for (const violation of ledger.violations) console.log(`  ${violation.rule}: ${violation.detail}`);
    const failures = [...all.flatMap((f) => f.failures), ...(ledger.ok ? [] : ['check-ledger not clean'])];
    console.log(failures.length ? `chaos: FAIL — ${failures.join('; ')}` : 'chaos: pass');
    return failures.length ? 1 : 0;
  } finally {
    await run.close();
  }
}

chaos().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log(`chaos: FAIL — ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    process.exit(1);
  },
);
