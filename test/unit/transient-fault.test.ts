import { describe, expect, it } from 'vitest';
import { isLostDatabaseConnection, retryingLostConnection, retryingLostConnections } from '../../bot/delivery/transient-fault.js';

const driverError = (code: string) => Object.assign(new Error(`write ${code}`), { code });
/** How drizzle hands a driver's error over: wrapped, with the driver's as the cause. */
const wrapped = (cause: Error) => Object.assign(new Error('Failed query: select 1'), { cause });

describe('a lost database connection', () => {
  it('is told from faults about the update itself, also when wrapped', () => {
    for (const code of ['CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'ECONNREFUSED', '57P01', '57P03', '08006']) {
      expect(isLostDatabaseConnection(driverError(code))).toBe(true);
      expect(isLostDatabaseConnection(wrapped(driverError(code)))).toBe(true);
    }
    // a broken constraint, a deadlock handled elsewhere, a platform's refusal, no code at all
    for (const error of [driverError('23505'), driverError('40P01'), Object.assign(new Error('Forbidden'), { error_code: 403 }), new Error('boom'), undefined]) {
      expect(isLostDatabaseConnection(error)).toBe(false);
    }
  });

  it('runs the step again after a pause, and gives up after the last one', async () => {
    let runs = 0;
    const flaky = async () => (++runs < 3 ? Promise.reject(driverError('CONNECTION_CLOSED')) : 'done');
    expect(await retryingLostConnection(flaky, [1, 1, 1])).toBe('done');
    expect(runs).toBe(3);

    runs = 0;
    await expect(retryingLostConnection(async () => (runs++, Promise.reject(driverError('57P01'))), [1, 1])).rejects.toMatchObject({ code: '57P01' });
    expect(runs).toBe(3);
  });

  it('does not run a step again for any other fault', async () => {
    let runs = 0;
    await expect(retryingLostConnection(async () => (runs++, Promise.reject(driverError('23505'))), [1, 1])).rejects.toMatchObject({ code: '23505' });
    expect(runs).toBe(1);
  });
});

describe('a port whose calls wait out a lost connection', () => {
  it('runs a failed call again, leaves synchronous ones synchronous, and never retries a platform call', async () => {
    let reads = 0;
    const port = {
      now: () => 42,
      read: async () => (++reads === 1 ? Promise.reject(driverError('CONNECTION_CLOSED')) : 'row'),
      // Discord's REST client: fetch failed, caused by the socket
      post: async () => Promise.reject(new TypeError('fetch failed', { cause: driverError('ECONNRESET') })),
    };
    const retrying = retryingLostConnections(port);
    expect(retrying.now()).toBe(42);
    expect(await retrying.read()).toBe('row');
    expect(reads).toBe(2);
    expect(isLostDatabaseConnection(new TypeError('fetch failed', { cause: driverError('ECONNRESET') }))).toBe(false);
    await expect(retrying.post()).rejects.toThrow('fetch failed');
  });
});
