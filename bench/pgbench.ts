import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PgbenchResult {
  tps: number;
  latencyAvgMs: number;
  scale: number;
  clients: number;
}

/** Is pgbench on PATH? Without it the bench still runs, but without the ratio. */
export async function hasPgbench(): Promise<boolean> {
  try {
    await run('pgbench', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/**
 * pgbench's built-in TPC-B-like script at scale = clients (pgbench's own advice, so that its
 * branch rows are not one hot row), default query mode, in its own database on the same server.
 */
export async function runPgbench(url: URL, clients: number, seconds: number): Promise<PgbenchResult> {
  const env = {
    ...process.env,
    PGHOST: url.hostname,
    PGPORT: url.port || '5432',
    PGUSER: decodeURIComponent(url.username) || 'postgres',
    PGDATABASE: url.pathname.slice(1),
    ...(url.password ? { PGPASSWORD: decodeURIComponent(url.password) } : {}),
  };
  await run('pgbench', ['-i', '-q', '-s', String(clients)], { env });
  const { stdout } = await run('pgbench', ['-c', String(clients), '-j', '2', '-T', String(seconds)], { env });
  const tps = /tps = ([\d.]+)/.exec(stdout);
  const latency = /latency average = ([\d.]+) ms/.exec(stdout);
  if (!tps || !latency) throw new Error(`could not read pgbench output:\n${stdout}`);
  return { tps: Number(tps[1]), latencyAvgMs: Number(latency[1]), scale: clients, clients };
}
