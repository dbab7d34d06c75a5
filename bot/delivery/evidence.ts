/**
 * What a log line may say about a failure: which platform call, which status and code, and the
 * message — never the payload sent (texts, codes, files) nor a token. Read from the shapes the
 * platform libraries throw (grammY's `method` / `error_code` / `description`, discord.js's
 * `method` / `url` / `status` / `code`, a database error's `code`), without importing them.
 */
export interface Evidence {
  error: string;
  message: string;
  call?: string;
  status?: number;
  code?: string | number;
  stack?: string;
}

const SECRETS: [RegExp, string][] = [
  // a Telegram bot token, in a Bot API or file URL
  [/\d{5,}:[A-Za-z0-9_-]{30,}/g, '<token>'],
  // a Discord interaction token, in a callback or webhook route
  [/(\/interactions\/\d+|\/webhooks\/\d+)\/[^/\s?'"]+/g, '$1/<token>'],
  // an authenticator secret in an otpauth URI
  [/secret=[A-Z2-7]+/gi, 'secret=<secret>'],
];

export function redact(text: string): string {
  return SECRETS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

type Shaped = Error & { method?: unknown; url?: unknown; error_code?: unknown; status?: unknown; code?: unknown; description?: unknown };

export function evidenceOf(error: unknown): Evidence {
  if (!(error instanceof Error)) return { error: typeof error, message: redact(String(error)) };
  const e = error as Shaped;
  const method = typeof e.method === 'string' ? e.method : undefined;
  const url = typeof e.url === 'string' ? redact(new URL(e.url, 'https://x').pathname) : undefined;
  const status = typeof e.error_code === 'number' ? e.error_code : typeof e.status === 'number' ? e.status : undefined;
  const code = typeof e.code === 'string' || typeof e.code === 'number' ? e.code : undefined;
  return {
    error: e.name,
    message: redact(typeof e.description === 'string' ? e.description : e.message),
    ...(method ? { call: url ? `${method} ${url}` : method } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(code !== undefined ? { code } : {}),
    ...(e.stack ? { stack: redact(e.stack) } : {}),
  };
}
