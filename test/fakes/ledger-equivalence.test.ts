import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Outcome } from '../../core/errors.js';
import { fingerprint } from '../../core/idempotency.js';
import { mergeLimits, tierLimits } from '../../core/limits/limits.js';
import { money } from '../../core/money/index.js';
import type { Posted, Posting, User } from '../../core/ports/index.js';
import { manualClock, openTestWallet } from '../support/test-database.js';
import { consoleUser, freshKey } from '../support/wallet-fixtures.js';
import { openMemoryWallet, type WalletUnderTest } from './memory-wallet.js';

const USERS = 2;
/** Tier 0 may pay 500 CNY at once and 1,000 CNY a day: tight, so that sequences reach both limits. */
const LIMITS = tierLimits(mergeLimits({ CNY: [[500, 1_000]] }), 'CNY');
const HOUR = 3_600_000;

type Operation =
  | { op: 'deposit'; user: number; minor: bigint }
  | { op: 'send'; from: number; to: number; minor: bigint; limited: boolean }
  | { op: 'withdraw'; user: number; minor: bigint }
  | { op: 'pay'; payer: number; merchant: number; minor: bigint; late: boolean; twice: boolean }
  | { op: 'refund'; index: number; minor: bigint }
  | { op: 'status'; user: number; status: 'active' | 'frozen' }
  | { op: 'wait'; hours: number }
  | { op: 'replay'; index: number; other: boolean };

const user = fc.integer({ min: 0, max: USERS - 1 });
// up to 550 CNY: past the per-payment limit sometimes, and past the daily one within a few payments
const minor = fc.bigInt({ min: 1n, max: 55_000n });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('deposit' as const), user, minor: fc.bigInt({ min: 1n, max: 300_000n }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('send' as const), from: user, to: user, minor, limited: fc.constantFrom(true, true, true, false) }), weight: 6 },
  { arbitrary: fc.record({ op: fc.constant('withdraw' as const), user, minor }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('pay' as const), payer: user, merchant: user, minor, late: fc.boolean(), twice: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('refund' as const), index: fc.nat(), minor }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('status' as const), user, status: fc.constantFrom('active' as const, 'frozen' as const) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 16 }) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('replay' as const), index: fc.nat(), other: fc.boolean() }), weight: 2 },
);

/** One store driven by the same operations as the other, keeping its own ids. */
interface Side {
  t: WalletUnderTest;
  users: User[];
  /** Postings made so far, by index, with the transfer each produced (if it did). */
  postings: { posting: Posting; transferId?: string }[];
}

const clock = manualClock();
let sides: Side[];

beforeAll(async () => {
  sides = [{ t: openMemoryWallet({ clock }), users: [], postings: [] }, { t: await openTestWallet({ clock }), users: [], postings: [] }];
});
afterAll(async () => {
  for (const side of sides) await side.t.close();
});

/** What a caller sees of a posting: the refusal, or the payer's balance after. Ids differ between stores. */
function seen(outcome: Outcome<Posted>) {
  if (outcome.ok) return { ok: true, after: outcome.value.debitedBalanceAfter };
  const { requestId: _id, ...params } = outcome.error.params;
  return { code: outcome.error.code, params };
}

async function post(side: Side, movement: Omit<Posting, 'fingerprint' | 'now'>) {
  const { key: _key, limits: _limits, ...input } = movement;
  const posting = { ...movement, now: clock.now(), fingerprint: fingerprint('transfer', input) };
  const outcome = await side.t.store.ledger.post(posting);
  side.postings.push({ posting, ...(outcome.ok ? { transferId: outcome.value.transferId } : {}) });
  return seen(outcome);
}

/** Runs one operation on one side; the same key is used on both, since each store has its own keys. */
async function run(side: Side, operation: Operation, key: string): Promise<unknown[]> {
  const id = (u: number) => side.users[u]!.id;
  const cny = (m: bigint) => money('CNY', m);
  switch (operation.op) {
    case 'deposit':
      return [await post(side, { key, kind: 'deposit', from: { system: 'external' }, to: { user: id(operation.user) }, amount: cny(operation.minor) })];
    case 'withdraw':
      return [await post(side, { key, kind: 'withdrawal', from: { user: id(operation.user) }, to: { system: 'external' }, amount: cny(operation.minor), limits: LIMITS })];
    case 'send': {
      const { from, to, minor, limited } = operation;
      if (from === to) return [];
      return [await post(side, { key, kind: 'send', from: { user: id(from) }, to: { user: id(to) }, amount: cny(minor), ...(limited ? { limits: LIMITS } : {}) })];
    }
    case 'pay': {
      const { payer, merchant, minor, late, twice } = operation;
      if (payer === merchant) return [];
      const created = await side.t.store.requests.create(
        { merchantId: id(merchant), amount: cny(minor), expiresAt: new Date(clock.now().getTime() + HOUR), createKey: key, requestHash: 'h' },
        clock.now(),
      );
      if (!('request' in created)) throw new Error('fresh request key conflicted');
      if (late) clock.advance(HOUR);
      const pay = (n: number) =>
        post(side, { key: `${key}:${n}`, kind: 'payment', from: { user: id(payer) }, to: { user: id(merchant) }, amount: cny(minor), requestId: created.request.id, limits: LIMITS });
      const answers = [await pay(1), ...(twice ? [await pay(2)] : [])];
      if (late) clock.advance(-HOUR);
      return answers;
    }
    case 'refund': {
      const paid = side.postings.filter((p) => p.transferId && (p.posting.kind === 'send' || p.posting.kind === 'payment'));
      const target = paid[operation.index % Math.max(paid.length, 1)];
      if (!target) return [];
      const { from, to } = target.posting;
      return [await post(side, { key, kind: 'refund', from: to, to: from, amount: cny(operation.minor), relatedTransferId: target.transferId! })];
    }
    case 'status':
      await side.t.forceStatus(id(operation.user), operation.status);
      return [];
    case 'wait':
      return [];
    case 'replay': {
      const earlier = side.postings[operation.index % Math.max(side.postings.length, 1)];
      if (!earlier) return [];
      const { posting } = earlier;
      const amount = operation.other ? cny(posting.amount.minor + 1n) : posting.amount;
      const { fingerprint: _fp, now: _now, ...movement } = { ...posting, amount };
      return [await post(side, movement)];
    }
  }
}

it('answers every sequence of movements as the database does, and ends with the same balances', { timeout: 300_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(operation, { minLength: 5, maxLength: 30 }), async (operations) => {
      for (const side of sides) {
        side.users = [];
        side.postings = [];
        for (let u = 0; u < USERS; u += 1) side.users.push(await consoleUser(side.t.wallet, freshKey('u')));
      }
      // both start with 1,200 CNY: enough to reach the daily limit, not so much that funds never run out
      const opening = Array.from({ length: USERS }, (_, u): Operation => ({ op: 'deposit', user: u, minor: 120_000n }));
      for (const operation of [...opening, ...operations]) {
        const key = freshKey('op');
        const [fake, database] = [await run(sides[0]!, operation, key), await run(sides[1]!, operation, key)];
        expect(fake).toEqual(database);
        if (operation.op === 'wait') clock.advance(operation.hours * HOUR);
      }
      for (let u = 0; u < USERS; u += 1) {
        const [fake, database] = await Promise.all(sides.map((side) => side.t.wallet.balances(side.users[u]!.id)));
        expect(fake).toEqual(database);
      }
    }),
    { numRuns: 20 },
  );
  for (const side of sides) expect(await side.t.store.ledger.checkLedger()).toEqual([]);
});
