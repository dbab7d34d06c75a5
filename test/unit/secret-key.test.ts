import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/config.js';
import { resolveSecretKey } from '../../bot/secret-key.js';

describe('the wallet secret key', () => {
  it('is required with a PostgreSQL server', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1/x' });
    expect(() => resolveSecretKey(config)).toThrow(ConfigError);
    expect(() => resolveSecretKey(config)).toThrow('WALLET_SECRET_KEY: required with a PostgreSQL server');
  });

  it('is taken from WALLET_SECRET_KEY as hex or base64', () => {
    const hex = 'ab'.repeat(32);
    expect(resolveSecretKey(loadConfig({ WALLET_SECRET_KEY: hex })).key.toString('hex')).toBe(hex);
    const base64 = Buffer.alloc(32, 7).toString('base64');
    expect(resolveSecretKey(loadConfig({ WALLET_SECRET_KEY: base64 })).key).toEqual(Buffer.alloc(32, 7));
    expect(() => loadConfig({ WALLET_SECRET_KEY: 'short' })).toThrow('WALLET_SECRET_KEY: expected 32 bytes');
  });

  it('is generated beside the embedded database, owner-readable only, and reused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'okpay-key-'));
    const first = resolveSecretKey(loadConfig({ DATA_DIR: dir }));
    expect(first.notice).toContain('Generated WALLET_SECRET_KEY');
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'secret.key'), 'utf8').trim()).toBe(first.key.toString('hex'));
    const again = resolveSecretKey(loadConfig({ DATA_DIR: dir }));
    expect(again.key).toEqual(first.key);
    expect(again.notice).toBeUndefined();
  });

  it('is throw-away with a throw-away database', () => {
    expect(resolveSecretKey(loadConfig({ DATABASE_URL: 'memory://' })).key).toHaveLength(32);
  });
});
