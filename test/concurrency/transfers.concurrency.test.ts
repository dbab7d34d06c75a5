import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { money } from '../../core/money/index.js';
import { openTestWallet, serverUrl, type TestWallet } from '../support/test-database.js';
import { balanceOf, cny, consoleUser, expectCleanLedger, freshKey, fund } from '../support/wallet-fixtures.js';

/** Needs a real server: PGlite has one connection, so nothing there can race. */
describe.skipIf(!serverUrl)('concurrent transfers on the PostgreSQL server', () => {
  let t: TestWallet;
  beforeAll(async () => {
    t = await openTestWallet({ poolSize: 24 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('(a) 100 concurrent sends of X from a balance of 10X: exactly 10 succeed', async () => {
    const payer = await consoleUser(t.wallet, 'a-payer');
    const payee = await consoleUser(t.wallet, 'a-payee');
    await fund(t, payer, cny(70));
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        t.moves.send({ key: freshKey(), fromUserId: payer.id, toUserId: payee.id, amount: cny(7) }),
      ),
    );
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(10);
    expect(codes.filter((c) => c === 'transfer.insufficient_funds')).toHaveLength(90);
    expect(await balanceOf(t.wallet, payer, 'CNY')).toBe(0n);
    expect(await balanceOf(t.wallet, payee, 'CNY')).toBe(7000n);
    await expectCleanLedger(t.wallet);
  });

  it('(b) 500 A→B and 500 B→A at once: no deadlock reaches the caller, balances exact', async () => {
    const a = await consoleUser(t.wallet, 'b-a');
    const b = await consoleUser(t.wallet, 'b-b');
    await fund(t, a, cny(1000));
    await fund(t, b, cny(1000));
    const sends = Array.from({ length: 1000 }, (_, i) =>
      i % 2 === 0
        ? t.moves.send({ key: freshKey(), fromUserId: a.id, toUserId: b.id, amount: cny(1) })
        : t.moves.send({ key: freshKey(), fromUserId: b.id, toUserId: a.id, amount: cny(1) }),
    );
    const results = await Promise.all(sends);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(await balanceOf(t.wallet, a, 'CNY')).toBe(100000n);
    expect(await balanceOf(t.wallet, b, 'CNY')).toBe(100000n);
    await expectCleanLedger(t.wallet);
  });

  it('(c) 50 concurrent calls with one key: one transfer, 50 identical outcomes', async () => {
    const payer = await consoleUser(t.wallet, 'c-payer');
    const payee = await consoleUser(t.wallet, 'c-payee');
    await fund(t, payer, cny(10));
    const key = freshKey('same');
    const results = await Promise.all(
      Array.from({ length: 50 }, () => t.moves.send({ key, fromUserId: payer.id, toUserId: payee.id, amount: cny(3) })),
    );
    expect(results[0]!.ok).toBe(true);
    for (const result of results) expect(result).toEqual(results[0]);
    const [row] = await t.database.query<{ n: unknown }>(sql`select count(*) as n from transfers where idempotency_key = ${key} and status = 'completed'`);
    expect(Number(row!.n)).toBe(1);
    expect(await balanceOf(t.wallet, payer, 'CNY')).toBe(700n);
    await expectCleanLedger(t.wallet);
  });

  it('(d) concurrent first deposits into a currency the user never held: none lost', async () => {
    const user = await consoleUser(t.wallet, 'd-user');
    const results = await Promise.all(
      Array.from({ length: 40 }, () => t.moves.deposit({ key: freshKey(), userId: user.id, amount: money('USD', 125n) })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await t.wallet.balances(user.id)).toEqual([money('USD', 5000n)]);
    const [row] = await t.database.query<{ n: unknown }>(
      sql`select count(*) as n from accounts where user_id = ${BigInt(user.id)} and currency = 'USD'`,
    );
    expect(Number(row!.n)).toBe(1);
    await expectCleanLedger(t.wallet);
  });

  it('a hot merchant paid by 32 payers at once gets every cent, and can spend it all', async () => {
    const merchant = await consoleUser(t.wallet, 'hot-merchant');
    const payers = await Promise.all(Array.from({ length: 32 }, (_, i) => consoleUser(t.wallet, `hot-payer-${i}`)));
    await Promise.all(payers.map((p) => fund(t, p, cny(20))));
    const results = await Promise.all(
      payers.flatMap((p) =>
        Array.from({ length: 10 }, () =>
          t.moves.send({ key: freshKey(), fromUserId: p.id, toUserId: merchant.id, amount: cny(2) }),
        ),
      ),
    );
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(await balanceOf(t.wallet, merchant, 'CNY')).toBe(64000n);
    await expectCleanLedger(t.wallet);

    const cashOut = await t.moves.withdraw({ key: freshKey(), userId: merchant.id, amount: cny(640) });
    expect(cashOut.ok && cashOut.value.balanceAfter).toEqual(cny(0));
    const [parked] = await t.database.query<{ n: unknown }>(sql`
      select count(*) as n from pending_deltas p join accounts a on a.id = p.account_id
       where a.user_id = ${BigInt(merchant.id)}`);
    expect(Number(parked!.n)).toBe(0);
    await expectCleanLedger(t.wallet);
  });

  it('a credit to an account whose row is locked parks instead of waiting, and is folded later', async () => {
    const merchant = await consoleUser(t.wallet, 'busy-merchant');
    const payer = await consoleUser(t.wallet, 'busy-payer');
    await fund(t, merchant, cny(1));
    await fund(t, payer, cny(5));
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`select 1 from accounts where user_id = ${BigInt(merchant.id)} for no key update`);
      const paid = await t.moves.send({ key: freshKey(), fromUserId: payer.id, toUserId: merchant.id, amount: cny(5) });
      expect(paid.ok).toBe(true);
      expect(await balanceOf(t.wallet, merchant, 'CNY')).toBe(600n);
      await expectCleanLedger(t.wallet);
    });
    const [parked] = await t.database.query<{ n: unknown }>(sql`
      select count(*) as n from pending_deltas p join accounts a on a.id = p.account_id where a.user_id = ${BigInt(merchant.id)}`);
    expect(Number(parked!.n)).toBe(1);
    const spent = await t.moves.send({ key: freshKey(), fromUserId: merchant.id, toUserId: payer.id, amount: cny(6) });
    expect(spent.ok && spent.value.balanceAfter).toEqual(cny(0));
    const stamped = await t.database.query<{ balance_after: unknown }>(sql`
      select e.balance_after from entries e join accounts a on a.id = e.account_id
       where a.user_id = ${BigInt(merchant.id)} order by e.id`);
    expect(stamped.map((r) => BigInt(String(r.balance_after)))).toEqual([100n, 600n, 0n]);
    await expectCleanLedger(t.wallet);
  });
});
