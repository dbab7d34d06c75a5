import { GrammyError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { runUpdate } from '../../bot/delivery/update-boundary.js';
import type { Reply } from '../../bot/replies/reply.js';
import { manualClock } from '../support/manual-clock.js';
import { capturedLogger, memoryStore } from './fake-delivery.js';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

/** What one process brings to the boundary: the shared store, its own lease owner, the wallet's clock. */
function processOn(store: ReturnType<typeof memoryStore>, owner: string, clock = manualClock(), ms = 30_000) {
  return { store, logger: capturedLogger().logger, leases: { owner, ms }, now: clock.now };
}

describe('the update boundary', () => {
  it('claims before the work, delivers, and answers a redelivery as a duplicate', async () => {
    const store = memoryStore();
    const steps: string[] = [];
    const run = () =>
      runUpdate(
        processOn(store, 'p1'),
        { platform: 'telegram', id: 'msg:1:2', claim: true },
        {
          work: async () => (steps.push(`work claimed=${store.handled.has('telegram:msg:1:2')}`), 'answer'),
          deliver: async (answer) => void steps.push(`deliver ${answer}`),
          duplicate: async () => void steps.push('duplicate'),
          apologize: async () => void steps.push('apologize'),
        },
      );
    expect(await run()).toBeUndefined();
    await run();
    expect(steps).toEqual(['work claimed=true', 'deliver answer', 'duplicate']);
  });

  it('on a fault gives the claim back, logs evidence without secrets, and apologizes with the same id', async () => {
    const store = memoryStore();
    const log = capturedLogger();
    const apologies: Reply[] = [];
    const failure = new GrammyError(
      `Call to 'sendMessage' failed! (403: Forbidden: bot was blocked by the user) https://api.telegram.org/bot${TOKEN}/sendMessage`,
      { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
      'sendMessage',
      { chat_id: 1, text: 'Your code is 123456, recovery ABCD-EFGH-JKLM' },
    );
    const id = await runUpdate(
      { ...processOn(store, 'p1'), logger: log.logger },
      { platform: 'telegram', id: 'cb:9', claim: true },
      {
        work: async () => 'x',
        deliver: async () => Promise.reject(failure),
        apologize: async (fault) => void apologies.push(fault),
      },
    );
    expect(id).toMatch(/^[0-9a-f]{8}$/);
    expect(store.handled.has('telegram:cb:9')).toBe(false);
    expect(apologies).toEqual([{ to: { kind: 'here' }, lines: [{ key: 'fault', params: { id } }] }]);
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatchObject({ level: 50, correlationId: id, platform: 'telegram', update: 'cb:9', call: 'sendMessage', status: 403, error: 'GrammyError' });
    expect(log.raw()).not.toContain(TOKEN);
    expect(log.raw()).not.toContain('123456,');
    expect(log.raw()).not.toContain('ABCD-EFGH-JKLM');
  });

  it('redacts Discord interaction tokens from the failing route', async () => {
    const log = capturedLogger();
    const failure = Object.assign(new Error('Unknown Webhook'), { name: 'DiscordAPIError[10015]', method: 'POST', url: 'https://discord.com/api/v10/webhooks/1100/aW50ZXJhY3Rpb246c2VjcmV0?wait=true', status: 404, code: 10015 });
    await runUpdate({ ...processOn(memoryStore(), 'p1'), logger: log.logger }, { platform: 'discord', id: 'ix:1', claim: false }, { work: async () => Promise.reject(failure), deliver: async () => {}, apologize: async () => {} });
    expect(log.lines[0]).toMatchObject({ call: 'POST /api/v10/webhooks/1100/<token>', status: 404, code: 10015 });
    expect(log.raw()).not.toContain('aW50ZXJhY3Rpb246c2VjcmV0');
  });

  it('takes over an update whose process died once its lease ran out by the wallet clock, and not before', async () => {
    const store = memoryStore();
    const clock = manualClock();
    // the process that died left its claim, live until 1 s from now
    await store.claimUpdate('telegram', 'msg:1:3', { owner: 'dead', now: clock.now(), leaseMs: 1_000 });
    const steps: string[] = [];
    const redelivery = runUpdate(processOn(store, 'p2', clock, 1_000), { platform: 'telegram', id: 'msg:1:3', claim: true }, {
      work: async () => (steps.push('work'), 'receipt'),
      deliver: async (answer) => void steps.push(`deliver ${answer}`),
      duplicate: async () => void steps.push('duplicate'),
      apologize: async () => void steps.push('apologize'),
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(steps).toEqual([]);
    clock.advance(1_000);
    await redelivery;
    expect(steps).toEqual(['work', 'deliver receipt']);
    expect(store.handled.get('telegram:msg:1:3')).toEqual({ owner: expect.stringMatching(/^p2\//), until: null });
  });

  it('lets a second process delivered the same update wait for the first, then count it a duplicate', async () => {
    const store = memoryStore();
    const clock = manualClock();
    const steps: string[] = [];
    let finishWork!: () => void;
    const first = runUpdate(processOn(store, 'p1', clock, 1_000), { platform: 'telegram', id: 'cb:4', claim: true }, {
      work: () => new Promise<string>((resolve) => (finishWork = () => resolve('first'))),
      deliver: async (answer) => void steps.push(`deliver ${answer}`),
      apologize: async () => void steps.push('apologize'),
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = runUpdate(processOn(store, 'p2', clock, 1_000), { platform: 'telegram', id: 'cb:4', claim: true }, {
      work: async () => (steps.push('work again'), 'second'),
      deliver: async (answer) => void steps.push(`deliver ${answer}`),
      duplicate: async () => void steps.push('duplicate'),
      apologize: async () => void steps.push('apologize'),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(steps).toEqual([]);
    finishWork();
    await Promise.all([first, second]);
    expect(steps).toEqual(['deliver first', 'duplicate']);
  });

  it('renews the lease of slow but live work, so another process does not take it over', async () => {
    const store = memoryStore();
    // a real clock here: the renewal is the process's own timer
    const realClock = { now: () => new Date() } as ReturnType<typeof manualClock>;
    const steps: string[] = [];
    const slow = runUpdate(processOn(store, 'p1', realClock, 900), { platform: 'telegram', id: 'cb:5', claim: true }, {
      work: () => new Promise<string>((resolve) => setTimeout(() => resolve('slow'), 2_500)),
      deliver: async (answer) => void steps.push(`deliver ${answer}`),
      apologize: async () => void steps.push('apologize'),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const redelivery = runUpdate(processOn(store, 'p2', realClock, 900), { platform: 'telegram', id: 'cb:5', claim: true }, {
      work: async () => (steps.push('taken over'), 'again'),
      deliver: async (answer) => void steps.push(`deliver ${answer}`),
      duplicate: async () => void steps.push('duplicate'),
      apologize: async () => void steps.push('apologize'),
    });
    await Promise.all([slow, redelivery]);
    // the redelivery gives up waiting on the live holder (a duplicate) and never works it again
    expect([...steps].sort()).toEqual(['deliver slow', 'duplicate']);
  });

  it('works an update again when its database connection was lost, instead of apologizing', async () => {
    const store = memoryStore();
    const steps: string[] = [];
    let tries = 0;
    await runUpdate(processOn(store, 'p1'), { platform: 'telegram', id: 'msg:1:6', claim: true }, {
      async work() {
        tries += 1;
        if (tries === 1) throw Object.assign(new Error('Failed query'), { cause: Object.assign(new Error('write CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' }) });
        return 'receipt';
      },
      deliver: async (answer) => void steps.push(`deliver ${answer}`),
      apologize: async () => void steps.push('apologize'),
    });
    expect(tries).toBe(2);
    expect(steps).toEqual(['deliver receipt']);
    expect(store.handled.get('telegram:msg:1:6')?.until).toBeNull();
  });

  it('leaves the answer to the process that took the update over while this one stalled', async () => {
    const store = memoryStore();
    const realClock = { now: () => new Date() } as ReturnType<typeof manualClock>;
    const log = capturedLogger();
    const steps: string[] = [];
    await runUpdate({ ...processOn(store, 'p1', realClock, 300), logger: log.logger }, { platform: 'telegram', id: 'cb:7', claim: true }, {
      async work() {
        // meanwhile another process took the update over (this one missed its renewals)
        store.handled.set('telegram:cb:7', { owner: 'p2/1', until: new Date(Date.now() + 60_000) });
        await new Promise((resolve) => setTimeout(resolve, 250));
        return 'late';
      },
      deliver: async (answer) => void steps.push(`deliver ${answer}`),
      apologize: async () => void steps.push('apologize'),
    });
    expect(steps).toEqual([]);
    expect(log.lines[0]).toMatchObject({ level: 40, update: 'cb:7', msg: 'update taken over by another process, its answer left to it' });
  });

  it('stops waiting for a holder that keeps its lease alive longer than a lease: that live process answers', async () => {
    const store = memoryStore();
    const clock = manualClock();
    // a live holder: its lease stays ahead of the clock however long this waits
    await store.claimUpdate('telegram', 'cb:8', { owner: 'live', now: clock.now(), leaseMs: 3_600_000 });
    const steps: string[] = [];
    await runUpdate(processOn(store, 'p2', clock, 200), { platform: 'telegram', id: 'cb:8', claim: true }, {
      work: async () => (steps.push('work'), 'x'),
      deliver: async () => void steps.push('deliver'),
      duplicate: async () => void steps.push('duplicate'),
      apologize: async () => void steps.push('apologize'),
    });
    expect(steps).toEqual(['duplicate']);
  });
});

