import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outcome } from '../../core/errors.js';
import { fingerprint } from '../../core/idempotency.js';
import { DEFAULT_LIMITS, tierLimits } from '../../core/limits/limits.js';
import type { ChallengeKind, Posting, User } from '../../core/ports/index.js';
import { codeAt } from '../../core/security/totp.js';
import { enrolledPerson, type ManualClock, type Person } from '../support/confirmation-fixtures.js';
import { balanceOf, cny, consoleUser, freshKey, fund, unwrap } from '../support/wallet-fixtures.js';
import type { WalletUnderTest } from './memory-wallet.js';

const LIMITS = tierLimits(DEFAULT_LIMITS, 'CNY');
const HOUR = 3_600_000;

/** What a store answered, reduced to what callers see: the error code and its parameters. */
const answer = (outcome: Outcome<unknown>) => (outcome.ok ? 'ok' : { code: outcome.error.code, params: outcome.error.params });

/**
 * One list of scenarios for every WalletStore: run on the in-memory fake and on the database
 * (PGlite, or the server with DATABASE_URL), it proves the fake answers as the database does where
 * the core relies on it — codes, parameters and balances, never internals.
 */
export function storeContract(open: () => Promise<{ subject: WalletUnderTest; clock: ManualClock }>): void {
  let t: WalletUnderTest;
  let clock: ManualClock;
  let names = 0;
  const someone = () => consoleUser(t.wallet, `p${(names += 1)}`);
  const enrolled = () => enrolledPerson(t, clock, `e${(names += 1)}`);
  const balance = (user: User) => balanceOf(t.wallet, user, 'CNY');

  /** A raw posting, as the executors hand it to the ledger. */
  function post(movement: Omit<Posting, 'fingerprint' | 'now'> & { now?: Date }) {
    const { key: _key, challengeId: _challenge, limits: _limits, now: _now, ...input } = movement;
    return t.store.ledger.post({ now: clock.now(), ...movement, fingerprint: fingerprint('transfer', input) });
  }
  const send = (from: User, to: User, major: number, extra: Partial<Posting> = {}) =>
    post({ key: freshKey(), kind: 'send', from: { user: from.id }, to: { user: to.id }, amount: cny(major), ...extra });

  beforeAll(async () => {
    ({ subject: t, clock } = await open());
  });
  afterAll(async () => {
    expect(await t.store.ledger.checkLedger()).toEqual([]);
    await t.close();
  });

  describe('money movements', () => {
    it('moves money and reports the payer balance after', async () => {
      const [alice, bob] = [await someone(), await someone()];
      await fund(t, alice, cny(100));
      const posted = unwrap(await send(alice, bob, 30));
      expect(posted.debitedBalanceAfter).toBe(7000n);
      expect([await balance(alice), await balance(bob)]).toEqual([7000n, 3000n]);
    });

    it('refuses what the payer does not hold, with or without an account in the currency', async () => {
      const [alice, bob] = [await someone(), await someone()];
      expect(answer(await send(alice, bob, 1))).toEqual({ code: 'transfer.insufficient_funds', params: { available: '0', currency: 'CNY' } });
      await fund(t, alice, cny(5));
      expect(answer(await send(alice, bob, 6))).toEqual({ code: 'transfer.insufficient_funds', params: { available: '500', currency: 'CNY' } });
      expect(await t.wallet.balances(alice.id)).toEqual([cny(5)]);
      expect(await t.wallet.balances(bob.id)).toEqual([cny(0)]);
    });

    it('refuses unknown, frozen and closed parties, and lets a frozen wallet receive', async () => {
      const [alice, bob, carol] = [await someone(), await someone(), await someone()];
      await fund(t, alice, cny(10));
      expect(answer(await send(alice, { ...bob, id: '999999' }, 1))).toEqual({ code: 'user.not_found', params: { party: 'recipient' } });
      await t.forceStatus(bob.id, 'frozen');
      expect(answer(await send(alice, bob, 1))).toBe('ok');
      expect(answer(await send(bob, alice, 1))).toEqual({ code: 'account.frozen', params: { party: 'sender' } });
      await t.forceStatus(carol.id, 'closed');
      expect(answer(await send(alice, carol, 1))).toEqual({ code: 'account.closed', params: { party: 'recipient' } });
      expect(await balance(alice)).toBe(900n);
    });

    it('holds the per-payment and the rolling daily limit at the wallet clock', async () => {
      const [alice, bob] = [await someone(), await someone()];
      await fund(t, alice, cny(3000));
      expect(answer(await send(alice, bob, 501, { limits: LIMITS }))).toEqual({
        code: 'limit.per_transaction',
        params: { limit: '50000', currency: 'CNY', tier: 0 },
      });
      for (let i = 0; i < 3; i += 1) unwrap(await send(alice, bob, 500, { limits: LIMITS }));
      clock.advance(20 * HOUR);
      unwrap(await send(alice, bob, 400, { limits: LIMITS }));
      expect(answer(await send(alice, bob, 101, { limits: LIMITS }))).toEqual({
        code: 'limit.daily',
        params: { limit: '200000', remaining: '10000', currency: 'CNY', tier: 0 },
      });
      clock.advance(4 * HOUR + 1000);
      unwrap(await send(alice, bob, 500, { limits: LIMITS }));
      expect(await balance(alice)).toBe(60_000n);
    });

    it('answers a replayed key with its first outcome and refuses the key with other input', async () => {
      const [alice, bob] = [await someone(), await someone()];
      const key = freshKey();
      expect(answer(await send(alice, bob, 5, { key }))).toMatchObject({ code: 'transfer.insufficient_funds' });
      await fund(t, alice, cny(10));
      expect(answer(await send(alice, bob, 5, { key }))).toMatchObject({ code: 'transfer.insufficient_funds' });
      const paid = freshKey();
      const first = unwrap(await send(alice, bob, 5, { key: paid }));
      clock.advance(1000);
      expect(unwrap(await send(alice, bob, 5, { key: paid }))).toEqual(first);
      expect(answer(await send(alice, bob, 6, { key: paid }))).toEqual({ code: 'idempotency.conflict', params: {} });
      expect([await balance(alice), await balance(bob)]).toEqual([500n, 500n]);
    });
  });

  describe('payment requests and refunds', () => {
    it('pays a request once, and refuses it paid, cancelled, expired, changed or for someone else', async () => {
      const [shop, alice, carol] = [await someone(), await someone(), await someone()];
      await fund(t, alice, cny(100));
      await fund(t, carol, cny(100));
      const create = async (payerId?: string) =>
        unwrap(await t.wallet.createRequest({ key: freshKey(), merchant: { user: shop, identity: { platform: 'console', platformUserId: shop.id } }, amount: cny(10), payerId, ttlMs: HOUR }));
      const pay = (payer: User, requestId: string, major = 10, now?: Date) =>
        post({ key: freshKey(), kind: 'payment', from: { user: payer.id }, to: { user: shop.id }, amount: cny(major), requestId, ...(now ? { now } : {}) });
      const request = await create();
      const refusal = (code: string) => ({ code, params: { requestId: request.id } });
      expect(answer(await pay(alice, request.id, 11))).toEqual(refusal('request.changed'));
      expect(answer(await pay(alice, request.id))).toBe('ok');
      expect(answer(await pay(carol, request.id))).toEqual(refusal('request.already_paid'));
      expect((await t.store.requests.get(request.id, clock.now()))?.status).toBe('paid');

      const mine = await create(alice.id);
      expect(answer(await pay(carol, mine.id))).toEqual({ code: 'request.not_for_you', params: { requestId: mine.id } });
      expect(answer(await pay(alice, mine.id, 10, new Date(clock.now().getTime() + 2 * HOUR)))).toEqual({ code: 'request.expired', params: { requestId: mine.id } });
      await t.store.requests.cancel(mine.id, shop.id, clock.now());
      expect(answer(await pay(alice, mine.id))).toEqual({ code: 'request.cancelled', params: { requestId: mine.id } });
      expect(answer(await pay(alice, '999999'))).toEqual({ code: 'request.not_found', params: { requestId: '999999' } });
      expect([await balance(alice), await balance(carol), await balance(shop)]).toEqual([9000n, 10000n, 1000n]);
    });

    it('refunds no more than was paid, only back to the payer, and settles the open ask', async () => {
      const [alice, bob, carol] = [await someone(), await someone(), await someone()];
      await fund(t, alice, cny(50));
      const paid = unwrap(await send(alice, bob, 50));
      const ask = await t.store.requests.askRefund(paid.transferId, alice.id, bob.id, 'wrong person');
      const refund = (from: User, to: User, major: number) =>
        post({ key: freshKey(), kind: 'refund', from: { user: from.id }, to: { user: to.id }, amount: cny(major), relatedTransferId: paid.transferId });
      expect(answer(await refund(bob, alice, 30))).toBe('ok');
      expect((await t.store.requests.getRefundAsk(ask.id))?.status).toBe('refunded');
      await fund(t, bob, cny(10));
      expect(answer(await refund(bob, alice, 21))).toEqual({ code: 'refund.exceeds_remaining', params: { remaining: '2000', currency: 'CNY' } });
      await fund(t, carol, cny(10));
      expect(answer(await refund(carol, alice, 1))).toEqual({ code: 'refund.not_refundable', params: {} });
      expect(answer(await refund(bob, alice, 20))).toBe('ok');
      expect((await t.store.ledger.getTransfer(paid.transferId))?.refunded).toBe(5000n);
      expect([await balance(alice), await balance(bob)]).toEqual([5000n, 1000n]);
    });
  });

  describe('challenges and codes', () => {
    async function prepared(person: Person, to: User) {
      return unwrap(await t.wallet.prepareSend({ key: freshKey(), actor: { user: person.user, identity: person.identity }, toUserId: to.id, amount: cny(5) }));
    }

    it('lets a freeze beat a payment already confirmed, and fails the challenge a refusal ends', async () => {
      const [alice, bob] = [await enrolled(), await someone()];
      await fund(t, alice.user, cny(10));
      const challenge = await prepared(alice, bob);
      expect(await t.store.challenges.claim(challenge.id, freshKey(), clock.now())).toBe(true);
      expect((await t.wallet.freeze({ user: alice.user, identity: alice.identity })).ok).toBe(true);
      const movement = { kind: 'send' as const, from: { user: alice.user.id }, to: { user: bob.id }, amount: cny(5) };
      expect(answer(await post({ ...movement, key: `challenge:${challenge.id}`, challengeId: challenge.id }))).toEqual({ code: 'challenge.cancelled', params: {} });
      expect((await t.store.challenges.get(challenge.id))?.status).toBe('cancelled');
      expect([await balance(alice.user), await balance(bob)]).toEqual([1000n, 0n]);
      expect((await t.store.users.getUser(alice.user.id))?.frozenBy).toBe('owner');
    });

    it('locks a challenge after five wrong codes and blocks codes after more than ten in an hour', async () => {
      const [alice, bob] = [await enrolled(), await someone()];
      await fund(t, alice.user, cny(10));
      const wrong = () => t.wallet.confirm({ key: freshKey(), identity: alice.identity, code: '000000', label: 'x' });
      await prepared(alice, bob);
      const answers = [];
      for (let i = 0; i < 5; i += 1) answers.push(answer(await wrong()));
      expect(answers).toEqual([
        ...[4, 3, 2, 1].map((attemptsLeft) => ({ code: 'code.invalid', params: { attemptsLeft } })),
        { code: 'challenge.locked', params: {} },
      ]);
      expect(await t.wallet.pendingChallenge(alice.identity)).toBeUndefined();
      await prepared(alice, bob);
      for (let i = 0; i < 5; i += 1) await wrong();
      await prepared(alice, bob);
      expect(answer(await wrong())).toEqual({ code: 'code.blocked', params: { minutes: 60 } });
      const right = () => t.wallet.confirm({ key: freshKey(), identity: alice.identity, code: codeAt(alice.secret, clock.now()), label: 'x' });
      expect(answer(await right())).toEqual({ code: 'code.blocked', params: { minutes: 60 } });
      clock.advance(HOUR + 60_000);
      await prepared(alice, bob);
      expect(answer(await right())).toBe('ok');
      expect(await balance(bob)).toBe(500n);
    });

    it('names what keeps a wallet from closing: money, open requests, other pending challenges', async () => {
      const [alice, bob] = [await enrolled(), await someone()];
      const blockers = () => t.store.accounts.closeBlockers(alice.user.id, clock.now());
      await fund(t, alice.user, cny(1));
      expect(await blockers()).toBe('not_empty');
      unwrap(await send(alice.user, bob, 1));
      const request = unwrap(await t.wallet.createRequest({ key: freshKey(), merchant: { user: alice.user, identity: alice.identity }, amount: cny(1), ttlMs: HOUR }));
      expect(await blockers()).toBe('open_requests');
      clock.advance(HOUR);
      expect(await blockers()).toBeUndefined();
      expect((await t.store.requests.get(request.id, clock.now()))?.status).toBe('expired');
      const challenge = unwrap(await t.wallet.prepareResetAuthenticator({ key: freshKey(), actor: { user: alice.user, identity: alice.identity } }));
      expect(await blockers()).toBe('open_challenges');
      expect(await t.store.accounts.closeBlockers(alice.user.id, clock.now(), challenge.id)).toBeUndefined();
    });
  });

  describe('wallet state changes that complete a confirmed challenge', () => {
    /** A challenge as the core leaves it once a code was accepted: claimed, not yet run. */
    async function confirmed(owner: User, kind: ChallengeKind = 'freeze_user') {
      const created = await t.store.challenges.create({
        userId: owner.id,
        origin: { platform: 'console', platformUserId: freshKey('origin') },
        kind,
        payload: {},
        prepareKey: freshKey(),
        requestHash: 'hash',
        expiresAt: new Date(clock.now().getTime() + 60_000),
      });
      if (!('challenge' in created)) throw new Error('fresh prepare key conflicted');
      expect(await t.store.challenges.claim(created.challenge.id, freshKey(), clock.now())).toBe(true);
      return created.challenge.id;
    }
    const status = async (user: User) => {
      const now = await t.store.users.getUser(user.id);
      return [now?.status, now?.frozenBy];
    };

    it('freezes by the side that froze, and lets only that side lift it', async () => {
      const [ops, alice] = [await someone(), await someone()];
      expect((await t.store.accounts.freeze(alice.id))?.changed).toBe(true);
      expect(await t.store.accounts.unfreeze(alice.id, await confirmed(ops), 'operator')).toBe('frozen_by_owner');
      const takeover = await confirmed(ops);
      expect(await t.store.accounts.freezeByOperator(alice.id, takeover)).toBe('done');
      expect(await t.store.accounts.freezeByOperator(alice.id, takeover)).toBe('cancelled');
      expect(await status(alice)).toEqual(['frozen', 'operator']);
      expect((await t.store.accounts.freeze(alice.id))?.changed).toBe(false);
      const owners = await confirmed(alice, 'unfreeze');
      expect(await t.store.accounts.unfreeze(alice.id, owners, 'owner')).toBe('frozen_by_operator');
      expect((await t.store.challenges.get(owners))?.status).toBe('done');
      expect(await t.store.accounts.unfreeze(alice.id, await confirmed(ops), 'operator')).toBe('done');
      expect(await status(alice)).toEqual(['active', undefined]);
      expect(await t.store.accounts.unfreeze(alice.id, await confirmed(ops), 'operator')).toBe('not_frozen');
      expect(await t.store.accounts.freezeByOperator('999999', await confirmed(ops))).toBe('not_found');
    });

    it('refuses to close a wallet holding money yet cancels its other challenges, and closes an empty one', async () => {
      const [alice, bob] = [await someone(), await someone()];
      await fund(t, alice, cny(1));
      const other = await confirmed(alice, 'send');
      expect(await t.store.accounts.close(alice.id, await confirmed(alice, 'close_account'), clock.now())).toBe('not_empty');
      expect((await t.store.challenges.get(other))?.status).toBe('cancelled');
      unwrap(await send(alice, bob, 1));
      expect(await t.store.accounts.close(alice.id, await confirmed(alice, 'close_account'), clock.now())).toBe('done');
      expect(await status(alice)).toEqual(['closed', undefined]);
      expect(await t.store.users.identitiesOf(alice.id)).toEqual([]);
      expect(answer(await send(bob, alice, 1))).toEqual({ code: 'account.closed', params: { party: 'recipient' } });
    });

    it('links an identity once per code, moving it only from a wallet that never held money', async () => {
      const [alice, moneyed, empty] = [await someone(), await someone(), await someone()];
      const aliceIdentity = (await t.store.users.identitiesOf(alice.id))[0]!;
      const emptyIdentity = (await t.store.users.identitiesOf(empty.id))[0]!;
      const moneyedIdentity = (await t.store.users.identitiesOf(moneyed.id))[0]!;
      await fund(t, moneyed, cny(1));
      const code = async () => {
        const hash = freshKey('hash');
        await t.store.accounts.createLinkCode(alice.id, hash, freshKey(), new Date(clock.now().getTime() + 60_000));
        return hash;
      };
      const used = await code();
      expect(await t.store.accounts.link(alice.id, emptyIdentity, used, await confirmed(alice, 'link_identity'))).toBe('done');
      expect(await t.store.accounts.link(alice.id, moneyedIdentity, used, await confirmed(alice, 'link_identity'))).toBe('code_used');
      expect(await t.store.accounts.link(alice.id, moneyedIdentity, await code(), await confirmed(alice, 'link_identity'))).toBe('identity_in_use');
      expect((await t.store.users.findUserByIdentity(emptyIdentity))?.id).toBe(alice.id);
      expect(await status(empty)).toEqual(['closed', undefined]);
      expect(await t.store.users.identitiesOf(alice.id)).toEqual([aliceIdentity, { platform: 'console', platformUserId: emptyIdentity.platformUserId }]);
      expect(await t.store.accounts.unlink(alice.id, emptyIdentity, await confirmed(alice, 'unlink_identity'))).toBe('done');
      expect(await t.store.accounts.unlink(alice.id, aliceIdentity, await confirmed(alice, 'unlink_identity'))).toBe('last_identity');
    });
  });

  describe('outbox, link codes, verification, questions', () => {
    it('writes one notice per party with the movement, and hands each out once per platform', async () => {
      const [alice, bob] = [await someone(), await someone()];
      await fund(t, alice, cny(3));
      const posted = unwrap(await send(alice, bob, 2, { memo: 'tea' }));
      const [sent] = await t.store.notifications.listForUser(alice.id, 1);
      const [received] = await t.store.notifications.listForUser(bob.id, 1);
      expect(sent).toMatchObject({ kind: 'send.sent', actions: ['freeze'], params: { transferId: posted.transferId, amount: '200', currency: 'CNY', memo: 'tea', counterpartyId: bob.id, requestId: null } });
      expect(received).toMatchObject({ kind: 'send.received', actions: [], params: { counterpartyId: alice.id, refundRemaining: null } });
      const pending = await t.store.notifications.pending('console', 1000);
      expect(pending.map((n) => n.id)).toEqual(expect.arrayContaining([sent!.id, received!.id]));
      await t.store.notifications.markDelivered(sent!.id, 'console');
      await t.store.notifications.markFailed(received!.id, 'console', 'blocked');
      const after = (await t.store.notifications.pending('console', 1000)).map((n) => n.id);
      expect(after).not.toContain(sent!.id);
      expect(after).not.toContain(received!.id);
      expect(await t.store.notifications.pending('telegram', 1000)).toEqual([]);
    });

    it('keeps a link code once per hash and key, live until its expiry', async () => {
      const alice = await someone();
      const expiresAt = new Date(clock.now().getTime() + HOUR);
      const hash = freshKey('hash');
      const key = freshKey();
      expect(await t.store.accounts.createLinkCode(alice.id, hash, key, expiresAt)).toEqual({ created: true });
      expect(await t.store.accounts.createLinkCode(alice.id, hash, freshKey(), expiresAt)).toEqual({ created: false });
      expect(await t.store.accounts.createLinkCode(alice.id, freshKey('hash'), key, expiresAt)).toEqual({ created: false });
      expect(await t.store.accounts.findLinkCode(hash, clock.now())).toEqual({ userId: alice.id });
      expect(await t.store.accounts.findLinkCode(hash, expiresAt)).toBeUndefined();
    });

    it('keeps one pending verification per wallet and returns the first for its key', async () => {
      const alice = await someone();
      const submit = (key: string) =>
        t.store.verification.submit({ userId: alice.id, fullName: 'Alice A', documentType: 'passport', fileRef: 'f', fileSha256: 'a'.repeat(64), targetTier: 1, submitKey: key });
      const key = freshKey();
      const first = await submit(key);
      expect(await submit(key)).toEqual(first);
      expect(await submit(freshKey())).toEqual({ pending: 'verification' in first ? first.verification : undefined });
    });

    it('keeps one question per person and chat until it expires', async () => {
      const place = { platform: 'console' as const, platformUserId: freshKey('q'), chatId: 'room' };
      const until = new Date(clock.now().getTime() + 60_000);
      await t.store.questions.save(place, { ask: 'amount' }, until, clock.now());
      await t.store.questions.save(place, { ask: 'payee' }, until, clock.now());
      expect(await t.store.questions.find(place, clock.now())).toEqual({ ask: 'payee' });
      expect(await t.store.questions.find({ ...place, chatId: 'other' }, clock.now())).toBeUndefined();
      expect(await t.store.questions.find(place, until)).toBeUndefined();
      expect(await t.store.questions.remove(place)).toBe(true);
      expect(await t.store.questions.remove(place)).toBe(false);
    });
  });
}
