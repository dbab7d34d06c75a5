-- Who may take part: a payee that does not exist or is closed, a payer that does not exist, is
-- frozen or closed, or holds no account in the currency. Each refusal is the stored outcome and
-- nothing moves.
DO $$
DECLARE
  alice bigint := okpay_test.wallet();
  bob bigint := okpay_test.wallet();
  r record;
BEGIN
  PERFORM okpay_test.fund(alice, 1000);

  SELECT * INTO r FROM okpay_test.post('parties-1', alice, -1, 10);
  ASSERT r.error_code = 'user.not_found' AND r.error_params = '{"party": "recipient"}', format('%s', r);
  ASSERT r.transfer_id IS NULL AND r.debited_balance IS NULL, format('a refusal reports no transfer: %s', r);
  PERFORM okpay_test.assert_refused('parties-1', 'user.not_found', '{"party": "recipient"}');

  SELECT * INTO r FROM okpay_test.post('parties-2', -1, bob, 10);
  PERFORM okpay_test.assert_refused('parties-2', 'user.not_found', '{"party": "sender"}');

  -- an open wallet that never held the currency has nothing to pay with
  SELECT * INTO r FROM okpay_test.post('parties-3', bob, alice, 10);
  PERFORM okpay_test.assert_refused('parties-3', 'transfer.insufficient_funds', '{"available": "0", "currency": "CNY"}');
  SELECT * INTO r FROM okpay_test.post('parties-4', alice, bob, 10, p_currency => 'USD');
  PERFORM okpay_test.assert_refused('parties-4', 'transfer.insufficient_funds', '{"available": "0", "currency": "USD"}');

  ASSERT okpay_test.balance(alice) = 1000, 'nothing left alice';
  ASSERT okpay_test.balance(bob) = 0, 'nothing reached bob';
END $$;
--> statement-breakpoint

DO $$
DECLARE
  frozen bigint := okpay_test.wallet();
  closed bigint := okpay_test.wallet();
  bare_frozen bigint := okpay_test.wallet();
  bob bigint := okpay_test.wallet();
  r record;
BEGIN
  PERFORM okpay_test.fund(frozen, 1000);
  PERFORM okpay_test.fund(bob, 1000);
  PERFORM okpay_test.fund(closed, 1);
  SELECT * INTO r FROM okpay_test.post('parties-5', closed, bob, 1);
  ASSERT r.error_code IS NULL, format('%s', r);
  PERFORM okpay_test.set_status(frozen, 'frozen');
  PERFORM okpay_test.set_status(closed, 'closed');
  PERFORM okpay_test.set_status(bare_frozen, 'frozen');

  SELECT * INTO r FROM okpay_test.post('parties-6', frozen, bob, 10);
  PERFORM okpay_test.assert_refused('parties-6', 'account.frozen', '{"party": "sender"}');
  SELECT * INTO r FROM okpay_test.post('parties-7', closed, bob, 10);
  PERFORM okpay_test.assert_refused('parties-7', 'account.closed', '{"party": "sender"}');
  -- without an account in the currency the wallet's own status is the answer
  SELECT * INTO r FROM okpay_test.post('parties-8', bare_frozen, bob, 10);
  PERFORM okpay_test.assert_refused('parties-8', 'account.frozen', '{"party": "sender"}');
  SELECT * INTO r FROM okpay_test.post('parties-9', bob, closed, 10);
  PERFORM okpay_test.assert_refused('parties-9', 'account.closed', '{"party": "recipient"}');
  -- a withdrawal from a frozen wallet is refused like a send
  SELECT * INTO r FROM okpay_post_transfer('parties-10', 'h', 'withdrawal', frozen, NULL, NULL, 'external', 'CNY', 10,
    NULL, NULL, NULL, NULL, '2026-11-26 10:00:00+00', NULL);
  PERFORM okpay_test.assert_refused('parties-10', 'account.frozen', '{"party": "sender"}');

  -- a frozen wallet still receives
  SELECT * INTO r FROM okpay_test.post('parties-11', bob, frozen, 10);
  ASSERT r.error_code IS NULL AND r.debited_balance = 991, format('%s', r);
  ASSERT okpay_test.balance(frozen) = 1010, 'the frozen wallet received';

  -- the refusal order: the payee is judged before the payer, the payer's status before its funds
  SELECT * INTO r FROM okpay_test.post('parties-12', frozen, closed, 5000);
  PERFORM okpay_test.assert_refused('parties-12', 'account.closed', '{"party": "recipient"}');
  SELECT * INTO r FROM okpay_test.post('parties-13', frozen, bob, 5000);
  PERFORM okpay_test.assert_refused('parties-13', 'account.frozen', '{"party": "sender"}');
END $$;
