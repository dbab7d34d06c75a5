import { execFileSync } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  body: string;
  signature: string;
  eventId: string;
  /** Whether the signature checked out by the independent check (openssl, not the sender's code). */
  verified: boolean;
}

/**
 * `OKPay-Signature` checked the way a merchant in another language would: `openssl dgst` computes
 * the HMAC of `t + "." + body` with the secret, and the timestamp must be within 5 minutes of `now`.
 */
export function opensslVerifies(secret: string, body: string, header: string, now: Date): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  const [, t, v1] = match;
  if (Math.abs(now.getTime() / 1000 - Number(t)) > 300) return false;
  const out = execFileSync('openssl', ['dgst', '-sha256', '-hmac', secret, '-hex'], { input: `${t}.${body}` }).toString();
  return out.trim().split(/\s+/).at(-1) === v1;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A merchant's endpoint on loopback: answers each request with the next status of `statuses` (then the last), records what came. */
export async function webhookReceiver(options: { secret: () => string; now: () => Date; statuses?: number[]; delayMs?: number; log?: string[] }) {
  const received: Received[] = [];
  let answered = 0;
  const server: Server = createServer(async (request, response) => {
    const body = await readBody(request);
    const signature = String(request.headers['okpay-signature'] ?? '');
    const eventId = (JSON.parse(body) as { id: string }).id;
    received.push({ body, signature, eventId, verified: opensslVerifies(options.secret(), body, signature, options.now()) });
    const statuses = options.statuses ?? [200];
    const status = statuses[Math.min(answered, statuses.length - 1)]!;
    answered += 1;
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    response.writeHead(status).end();
    options.log?.push(eventId);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/okpay`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
