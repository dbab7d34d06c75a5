import { z } from 'zod';

const databaseUrl = z
  .string()
  .refine((value) => value === 'memory://' || /^postgres(ql)?:\/\/./.test(value), {
    message: 'expected memory:// or a postgres://user@host:port/database URL',
  });

const secretKey = z
  .string()
  .refine((value) => /^[0-9a-fA-F]{64}$/.test(value) || Buffer.from(value, 'base64').length === 32, {
    message: 'expected 32 bytes as 64 hex characters or base64 (openssl rand -hex 32)',
  });

const adminIds = z
  .string()
  .refine((value) => value.split(',').every((id) => /^(telegram|discord|console):[^\s:,]+$/.test(id.trim())), {
    message: 'expected a comma-separated list like console:ops,telegram:12345',
  });

const limits = z.string().refine(
  (value) => {
    try {
      const parsed = JSON.parse(value) as Record<string, unknown>;
      return Object.entries(parsed).every(
        ([currency, tiers]) =>
          /^[A-Z]{3}$/.test(currency) &&
          Array.isArray(tiers) &&
          tiers.length === 3 &&
          tiers.every((t) => Array.isArray(t) && t.length === 2 && t.every((n) => Number.isInteger(n) && n > 0)),
      );
    } catch {
      return false;
    }
  },
  { message: 'expected JSON like {"CNY": [[500, 2000], [5000, 20000], [50000, 200000]]} (major units per tier: per payment, per 24 h)' },
);

/** A whole number within bounds, with one message for every way of missing them. */
function wholeNumber(min: number, max: number, unit = '') {
  const message = `expected a whole number ${unit}from ${min} to ${max}`;
  return z.coerce.number({ message }).int({ message }).min(min, { message }).max(max, { message });
}

const httpsUrl = z.string().refine((value) => /^https?:\/\/[^\s]+$/.test(value), { message: 'expected an http(s) URL' });

const snowflake = z.string().regex(/^\d{17,20}$/, { message: 'expected a Discord id (17–20 digits)' });

const schema = z.object({
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[A-Za-z0-9_-]{20,}$/, { message: 'expected a BotFather token like 123456:ABC-DEF…' }).optional(),
  TELEGRAM_WEBHOOK_URL: httpsUrl.optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, { message: 'expected 16–256 characters of A-Z, a-z, 0-9, _ and -' })
    .optional(),
  TELEGRAM_API_ROOT: httpsUrl.default('https://api.telegram.org'),
  DISCORD_BOT_TOKEN: z.string().regex(/^[A-Za-z0-9._-]{50,}$/, { message: 'expected the bot token from the Developer Portal (Bot → Reset Token)' }).optional(),
  DISCORD_APPLICATION_ID: snowflake.optional(),
  DISCORD_PUBLIC_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, { message: 'expected the 64 hex characters of the application public key' }).optional(),
  DISCORD_GUILD_ID: snowflake.optional(),
  PORT: z.coerce.number({ message: 'expected a TCP port' }).int().min(1).max(65535, { message: 'expected a TCP port' }).default(8080),
  WALLET_SECRET_KEY: secretKey.optional(),
  ADMIN_IDS: adminIds.optional(),
  LIMITS: limits.optional(),
  DATABASE_URL: databaseUrl.optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_POOL_SIZE: wholeNumber(1, 100).default(10),
  LEASE_SECONDS: wholeNumber(1, 600, 'of seconds ').default(30),
  CLAIM_DAYS: wholeNumber(1, 90, 'of days ').default(7),
  PUBLIC_URL: httpsUrl.optional(),
  TELEGRAM_BOT_USERNAME: z.string().regex(/^[A-Za-z0-9_]{5,32}$/, { message: 'expected the bot username without @' }).optional(),
  API_RATE_LIMIT: wholeNumber(1, 100_000, 'of requests per minute ').default(100),
}).superRefine((config, issues) => {
  for (const name of ['DISCORD_BOT_TOKEN', 'DISCORD_APPLICATION_ID'] as const) {
    const other = name === 'DISCORD_BOT_TOKEN' ? 'DISCORD_APPLICATION_ID' : 'DISCORD_BOT_TOKEN';
    if (config[other] && !config[name]) issues.addIssue({ code: 'custom', path: [name], message: `required with ${other}` });
  }
  if (config.DISCORD_PUBLIC_KEY && !config.DISCORD_BOT_TOKEN) {
    issues.addIssue({ code: 'custom', path: ['DISCORD_BOT_TOKEN'], message: 'required with DISCORD_PUBLIC_KEY (replies and alerts use it)' });
  }
  if (config.TELEGRAM_WEBHOOK_URL && !config.TELEGRAM_BOT_TOKEN) {
    issues.addIssue({ code: 'custom', path: ['TELEGRAM_BOT_TOKEN'], message: 'required with TELEGRAM_WEBHOOK_URL' });
  }
  if (config.TELEGRAM_WEBHOOK_URL && !config.TELEGRAM_WEBHOOK_SECRET) {
    issues.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_SECRET'], message: 'required with TELEGRAM_WEBHOOK_URL' });
  }
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and validates the environment once at start-up. Empty variables count as unset. A bad
 * value stops the program with the variable's name and what was expected, never its value,
 * which may hold a password.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration (see .env.example):\n${lines.join('\n')}`);
}

/** Where the data lives, for the start-up line; credentials are never shown. */
export function describeDatabase(config: Config): string {
  if (!config.DATABASE_URL) return `embedded database in ${config.DATA_DIR}`;
  if (config.DATABASE_URL === 'memory://') return 'throw-away in-memory database';
  const url = new URL(config.DATABASE_URL);
  return `PostgreSQL server ${url.hostname}:${url.port || '5432'}${url.pathname}`;
}
