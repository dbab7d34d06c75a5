import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connect.js';
import { embeddedCopy, serverUrl } from '../support/test-database.js';

/**
 * `npm run check-ledger` is an audit: it reads the books and changes nothing, so it runs without
 * WALLET_SECRET_KEY (it unseals nothing), generates no key, and needs only read access.
 */
const root = new URL('../../', import.meta.url).pathname;

async function checkLedger(env: Record<string, string>): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(join(root, 'node_modules/.bin/tsx'), ['bot/check-ledger.ts'], { cwd: root, env: { PATH: process.env.PATH!, ...env } });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('npm run check-ledger', () => {
  it('audits the embedded database without a key and leaves none behind', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'okpay-audit-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    await embeddedCopy(dataDir);
    const { code, out } = await checkLedger({ DATA_DIR: dataDir });
    expect(out).toContain(`Ledger clean on the embedded database in ${dataDir}.`);
    expect(code).toBe(0);
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(false);
  });

  it('refuses to audit an embedded database that does not exist rather than create an empty one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'okpay-audit-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const { code, out } = await checkLedger({ DATA_DIR: dataDir });
    expect(out).toContain(`No embedded database in ${dataDir}`);
    expect(code).toBe(2);
    expect(existsSync(join(dataDir, 'pglite'))).toBe(false);
  });

  it.skipIf(!serverUrl)('audits a PostgreSQL server as a role that may only read, without WALLET_SECRET_KEY', async () => {
    const suffix = randomBytes(6).toString('hex');
    const [name, reader] = [`okpay_test_${suffix}`, `okpay_reader_${suffix}`];
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    cleanups.push(async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.unsafe(`drop role if exists ${reader}`);
      await admin.end({ timeout: 5 });
    });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    await (await openDatabase({ url: url.toString(), dataDir: '', poolSize: 1 })).close();
    const owner = postgres(url.toString(), { max: 1, onnotice: () => {} });
    await owner.unsafe(`create role ${reader} login; grant usage on schema public, drizzle to ${reader}; grant select on all tables in schema public, drizzle to ${reader}`);
    await owner.end({ timeout: 5 });
    url.username = reader;
    url.password = '';
    const { code, out } = await checkLedger({ DATABASE_URL: url.toString() });
    expect(out).toContain(`Ledger clean on the PostgreSQL server ${url.hostname}:${url.port || '5432'}/${name}.`);
    expect(code).toBe(0);
  });
});
