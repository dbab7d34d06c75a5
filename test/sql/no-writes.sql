-- A refusal writes nothing but itself: the payer's account row, the payment request and the
-- refunded transfer keep their row version (ctid), so no debit was made and put back, no parked
-- credit folded, no counter re-anchored. Only the transfer row records the refusal.
DO $$
DECLARE
  alice bigint := okpay_test.wallet(0);
  shop bigint := okpay_test.wallet();
  bob bigint := okpay_test.wallet();
  limits jsonb := '{"0": ["1000", "1500"]}';
  req bigint;
  paid bigint;
  account_version tid;
  request_version tid;
  paid_version tid;
  r record;
BEGIN
  PERFORM okpay_test.fund(alice, 2000);
  PERFORM okpay_test.fund(shop, 2000);
  PERFORM okpay_test.fund(bob, 2000);
  SELECT transfer_id INTO paid FROM okpay_test.post('nowrite-0', alice, shop, 1000, p_limits => limits);
  PERFORM okpay_test.park(alice, 100);
  req := okpay_test.request(shop, 400);
  SELECT * INTO r FROM okpay_test.post('nowrite-1', bob, shop, 400, 'payment', p_request => req);
  ASSERT r.error_code IS NULL, format('%s', r);

  account_version := (SELECT ctid FROM accounts WHERE user_id = alice);
  request_version := (SELECT ctid FROM payment_requests WHERE id = req);
  paid_version := (SELECT ctid FROM transfers WHERE id = paid);

  SELECT * INTO r FROM okpay_test.post('nowrite-2', alice, shop, 1600);
  PERFORM okpay_test.assert_refused('nowrite-2', 'transfer.insufficient_funds', '{"available": "1100", "currency": "CNY"}');
  -- past the counter, so the exact window sum is taken, and still refused
  SELECT * INTO r FROM okpay_test.post('nowrite-3', alice, shop, 600, p_limits => limits);
  PERFORM okpay_test.assert_refused('nowrite-3', 'limit.daily',
    '{"limit": "1500", "remaining": "500", "currency": "CNY", "tier": 0}');
  SELECT * INTO r FROM okpay_test.post('nowrite-4', alice, shop, 400, 'payment', p_request => req);
  PERFORM okpay_test.assert_refused('nowrite-4', 'request.already_paid', jsonb_build_object('requestId', req::text));
  SELECT * INTO r FROM okpay_test.post('nowrite-5', alice, shop, 10, 'refund', p_related => paid);
  PERFORM okpay_test.assert_refused('nowrite-5', 'refund.not_refundable', '{}');
  SELECT * INTO r FROM okpay_test.post('nowrite-6', shop, alice, 1001, 'refund', p_related => paid);
  PERFORM okpay_test.assert_refused('nowrite-6', 'refund.exceeds_remaining', '{"remaining": "1000", "currency": "CNY"}');

  ASSERT (SELECT ctid FROM accounts WHERE user_id = alice) = account_version, 'the payer''s row was written';
  ASSERT (SELECT ctid FROM payment_requests WHERE id = req) = request_version, 'the request was written';
  ASSERT (SELECT ctid FROM transfers WHERE id = paid) = paid_version, 'the refunded transfer was written';
  ASSERT okpay_test.applied(alice) = 1000 AND okpay_test.balance(alice) = 1100, 'the parked credit is still parked';
END $$;
