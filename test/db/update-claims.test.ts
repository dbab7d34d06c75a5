import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdapterStore } from '../../db/adapter-store.js';
import type { AdapterStore } from '../../core/ports/chat-store.js';
import { openTestWallet, type TestWallet } from '../support/test-database.js';

let t: TestWallet;
let store: AdapterStore;
beforeAll(async () => {
  t = await openTestWallet();
  store = createAdapterStore(t.database.db);
});
afterAll(async () => {
  await t.close();
});

const at = (iso: string) => new Date(iso);
const lease = (owner: string, now: string, until: string) => ({ owner, now: at(now), leaseMs: at(until).getTime() - at(now).getTime() });

describe('update claims are leases judged by the time passed in', () => {
  it('grants a new update, sees a live lease as in progress, and an answered one as answered', async () => {
    expect(await store.claimUpdate('telegram', 'msg:1:1', lease('a', '2020-01-01T00:00:00Z', '2020-01-01T00:00:30Z'))).toBe('claimed');
    // years in the past by the database's clock, yet live at the wallet's time
    expect(await store.claimUpdate('telegram', 'msg:1:1', lease('b', '2020-01-01T00:00:29Z', '2020-01-01T00:00:59Z'))).toBe('in_progress');
    expect(await store.claimUpdate('discord', 'msg:1:1', lease('b', '2020-01-01T00:00:29Z', '2020-01-01T00:00:59Z'))).toBe('claimed');
    await store.finishUpdate('telegram', 'msg:1:1', 'a');
    // answered is for good: no lease runs out on it
    expect(await store.claimUpdate('telegram', 'msg:1:1', lease('b', '2099-01-01T00:00:00Z', '2099-01-01T00:00:30Z'))).toBe('answered');
  });

  it('lets another owner take over a lease that ran out without an answer, and only then', async () => {
    await store.claimUpdate('telegram', 'cb:2', lease('dead', '2020-01-01T00:00:00Z', '2020-01-01T00:00:30Z'));
    expect(await store.claimUpdate('telegram', 'cb:2', lease('b', '2020-01-01T00:00:29.999Z', '2020-01-01T00:01:00Z'))).toBe('in_progress');
    expect(await store.claimUpdate('telegram', 'cb:2', lease('b', '2020-01-01T00:00:30Z', '2020-01-01T00:01:00Z'))).toBe('claimed');
    // the dead owner, waking up, holds nothing: it can neither renew, nor answer, nor release it
    expect(await store.renewUpdate('telegram', 'cb:2', 'dead', at('2020-01-01T00:02:00Z'))).toBe(false);
    await store.releaseUpdate('telegram', 'cb:2', 'dead');
    await store.finishUpdate('telegram', 'cb:2', 'dead');
    expect(await store.claimUpdate('telegram', 'cb:2', lease('c', '2020-01-01T00:00:45Z', '2020-01-01T00:01:15Z'))).toBe('in_progress');
    expect(await store.renewUpdate('telegram', 'cb:2', 'b', at('2020-01-01T00:02:00Z'))).toBe(true);
    expect(await store.claimUpdate('telegram', 'cb:2', lease('c', '2020-01-01T00:01:30Z', '2020-01-01T00:02:00Z'))).toBe('in_progress');
  });

  it('gives a live lease back to its own owner, whose first claim lost its answer with the connection', async () => {
    await store.claimUpdate('telegram', 'cb:4', lease('a/1', '2020-01-01T00:00:00Z', '2020-01-01T00:00:30Z'));
    expect(await store.claimUpdate('telegram', 'cb:4', lease('a/1', '2020-01-01T00:00:01Z', '2020-01-01T00:00:31Z'))).toBe('claimed');
    expect(await store.claimUpdate('telegram', 'cb:4', lease('a/2', '2020-01-01T00:00:02Z', '2020-01-01T00:00:32Z'))).toBe('in_progress');
  });

  it('gives a released claim to the next delivery at once', async () => {
    await store.claimUpdate('telegram', 'cb:3', lease('a', '2020-01-01T00:00:00Z', '2020-01-01T00:00:30Z'));
    await store.releaseUpdate('telegram', 'cb:3', 'a');
    expect(await store.claimUpdate('telegram', 'cb:3', lease('b', '2020-01-01T00:00:01Z', '2020-01-01T00:00:31Z'))).toBe('claimed');
  });

  it('grants an update to exactly one of many owners claiming it at once', async () => {
    const owners = Array.from({ length: 16 }, (_, i) => `owner-${i}`);
    const found = await Promise.all(owners.map((owner) => store.claimUpdate('telegram', 'msg:9:9', lease(owner, '2020-01-01T00:00:00Z', '2020-01-01T00:00:30Z'))));
    expect(found.filter((f) => f === 'claimed')).toHaveLength(1);
    // and of many taking over one expired lease at once, exactly one too
    const later = await Promise.all(owners.map((owner) => store.claimUpdate('telegram', 'msg:9:9', lease(owner, '2020-01-01T00:01:00Z', '2020-01-01T00:01:30Z'))));
    expect(later.filter((f) => f === 'claimed')).toHaveLength(1);
  });
});
