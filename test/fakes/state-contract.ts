import { describe, expect, it } from 'vitest';
import { noticeActions } from '../../core/notices/index.js';
import type { KindAndPayload, User } from '../../core/ports/index.js';
import { codeAt } from '../../core/security/totp.js';
import type { Person } from '../support/confirmation-fixtures.js';
import { cny, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';
import { answer, type Harness } from './contract-harness.js';

const HOUR = 3_600_000;

/** Challenges, codes, wallet states, the outbox, link codes, verification and questions. */
export function stateContract(h: Harness): void {
  const { someone, enrolled, balance, post, send } = h;

  describe('challenges and codes', () => {
    async function prepared(person: Person, to: User) {
      return unwrap(await h.t.wallet.prepareSend({ key: freshKey(), actor: { user: person.user, identity: person.identity }, toUserId: to.id, amount: cny(5) }));
    }

    it('lets a freeze beat a payment already confirmed', async () => {
      const [alice, bob] = [await enrolled(), await someone()];
      await fund(h.t, alice.user, cny(10));
      const challenge = await prepared(alice, bob);
      expect(await h.t.store.challenges.claim(challenge.id, freshKey(), h.clock.now())).toBe(true);
      expect((await h.t.wallet.freeze({ user: alice.user, identity: alice.identity })).ok).toBe(true);
      const movement = { kind: 'send' as const, from: { user: alice.user.id }, to: { user: bob.id }, amount: cny(5) };
      expect(answer(await post({ ...movement, key: `challenge:${challenge.id}`, challengeId: challenge.id }))).toEqual({ code: 'challenge.cancelled', params: {} });
      expect((await h.t.store.challenges.get(challenge.id))?.status).toBe('cancelled');
      expect([await balance(alice.user), await balance(bob)]).toEqual([1000n, 0n]);
      expect((await h.t.store.users.getUser(alice.user.id))?.frozenBy).toBe('owner');
    });

    it('fails a confirmed challenge whose movement is refused, and replays that refusal', async () => {
      const [alice, bob] = [await enrolled(), await someone()];
      await fund(h.t, alice.user, cny(5));
      const challenge = await prepared(alice, bob);
      expect(await h.t.store.challenges.claim(challenge.id, freshKey(), h.clock.now())).toBe(true);
      unwrap(await send(alice.user, bob, 1));
      const movement = { kind: 'send' as const, from: { user: alice.user.id }, to: { user: bob.id }, amount: cny(5), key: `challenge:${challenge.id}`, challengeId: challenge.id };
      const refusal = { code: 'transfer.insufficient_funds', params: { available: '400', currency: 'CNY' } };
      expect(answer(await post(movement))).toEqual(refusal);
      expect((await h.t.store.challenges.get(challenge.id))?.status).toBe('failed');
      expect(answer(await post(movement))).toEqual(refusal);
    });

    it('locks a challenge after five wrong codes and blocks codes after more than ten in an hour', async () => {
      const [alice, bob] = [await enrolled(), await someone()];
      await fund(h.t, alice.user, cny(10));
      const wrong = () => h.t.wallet.confirm({ key: freshKey(), identity: alice.identity, code: '000000', label: 'x' });
      await prepared(alice, bob);
      const answers = [];
      for (let i = 0; i < 5; i += 1) answers.push(answer(await wrong()));
      expect(answers).toEqual([
        ...[4, 3, 2, 1].map((attemptsLeft) => ({ code: 'code.invalid', params: { attemptsLeft } })),
        { code: 'challenge.locked', params: {} },
      ]);
      expect(await h.t.wallet.pendingChallenge(alice.identity)).toBeUndefined();
      await prepared(alice, bob);
      for (let i = 0; i < 5; i += 1) await wrong();
      await prepared(alice, bob);
      expect(answer(await wrong())).toEqual({ code: 'code.blocked', params: { minutes: 60 } });
      const right = () => h.t.wallet.confirm({ key: freshKey(), identity: alice.identity, code: codeAt(alice.secret, h.clock.now()), label: 'x' });
      expect(answer(await right())).toEqual({ code: 'code.blocked', params: { minutes: 60 } });
      h.clock.advance(HOUR + 60_000);
      await prepared(alice, bob);
      expect(answer(await right())).toBe('ok');
      expect(await balance(bob)).toBe(500n);
    });

    it('names what keeps a wallet from closing: money, open requests, other pending challenges', async () => {
      const [alice, bob] = [await enrolled(), await someone()];
      const blockers = () => h.t.store.lifecycle.closeBlockers(alice.user.id, h.clock.now());
      await fund(h.t, alice.user, cny(1));
      expect(await blockers()).toBe('not_empty');
      unwrap(await send(alice.user, bob, 1));
      const request = unwrap(await h.t.wallet.createRequest({ key: freshKey(), merchant: { user: alice.user, identity: alice.identity }, amount: cny(1), ttlMs: HOUR }));
      expect(await blockers()).toBe('open_requests');
      h.clock.advance(HOUR);
      expect(await blockers()).toBeUndefined();
      expect((await h.t.store.requests.get(request.id, h.clock.now()))?.status).toBe('expired');
      const challenge = unwrap(await h.t.wallet.prepareResetAuthenticator({ key: freshKey(), actor: { user: alice.user, identity: alice.identity } }));
      expect(await blockers()).toBe('open_challenges');
      expect(await h.t.store.lifecycle.closeBlockers(alice.user.id, h.clock.now(), challenge.id)).toBeUndefined();
    });
  });

  describe('wallet state changes that complete a confirmed challenge', () => {
    type Kind = 'freeze_user' | 'unfreeze' | 'send' | 'close_account' | 'link_identity' | 'unlink_identity';
    /** Well-formed payloads: the state changes below read only the challenge's status. */
    const samples: { [K in Kind]: KindAndPayload<K> } = {
      freeze_user: { kind: 'freeze_user', payload: { userId: '1' } },
      unfreeze: { kind: 'unfreeze', payload: {} },
      send: { kind: 'send', payload: { currency: 'CNY', minor: '100', memo: null, toUserId: '1' } },
      close_account: { kind: 'close_account', payload: {} },
      link_identity: { kind: 'link_identity', payload: { platform: 'discord', platformUserId: '1', codeHash: 'hash' } },
      unlink_identity: { kind: 'unlink_identity', payload: { platform: 'discord', platformUserId: '1' } },
    };
    /** A challenge as the core leaves it once a code was accepted: claimed, not yet run. */
    async function confirmed(owner: User, kind: Kind = 'freeze_user') {
      const created = await h.t.store.challenges.create({
        userId: owner.id,
        origin: { platform: 'console', platformUserId: freshKey('origin') },
        ...samples[kind],
        prepareKey: freshKey(),
        requestHash: 'hash',
        expiresAt: new Date(h.clock.now().getTime() + 60_000),
      });
      if (!('challenge' in created)) throw new Error('fresh prepare key conflicted');
      expect(await h.t.store.challenges.claim(created.challenge.id, freshKey(), h.clock.now())).toBe(true);
      return created.challenge.id;
    }
    const status = async (user: User) => {
      const now = await h.t.store.users.getUser(user.id);
      return [now?.status, now?.frozenBy];
    };

    it('freezes by the side that froze, and lets only that side lift it', async () => {
      const [ops, alice] = [await someone(), await someone()];
      expect((await h.t.store.lifecycle.freeze(alice.id))?.changed).toBe(true);
      expect(await h.t.store.lifecycle.unfreeze(alice.id, await confirmed(ops), 'operator')).toBe('frozen_by_owner');
      const takeover = await confirmed(ops);
      expect(await h.t.store.lifecycle.freezeByOperator(alice.id, takeover)).toBe('done');
      expect(await h.t.store.lifecycle.freezeByOperator(alice.id, takeover)).toBe('cancelled');
      expect(await status(alice)).toEqual(['frozen', 'operator']);
      expect((await h.t.store.lifecycle.freeze(alice.id))?.changed).toBe(false);
      const owners = await confirmed(alice, 'unfreeze');
      expect(await h.t.store.lifecycle.unfreeze(alice.id, owners, 'owner')).toBe('frozen_by_operator');
      expect((await h.t.store.challenges.get(owners))?.status).toBe('done');
      expect(await h.t.store.lifecycle.unfreeze(alice.id, await confirmed(ops), 'operator')).toBe('done');
      expect(await status(alice)).toEqual(['active', undefined]);
      expect(await h.t.store.lifecycle.unfreeze(alice.id, await confirmed(ops), 'operator')).toBe('not_frozen');
      expect(await h.t.store.lifecycle.freezeByOperator('999999', await confirmed(ops))).toBe('not_found');
    });

    it('refuses to close a wallet holding money yet cancels its other challenges, and closes an empty one', async () => {
      const [alice, bob] = [await someone(), await someone()];
      await fund(h.t, alice, cny(1));
      const other = await confirmed(alice, 'send');
      expect(await h.t.store.lifecycle.close(alice.id, await confirmed(alice, 'close_account'), h.clock.now())).toBe('not_empty');
      expect((await h.t.store.challenges.get(other))?.status).toBe('cancelled');
      unwrap(await send(alice, bob, 1));
      expect(await h.t.store.lifecycle.close(alice.id, await confirmed(alice, 'close_account'), h.clock.now())).toBe('done');
      expect(await status(alice)).toEqual(['closed', undefined]);
      expect(await h.t.store.users.identitiesOf(alice.id)).toEqual([]);
      expect(answer(await send(bob, alice, 1))).toEqual({ code: 'account.closed', params: { party: 'recipient' } });
    });

    it('links an identity once per code, moving it only from a wallet that never held money', async () => {
      const [alice, moneyed, empty] = [await someone(), await someone(), await someone()];
      const aliceIdentity = (await h.t.store.users.identitiesOf(alice.id))[0]!;
      const emptyIdentity = (await h.t.store.users.identitiesOf(empty.id))[0]!;
      const moneyedIdentity = (await h.t.store.users.identitiesOf(moneyed.id))[0]!;
      await fund(h.t, moneyed, cny(1));
      const code = async () => {
        const hash = freshKey('hash');
        await h.t.store.lifecycle.createLinkCode(alice.id, hash, freshKey(), new Date(h.clock.now().getTime() + 60_000));
        return hash;
      };
      const used = await code();
      expect(await h.t.store.lifecycle.link(alice.id, emptyIdentity, used, await confirmed(alice, 'link_identity'))).toBe('done');
      expect(await h.t.store.lifecycle.link(alice.id, moneyedIdentity, used, await confirmed(alice, 'link_identity'))).toBe('code_used');
      expect(await h.t.store.lifecycle.link(alice.id, moneyedIdentity, await code(), await confirmed(alice, 'link_identity'))).toBe('identity_in_use');
      expect((await h.t.store.users.findUserByIdentity(emptyIdentity))?.id).toBe(alice.id);
      expect(await status(empty)).toEqual(['closed', undefined]);
      expect(await h.t.store.users.identitiesOf(alice.id)).toEqual([aliceIdentity, { platform: 'console', platformUserId: emptyIdentity.platformUserId }]);
      expect(await h.t.store.lifecycle.unlink(alice.id, emptyIdentity, await confirmed(alice, 'unlink_identity'))).toBe('done');
      expect(await h.t.store.lifecycle.unlink(alice.id, aliceIdentity, await confirmed(alice, 'unlink_identity'))).toBe('last_identity');
    });
  });

  describe('outbox, link codes, verification, questions', () => {
    it('writes one notice per party with the movement, and hands each out once per platform', async () => {
      const [alice, bob] = [await someone(), await someone()];
      await fund(h.t, alice, cny(3));
      const posted = unwrap(await send(alice, bob, 2, { memo: 'tea' }));
      const [sent] = await h.t.store.notifications.listForUser(alice.id, 1);
      const [received] = await h.t.store.notifications.listForUser(bob.id, 1);
      expect(sent?.notice).toEqual({ kind: 'send.sent', transferId: posted.transferId, amount: cny(2), memo: 'tea', counterpartyId: bob.id });
      expect(noticeActions(sent!.notice)).toEqual([{ kind: 'freeze' }]);
      expect(received?.notice).toEqual({ kind: 'send.received', transferId: posted.transferId, amount: cny(2), memo: 'tea', counterpartyId: alice.id });
      expect(noticeActions(received!.notice)).toEqual([]);
      const claim = (owner: string) => ({ owner, now: h.clock.now(), leaseMs: HOUR });
      const pending = await h.t.store.notifications.claimPending('console', 1000, claim('first'));
      expect(pending.map((n) => n.id)).toEqual(expect.arrayContaining([sent!.id, received!.id]));
      await h.t.store.notifications.markDelivered(sent!.id, 'console');
      await h.t.store.notifications.markFailed(received!.id, 'console', 'blocked');
      await h.t.store.notifications.releaseLeases('first');
      const after = (await h.t.store.notifications.claimPending('console', 1000, claim('second'))).map((n) => n.id);
      expect(after).not.toContain(sent!.id);
      expect(after).not.toContain(received!.id);
      await h.t.store.notifications.releaseLeases('second');
      expect(await h.t.store.notifications.claimPending('telegram', 1000, claim('third'))).toEqual([]);
    });

    it('keeps a link code once per hash and key, live until its expiry', async () => {
      const alice = await someone();
      const expiresAt = new Date(h.clock.now().getTime() + HOUR);
      const hash = freshKey('hash');
      const key = freshKey();
      expect(await h.t.store.lifecycle.createLinkCode(alice.id, hash, key, expiresAt)).toEqual({ created: true });
      expect(await h.t.store.lifecycle.createLinkCode(alice.id, hash, freshKey(), expiresAt)).toEqual({ created: false });
      expect(await h.t.store.lifecycle.createLinkCode(alice.id, freshKey('hash'), key, expiresAt)).toEqual({ created: false });
      expect(await h.t.store.lifecycle.findLinkCode(hash, h.clock.now())).toEqual({ userId: alice.id });
      expect(await h.t.store.lifecycle.findLinkCode(hash, expiresAt)).toBeUndefined();
    });

    it('keeps one pending verification per wallet and returns the first for its key', async () => {
      const alice = await someone();
      const submit = (key: string) =>
        h.t.store.verification.submit({ userId: alice.id, fullName: 'Alice A', documentType: 'passport', fileRef: 'f', fileSha256: 'a'.repeat(64), targetTier: 1, submitKey: key });
      const key = freshKey();
      const first = await submit(key);
      expect(await submit(key)).toEqual(first);
      expect(await submit(freshKey())).toEqual({ pending: 'verification' in first ? first.verification : undefined });
    });

    it('follows the language a person writes in until they choose one, then keeps the choice', async () => {
      const person = await someone();
      const locale = async () => (await h.t.wallet.getUser(person.id))?.locale;
      expect((await h.t.wallet.getUser(person.id))?.localeChosen).toBe(false);
      await h.t.wallet.followLocale(person.id, 'zh-CN');
      await h.t.wallet.followLocale(person.id, 'zh-CN');
      expect(await locale()).toBe('zh-CN');
      await h.t.wallet.chooseLocale(person.id, 'en');
      await h.t.wallet.followLocale(person.id, 'zh-CN');
      expect(await h.t.wallet.getUser(person.id)).toMatchObject({ locale: 'en', localeChosen: true });
    });

    it('keeps one question per person and chat until it expires', async () => {
      const place = { platform: 'console' as const, platformUserId: freshKey('q'), chatId: 'room' };
      const until = new Date(h.clock.now().getTime() + 60_000);
      await h.t.store.questions.save(place, { ask: 'amount' }, until, h.clock.now());
      await h.t.store.questions.save(place, { ask: 'payee' }, until, h.clock.now());
      expect(await h.t.store.questions.find(place, h.clock.now())).toEqual({ ask: 'payee' });
      expect(await h.t.store.questions.find({ ...place, chatId: 'other' }, h.clock.now())).toBeUndefined();
      expect(await h.t.store.questions.find(place, until)).toBeUndefined();
      expect(await h.t.store.questions.remove(place, 'm1')).toBe(true);
      expect(await h.t.store.questions.remove(place, 'm2')).toBe(false);
      // the message that forgot it, redelivered, still reads it and forgets it again
      expect(await h.t.store.questions.find(place, h.clock.now(), 'm1')).toEqual({ ask: 'payee' });
      expect(await h.t.store.questions.remove(place, 'm1')).toBe(true);
      expect(await h.t.store.questions.find(place, h.clock.now(), 'm2')).toBeUndefined();
    });
  });
}
