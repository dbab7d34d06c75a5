import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.js';
import { manualClock, openTestWallet, serverUrl, type TestWallet } from '../support/test-database.js';
import { freshKey } from '../support/wallet-fixtures.js';

/** The same message delivered to several processes at once (a redelivery racing the first): one ticket, one answer, each told once. */
describe.skipIf(!serverUrl)('support tickets under concurrent deliveries', () => {
  const clock = manualClock();
  let t: TestWallet;
  let ops: Actor;
  let alice: Actor;

  beforeAll(async () => {
    t = await openTestWallet({ clock, poolSize: 10, operators: [{ platform: 'console', platformUserId: 'ops' }] });
    const person = async (name: string): Promise<Actor> => {
      const identity = { platform: 'console' as const, platformUserId: name };
      return { user: (await t.wallet.register({ ...identity, username: name })).user, identity };
    };
    [ops, alice] = [await person('ops'), await person('alice')];
  });
  afterAll(async () => {
    await t?.close();
  });

  const kinds = async (who: Actor) => (await t.wallet.notificationsOf(who.user.id, 100)).map((n) => n.notice.kind);

  it('opens one ticket and sends one answer per key, however many deliveries race', async () => {
    const openKey = freshKey('open');
    const opened = await Promise.all(Array.from({ length: 8 }, () => t.wallet.openTicket({ key: openKey, actor: alice, chatId: 'direct', text: 'help' })));
    const ids = new Set(opened.map((o) => (o.ok ? o.value.id : o.error.code)));
    expect(ids.size).toBe(1);
    const [ticketId] = [...ids];
    const answerKey = freshKey('answer');
    const answered = await Promise.all(Array.from({ length: 8 }, () => t.wallet.answerTicket({ key: answerKey, operator: ops, ticketId: ticketId!, text: 'ok' })));
    expect(answered.every((a) => a.ok && a.value.status === 'answered')).toBe(true);
    expect(await kinds(ops)).toEqual(['support.opened']);
    expect(await kinds(alice)).toEqual(['support.answered']);
  });
});
