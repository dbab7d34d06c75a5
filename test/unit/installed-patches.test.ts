import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// the package exports no package.json: its CommonJS entry is cjs/src/index.js
const postgresRoot = join(dirname(require.resolve('postgres')), '..', '..');

describe('patches applied by npm install (patches/, patch-package)', () => {
  // without it, a connection closed by the server (pg_terminate_backend, a restart) can throw from a
  // timer and kill the process: the chaos suite saw 2 of 3 app processes die that way
  it.each(['src', 'cjs/src', 'cf/src'])('postgres.js %s/connection.js settles a write after its connection closed instead of throwing', (folder) => {
    const source = readFileSync(join(postgresRoot, folder, 'connection.js'), 'utf8');
    const nextWrite = source.slice(source.indexOf('function nextWrite(fn) {'));
    expect(nextWrite.slice(0, 600)).toMatch(/if \(!socket\) \{[\s\S]*?chunk = nextWriteTimer = null[\s\S]*?error\(Errors\.connection\('CONNECTION_CLOSED'/);
    // and what was waiting to be written when it closed is dropped, not sent on the next connection
    const closed = source.slice(source.indexOf('async function closed(hadError) {'));
    expect(closed.slice(0, 400)).toMatch(/clearImmediate\(nextWriteTimer\)\s*\n(\s*\/\/.*\n)?\s*chunk = nextWriteTimer = null/);
  });
});
