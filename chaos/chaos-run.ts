import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createWallet, type Wallet } from '../core/wallet.js';
import { openDatabase, type Database } from '../db/connect.js';
import { createWalletStore } from '../db/wallet-store.js';
import { startApp, type AppProcess } from './app-process.js';
import { createChaosDatabase, type ChaosDatabase } from './chaos-database.js';
import { startFakeBotApi, type BotApiCall, type FakeBotApi } from '../test/support/fake-bot-api.js';
import { noticeOutcomes, paymentOutcomes } from './outcomes.js';
import { seedPendingPayments, type PendingPayment } from './seed-payments.js';

/** One app process and the fake Bot API only it talks to. */
export interface ChaosApp {
  app: AppProcess;
  api: FakeBotApi;
}

export interface ChaosRun {
  db: ChaosDatabase;
  database: Database;
  wallet: Wallet;
  /** Starts app processes named `prefix1…prefixN`, each with its own fake Bot API. */
  startApps(prefix: string, count: number): Promise<ChaosApp[]>;
  /** Seeds payments for fresh Telegram users, never the ones of an earlier scenario. */
  seed(count: number): Promise<PendingPayment[]>;
  /** Waits (bounded) until the outbox holds nothing undelivered on Telegram, so the counts are final. */
  drainNotices(timeoutMs?: number): Promise<void>;
  outcomes(payments: PendingPayment[], apps: ChaosApp[]): ReturnType<typeof outcomesOf>;
  /** Stops (SIGTERM) what is still running of these apps and their fakes. */
  stopApps(apps: ChaosApp[]): Promise<void>;
  close(): Promise<void>;
}

/** The line of a crashed process's stderr that names the error (`TypeError: …`), or its last line. */
function lastError(log: string): string {
  const lines = log.split('\n').map((line) => line.replace(/^\s*\[[^\]]+\] /, ''));
  return lines.findLast((line) => /^\w*Error\b/.test(line)) ?? lines.at(-1) ?? '';
}

async function outcomesOf(run: Pick<ChaosRun, 'database' | 'wallet'>, payments: PendingPayment[], apps: ChaosApp[]) {
  const calls = new Map<string, BotApiCall[]>(apps.map((a) => [a.app.name, a.api.calls]));
  const users = payments.flatMap((p) => [p.payer, p.payee]);
  const crashes = apps.filter((a) => a.app.crashed()).map((a) => `${a.app.name}: ${lastError(a.app.logTail())}`);
  return {
    payments: await paymentOutcomes(run.database, run.wallet, payments, calls),
    notices: await noticeOutcomes(run.wallet, users, calls),
    crashes,
  };
}

/**
 * A chaos run on a fresh database of the server at `serverUrl`: the driver's own connection and
 * wallet (sharing the app processes' secret key, so it can enroll users they will confirm), and
 * the app processes each scenario starts.
 */
export async function openChaosRun(serverUrl: string, leaseSeconds: number): Promise<ChaosRun> {
  const db = await createChaosDatabase(serverUrl);
  const secretKey = randomBytes(32);
  const database = await openDatabase({ url: db.url, dataDir: '', poolSize: 4 });
  const store = createWalletStore(database);
  const wallet = createWallet({ store, secretKey });
  const running: ChaosApp[] = [];
  let nextTelegramId = 1001;
  const run: ChaosRun = {
    db,
    database,
    wallet,
    async startApps(prefix, count) {
      const apps = await Promise.all(
        Array.from({ length: count }, async (_, i) => {
          const api = await startFakeBotApi();
          const app = await startApp({ name: `${prefix}${i + 1}`, databaseUrl: db.url, secretKeyHex: secretKey.toString('hex'), apiRoot: api.root, leaseSeconds });
          return { app, api };
        }),
      );
      running.push(...apps);
      return apps;
    },
    async seed(count) {
      const first = nextTelegramId;
      nextTelegramId += 2 * count;
      return seedPendingPayments(wallet, store, first, count);
    },
    async drainNotices(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      // read straight from the tables: asking the outbox for pending notices may claim them
      const undelivered = async () => {
        const [row] = await database.query<{ n: unknown }>(sql`select count(*) as n from notifications n
          where n.origin_platform is distinct from 'telegram' and not exists
          (select 1 from notification_deliveries d where d.notification_id = n.id and d.platform = 'telegram')`);
        return Number(row?.n ?? 0);
      };
      while (Date.now() < deadline && (await undelivered()) > 0) await new Promise((r) => setTimeout(r, 250));
      // a round that read the last notice may still be sending it
      await new Promise((r) => setTimeout(r, 2_500));
    },
    outcomes: (payments, apps) => outcomesOf(run, payments, apps),
    async stopApps(apps) {
      await Promise.all(apps.map(async ({ app, api }) => {
        await app.stop();
        await api.close();
        running.splice(running.findIndex((a) => a.app === app), 1);
      }));
    },
    async close() {
      await run.stopApps([...running]);
      await database.close();
      await db.drop();
    },
  };
  return run;
}
