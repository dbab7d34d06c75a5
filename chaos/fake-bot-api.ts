import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Bot API call an app process made, as the fake received it. */
export interface BotApiCall {
  method: string;
  chatId: string;
  text: string;
  /** Real time of arrival, ms: a message counts as sent once Telegram has it, whatever happens to the sender after. */
  at: number;
}

export interface FakeBotApi {
  /** `http://127.0.0.1:PORT`, for TELEGRAM_API_ROOT. */
  root: string;
  calls: BotApiCall[];
  /**
   * Calls on their way (the slowness below): not at Telegram yet, so not sent. A sender killed
   * meanwhile closes its connection, and the call never arrives.
   */
  inFlight: Omit<BotApiCall, 'at'>[];
  /**
   * Makes every call take this long to reach Telegram, so replies are still on their way when
   * their sender is killed. A call is recorded (sent) when it arrives, and answered at once.
   */
  setSlowness(ms: number): void;
  close(): Promise<void>;
}

const botInfo = {
  id: 42, is_bot: true, first_name: 'OKPay', username: 'OKPayBot', can_join_groups: true,
  can_read_all_group_messages: false, supports_inline_queries: true, can_connect_to_business: false,
  has_main_web_app: false, has_topics_enabled: false, allows_users_to_create_topics: false,
  can_manage_bots: false, supports_join_request_queries: false,
};

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The fields the figures need, from a JSON body or (photos, files) a multipart one. */
function fieldsOf(body: string): { chatId: string; text: string } {
  try {
    const json = JSON.parse(body) as Record<string, unknown>;
    return { chatId: String(json.chat_id ?? ''), text: String(json.text ?? json.caption ?? '') };
  } catch {
    const field = (name: string) => new RegExp(`name="${name}"\\r\\n\\r\\n([\\s\\S]*?)\\r\\n--`).exec(body)?.[1] ?? '';
    return { chatId: field('chat_id'), text: field('text') || field('caption') };
  }
}

function resultFor(method: string, chatId: string, messageId: number): unknown {
  if (method === 'getMe') return botInfo;
  if (method === 'getWebhookInfo') return { url: '', has_custom_certificate: false, pending_update_count: 0 };
  if (method.startsWith('send') || method === 'editMessageText' || method === 'editMessageCaption') {
    return { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(chatId) || 0, type: 'private' }, text: '' };
  }
  return true;
}

/**
 * A loopback Bot API for one app process: every method answers `{ ok: true, result }` and every
 * call is recorded, so each message a user got can be attributed to the process that sent it.
 */
export async function startFakeBotApi(): Promise<FakeBotApi> {
  const calls: BotApiCall[] = [];
  const inFlight: Omit<BotApiCall, 'at'>[] = [];
  let slowness = 0;
  let messageId = 1000;
  const server: Server = createServer((request, response) => {
    void (async () => {
      const method = (request.url ?? '').split('/').pop() ?? '';
      const body = await bodyOf(request);
      const { chatId, text } = fieldsOf(body);
      if (slowness) {
        const travelling = { method, chatId, text };
        inFlight.push(travelling);
        await new Promise((resolve) => setTimeout(resolve, slowness));
        inFlight.splice(inFlight.indexOf(travelling), 1);
        // the sender died on the way: the message never reached Telegram
        if (request.socket.destroyed) return;
      }
      calls.push({ method, chatId, text, at: Date.now() });
      messageId += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: true, result: resultFor(method, chatId, messageId) }));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    root: `http://127.0.0.1:${port}`,
    calls,
    inFlight,
    setSlowness: (ms) => (slowness = ms),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
