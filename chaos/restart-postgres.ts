import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';

/**
 * Restarts the local PostgreSQL cluster (Debian's pg_ctlcluster, the one version installed):
 * a clean fast restart, or with `crash` an immediate one, which is what a power cut looks like
 * to the clients. Only `npm run chaos -- --restart-postgres` does this.
 */
export async function restartPostgres(crash: boolean): Promise<void> {
  const [version] = readdirSync('/etc/postgresql');
  if (!version) throw new Error('no cluster under /etc/postgresql to restart');
  const args = ['--skip-systemctl-redirect', version, 'main', 'restart', ...(crash ? ['-m', 'immediate'] : [])];
  await promisify(execFile)('pg_ctlcluster', args);
}
