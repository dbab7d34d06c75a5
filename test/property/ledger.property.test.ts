import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outcome } from '../../core/errors.js';
import { move } from '../../core/ledger/move-money.js';
import { money, type CurrencyCode } from '../../core/money/index.js';
import { manualClock, openTestWallet, type TestWallet } from '../support/test-database.js';
import { consoleUser, expectCleanLedger, freshKey } from '../support/wallet-fixtures.js';
import { enrolledPerson, type Person } from '../support/confirmation-fixtures.js';
import { codeAt } from '../../core/security/totp.js';

const USERS = 4;
const CURRENCIES: CurrencyCode[] = ['CNY', 'JPY'];

type Operation =
  | { op: 'deposit'; user: number; currency: CurrencyCode; minor: bigint }
  | { op: 'send'; from: number; to: number; currency: CurrencyCode; minor: bigint }
  | { op: 'withdraw'; user: number; currency: CurrencyCode; minor: bigint }
  | { op: 'request'; merchant: number; payer: number; currency: CurrencyCode; minor: bigint; payTwice: boolean }
  | { op: 'refund'; index: number; minor: bigint }
  | { op: 'freeze'; user: number }
  | { op: 'unfreeze'; user: number }
  | { op: 'confirmed_send'; from: number; to: number; minor: bigint; drain: bigint }
  | { op: 'replay'; index: number };

const user = fc.integer({ min: 0, max: USERS - 1 });
const currency = fc.constantFrom(...CURRENCIES);
const minor = fc.bigInt({ min: 1n, max: 5_000n });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('deposit' as const), user, currency, minor }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('send' as const), from: user, to: user, currency, minor }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('withdraw' as const), user, currency, minor }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('request' as const), merchant: user, payer: user, currency, minor, payTwice: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('refund' as const), index: fc.nat(), minor }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('freeze' as const), user }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('unfreeze' as const), user }), weight: 1 },
  // a chat send confirmed with a code; a withdrawal between prepare and confirm can make the ledger refuse it
  { arbitrary: fc.record({ op: fc.constant('confirmed_send' as const), from: user, to: user, minor, drain: fc.bigInt({ min: 0n, max: 5_000n }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('replay' as const), index: fc.nat() }), weight: 2 },
);

let t: TestWallet;
const clock = manualClock();
beforeAll(async () => {
  t = await openTestWallet({ clock });
});
afterAll(async () => {
  await t.close();
});

/** One side of the model: balances, frozen wallets, and what each payment has left to refund. */
class Model {
  private held = new Map<string, bigint>();
  readonly frozen = new Set<number>();
  readonly paidRequests = new Set<string>();
  readonly refundable: { transferId: string; payer: number; payee: number; currency: CurrencyCode; left: bigint }[] = [];
  balance = (u: number, c: CurrencyCode) => this.held.get(`${u}:${c}`) ?? 0n;
  change = (u: number, c: CurrencyCode, delta: bigint) => this.held.set(`${u}:${c}`, this.balance(u, c) + delta);
  /** The refusal the ledger must give a debit of `amount` from `u`, if any. */
  debitRefusal(u: number, c: CurrencyCode, amount: bigint): string | undefined {
    if (this.frozen.has(u)) return 'account.frozen';
    return this.balance(u, c) >= amount ? undefined : 'transfer.insufficient_funds';
  }
}

