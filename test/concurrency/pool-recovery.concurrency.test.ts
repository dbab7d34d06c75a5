import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../bot/console/console-adapter.js';
import { createAdapterStore } from '../../db/adapter-store.js';
import { openTestWallet, serverUrl, type TestWallet } from '../support/test-database.js';
import { balanceOf, cny, consoleUser, expectCleanLedger, fund } from '../support/wallet-fixtures.js';

const POOL = 4;

/**
 * Every connection of a running wallet killed on the server (a failover, an operator's
 * pg_terminate_backend, an idle-connection reaper), PostgreSQL itself left running. postgres.js
 * learns that a connection is dead when its socket closes; a statement written to it just before
 * fails (the update boundary apologizes and gives its claim back) and that connection is replaced,
 * so at most one statement per pooled connection fails and the process recovers without a restart.
 */
describe.skipIf(!serverUrl)('the pool after its connections are terminated on the server', () => {
  let t: TestWallet;
  let admin: postgres.Sql;
  let name: string;

  /** Terminates every connection to the wallet's database but the admin's own; returns how many. */
  async function terminateAll(): Promise<number> {
    const killed = await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
    // pg_terminate_backend only signals: wait until the backends are gone
    for (;;) {
      const [left] = await admin<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
      if (left!.n === 0) return killed.length;
    }
  }

  /** Runs `attempt` until it succeeds, at most `tries` times; how many failed first and how long recovery took. */
  async function untilItWorks(tries: number, attempt: () => Promise<boolean>): Promise<{ failed: number; ms: number }> {
    const started = performance.now();
    for (let failed = 0; failed < tries; failed++) {
      if (await attempt().catch(() => false)) return { failed, ms: performance.now() - started };
    }
    throw new Error(`still failing after ${tries} tries`);
  }

  beforeAll(async () => {
    t = await openTestWallet({ poolSize: POOL });
    admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    [{ name }] = (await t.database.query<{ name: string }>(sql`select current_database() as name`)) as [{ name: string }];
  });
  afterAll(async () => {
    if (t) await expectCleanLedger(t.wallet);
    await t?.close();
    await admin?.end({ timeout: 5 });
  });

  it('works again for wallet calls and chat messages, losing at most one statement per connection', async () => {
    const alice = await consoleUser(t.wallet, 'alice');
    await consoleUser(t.wallet, 'bob');
    // every connection of the pool in use, with statements prepared on it
    await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map(() => fund(t, alice, cny(1))));

    const killed = await terminateAll();
    expect(killed).toBeGreaterThan(1);
    // each dead connection fails at most the one statement written to it before its socket closed
    const wallet = await untilItWorks(killed + 1, async () => (await t.wallet.balances(alice.id)).length > 0);
    // the next calls, a money movement among them, work
    await fund(t, alice, cny(2));
    expect(await balanceOf(t.wallet, alice, 'CNY')).toBe(1000n);

    const killedAgain = await terminateAll();
    const printed: string[] = [];
    const chat = createConsoleAdapter({ wallet: t.wallet, store: createAdapterStore(t.database.db) }, (line) => printed.push(line));
    const message = await untilItWorks(killedAgain + 1, async () => {
      printed.length = 0;
      await chat.handleLine('alice: /balance');
      return !printed.join('\n').includes('something went wrong');
    });
    expect(printed.join('\n')).toContain('10.00');
    printed.length = 0;
    await chat.handleLine('bob: /balance');
    expect(printed.join('\n')).not.toContain('something went wrong');

    console.log(
      `${killed} connections terminated: wallet calls worked again after ${wallet.failed} failed in ${wallet.ms.toFixed(0)} ms; ` +
        `chat messages after ${message.failed} apologies in ${message.ms.toFixed(0)} ms`,
    );
  });
});
