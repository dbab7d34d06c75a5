import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../bot/console/console-adapter.js';
import { installTelegramHandlers } from '../../bot/telegram/telegram-adapter.js';
import { ATTACHMENT_WAITS_MS } from '../../bot/verify-attachments.js';
import { createAdapterStore } from '../../db/adapter-store.js';
import { capturedLogger } from '../delivery/fake-delivery.js';
import { API, botInfo, fieldOf, interceptTelegram, person, textUpdate, TOKEN } from '../support/telegram-fixtures.js';
import { manualClock, openTestWallet, type TestWallet } from '../support/test-database.js';

/**
 * A file sent for `/verify` waits in the database, not in the adapter: a restart (a new adapter
 * on the same database) between the file and the command loses nothing, and `/verify` uses it once.
 */
let t: TestWallet;
const clock = manualClock();

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(async () => {
  t = await openTestWallet({ clock });
});
afterEach(async () => {
  nock.cleanAll();
  await t.close();
});

describe('attachments waiting for /verify', () => {
  it('survive a console restart and are used by one /verify', async () => {
    const printed: string[] = [];
    const start = () => createConsoleAdapter({ wallet: t.wallet, store: createAdapterStore(t.database.db), logger: capturedLogger().logger }, (line) => printed.push(line));
    await start().handleLine('alice: !attach ./package.json');
    const restarted = start();
    await restarted.handleLine('alice: /verify passport Alice Liddell');
    expect(printed.join('\n')).toContain('your verification (number 1) is waiting for review');
    const [pending] = await t.store.verification.listPending(5);
    expect(pending).toMatchObject({ fileRef: 'console:./package.json', fileSha256: createHash('sha256').update(readFileSync('./package.json')).digest('hex') });
    await restarted.handleLine('alice: /verify passport Alice Liddell');
    expect(printed.at(-1)).toContain('Attach a photo of the document first');
  });

  it('wait an hour by the wallet clock, so an old file is never attached to a new /verify', async () => {
    const printed: string[] = [];
    const adapter = createConsoleAdapter({ wallet: t.wallet, store: createAdapterStore(t.database.db), logger: capturedLogger().logger }, (line) => printed.push(line));
    await adapter.handleLine('bob: !attach ./package.json');
    clock.advance(ATTACHMENT_WAITS_MS + 1_000);
    await adapter.handleLine('bob: /verify passport Bob Builder');
    expect(printed.at(-1)).toContain('Attach a photo of the document first');
    await adapter.handleLine('bob: !attach ./package.json');
    clock.advance(ATTACHMENT_WAITS_MS - 1_000);
    await adapter.handleLine('bob: /verify passport Bob Builder');
    expect(printed.join('\n')).toContain('is waiting for review');
  });

  it('survive a Telegram restart between the photo and the command', async () => {
    const calls = interceptTelegram().calls;
    const alice = person(1001, 'alice');
    const start = () => {
      const bot = new Bot(TOKEN, { botInfo, client: { fetch: globalThis.fetch, apiRoot: API } });
      installTelegramHandlers(bot, { wallet: t.wallet, store: createAdapterStore(t.database.db), download: async () => Buffer.from('passport scan'), logger: capturedLogger().logger });
      return bot;
    };
    const photo = { update_id: 1, message: { message_id: 1, date: 0, chat: { id: 1001, type: 'private', first_name: 'alice' }, from: alice, photo: [{ file_id: 'big', file_unique_id: 'b', width: 900, height: 900 }] } };
    await start().handleUpdate(photo as unknown as Update);
    await start().handleUpdate(textUpdate(2, alice, '/verify passport Alice Liddell'));
    expect(fieldOf(calls.at(-1)!, 'text')).toContain('your verification (number 1) is waiting for review');
    const [pending] = await t.store.verification.listPending(5);
    expect(pending).toMatchObject({ fileRef: 'telegram:big', fileSha256: createHash('sha256').update('passport scan').digest('hex') });
  });
});
