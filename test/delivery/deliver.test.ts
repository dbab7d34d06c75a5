import { describe, expect, it } from 'vitest';
import { deliver } from '../../bot/delivery/deliver.js';
import { text, type Reply } from '../../bot/replies/reply.js';
import { capturedLogger, fakeWallet, memoryStore, recordingTransport } from './fake-delivery.js';

const wallet = fakeWallet({ alice: { locale: 'en', ids: ['1001'] }, wei: { locale: 'zh-CN', ids: ['1003'] }, nobody: { locale: 'en', ids: [] } }, { r1: 'open', r2: 'paid' });
const say = (key: string, to: Reply['to'] = { kind: 'here' }): Reply => ({ to, lines: [text(key)] });
const card = (id: string): Reply => ({ to: { kind: 'here' }, lines: [text(`card.${id}`)], card: id });

describe('deliver', () => {
  it('routes each reply here, to a person directly in their language, or to the writer alone', async () => {
    const transport = recordingTransport();
    const to = { wallet, store: memoryStore(), locale: 'en' as const, logger: capturedLogger().logger };
    await deliver([say('a'), say('b', { kind: 'direct', userId: 'wei' }), say('c', { kind: 'ephemeral' })], to, transport);
    expect(transport.calls).toEqual([
      ['postHere', 'group', 'a', 'en'],
      ['postDirect', '1003', 'b', 'zh-CN'],
      ['postPrivate', 'writer', 'c', 'en'],
    ]);
  });

  it('points the writer to the bot when a direct reply reaches nobody, refused or without a chat there', async () => {
    const transport = recordingTransport({ refused: ['1001'] });
    const to = { wallet, store: memoryStore(), locale: 'en' as const, logger: capturedLogger().logger };
    await deliver([say('x', { kind: 'direct', userId: 'alice' }), say('y', { kind: 'direct', userId: 'nobody' })], to, transport);
    expect(transport.calls).toEqual([
      ['unreachable', 'group', 'x', 'en'],
      ['unreachable', 'group', 'y', 'en'],
    ]);
  });

  it('posts a card once and edits it where it was posted afterwards, keeping what it shows and its language', async () => {
    const store = memoryStore();
    const transport = recordingTransport();
    const to = { wallet, store, locale: 'en' as const, logger: capturedLogger().logger };
    await deliver([card('r1')], to, transport);
    expect(store.messages.get('telegram:request:r1')).toEqual({ chatId: 'group', messageId: '100', shown: 'open', locale: 'en' });
    // a Chinese reader's action edits it, still in English
    await deliver([{ ...card('r1'), to: { kind: 'direct', userId: 'wei' } }], { ...to, locale: 'zh-CN' }, transport);
    expect(transport.calls.at(-1)).toEqual(['edit', 'group/100', 'card.r1', 'en']);
    // one posted before languages were kept is edited in the language of whoever it is for
    store.messages.set('telegram:request:r2', { chatId: 'group', messageId: '7', shown: 'open' });
    await deliver([card('r2')], { ...to, locale: 'zh-CN' }, transport);
    expect(transport.calls.at(-1)).toEqual(['edit', 'group/7', 'card.r2', 'zh-CN']);
    expect(store.messages.get('telegram:request:r2')).toMatchObject({ shown: 'paid', locale: 'zh-CN' });
  });

  it('puts cards first and makes deferred edits only after the update has its answer', async () => {
    const store = memoryStore();
    store.messages.set('telegram:request:r2', { chatId: 'shop', messageId: '7', shown: 'open' });
    const transport = recordingTransport({ deferEdits: true, cardsFirst: true });
    await deliver([say('receipt'), card('r2')], { wallet, store, locale: 'en', logger: capturedLogger().logger }, transport);
    expect(transport.calls).toEqual([['postHere', 'group', 'receipt', 'en'], ['answered'], ['edit', 'shop/7', 'card.r2', 'en']]);
    expect(store.messages.get('telegram:request:r2')?.shown).toBe('paid');
  });

  it('logs a deferred edit that failed and leaves the card for the refresher', async () => {
    const store = memoryStore();
    store.messages.set('telegram:request:r2', { chatId: 'shop', messageId: '7', shown: 'open' });
    const transport = { ...recordingTransport(), edit: async () => ({ after: async (): Promise<never> => Promise.reject(new Error('rate limited')) }) };
    const log = capturedLogger();
    await deliver([card('r2')], { wallet, store, locale: 'en', logger: log.logger }, transport);
    expect(store.messages.get('telegram:request:r2')?.shown).toBe('open');
    expect(log.lines[0]).toMatchObject({ level: 40, platform: 'telegram', card: 'r2', message: 'rate limited' });
  });
});
