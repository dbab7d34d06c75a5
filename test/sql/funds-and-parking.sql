-- Funds and hot-account parking on one connection: credits parked while a payee's row was busy
-- count as funds, are folded in by the next transaction that holds the row (stamping each entry's
-- running balance_after), and a refusal folds nothing and writes nothing. Parking itself, which
-- needs a second transaction holding the row, is tested on the server by ledger-sql.test.ts.
DO $$
DECLARE
  alice bigint := okpay_test.wallet();
  bob bigint := okpay_test.wallet();
  r record;
BEGIN
  PERFORM okpay_test.fund(alice, 100);
  SELECT * INTO r FROM okpay_test.post('funds-1', alice, bob, 101);
  PERFORM okpay_test.assert_refused('funds-1', 'transfer.insufficient_funds', '{"available": "100", "currency": "CNY"}');
  SELECT * INTO r FROM okpay_test.post('funds-2', alice, bob, 100);
  ASSERT r.error_code IS NULL AND r.debited_balance = 0, format('the whole balance may be paid: %s', r);
  ASSERT okpay_test.balance(alice) = 0 AND okpay_test.balance(bob) = 100, 'paid exactly once';
END $$;
--> statement-breakpoint

DO $$
DECLARE
  alice bigint := okpay_test.wallet();
  bob bigint := okpay_test.wallet();
  parked1 bigint;
  parked2 bigint;
  r record;
BEGIN
  PERFORM okpay_test.fund(alice, 10);
  parked1 := okpay_test.park(alice, 20);
  parked2 := okpay_test.park(alice, 30);
  ASSERT okpay_test.applied(alice) = 10 AND okpay_test.balance(alice) = 60, 'two credits parked';

  -- not enough even with the parked credits: refused, and nothing is folded or written
  SELECT * INTO r FROM okpay_test.post('parked-1', alice, bob, 61);
  PERFORM okpay_test.assert_refused('parked-1', 'transfer.insufficient_funds', '{"available": "60", "currency": "CNY"}');
  ASSERT okpay_test.applied(alice) = 10, 'a refusal folds nothing';
  ASSERT (SELECT count(*) FROM pending_deltas p WHERE p.entry_id IN (parked1, parked2)) = 2, 'still parked';

  -- the parked credits cover a payment the applied balance alone could not
  SELECT * INTO r FROM okpay_test.post('parked-2', alice, bob, 55);
  ASSERT r.error_code IS NULL AND r.debited_balance = 5, format('%s', r);
  ASSERT okpay_test.applied(alice) = 5 AND okpay_test.balance(alice) = 5, 'folded and debited';
  ASSERT NOT EXISTS (SELECT 1 FROM pending_deltas p WHERE p.entry_id IN (parked1, parked2)), 'nothing left parked';
  ASSERT (SELECT balance_after FROM entries WHERE id = parked1) = 30, 'the first parked credit runs from 10';
  ASSERT (SELECT balance_after FROM entries WHERE id = parked2) = 60, 'the second runs on';
  ASSERT (SELECT e.balance_after FROM entries e JOIN transfers t ON t.id = e.transfer_id
           WHERE t.idempotency_key = 'parked-2' AND e.amount < 0) = 5, 'the debit comes after the folded credits';
END $$;
--> statement-breakpoint

DO $$
DECLARE
  alice bigint := okpay_test.wallet();
  shop bigint := okpay_test.wallet();
  parked bigint;
  r record;
BEGIN
  -- a payer whose applied balance suffices still folds what is parked first
  PERFORM okpay_test.fund(alice, 100);
  parked := okpay_test.park(alice, 50);
  SELECT * INTO r FROM okpay_test.post('parked-3', alice, shop, 30);
  ASSERT r.error_code IS NULL AND r.debited_balance = 120, format('%s', r);
  ASSERT (SELECT balance_after FROM entries WHERE id = parked) = 150, 'the parked credit came first';
  ASSERT okpay_test.applied(alice) = 120, 'applied balance includes the folded credit';

  -- a credit to an idle payee folds what was parked there before it
  parked := okpay_test.park(shop, 40);
  ASSERT okpay_test.applied(shop) = 30, 'the shop holds 30 applied';
  SELECT * INTO r FROM okpay_test.post('parked-4', alice, shop, 5);
  ASSERT r.error_code IS NULL, format('%s', r);
  ASSERT (SELECT balance_after FROM entries WHERE id = parked) = 70, 'the parked credit is stamped';
  ASSERT (SELECT e.balance_after FROM entries e JOIN transfers t ON t.id = e.transfer_id
           WHERE t.idempotency_key = 'parked-4' AND e.amount > 0) = 75, 'the new credit runs on from it';
  ASSERT okpay_test.applied(shop) = 75 AND NOT EXISTS (SELECT 1 FROM pending_deltas WHERE entry_id = parked), 'folded';
END $$;
