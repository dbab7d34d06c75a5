import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrationsFolder, type Database } from './connect.js';

interface JournalEntry {
  tag: string;
  /** drizzle's `folderMillis`: what it writes to `created_at` once the migration is applied. */
  when: number;
}

function journal(): JournalEntry[] {
  return (JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] }).entries;
}

/**
 * The committed migrations this database has not applied yet, by tag, judged as drizzle's
 * migrator judges them (a migration is applied once the newest applied one is at least as
 * recent). A process whose code expects a newer schema than the database has must not take
 * traffic. Throws when the database cannot be reached.
 */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const [table] = await database.query<{ exists: boolean }>(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`);
  let newest = -1;
  if (table?.exists) {
    const [row] = await database.query<{ newest: string | number | null }>(sql`select max(created_at) as newest from drizzle.__drizzle_migrations`);
    newest = row?.newest === null || row?.newest === undefined ? -1 : Number(row.newest);
  }
  return journal()
    .filter((entry) => entry.when > newest)
    .map((entry) => entry.tag);
}
