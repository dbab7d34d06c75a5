import { describe, expect, it } from 'vitest';
import type { ChatPlace, LeaseClaim, NewTicket, Platform, User } from '../../core/ports/index.js';
import { freshKey } from '../support/wallet-fixtures.js';
import type { Harness } from './contract-harness.js';

/** Support tickets, answers and the run of misunderstood messages: once per key, each with its notices. */
export function supportContract(h: Harness): void {
  const claim = (owner: string): LeaseClaim => ({ owner, now: h.clock.now(), leaseMs: 30_000 });
  /** The kinds of the notices for `user` that a platform would send now (each claim under a fresh owner, then given back). */
  async function pendingKinds(user: User, platform: Platform): Promise<string[]> {
    const owner = freshKey('owner');
    const claimed = await h.t.store.notifications.claimPending(platform, 10_000, claim(owner));
    await h.t.store.notifications.releaseLeases(owner);
    return claimed.filter((n) => n.userId === user.id).map((n) => n.notice.kind);
  }
  const ticketOf = (user: User, operators: User[], text: string, from: Partial<ChatPlace> = {}): NewTicket => ({
    userId: user.id,
    from: { platform: 'console', platformUserId: `p${user.id}`, chatId: 'direct', ...from },
    text,
    openedAt: h.clock.now(),
    openKey: freshKey('ticket'),
    operatorIds: operators.map((o) => o.id),
  });

  describe('support tickets', () => {
    it('opens a ticket once per key, telling each operator once, and refuses the key for another text', async () => {
      const [alice, ops1, ops2] = [await h.someone(), await h.someone(), await h.someone()];
      const input = ticketOf(alice, [ops1, ops2], 'I did not send T5 🙁');
      const first = await h.t.store.support.open(input);
      expect(first).toEqual({ done: expect.objectContaining({ userId: alice.id, text: 'I did not send T5 🙁', status: 'open', from: input.from }) });
      expect(await h.t.store.support.open(input)).toEqual(first);
      expect(await h.t.store.support.open({ ...input, text: 'something else' })).toEqual({ conflict: true });
      for (const operator of [ops1, ops2]) expect(await pendingKinds(operator, 'console')).toEqual(['support.opened']);
      const id = 'done' in first ? first.done.id : '';
      expect(await h.t.store.support.get(id)).toEqual('done' in first ? first.done : undefined);
      expect(await h.t.store.support.get('nope')).toBeUndefined();
    });

    it('stores an answer once per key, marks the ticket answered and tells its writer where the ticket came from, or everywhere once that identity is gone', async () => {
      const [alice, ops] = [await h.someone(), await h.someone()];
      const mine = { platformUserId: (await h.t.store.users.identitiesOf(alice.id))[0]!.platformUserId };
      const opened = await h.t.store.support.open(ticketOf(alice, [ops], 'from console', mine));
      const ticket = 'done' in opened ? opened.done : undefined;
      const input = { ticketId: ticket!.id, operatorId: ops.id, text: 'On it.', answeredAt: h.clock.now(), answerKey: freshKey('answer') };
      const answered = await h.t.store.support.answer(input);
      expect(answered).toEqual({ done: { ...ticket, status: 'answered', answeredAt: input.answeredAt } });
      expect(await h.t.store.support.answer(input)).toEqual(answered);
      expect(await h.t.store.support.answer({ ...input, text: 'Other words' })).toEqual({ conflict: true });
      expect(await h.t.store.support.answer({ ...input, ticketId: '999999', answerKey: freshKey() })).toBeUndefined();
      expect(await pendingKinds(alice, 'console')).toEqual(['support.answered']);
      // written from a Discord identity that is not (or no longer) alice's: the answer goes to every chat she has
      const fromGone = await h.t.store.support.open(ticketOf(alice, [], 'from discord', { platform: 'discord' }));
      await h.t.store.support.answer({ ...input, ticketId: 'done' in fromGone ? fromGone.done.id : '', answerKey: freshKey('answer') });
      expect(await pendingKinds(alice, 'console')).toEqual(['support.answered', 'support.answered']);
    });

    it('lists open tickets and a writer’s own, newest first, bounded', async () => {
      const [alice, bob, ops] = [await h.someone(), await h.someone(), await h.someone()];
      const ids: string[] = [];
      for (const [who, text] of [[alice, 'a1'], [bob, 'b1'], [alice, 'a2']] as const) {
        const opened = await h.t.store.support.open(ticketOf(who, [], text));
        ids.push('done' in opened ? opened.done.id : '');
      }
      await h.t.store.support.answer({ ticketId: ids[0]!, operatorId: ops.id, text: 'ok', answeredAt: h.clock.now(), answerKey: freshKey() });
      expect((await h.t.store.support.listForUser(alice.id, 10)).map((t) => [t.text, t.status])).toEqual([['a2', 'open'], ['a1', 'answered']]);
      const open = (await h.t.store.support.listOpen(1000)).map((t) => t.id);
      expect(open.slice(0, 2)).toEqual([ids[2], ids[1]]);
      expect(open).not.toContain(ids[0]);
      expect(await h.t.store.support.listOpen(1)).toHaveLength(1);
    });
  });

  describe('misunderstood messages in a row', () => {
    it('counts per person and chat, never the same message twice, until an understood one resets it', async () => {
      const place: ChatPlace = { platform: 'console', platformUserId: freshKey('who'), chatId: 'direct' };
      const room = { ...place, chatId: 'shop' };
      expect(await h.t.store.misreadings.count(place, 'm1')).toBe(1);
      expect(await h.t.store.misreadings.count(place, 'm1')).toBe(1);
      expect(await h.t.store.misreadings.count(place, 'm2')).toBe(2);
      expect(await h.t.store.misreadings.count(room, 'm3')).toBe(1);
      expect(await h.t.store.misreadings.count(place, 'm4')).toBe(3);
      await h.t.store.misreadings.reset(place);
      expect(await h.t.store.misreadings.count(place, 'm5')).toBe(1);
      expect(await h.t.store.misreadings.count(room, 'm6')).toBe(2);
    });
  });
}
