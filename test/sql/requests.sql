-- Payment requests: paid exactly once by this transfer, and every reason one cannot be paid,
-- decided before the payer is debited.
DO $$
DECLARE
  shop bigint := okpay_test.wallet();
  alice bigint := okpay_test.wallet();
  bob bigint := okpay_test.wallet();
  req bigint;
  r record;
BEGIN
  PERFORM okpay_test.fund(alice, 1000);
  PERFORM okpay_test.fund(bob, 1000);

  req := okpay_test.request(shop, 300);
  SELECT * INTO r FROM okpay_test.post('req-1', alice, shop, 300, 'payment', p_request => req);
  ASSERT r.error_code IS NULL AND r.debited_balance = 700, format('%s', r);
  ASSERT (SELECT status = 'paid' AND paid_transfer_id = r.transfer_id FROM payment_requests WHERE id = req),
    'the request is paid by this transfer';
  SELECT * INTO r FROM okpay_test.post('req-2', bob, shop, 300, 'payment', p_request => req);
  PERFORM okpay_test.assert_refused('req-2', 'request.already_paid', jsonb_build_object('requestId', req::text));
  ASSERT okpay_test.balance(bob) = 1000 AND okpay_test.balance(shop) = 300, 'the second payer was not charged';

  req := okpay_test.request(shop, 300, p_status => 'cancelled');
  SELECT * INTO r FROM okpay_test.post('req-3', bob, shop, 300, 'payment', p_request => req);
  PERFORM okpay_test.assert_refused('req-3', 'request.cancelled', jsonb_build_object('requestId', req::text));

  -- expiry is judged by the wallet's clock: payable just before, expired at the instant
  req := okpay_test.request(shop, 100);
  SELECT * INTO r FROM okpay_test.post('req-4', bob, shop, 100, 'payment', p_request => req, p_now => '2026-11-26 11:00:00+00');
  PERFORM okpay_test.assert_refused('req-4', 'request.expired', jsonb_build_object('requestId', req::text));
  SELECT * INTO r FROM okpay_test.post('req-5', bob, shop, 100, 'payment', p_request => req, p_now => '2026-11-26 10:59:59+00');
  ASSERT r.error_code IS NULL, format('payable until its expiry: %s', r);

  req := okpay_test.request(shop, 100, p_payer => alice);
  SELECT * INTO r FROM okpay_test.post('req-6', bob, shop, 100, 'payment', p_request => req);
  PERFORM okpay_test.assert_refused('req-6', 'request.not_for_you', jsonb_build_object('requestId', req::text));
  SELECT * INTO r FROM okpay_test.post('req-7', alice, shop, 99, 'payment', p_request => req);
  PERFORM okpay_test.assert_refused('req-7', 'request.changed', jsonb_build_object('requestId', req::text));
  SELECT * INTO r FROM okpay_test.post('req-8', alice, bob, 100, 'payment', p_request => req);
  PERFORM okpay_test.assert_refused('req-8', 'request.changed', jsonb_build_object('requestId', req::text));
  SELECT * INTO r FROM okpay_test.post('req-9', alice, shop, 100, 'payment', p_request => -1);
  PERFORM okpay_test.assert_refused('req-9', 'request.not_found', '{"requestId": "-1"}');
  ASSERT (SELECT status FROM payment_requests WHERE id = req) = 'open', 'refusals leave the request open';

  -- the payer's own account is judged before the request
  SELECT * INTO r FROM okpay_test.post('req-10', alice, shop, 5000, 'payment', p_request => req);
  PERFORM okpay_test.assert_refused('req-10', 'transfer.insufficient_funds', '{"available": "700", "currency": "CNY"}');

  SELECT * INTO r FROM okpay_test.post('req-11', alice, shop, 100, 'payment', p_request => req);
  ASSERT r.error_code IS NULL, format('the named payer pays: %s', r);
  ASSERT okpay_test.balance(alice) = 600 AND okpay_test.balance(bob) = 900 AND okpay_test.balance(shop) = 500,
    'only the three payments moved money';
END $$;