describe('ledger under random operations', () => {
  it('matches a simple model with requests, refunds, freezes and confirmed sends, stays balanced, and ignores replays', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 30 }), async (operations) => {
        run += 1;
        const ids = await Promise.all(
          Array.from({ length: USERS }, (_, i) => consoleUser(t.wallet, `p${run}u${i}`).then((u) => u.id)),
        );
        const model = new Model();
        const enrolled = new Map<number, Person>();
        const personOf = async (u: number) => {
          if (!enrolled.has(u)) enrolled.set(u, await enrolledPerson(t, clock, `p${run}u${u}`));
          return enrolled.get(u)!;
        };
        const done: { call: () => Promise<Outcome<unknown>>; outcome: Outcome<unknown> }[] = [];
        const expectOutcome = async <T>(call: () => Promise<Outcome<T>>, expected: string) => {
          const outcome = await call();
          expect(outcome.ok ? 'ok' : outcome.error.code).toBe(expected);
          done.push({ call, outcome });
          return outcome;
        };

        for (const step of operations) {
          const key = freshKey('prop');
          if (step.op === 'replay') {
            if (done.length === 0) continue;
            const earlier = done[step.index % done.length]!;
            expect(await earlier.call()).toEqual(earlier.outcome);
          } else if (step.op === 'confirmed_send') {
            const payer = await personOf(step.from);
            const amount = money('CNY', step.minor);
            const prepareRefusal = model.frozen.has(step.from)
              ? 'account.frozen'
              : step.from === step.to ? 'transfer.self' : model.debitRefusal(step.from, 'CNY', step.minor);
            const prepared = await t.wallet.prepareSend({ key, actor: { user: (await t.store.users.getUser(payer.user.id))!, identity: payer.identity }, toUserId: ids[step.to]!, amount });
            expect(prepared.ok ? 'ok' : prepared.error.code).toBe(prepareRefusal ?? 'ok');
            if (!prepared.ok) continue;
            const drain = step.drain < model.balance(step.from, 'CNY') ? step.drain : 0n;
            if (drain > 0n) {
              // one key for the call and its replays: a replay must be the same withdrawal, not another
              const drainKey = freshKey('drain');
              await expectOutcome(() => t.moves.withdraw({ key: drainKey, userId: ids[step.from]!, amount: money('CNY', drain) }), 'ok');
              model.change(step.from, 'CNY', -drain);
            }
            const confirmation = { key: freshKey('confirm'), identity: payer.identity, code: codeAt(payer.secret, clock.now()), label: 'p' };
            const outcome = await expectOutcome(() => t.wallet.confirm(confirmation), model.debitRefusal(step.from, 'CNY', step.minor) ?? 'ok');
            // a redelivered confirmation answers exactly as the first did, refusal or success
            expect(await t.wallet.confirm(confirmation)).toEqual(outcome);
            clock.advance(30_000);
            if (outcome.ok) {
              const { receipt } = outcome.value.effect as Extract<typeof outcome.value.effect, { kind: 'transfer' }>;
              model.change(step.from, 'CNY', -step.minor);
              model.change(step.to, 'CNY', step.minor);
              model.refundable.push({ transferId: receipt.transferId, payer: step.from, payee: step.to, currency: 'CNY', left: step.minor });
            }
          } else if (step.op === 'freeze') {
            await t.store.lifecycle.freeze(ids[step.user]!);
            model.frozen.add(step.user);
          } else if (step.op === 'unfreeze') {
            if (model.frozen.delete(step.user)) await t.forceStatus(ids[step.user]!, 'active');
          } else if (step.op === 'deposit') {
            await expectOutcome(() => t.moves.deposit({ key, userId: ids[step.user]!, amount: money(step.currency, step.minor) }), 'ok');
            model.change(step.user, step.currency, step.minor);
          } else if (step.op === 'withdraw') {
            const refusal = model.debitRefusal(step.user, step.currency, step.minor);
            await expectOutcome(() => t.moves.withdraw({ key, userId: ids[step.user]!, amount: money(step.currency, step.minor) }), refusal ?? 'ok');
            if (!refusal) model.change(step.user, step.currency, -step.minor);
          } else if (step.op === 'send') {
            const refusal = step.from === step.to ? 'transfer.self' : model.debitRefusal(step.from, step.currency, step.minor);
            const outcome = await expectOutcome(
              () => t.moves.send({ key, fromUserId: ids[step.from]!, toUserId: ids[step.to]!, amount: money(step.currency, step.minor) }),
              refusal ?? 'ok',
            );
            if (outcome.ok) {
              model.change(step.from, step.currency, -step.minor);
              model.change(step.to, step.currency, step.minor);
              model.refundable.push({ transferId: outcome.value.transferId, payer: step.from, payee: step.to, currency: step.currency, left: step.minor });
            }
          } else if (step.op === 'request') {
            if (step.merchant === step.payer) continue;
            const amount = money(step.currency, step.minor);
            const created = await t.wallet.createRequest({
              key,
              merchant: { user: (await t.store.users.getUser(ids[step.merchant]!))!, identity: { platform: 'console', platformUserId: 'm' } },
              amount,
            });
            if (!created.ok) {
              expect(created.error.code).toBe(model.frozen.has(step.merchant) ? 'account.frozen' : 'ok');
              continue;
            }
            for (let attempt = 0; attempt < (step.payTwice ? 2 : 1); attempt++) {
              const payKey = freshKey('pay');
              const refusal = model.debitRefusal(step.payer, step.currency, step.minor);
              const alreadyPaid = model.paidRequests.has(created.value.id);
              const pay = () =>
                move(t.store.ledger, {
                  key: payKey,
                  kind: 'payment',
                  from: { user: ids[step.payer]! },
                  to: { user: ids[step.merchant]! },
                  amount,
                  requestId: created.value.id,
                  now: clock.now(),
                });
              const outcome = await expectOutcome(pay, refusal ?? (alreadyPaid ? 'request.already_paid' : 'ok'));
              if (outcome.ok) {
                model.change(step.payer, step.currency, -step.minor);
                model.change(step.merchant, step.currency, step.minor);
                model.refundable.push({ transferId: outcome.value.transferId, payer: step.payer, payee: step.merchant, currency: step.currency, left: step.minor });
                model.paidRequests.add(created.value.id);
              }
            }
          } else {
            if (model.refundable.length === 0) continue;
            const original = model.refundable[step.index % model.refundable.length]!;
            const refusal =
              model.debitRefusal(original.payee, original.currency, step.minor) ??
              (step.minor > original.left ? 'refund.exceeds_remaining' : undefined);
            const outcome = await expectOutcome(
              () =>
                move(t.store.ledger, {
                  key,
                  kind: 'refund',
                  from: { user: ids[original.payee]! },
                  to: { user: ids[original.payer]! },
                  amount: money(original.currency, step.minor),
                  relatedTransferId: original.transferId,
                  now: clock.now(),
                }),
              refusal ?? 'ok',
            );
            if (outcome.ok) {
              original.left -= step.minor;
              model.change(original.payee, original.currency, -step.minor);
              model.change(original.payer, original.currency, step.minor);
            }
          }
        }

        for (let u = 0; u < USERS; u++) {
          const balances = await t.wallet.balances(ids[u]!);
          for (const c of CURRENCIES) expect(balances.find((m) => m.currency === c)?.minor ?? 0n).toBe(model.balance(u, c));
        }
        await expectCleanLedger(t.wallet);
      }),
      { numRuns: 40 },
    );
  });
});
