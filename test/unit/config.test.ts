import { describe, expect, it } from 'vitest';
import { ConfigError, describeDatabase, loadConfig } from '../../bot/config.js';

describe('loadConfig', () => {
  it('defaults to the embedded database in ./data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ DATA_DIR: './data', DATABASE_POOL_SIZE: 10 });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(describeDatabase(config)).toBe('embedded database in ./data');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', DATA_DIR: '' }).DATA_DIR).toBe('./data');
  });

  it('accepts memory:// and postgres URLs without echoing credentials', () => {
    expect(describeDatabase(loadConfig({ DATABASE_URL: 'memory://' }))).toBe('throw-away in-memory database');
    const server = loadConfig({ DATABASE_URL: 'postgres://okpay:s3cret@db.local:6543/wallet', DATABASE_POOL_SIZE: '4' });
    expect(server.DATABASE_POOL_SIZE).toBe(4);
    expect(describeDatabase(server)).toBe('PostgreSQL server db.local:6543/wallet');
  });

  it.each([
    [{ DATABASE_URL: 'mysql://root@localhost/x' }, 'DATABASE_URL: expected memory:// or a postgres://'],
    [{ DATABASE_POOL_SIZE: 'many' }, 'DATABASE_POOL_SIZE: expected a whole number from 1 to 100'],
    [{ DATABASE_POOL_SIZE: '0' }, 'DATABASE_POOL_SIZE: expected a whole number from 1 to 100'],
    [{ DATABASE_POOL_SIZE: '2.5' }, 'DATABASE_POOL_SIZE: expected a whole number from 1 to 100'],
    [{ LEASE_SECONDS: '0' }, 'LEASE_SECONDS: expected a whole number of seconds from 1 to 600'],
    [{ LEASE_SECONDS: '601' }, 'LEASE_SECONDS: expected a whole number of seconds from 1 to 600'],
    [{ DISCORD_BOT_TOKEN: 'x'.repeat(60) }, 'DISCORD_APPLICATION_ID: required with DISCORD_BOT_TOKEN'],
    [{ DISCORD_APPLICATION_ID: '1300000000000000001' }, 'DISCORD_BOT_TOKEN: required with DISCORD_APPLICATION_ID'],
    [{ DISCORD_APPLICATION_ID: 'okpay' }, 'DISCORD_APPLICATION_ID: expected a Discord id'],
    [{ DISCORD_PUBLIC_KEY: 'abc' }, 'DISCORD_PUBLIC_KEY: expected the 64 hex characters'],
  ])('stops on %o naming the variable and what is expected', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never prints the rejected value', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root:hunter2@x/y' })).not.toThrow(/hunter2/);
  });
});
