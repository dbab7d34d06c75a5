import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ConfigError, type Config } from './config.js';

export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  return /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
}

/**
 * The key that seals authenticator secrets. A server database refuses to start without one (a key
 * lost with a container would lock every user out); the embedded database keeps a generated key
 * beside its data, readable by the owner only.
 */
export function resolveSecretKey(config: Config): { key: Buffer; notice?: string } {
  if (config.WALLET_SECRET_KEY) return { key: parseSecretKey(config.WALLET_SECRET_KEY) };
  if (config.DATABASE_URL === 'memory://') return { key: randomBytes(32) };
  if (config.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration (see .env.example):\n  WALLET_SECRET_KEY: required with a PostgreSQL server (openssl rand -hex 32)',
    );
  }
  const file = join(config.DATA_DIR, 'secret.key');
  if (existsSync(file)) return { key: parseSecretKey(readFileSync(file, 'utf8')) };
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return { key, notice: `Generated WALLET_SECRET_KEY into ${file} (mode 0600); back it up with the data.` };
}
