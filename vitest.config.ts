import { defineConfig } from 'vitest/config';
import type { ProjectConfig } from 'vitest/node';

/** What every project shares; the global setup (one migrated template per run) stays at the root so it runs once. */
const shared = {
  testTimeout: 120_000,
  hookTimeout: 120_000,
  pool: 'forks',
} satisfies ProjectConfig;

/** Pure tests: no database, milliseconds each. */
const unit = ['test/unit/**/*.test.ts', 'test/bot/{parse,amounts,locales,written-language}.test.ts', 'test/nlu/**/*.test.ts'];
/** The wallet and its storage on a real database: contract, property and fake-versus-database tests. */
const db = ['test/db/**/*.test.ts', 'test/property/**/*.test.ts', 'test/fakes/**/*.test.ts'];
/** Races between connections and processes (chaos/): only meaningful on a PostgreSQL server (skipped without DATABASE_URL). */
const server = ['test/concurrency/**/*.test.ts', 'test/chaos/**/*.test.ts'];

/**
 * Files of these projects share a worker's loaded modules (and its spare in-memory databases)
 * instead of importing everything again per file: re-importing grammY, discord.js, fastify and
 * the wallet cost more CPU than the tests themselves. Each file still gets its own database.
 */
const reuseWorkers = { isolate: false } satisfies ProjectConfig;

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    projects: [
      { test: { ...shared, ...reuseWorkers, name: 'unit', include: unit } },
      { test: { ...shared, ...reuseWorkers, name: 'db', include: db } },
      // everything else: the chat adapters, transcripts and tools, on a wallet with a database
      { test: { ...shared, ...reuseWorkers, name: 'adapters', include: ['test/**/*.test.ts'], exclude: [...unit, ...db, ...server] } },
      { test: { ...shared, name: 'server', include: server } },
    ],
  },
});
