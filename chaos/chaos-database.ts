import postgres from 'postgres';

export const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/test';

export interface ChaosDatabase {
  /** The URL every app process and the driver use. */
  url: string;
  name: string;
  /** Ends every other connection to this database: what a failover or an admin's kill does to the app. */
  terminateConnections(): Promise<number>;
  drop(): Promise<void>;
}

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A fresh database `okpay_chaos_<time>` on the server DATABASE_URL names, so a run never
 * touches data it did not make; dropped (connections and all) at the end.
 */
export async function createChaosDatabase(serverUrl: string): Promise<ChaosDatabase> {
  const name = `okpay_chaos_${Date.now()}_${process.pid}`;
  const admin = () => postgres(serverUrl, { max: 1, onnotice: () => {} });
  const creator = admin();
  await creator.unsafe(`create database ${name}`);
  await creator.end({ timeout: 5 });
  const url = withDatabase(serverUrl, name);
  return {
    url,
    name,
    async terminateConnections() {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        const rows = await sql`select pg_terminate_backend(pid) as gone from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()`;
        return rows.filter((row) => row.gone).length;
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
    async drop() {
      const dropper = admin();
      try {
        await dropper.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}
