import { GrammyError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { runUpdate } from '../../bot/delivery/update-boundary.js';
import type { Reply } from '../../bot/replies/reply.js';
import { capturedLogger, memoryStore } from './fake-delivery.js';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

describe('the update boundary', () => {
  it('claims before the work, delivers, and answers a redelivery as a duplicate', async () => {
    const store = memoryStore();
    const steps: string[] = [];
    const run = () =>
      runUpdate(
        { store, logger: capturedLogger().logger },
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
      { store, logger: log.logger },
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
    await runUpdate({ store: memoryStore(), logger: log.logger }, { platform: 'discord', id: 'ix:1', claim: false }, { work: async () => Promise.reject(failure), deliver: async () => {}, apologize: async () => {} });
    expect(log.lines[0]).toMatchObject({ call: 'POST /api/v10/webhooks/1100/<token>', status: 404, code: 10015 });
    expect(log.raw()).not.toContain('aW50ZXJhY3Rpb246c2VjcmV0');
  });
});
