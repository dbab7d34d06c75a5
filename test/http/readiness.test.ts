import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { buildServer } from '../../bot/http/server.js';
import { openDatabase, type Database } from '../../db/connect.js';
import { pendingMigrations } from '../../db/migration-status.js';
import { migratedTemplate, serverUrl } from '../support/test-database.js';

const tags = (JSON.parse(readFileSync(new URL('../../db/migrations/meta/_journal.json', import.meta.url), 'utf8')) as { entries: { tag: string }[] }).entries.map((e) => e.tag);

/** A database of its own on the run's database (the server when DATABASE_URL names one): migrated, or empty as a new one is. */
async function openOwn(migrated: boolean): Promise<Database> {
  if (!serverUrl) {
    return openDatabase({ url: 'memory://', dataDir: '', poolSize: 1, migrate: false, ...(migrated ? { template: migratedTemplate() } : {}) });
  }
  const template = inject('serverTemplate')!;
  // named after the run's template, so it is dropped with the run's other copies
  const name = `${template}_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(migrated ? `create database ${name} template ${template}` : `create database ${name}`);
  await admin.end({ timeout: 5 });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return openDatabase({ url: url.toString(), dataDir: '', poolSize: 2, migrate: false });
}

describe(`/healthz and /readyz (${serverUrl ? 'PostgreSQL server' : 'PGlite'})`, () => {
  let database: Database | undefined;
  let stopping = false;
  const server = (db: Database) => buildServer({ readiness: { pendingMigrations: () => pendingMigrations(db), stopping: () => stopping } });

  afterEach(async () => {
    stopping = false;
    await database?.close().catch(() => {});
    database = undefined;
  });

  it('is ready on a migrated database, and alive', async () => {
    database = await openOwn(true);
    const app = server(database);
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect([ready.statusCode, ready.json()]).toEqual([200, { ok: true }]);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('is not ready on a new, empty database, naming every migration it lacks', async () => {
    database = await openOwn(false);
    const ready = await server(database).inject({ method: 'GET', url: '/readyz' });
    expect([ready.statusCode, ready.json()]).toEqual([503, { ok: false, reason: 'migrations pending', pending: tags }]);
  });

  it('is not ready on a database one migration behind the code', async () => {
    database = await openOwn(true);
    await database.query(sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`);
    const ready = await server(database).inject({ method: 'GET', url: '/readyz' });
    expect([ready.statusCode, ready.json()]).toEqual([503, { ok: false, reason: 'migrations pending', pending: tags.slice(-1) }]);
  });

  it('is not ready when the database cannot be reached (its pool closed), and still alive', async () => {
    database = await openOwn(true);
    const app = server(database);
    await database.close();
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect([ready.statusCode, ready.json()]).toEqual([503, { ok: false, reason: 'database unreachable' }]);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('is not ready once the process is shutting down, and closes keep-alive connections as it answers', async () => {
    database = await openOwn(true);
    const app = server(database);
    stopping = true;
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect([ready.statusCode, ready.json()]).toEqual([503, { ok: false, reason: 'shutting down' }]);
    expect(ready.headers.connection).toBe('close');
  });
});
