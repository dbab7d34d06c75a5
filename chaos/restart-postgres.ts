import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The local cluster (Debian's `pg_lsclusters`) listening on the port of `serverUrl`. */
async function clusterServing(serverUrl: string): Promise<{ version: string; name: string }> {
  const port = new URL(serverUrl).port || '5432';
  const { stdout } = await run('pg_lsclusters', ['--no-header']);
  const match = stdout.split('\n').map((line) => line.trim().split(/\s+/)).find((fields) => fields[2] === port);
  if (!match) throw new Error(`no local PostgreSQL cluster listens on port ${port} (pg_lsclusters): --restart-postgres needs the server on this machine`);
  return { version: match[0]!, name: match[1]! };
}

/**
 * Restarts the local PostgreSQL cluster that serves `serverUrl` (Debian's pg_ctlcluster): a fast
 * restart, or with `crash` an immediate one, which is what a power cut looks like to the
 * clients. Only `npm run chaos -- --restart-postgres` does this.
 */
export async function restartPostgres(serverUrl: string, crash: boolean): Promise<void> {
  const { version, name } = await clusterServing(serverUrl);
  await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, name, 'restart', ...(crash ? ['-m', 'immediate'] : [])]);
}
