import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { openDatabase } from '../../db/connect.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A file holding the data directory of a migrated PGlite, for every test database to start from. */
    pgliteTemplate: string;
    /** A migrated database on the server that test databases are created from (`create database … template`). */
    serverTemplate: string | undefined;
  }
}

/** The server named by DATABASE_URL, if the run has one (CI always does). */
export const serverUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;

const root = new URL('../../', import.meta.url).pathname;
const cacheDir = join(tmpdir(), 'okpay-test-templates');
const aWeek = 7 * 24 * 3600_000;

/** Everything the migrated schema depends on: the migrations and the two packages that apply them. */
function schemaFingerprint(): string {
  const hash = createHash('sha256');
  for (const pkg of ['@electric-sql/pglite', 'drizzle-orm']) hash.update(readFileSync(join(root, 'node_modules', pkg, 'package.json')));
  const migrations = join(root, 'db/migrations');
  for (const file of readdirSync(migrations, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(migrations, file);
    if (statSync(path).isFile()) hash.update(file).update(readFileSync(path));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * A dump of a PGlite migrated exactly as production migrates one (`openDatabase` on an embedded
 * directory), cached under the system temp folder by what the schema depends on, so a run pays
 * for the migrations only when they change and each test database is a load, not a migration.
 */
export async function pgliteTemplate(): Promise<string> {
  const file = join(cacheDir, `pglite-${schemaFingerprint()}.tar`);
  try {
    statSync(file);
    return file;
  } catch {
    // not built yet for this schema
  }
  mkdirSync(cacheDir, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'okpay-template-'));
  try {
    await (await openDatabase({ url: undefined, dataDir, poolSize: 1 })).close();
    const client = new PGlite(join(dataDir, 'pglite'));
    await client.waitReady; // dumpDataDir does not wait for start-up itself
    const dump = await client.dumpDataDir('none');
    await client.close();
    // written aside and renamed, so a concurrent run never reads half a file
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  for (const old of readdirSync(cacheDir)) {
    const path = join(cacheDir, old);
    if (path !== file && Date.now() - statSync(path).mtimeMs > aWeek) rmSync(path, { force: true });
  }
  return file;
}

/**
 * A migrated database on the server for this run; test databases copy it (`create database
 * <name>_<suffix> template <name>`), which is much cheaper than migrating each one. Dropping a
 * database forces a checkpoint, so the run's copies are dropped together at the end, in parallel
 * so that concurrent drops share checkpoints, rather than one by one as each file closes.
 */
export async function serverTemplate(url: string): Promise<{ name: string; drop: () => Promise<void> }> {
  const name = `okpay_run_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 8, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  await (await openDatabase({ url: target.toString(), dataDir: '', poolSize: 1 })).close();
  return {
    name,
    drop: async () => {
      const copies = await admin<{ datname: string }[]>`select datname from pg_database where starts_with(datname, ${`${name}_`})`;
      await Promise.all(copies.map(({ datname }) => admin.unsafe(`drop database if exists ${datname} with (force)`)));
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
