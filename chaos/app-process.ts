import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Update } from 'grammy/types';

/** The project root: app processes run `bot/main.ts` from there, as `npm start` would. */
const root = fileURLToPath(new URL('..', import.meta.url));

export const BOT_TOKEN = '123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
export const WEBHOOK_SECRET = 'chaos-webhook-secret-0123456789';

export interface AppSettings {
  name: string;
  databaseUrl: string;
  secretKeyHex: string;
  apiRoot: string;
  leaseSeconds: number;
}

export interface AppProcess {
  name: string;
  pid: number;
  /** POSTs one update to the webhook route; the HTTP status, or 0 when the process never answered (killed, refused). */
  post(update: Update): Promise<number>;
  /** kill -9 of the node process itself: no shutdown code runs. */
  kill(): Promise<void>;
  /** SIGTERM, the way a deployment stops it. */
  stop(): Promise<void>;
  /** Still running. */
  alive(): boolean;
  /** Gone without our kill or stop: a crash, which no fault should cause. */
  crashed(): boolean;
  /** The last lines the process wrote to stderr, to explain a failure. */
  logTail(): string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Polls readiness (`/readyz`, or `/healthz` where the build has none yet) until 200. */
async function waitReady(base: string, child: ChildProcess, log: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app process exited with ${child.exitCode} before it was ready:\n${log()}`);
    for (const path of ['/readyz', '/healthz']) {
      const status = await fetch(`${base}${path}`).then((r) => r.status, () => 0);
      if (status === 200) return;
      if (status !== 404) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`app process not ready after ${timeoutMs} ms:\n${log()}`);
}

/**
 * Starts one app process (`node --import tsx bot/main.ts`, no npm wrapper, so a signal reaches the
 * app itself) on the Telegram webhook with its own fake Bot API, and waits until it is ready.
 */
export async function startApp(settings: AppSettings): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TELEGRAM_BOT_TOKEN: BOT_TOKEN,
      TELEGRAM_API_ROOT: settings.apiRoot,
      TELEGRAM_WEBHOOK_URL: 'https://example.invalid/telegram/webhook',
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      PORT: String(port),
      DATABASE_URL: settings.databaseUrl,
      WALLET_SECRET_KEY: settings.secretKeyHex,
      LEASE_SECONDS: String(settings.leaseSeconds),
    },
  });
  const lines: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    lines.push(...chunk.split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  });
  const logTail = () => lines.slice(-30).map((line) => `  [${settings.name}] ${line}`).join('\n');
  const base = `http://127.0.0.1:${port}`;
  await waitReady(base, child, logTail);
  let ended = false;
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    name: settings.name,
    pid: child.pid!,
    async post(update) {
      return fetch(`${base}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
        body: JSON.stringify(update),
        // Telegram gives up on a webhook after about a minute as well
        signal: AbortSignal.timeout(60_000),
      }).then(async (response) => (await response.arrayBuffer(), response.status), () => 0);
    },
    async kill() {
      ended = true;
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      ended = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(timer);
    },
    alive,
    crashed: () => !ended && !alive(),
    logTail,
  };
}
