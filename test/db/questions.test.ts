import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatPlace } from '../../core/ports/index.js';
import { openTestWallet, type TestWallet } from '../support/test-database.js';

let t: TestWallet;
beforeAll(async () => {
  t = await openTestWallet();
});
afterAll(async () => {
  await t.close();
});

const place = (chatId: string, platformUserId = 'p1'): ChatPlace => ({ platform: 'telegram', chatId, platformUserId });
const at = (iso: string) => new Date(iso);

describe('open questions store', () => {
  it('keeps one question per platform, chat and person, judged by the time passed in', async () => {
    const { questions } = t.store;
    await questions.save(place('c1'), { asked: 'amount' }, at('2020-01-01T00:05:00Z'), at('2020-01-01T00:00:00Z'));
    // years in the past by the database's clock, yet open at the wallet's time
    expect(await questions.find(place('c1'), at('2020-01-01T00:04:59Z'))).toEqual({ asked: 'amount' });
    expect(await questions.find(place('c1'), at('2020-01-01T00:05:00Z'))).toBeUndefined();
    expect(await questions.find(place('c2'), at('2020-01-01T00:01:00Z'))).toBeUndefined();
    expect(await questions.find(place('c1', 'p2'), at('2020-01-01T00:01:00Z'))).toBeUndefined();
    expect(await questions.find({ ...place('c1'), platform: 'discord' }, at('2020-01-01T00:01:00Z'))).toBeUndefined();
  });

  it('replaces the question asked earlier in the same place, and forgets it on request', async () => {
    const { questions } = t.store;
    await questions.save(place('c3'), { asked: 'to' }, at('2030-01-01T00:05:00Z'), at('2030-01-01T00:00:00Z'));
    await questions.save(place('c3'), { asked: 'amount', note: '🎉' }, at('2030-01-01T00:06:00Z'), at('2030-01-01T00:01:00Z'));
    expect(await questions.find(place('c3'), at('2030-01-01T00:05:30Z'))).toEqual({ asked: 'amount', note: '🎉' });
    expect(await questions.remove(place('c3'), 'msg:7')).toBe(true);
    expect(await questions.remove(place('c3'), 'msg:8')).toBe(false);
    expect(await questions.find(place('c3'), at('2030-01-01T00:02:00Z'))).toBeUndefined();
    expect(await questions.find(place('c3'), at('2030-01-01T00:02:00Z'), 'msg:8')).toBeUndefined();
  });

  it('keeps a forgotten question for the redelivery of the message that answered it, and for no other', async () => {
    const { questions } = t.store;
    await questions.save(place('c4'), { asked: 'amount' }, at('2032-01-01T00:05:00Z'), at('2032-01-01T00:00:00Z'));
    expect(await questions.remove(place('c4'), 'telegram:msg:1:5')).toBe(true);
    // the process that took "5" for an answer died: the redelivered "5" finds the question again
    expect(await questions.find(place('c4'), at('2032-01-01T00:01:00Z'), 'telegram:msg:1:5')).toEqual({ asked: 'amount' });
    expect(await questions.remove(place('c4'), 'telegram:msg:1:5')).toBe(true);
    expect(await questions.find(place('c4'), at('2032-01-01T00:01:00Z'), 'telegram:msg:1:6')).toBeUndefined();
    // a question asked anew is open for everyone again
    await questions.save(place('c4'), { asked: 'to' }, at('2032-01-01T00:07:00Z'), at('2032-01-01T00:02:00Z'));
    expect(await questions.find(place('c4'), at('2032-01-01T00:03:00Z'), 'telegram:msg:1:6')).toEqual({ asked: 'to' });
  });

  it('drops questions that expired before a new one is saved', async () => {
    const { questions } = t.store;
    await questions.save(place('old'), { asked: 'to' }, at('2031-01-01T00:05:00Z'), at('2031-01-01T00:00:00Z'));
    await questions.save(place('new'), { asked: 'to' }, at('2031-01-01T00:15:00Z'), at('2031-01-01T00:10:00Z'));
    expect(await questions.remove(place('old'), 'm1')).toBe(false);
    expect(await questions.remove(place('new'), 'm2')).toBe(true);
  });
});
