import { defineConfig } from 'vitest/config';
import type { ProjectConfig } from 'vitest/node';

/** What every project shares; the global setup (one migrated template per run) stays at the root so it runs once. */
const shared = {
  testTimeout: 120_000,
  hookTimeout: 120_000,
  pool: 'forks',
} satisfies ProjectConfig;

/** Pure tests: no database, milliseconds each. */
const unit = ['test/unit/**/*.test.ts', 'test/bot/{parse,amounts,locales}.test.ts'];
/** The wallet and its storage on a real database: contract, property and fake-versus-database tests. */
const db = ['test/db/**/*.test.ts', 'test/property/**/*.test.ts', 'test/fakes/**/*.test.ts'];
/** Races between connections: only meaningful on a PostgreSQL server (skipped without DATABASE_URL). */
const server = ['test/concurrency/**/*.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    projects: [
      { test: { ...shared, name: 'unit', include: unit } },
      { test: { ...shared, name: 'db', include: db } },
      // everything else: the chat adapters, transcripts and tools, on a wallet with a database
      { test: { ...shared, name: 'adapters', include: ['test/**/*.test.ts'], exclude: [...unit, ...db, ...server] } },
      { test: { ...shared, name: 'server', include: server } },
    ],
  },
});
