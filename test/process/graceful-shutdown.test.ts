import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../support/fake-bot-api.js';

const root = new URL('../../', import.meta.url).pathname;
const SECRET = 'shutdown-test-secret';

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}

type Mode = 'webhook' | 'long polling';

interface Bot {
  mode: Mode;
  child: ChildProcess;
  port: number;
  /** Everything the bot wrote to stderr so far (its JSON log lines among it). */
  log(): string;
  /** Resolves once the log contains `text`. */
  logged(text: string): Promise<void>;
  exit: Promise<number | null>;
}

/** `npm start` as a Telegram bot against the fake Bot API, on a throw-away database. */
async function startBot(api: FakeBotApi, mode: Mode): Promise<Bot> {
  const port = await freePort();
  // the last step of each start-up
  const started = api.next(mode === 'webhook' ? 'setWebhook' : 'getUpdates');
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      TELEGRAM_BOT_TOKEN: '123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      TELEGRAM_API_ROOT: api.root,
      ...(mode === 'webhook' ? { TELEGRAM_WEBHOOK_URL: 'https://example.invalid/telegram/webhook', TELEGRAM_WEBHOOK_SECRET: SECRET } : {}),
      PORT: String(port),
      // a server database would need one of its own per run; the shutdown is the same on both
      DATABASE_URL: 'memory://',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const listeners: (() => void)[] = [];
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    for (const listener of [...listeners]) listener();
  });
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  await Promise.race([started, exit.then(() => Promise.reject(new Error(`the bot exited during start-up:\n${stderr}`)))]);
  return {
    mode,
    child,
    port,
    log: () => stderr,
    logged: (text) =>
      new Promise((resolve) => {
        const check = () => stderr.includes(text) && (listeners.splice(listeners.indexOf(check), 1), resolve());
        listeners.push(check);
        check();
      }),
    exit,
  };
}

/** Sends `text` from alice in her direct chat, the way the bot's mode receives it; in webhook mode, the webhook's HTTP status. */
async function sendUpdate(api: FakeBotApi, bot: Bot, updateId: number, text: string): Promise<number | undefined> {
  const alice = { id: 7001, is_bot: false, first_name: 'alice', username: 'alice', language_code: 'en' };
  const update = {
    update_id: updateId,
    message: { message_id: updateId, date: 1_790_000_000, chat: { id: alice.id, type: 'private', first_name: 'alice' }, from: alice, text, entities: [{ type: 'bot_command', offset: 0, length: text.length }] },
  };
  if (bot.mode === 'long polling') return void api.pushUpdate(update);
  const response = await fetch(`http://127.0.0.1:${bot.port}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify(update),
  });
  return response.status;
}

describe.each<Mode>(['webhook', 'long polling'])('npm start stopped by SIGTERM (Telegram %s mode, a child process)', (mode) => {
  let api: FakeBotApi;
  let bot: Bot | undefined;

  beforeEach(async () => {
    api = await startFakeBotApi();
  });
  afterEach(async () => {
    if (bot?.child.exitCode === null) bot.child.kill('SIGKILL');
    await bot?.exit;
    await api.close();
  });

  it('finishes the update in flight, sends its answer and exits 0', async () => {
    bot = await startBot(api, mode);
    const slowSend = api.hold('sendMessage');
    const answering = api.next('sendMessage');
    const delivered = sendUpdate(api, bot, 1, '/help');
    const answer = await answering;
    const signalled = Date.now();
    bot.child.kill('SIGTERM');
    await bot.logged('shutting down');
    slowSend.release();
    const code = await bot.exit;
    console.log(`${mode}: SIGTERM to exit with one update in flight took ${Date.now() - signalled} ms`);
    expect(code, bot.log()).toBe(0);
    // the shutdown found the update counted where it entered, and waited for it
    const shuttingDown = bot.log().split('\n').find((line) => line.includes('shutting down'))!;
    expect(JSON.parse(shuttingDown)).toMatchObject({ signal: 'SIGTERM', inFlight: 1 });
    expect(answer.answered).toBe(true);
    expect(String(answer.body.text)).toContain('OKPay — your wallet in chat.');
    if (mode === 'webhook') expect(await delivered).toBe(200);
    // the budget (10 s) exits 1, so 0 also says it ended within it
    expect(bot.log()).not.toContain('longer than its budget');
  });

  it('exits at once, non-zero, on a second SIGTERM while an update is still in flight', async () => {
    bot = await startBot(api, mode);
    const slowSend = api.hold('sendMessage');
    const answering = api.next('sendMessage');
    const delivered = sendUpdate(api, bot, 2, '/help').catch(() => undefined);
    const answer = await answering;
    bot.child.kill('SIGTERM');
    await bot.logged('shutting down');
    bot.child.kill('SIGTERM');
    const code = await bot.exit;
    expect(code).toBe(143);
    expect(answer.answered).toBe(false);
    expect(bot.log()).toContain('second signal');
    slowSend.release();
    await delivered;
  });
});
