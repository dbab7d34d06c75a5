-- Tier limits: the per-payment limit, and the rolling 24 h limit judged on the outflow counter and,
-- near the limit, on the exact sum of the window, re-anchoring the counter. Time is p_now only.
DO $$
DECLARE
  alice bigint := okpay_test.wallet(0);
  vip bigint := okpay_test.wallet(1);
  bob bigint := okpay_test.wallet();
  limits jsonb := '{"0": ["1000", "3000"], "1": ["10000", "30000"]}';
  r record;
  a accounts%ROWTYPE;
BEGIN
  PERFORM okpay_test.fund(alice, 100000);
  PERFORM okpay_test.fund(vip, 100000);

  SELECT * INTO r FROM okpay_test.post('limit-1', alice, bob, 1001, p_limits => limits);
  PERFORM okpay_test.assert_refused('limit-1', 'limit.per_transaction', '{"limit": "1000", "currency": "CNY", "tier": 0}');
  SELECT * INTO r FROM okpay_test.post('limit-2', vip, bob, 1001, p_limits => limits);
  ASSERT r.error_code IS NULL, format('a higher tier has a higher limit: %s', r);
  -- the per-payment limit is judged before the payer's status and funds
  SELECT * INTO r FROM okpay_test.post('limit-3', alice, bob, 200000, p_limits => limits);
  PERFORM okpay_test.assert_refused('limit-3', 'limit.per_transaction', '{"limit": "1000", "currency": "CNY", "tier": 0}');

  -- 1000 + 1000 + 1000 reach the daily limit exactly; one more minor unit passes it
  SELECT * INTO r FROM okpay_test.post('daily-1', alice, bob, 1000, p_limits => limits, p_now => '2026-11-26 10:00:00+00');
  ASSERT r.error_code IS NULL, format('%s', r);
  SELECT * INTO r FROM okpay_test.post('daily-2', alice, bob, 1000, p_limits => limits, p_now => '2026-11-26 12:00:00+00');
  SELECT * INTO r FROM okpay_test.post('daily-3', alice, bob, 1000, p_limits => limits, p_now => '2026-11-26 14:00:00+00');
  ASSERT r.error_code IS NULL, format('%s', r);
  SELECT * INTO a FROM accounts WHERE user_id = alice;
  ASSERT a.outflow_total = 3000, format('the counter grows with each payment: %s', a.outflow_total);
  SELECT * INTO r FROM okpay_test.post('daily-4', alice, bob, 1, p_limits => limits, p_now => '2026-11-26 15:00:00+00');
  PERFORM okpay_test.assert_refused('daily-4', 'limit.daily',
    '{"limit": "3000", "remaining": "0", "currency": "CNY", "tier": 0}');
  SELECT * INTO a FROM accounts WHERE user_id = alice;
  ASSERT a.outflow_total = 3000 AND a.balance = 97000, 'a refusal changes neither the counter nor the balance';

  -- 24 h after the first payment it has left the window: the exact sum lets 1000 through and the
  -- counter is re-anchored at the wallet's now - 24 h
  SELECT * INTO r FROM okpay_test.post('daily-5', alice, bob, 1001, p_limits => limits, p_now => '2026-11-27 10:00:01+00');
  PERFORM okpay_test.assert_refused('daily-5', 'limit.per_transaction', '{"limit": "1000", "currency": "CNY", "tier": 0}');
  SELECT * INTO r FROM okpay_test.post('daily-6', alice, bob, 600, p_limits => limits, p_now => '2026-11-27 10:00:01+00');
  ASSERT r.error_code IS NULL, format('the first payment left the window: %s', r);
  SELECT * INTO a FROM accounts WHERE user_id = alice;
  ASSERT a.outflow_since = '2026-11-26 10:00:01+00' AND a.outflow_total = 2600,
    format('re-anchored at now - 24 h on the exact sum: %s %s', a.outflow_since, a.outflow_total);
  SELECT * INTO r FROM okpay_test.post('daily-7', alice, bob, 500, p_limits => limits, p_now => '2026-11-27 10:00:02+00');
  PERFORM okpay_test.assert_refused('daily-7', 'limit.daily',
    '{"limit": "3000", "remaining": "400", "currency": "CNY", "tier": 0}');
  SELECT * INTO r FROM okpay_test.post('daily-8', alice, bob, 400, p_limits => limits, p_now => '2026-11-27 10:00:02+00');
  ASSERT r.error_code IS NULL, format('what is left may still be paid: %s', r);

  -- a refused payment never counts: the window holds only completed payments
  ASSERT okpay_rolling_outflow(a.id, -1, '2026-11-27 10:00:02+00') = 3000, 'exact window sum';
  -- receiving does not count against the payee's limit
  ASSERT (SELECT outflow_total FROM accounts WHERE user_id = bob) = 0, 'credits are not outflow';
END $$;
