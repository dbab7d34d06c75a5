import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Bot API call the fake received, and whether its answer has gone out. */
export interface BotApiCall {
  method: string;
  /** The JSON body; `{}` for a multipart one (photos, files), whose chat and text are still read below. */
  body: Record<string, unknown>;
  chatId: string;
  text: string;
  /** Real time of arrival, ms: a message counts as sent once Telegram has it, whatever happens to the sender after. */
  at: number;
  answered: boolean;
}

export interface FakeBotApi {
  /** For TELEGRAM_API_ROOT: `http://127.0.0.1:PORT`. */
  root: string;
  calls: BotApiCall[];
  /**
   * Calls on their way (see `setSlowness`): not at Telegram yet, so not sent. A sender killed
   * meanwhile closes its connection, and the call never arrives.
   */
  inFlight: Pick<BotApiCall, 'method' | 'chatId' | 'text'>[];
  /**
   * Makes every call take this long to reach Telegram, so replies are still on their way when
   * their sender is killed. A call is recorded (sent) when it arrives, and answered at once.
   */
  setSlowness(ms: number): void;
  /** The first call of `method` received from now on. */
  next(method: string): Promise<BotApiCall>;
  /** Answers to `method` wait until `release` is called (a slow answer to a call that did arrive); later calls go through at once. */
  hold(method: string): { release(): void };
  /** Hands an update to the bot's next getUpdates (long polling), which waits for one as Telegram does. */
  pushUpdate(update: Record<string, unknown>): void;
  close(): Promise<void>;
}

const BOT_INFO = {
  id: 42, is_bot: true, first_name: 'OKPay', username: 'OKPayBot', can_join_groups: true,
  can_read_all_group_messages: false, supports_inline_queries: true, can_connect_to_business: false,
  has_main_web_app: false, has_topics_enabled: false, allows_users_to_create_topics: false,
  can_manage_bots: false, supports_join_request_queries: false,
};

async function textOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The body, and the chat and text the figures need, from a JSON body or a multipart one. */
function readBody(raw: string): Pick<BotApiCall, 'body' | 'chatId' | 'text'> {
  try {
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    return { body, chatId: String(body.chat_id ?? ''), text: String(body.text ?? body.caption ?? '') };
  } catch {
    const field = (name: string) => new RegExp(`name="${name}"\\r\\n\\r\\n([\\s\\S]*?)\\r\\n--`).exec(raw)?.[1] ?? '';
    return { body: {}, chatId: field('chat_id'), text: field('text') || field('caption') };
  }
}

function resultOf(call: BotApiCall, messageId: number, updates: Record<string, unknown>[]): unknown {
  if (call.method === 'getMe') return BOT_INFO;
  if (call.method === 'getWebhookInfo') return { url: '', has_custom_certificate: false, pending_update_count: 0 };
  if (call.method === 'getUpdates') return updates.filter((u) => Number(u.update_id) >= Number(call.body.offset ?? 0));
  if (call.method.startsWith('send') || call.method.startsWith('editMessage')) {
    return { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(call.chatId) || 0, type: 'private' }, text: '' };
  }
  return true;
}

/**
 * A Bot API on loopback for bots running in other processes (where nock cannot reach): every
 * method answers `{ ok: true, result }` — getMe the bot, send* a message, getUpdates the pushed
 * updates, the rest `true` — and every call is recorded, so each message a user got can be
 * attributed to the process that sent it (one fake per process). A test can make calls slow on
 * their way (`setSlowness`) or hold the answer of one that arrived (`hold`).
 */
export async function startFakeBotApi(): Promise<FakeBotApi> {
  const calls: BotApiCall[] = [];
  const inFlight: FakeBotApi['inFlight'] = [];
  const waiting: { method: string; resolve(call: BotApiCall): void }[] = [];
  const held = new Map<string, Promise<void>>();
  const updates: Record<string, unknown>[] = [];
  let pushed!: () => void;
  let updatePushed = new Promise<void>((resolve) => (pushed = resolve));
  let slowness = 0;
  let messageId = 100;
  const server = createServer((request, response) => {
    void (async () => {
      const method = (request.url ?? '').split('/').pop() ?? '';
      const read = readBody(await textOf(request));
      if (slowness) {
        const travelling = { method, chatId: read.chatId, text: read.text };
        inFlight.push(travelling);
        await new Promise((resolve) => setTimeout(resolve, slowness));
        inFlight.splice(inFlight.indexOf(travelling), 1);
        // the sender died on the way: the message never reached Telegram
        if (request.socket.destroyed) return;
      }
      const call: BotApiCall = { method, ...read, at: Date.now(), answered: false };
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
    inFlight,
    setSlowness: (ms) => (slowness = ms),
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
