import { cpus, totalmem } from 'node:os';
import postgres from 'postgres';
import { money } from '../core/money/index.js';
import { checkLedger } from '../core/ledger/check.js';
import { history } from '../core/ledger/history.js';
import { DEFAULT_LIMITS, tierLimits } from '../core/limits/limits.js';
import type { LedgerPort } from '../core/ports/index.js';
import { openDatabase } from '../db/connect.js';
import { createWalletStore } from '../db/wallet-store.js';
import { directSend } from '../test/support/direct-moves.js';
import { runClosedLoop, type Measurement } from './measure.js';
import { hasPgbench, runPgbench, type PgbenchResult } from './pgbench.js';
import { printReport, type BenchReport } from './report.js';
import { seedFundedUsers, seedSends } from './seed.js';
import { benchMerchantFlow, type MerchantFlowFigures } from './merchant-flow.js';

const args = new Set(process.argv.slice(2));
const seconds = args.has('--quick') ? 3 : 10;
const UNIFORM_USERS = 10_000;
const UNIFORM_CLIENTS = 8;
const HOT_PAYERS = 32;
const HISTORY_ENTRIES = 1_000_000;
const HISTORY_USERS = 10_000;

function say(line: string): void {
  if (!args.has('--json')) console.error(line);
}

/**
 * Flushes dirty pages before each scenario so that a checkpoint caused by one scenario (the bulk
 * history load writes a lot) does not land in the middle of the next one. Needs superuser; without
 * it the figures are just noisier.
 */
async function settle(adminUrl: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin`checkpoint`;
  } catch {
    // not a superuser: carry on
  } finally {
    await admin.end();
  }
}

async function withDatabase(adminUrl: string, name: string, use: (url: URL) => Promise<void>): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    await use(url);
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function openLedger(url: URL, poolSize: number) {
  const database = await openDatabase({ url: url.toString(), dataDir: '', poolSize });
  return { ledger: createWalletStore(database).ledger, close: () => database.close() };
}

/** Payments count against the payer's tier limits, exactly as when a chat send is confirmed. */
const CNY_LIMITS = tierLimits(DEFAULT_LIMITS, 'CNY');

async function assertCleanLedger(ledger: LedgerPort, scenario: string): Promise<void> {
  const report = await checkLedger(ledger);
  if (!report.ok) throw new Error(`ledger check failed after ${scenario}: ${JSON.stringify(report.violations)}`);
  say(`  ledger check after ${scenario}: clean`);
}

function randomMinor(): bigint {
  return BigInt(1 + Math.floor(Math.random() * 100));
}

async function main(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl?.startsWith('postgres')) {
    console.error('npm run bench needs a PostgreSQL server: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench');
    process.exit(2);
  }
  const stamp = `${Date.now()}_${process.pid}`;
  let pgbench: PgbenchResult | undefined;
  if (await hasPgbench()) {
    say(`pgbench TPC-B-like, ${UNIFORM_CLIENTS} clients, ${seconds} s …`);
    await withDatabase(adminUrl, `okpay_bench_pgbench_${stamp}`, async (url) => {
      await settle(adminUrl);
      pgbench = await runPgbench(url, UNIFORM_CLIENTS, seconds);
    });
  } else {
    say('pgbench is not installed (Debian: apt-get install postgresql, which ships it); skipping the ratio to pgbench.');
  }

  let uniform: Measurement | undefined;
  let hot: Measurement | undefined;
  let historyFigures: (Measurement & { entries: number }) | undefined;
  let serverVersion = '';
  await withDatabase(adminUrl, `okpay_bench_${stamp}`, async (url) => {
    const seeder = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const migrated = await openLedger(url, 1);
    await migrated.close();
    serverVersion = String((await seeder`show server_version`)[0]!.server_version);

    say(`seeding ${UNIFORM_USERS} funded users …`);
    const users = await seedFundedUsers(seeder, 'u', UNIFORM_USERS, 100_000_000n);
    await seeder`analyze`;

    say(`uniform: ${UNIFORM_CLIENTS} clients sending between random pairs, ${seconds} s …`);
    const pool8 = await openLedger(url, UNIFORM_CLIENTS);
    await settle(adminUrl);
    uniform = await runClosedLoop(UNIFORM_CLIENTS, seconds, async (worker, i) => {
      const from = Math.floor(Math.random() * users.length);
      const to = (from + 1 + Math.floor(Math.random() * (users.length - 1))) % users.length;
      const result = await directSend(pool8.ledger, {
        limits: CNY_LIMITS,
        key: `bench:uniform:${worker}:${i}`,
        fromUserId: users[from]!,
        toUserId: users[to]!,
        amount: money('CNY', randomMinor()),
        now: new Date(),
      });
      return result.ok;
    });
    await assertCleanLedger(pool8.ledger, 'uniform');
    await pool8.close();

    say(`hot merchant: ${HOT_PAYERS} payers paying one merchant, ${seconds} s …`);
    const merchant = users[0]!;
    const pool32 = await openLedger(url, HOT_PAYERS);
    await settle(adminUrl);
    hot = await runClosedLoop(HOT_PAYERS, seconds, async (worker, i) => {
      const result = await directSend(pool32.ledger, {
        limits: CNY_LIMITS,
        key: `bench:hot:${worker}:${i}`,
        fromUserId: users[1 + worker]!,
        toUserId: merchant,
        amount: money('CNY', randomMinor()),
        now: new Date(),
      });
      return result.ok;
    });
    await assertCleanLedger(pool32.ledger, 'hot merchant');
    await pool32.close();

    say(`history: loading ${HISTORY_ENTRIES.toLocaleString('en')} ledger entries in bulk …`);
    const historyUsers = await seedFundedUsers(seeder, 'h', HISTORY_USERS, 100_000_000n);
    await seedSends(seeder, historyUsers, historyUsers[0]!, HISTORY_ENTRIES / 2);
    const entries = Number((await seeder`select count(*) as n from entries`)[0]!.n);
    const reader = await openLedger(url, 1);
    say(`history: newest page for one user among ${entries.toLocaleString('en')} entries, ${seconds} s …`);
    const measured = await runClosedLoop(1, seconds, async () => {
      const page = await history(reader.ledger, { userId: historyUsers[0]!, limit: 10 });
      return page.ok && page.value.items.length === 10;
    });
    historyFigures = { ...measured, entries };
    await assertCleanLedger(reader.ledger, 'history load');
    await reader.close();
    await seeder.end();
  });

  const MERCHANT_CLIENTS = 8;
  let merchantFlow: MerchantFlowFigures | undefined;
  say(`API create + pay + webhook: ${MERCHANT_CLIENTS} merchants, each waiting for its webhook, ${seconds} s …`);
  await withDatabase(adminUrl, `okpay_bench_merchant_${stamp}`, async (url) => {
    await settle(adminUrl);
    merchantFlow = await benchMerchantFlow(url, MERCHANT_CLIENTS, seconds);
  });

  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, postgres: serverVersion },
    secondsPerScenario: seconds,
    pgbench,
    uniform: uniform!,
    hotMerchant: hot!,
    history: historyFigures!,
    merchantFlow: { ...merchantFlow!, clients: MERCHANT_CLIENTS },
  };
  printReport(report, args.has('--json'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
