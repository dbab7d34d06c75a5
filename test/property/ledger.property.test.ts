import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outcome } from '../../core/errors.js';
import { money, type CurrencyCode } from '../../core/money/index.js';
import type { TransferReceipt } from '../../core/ledger/move-money.js';
import { openTestWallet, type TestWallet } from '../support/test-database.js';
import { consoleUser, expectCleanLedger, freshKey } from '../support/wallet-fixtures.js';

const USERS = 4;
const CURRENCIES: CurrencyCode[] = ['CNY', 'JPY'];

type Operation =
  | { op: 'deposit'; user: number; currency: CurrencyCode; minor: bigint }
  | { op: 'send'; from: number; to: number; currency: CurrencyCode; minor: bigint }
  | { op: 'withdraw'; user: number; currency: CurrencyCode; minor: bigint }
  | { op: 'replay'; index: number };

const user = fc.integer({ min: 0, max: USERS - 1 });
const currency = fc.constantFrom(...CURRENCIES);
const minor = fc.bigInt({ min: 1n, max: 5_000n });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ op: fc.constant('deposit' as const), user, currency, minor }),
  fc.record({ op: fc.constant('send' as const), from: user, to: user, currency, minor }),
  fc.record({ op: fc.constant('send' as const), from: user, to: user, currency, minor }),
  fc.record({ op: fc.constant('withdraw' as const), user, currency, minor }),
  fc.record({ op: fc.constant('replay' as const), index: fc.nat() }),
);

let t: TestWallet;
beforeAll(async () => {
  t = await openTestWallet();
});
afterAll(async () => {
  await t.close();
});

describe('ledger under random operations', () => {
  it('matches a simple model, stays balanced, and ignores replays', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (operations) => {
        run += 1;
        const ids = await Promise.all(
          Array.from({ length: USERS }, (_, i) => consoleUser(t.wallet, `p${run}u${i}`).then((u) => u.id)),
        );
        const model = new Map<string, bigint>();
        const held = (u: number, c: CurrencyCode) => model.get(`${u}:${c}`) ?? 0n;
        const change = (u: number, c: CurrencyCode, delta: bigint) => model.set(`${u}:${c}`, held(u, c) + delta);
        const done: { call: () => Promise<Outcome<TransferReceipt>>; outcome: Outcome<TransferReceipt> }[] = [];

        for (const step of operations) {
          if (step.op === 'replay') {
            if (done.length === 0) continue;
            const earlier = done[step.index % done.length]!;
            expect(await earlier.call()).toEqual(earlier.outcome);
            continue;
          }
          const key = freshKey('prop');
          const amount = money(step.currency, step.minor);
          let call: () => Promise<Outcome<TransferReceipt>>;
          let expected: string;
          if (step.op === 'deposit') {
            call = () => t.moves.deposit({ key, userId: ids[step.user]!, amount });
            expected = 'ok';
            change(step.user, step.currency, step.minor);
          } else if (step.op === 'withdraw') {
            call = () => t.moves.withdraw({ key, userId: ids[step.user]!, amount });
            expected = held(step.user, step.currency) >= step.minor ? 'ok' : 'transfer.insufficient_funds';
            if (expected === 'ok') change(step.user, step.currency, -step.minor);
          } else {
            call = () => t.moves.send({ key, fromUserId: ids[step.from]!, toUserId: ids[step.to]!, amount });
            expected =
              step.from === step.to
                ? 'transfer.self'
                : held(step.from, step.currency) >= step.minor
                  ? 'ok'
                  : 'transfer.insufficient_funds';
            if (expected === 'ok') {
              change(step.from, step.currency, -step.minor);
              change(step.to, step.currency, step.minor);
            }
          }
          const outcome = await call();
          expect(outcome.ok ? 'ok' : outcome.error.code).toBe(expected);
          done.push({ call, outcome });
        }

        for (let u = 0; u < USERS; u++) {
          const balances = await t.wallet.balances(ids[u]!);
          for (const c of CURRENCIES) {
            expect(balances.find((m) => m.currency === c)?.minor ?? 0n).toBe(held(u, c));
          }
        }
        await expectCleanLedger(t.wallet);
      }),
      { numRuns: 40 },
    );
  });
});
