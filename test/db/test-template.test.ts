import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '../../db/connect.js';
import { migratedTemplate, openTestWallet, serverUrl } from '../support/test-database.js';
import { cny, freshKey } from '../support/wallet-fixtures.js';

/**
 * Test databases are copies of one template migrated per run (see test/support/global-setup.ts),
 * not migrated one by one. A copy must be exactly what the migrations build, or every suite would
 * test some other schema: same journal, tables, constraints, indexes, functions, triggers, seed
 * rows and sequences.
 */
const journal = JSON.parse(readFileSync(new URL('../../db/migrations/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] };

async function schemaOf(database: Database) {
  const q = <Row>(statement: ReturnType<typeof sql>) => database.query<Row>(statement);
  const tables = await q<{ name: string }>(sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`);
  const rows: Record<string, unknown[]> = {};
  for (const { name } of tables) rows[name] = await q(sql.raw(`select * from "${name}" order by 1`));
  return {
    journal: await q(sql`select id, hash, created_at from drizzle.__drizzle_migrations order by id`),
    columns: await q(sql`
      select table_name, column_name, data_type, column_default, is_nullable from information_schema.columns
      where table_schema = 'public' order by table_name, column_name`),
    constraints: await q(sql`
      select conrelid::regclass::text as on_table, conname, pg_get_constraintdef(oid) as definition from pg_constraint
      where connamespace = 'public'::regnamespace order by 1, 2`),
    indexes: await q(sql`select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by 1, 2`),
    functions: await q(sql`
      select proname, pg_get_function_identity_arguments(oid) as args, md5(pg_get_functiondef(oid)) as body from pg_proc
      where pronamespace = 'public'::regnamespace order by 1, 2`),
    triggers: await q(sql`select tgrelid::regclass::text as on_table, tgname, pg_get_triggerdef(oid) as definition from pg_trigger where not tgisinternal order by 1, 2`),
    types: await q(sql`
      select t.typname, array_agg(e.enumlabel order by e.enumsortorder) as labels from pg_type t join pg_enum e on e.enumtypid = t.oid
      where t.typnamespace = 'public'::regnamespace group by 1 order by 1`),
    sequences: await q(sql`select sequencename, last_value from pg_sequences where schemaname = 'public' order by 1`),
    rows,
  };
}

const opened: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of opened.splice(0)) await close();
});

/** A database on the server copied as the run copies test databases, or migrated from nothing (both dropped with the run's). */
async function serverDatabase(copy: boolean): Promise<Database> {
  const template = inject('serverTemplate')!;
  const name = `${template}_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(copy ? `create database ${name} template ${template}` : `create database ${name}`);
  await admin.end({ timeout: 5 });
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  // a copy is opened without migrating, so a stale template could not pass by being patched up
  const database = await openDatabase({ url: url.toString(), dataDir: '', poolSize: 1, migrate: !copy });
  opened.push(() => database.close());
  return database;
}

async function pgliteDatabase(template: Blob | undefined): Promise<Database> {
  const database = await openDatabase({ url: 'memory://', dataDir: '', poolSize: 1, template, migrate: !template });
  opened.push(() => database.close());
  return database;
}

let migratedInMemory: ReturnType<typeof schemaOf> | undefined;
/** What the migrations build in a new in-memory database, worked out once for this file. */
const migratedPglite = async () => (migratedInMemory ??= pgliteDatabase(undefined).then(schemaOf));

describe('the template test databases are copied from', () => {
  it('is, in PGlite, exactly what the migrations build', async () => {
    const copy = await schemaOf(await pgliteDatabase(migratedTemplate()));
    expect(copy.journal).toHaveLength(journal.entries.length);
    expect(copy).toEqual(await migratedPglite());
  });

  it.skipIf(!!serverUrl)('is what an in-memory database given back by a closed test wallet is again', async () => {
    const first = await openTestWallet();
    const { user } = await first.wallet.register({ platform: 'console', platformUserId: 'alice', username: 'alice' });
    await first.moves.deposit({ key: freshKey(), userId: user.id, amount: cny(10) });
    // a session-only mark, outside the schema compared, shows whether the next wallet gets this very database
    await first.database.query(sql`create temporary table given_back (x int)`);
    await first.close();
    await expect(first.wallet.balances(user.id)).rejects.toThrow(/closed and given to another test/);
    const next = await openTestWallet();
    opened.push(async () => {
      await next.database.query(sql`drop table given_back`);
      await next.close();
    });
    expect(await next.database.query(sql`select 1 from pg_tables where tablename = 'given_back'`)).toHaveLength(1);
    expect(await schemaOf(next.database)).toEqual(await migratedPglite());
  });

  it.skipIf(!serverUrl)('is, on the server, exactly what the migrations build', async () => {
    const copy = await schemaOf(await serverDatabase(true));
    expect(copy.journal).toHaveLength(journal.entries.length);
    expect(copy).toEqual(await schemaOf(await serverDatabase(false)));
  });
});
