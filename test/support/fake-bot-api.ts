import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Bot API call the fake received, and whether its answer has gone out. */
export interface BotApiCall {
  method: string;
  body: Record<string, unknown>;
  answered: boolean;
}

export interface FakeBotApi {
  /** For TELEGRAM_API_ROOT: `http://127.0.0.1:PORT`. */
  root: string;
  calls: BotApiCall[];
  /** The first call of `method` received from now on. */
  next(method: string): Promise<BotApiCall>;
  /** Answers to `method` wait until `release` is called (a slow Bot API); later calls go through at once. */
  hold(method: string): { release(): void };
  /** Hands an update to the bot's next getUpdates (long polling), which waits for one as Telegram does. */
  pushUpdate(update: Record<string, unknown>): void;
  close(): Promise<void>;
}

const BOT_INFO = {
  id: 42, is_bot: true, first_name: 'OKPay', username: 'OKPayBot', can_join_groups: true,
  can_read_all_group_messages: false, supports_inline_queries: true, can_connect_to_business: false,
  has_main_web_app: false,
};

async function jsonOf(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text && request.headers['content-type']?.includes('json') ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function resultOf(call: BotApiCall, messageId: number, updates: Record<string, unknown>[]): unknown {
  if (call.method === 'getMe') return BOT_INFO;
  if (call.method === 'getUpdates') return updates.filter((u) => Number(u.update_id) >= Number(call.body.offset ?? 0));
  if (call.method.startsWith('send')) return { message_id: messageId, date: 0, chat: { id: Number(call.body.chat_id), type: 'private' } };
  return true;
}

/**
 * A Bot API on loopback for a bot running in another process (where nock cannot reach): every
 * method answers `{ ok: true, result }` — getMe the bot, send* a message, getUpdates the pushed
 * updates, the rest `true` — and a test can make a method slow to see what the bot does with a
 * call still open.
 */
export async function startFakeBotApi(): Promise<FakeBotApi> {
  const calls: BotApiCall[] = [];
  const waiting: { method: string; resolve(call: BotApiCall): void }[] = [];
  const held = new Map<string, Promise<void>>();
  const updates: Record<string, unknown>[] = [];
  let pushed!: () => void;
  let updatePushed = new Promise<void>((resolve) => (pushed = resolve));
  let messageId = 100;
  const server = createServer((request, response) => {
    void (async () => {
      const method = (request.url ?? '').split('/').pop() ?? '';
      const call: BotApiCall = { method, body: await jsonOf(request), answered: false };
      calls.push(call);
      for (const waiter of waiting.filter((w) => w.method === method)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve(call);
      }
      await held.get(method);
      // a long poll with nothing new waits for the next update (or for the bot to hang up)
      if (method === 'getUpdates' && !updates.some((u) => Number(u.update_id) >= Number(call.body.offset ?? 0))) await updatePushed;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: true, result: resultOf(call, ++messageId, updates) }), () => (call.answered = true));
    })();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    root: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    next: (method) => new Promise((resolve) => waiting.push({ method, resolve })),
    hold(method) {
      let release!: () => void;
      held.set(method, new Promise((resolve) => (release = resolve)));
      return {
        release() {
          held.delete(method);
          release();
        },
      };
    },
    pushUpdate(update) {
      updates.push(update);
      pushed();
      updatePushed = new Promise<void>((resolve) => (pushed = resolve));
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
