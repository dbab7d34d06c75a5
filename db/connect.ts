import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema/index.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseKind = 'embedded' | 'memory' | 'server';

export type Query = <Row = Record<string, unknown>>(statement: SQL) => Promise<Row[]>;
/** A fixed statement text with `$1…` parameters, prepared once per connection: the money path. */
export type Call = <Row = Record<string, unknown>>(text: string, params: unknown[]) => Promise<Row[]>;

/** An open, migrated database and the way to run raw SQL on it with one result shape. */
export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Runs a statement and returns its rows, whichever driver is underneath. */
  query: Query;
  call: Call;
  /** Runs read-only statements in one repeatable-read snapshot. */
  snapshot<T>(read: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** PGlite answers `{ rows }`, postgres.js an array of rows. */
export function rowsOf<Row>(result: unknown): Row[] {
  return (Array.isArray(result) ? [...result] : (result as { rows: Row[] }).rows) as Row[];
}

function wrap(db: Db, kind: DatabaseKind, query: Query, call: Call, close: () => Promise<void>): Database {
  return {
    db,
    kind,
    query,
    call,
    snapshot: (read) =>
      db.transaction((tx) => read(async (statement) => rowsOf(await tx.execute(statement))), {
        isolationLevel: 'repeatable read',
        accessMode: 'read only',
      }),
    close,
  };
}

export interface DatabaseOptions {
  /** Unset: embedded PGlite in `dataDir`; `memory://`: throw-away PGlite; `postgres://…`: a server. */
  url: string | undefined;
  dataDir: string;
  poolSize: number;
  /** False for tools that only read (the ledger audit): the schema is used as it is, never changed. */
  migrate?: boolean;
  /**
   * `memory://` only: a PGlite data directory (`dumpDataDir`) to start from instead of an empty
   * cluster. Tests open hundreds of databases; loading one migrated dump is far cheaper than
   * building the schema each time. Pending migrations still apply on top, so a stale dump cannot
   * hide a new one.
   */
  template?: Blob;
}

/** The committed migrations, applied at start; `meta/_journal.json` lists them in order. */
export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Opens the configured database and applies pending migrations before anything uses it. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const migrating = options.migrate ?? true;
  if (options.url && options.url !== 'memory://') return openServer(options.url, options.poolSize, migrating);
  const kind: DatabaseKind = options.url === 'memory://' ? 'memory' : 'embedded';
  if (kind === 'embedded') mkdirSync(options.dataDir, { recursive: true });
  const client =
    kind === 'embedded' ? new PGlite(`${options.dataDir}/pglite`) : new PGlite(options.template && { loadDataDir: options.template });
  const db = drizzlePglite({ client, schema });
  if (migrating) await migratePglite(db, { migrationsFolder });
  const query: Query = async (statement) => rowsOf(await db.execute(statement));
  const call: Call = async <Row>(text: string, params: unknown[]) => (await client.query<Row>(text, params)).rows;
  return wrap(db as unknown as Db, kind, query, call, () => client.close());
}

async function openServer(url: string, poolSize: number, migrating: boolean): Promise<Database> {
  if (migrating) await migrateUnderLock(url);
  const client = postgres(url, { max: poolSize, onnotice: () => {} });
  const db = drizzlePostgres({ client, schema });
  const dialect = new PgDialect();
  // Raw statements are prepared once per connection instead of parsed per call.
  const call: Call = async <Row>(text: string, params: unknown[]) =>
    [...(await client.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true }))] as Row[];
  const query: Query = (statement) => {
    const { sql: text, params } = dialect.sqlToQuery(statement);
    return call(text, params);
  };
  return wrap(db as unknown as Db, 'server', query, call, () => client.end({ timeout: 5 }));
}

/** Several processes may start at once; an advisory lock lets exactly one migrate at a time. */
async function migrateUnderLock(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(7355608)`;
    await migratePostgres(drizzlePostgres({ client }), { migrationsFolder });
    await client`select pg_advisory_unlock(7355608)`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
