-- One key, one outcome: a replay with the same input returns the first outcome (a success or a
-- refusal) and moves nothing again; the same key with other input is idempotency.conflict.
DO $$
DECLARE
  alice bigint := okpay_test.wallet();
  bob bigint := okpay_test.wallet();
  v_first record;
  v_again record;
  notices bigint;
BEGIN
  PERFORM okpay_test.fund(alice, 100);
  SELECT * INTO v_first FROM okpay_test.post('key-1', alice, bob, 30);
  notices := (SELECT count(*) FROM notifications);
  SELECT * INTO v_again FROM okpay_test.post('key-1', alice, bob, 30, p_now => '2026-11-26 10:01:00+00');
  ASSERT v_again IS NOT DISTINCT FROM v_first, format('the replay returns the first outcome: %s vs %s', v_again, v_first);
  ASSERT v_first.created_at::timestamptz = '2026-11-26 10:00:00+00', format('stamped by the wallet clock: %s', v_first.created_at);
  ASSERT okpay_test.balance(alice) = 70 AND okpay_test.balance(bob) = 30, 'moved once';
  ASSERT (SELECT count(*) FROM notifications) = notices, 'notified once';

  SELECT * INTO v_again FROM okpay_test.post('key-1', alice, bob, 31, p_hash => 'other input');
  ASSERT v_again.error_code = 'idempotency.conflict' AND v_again.error_params = '{}' AND v_again.transfer_id IS NULL,
    format('%s', v_again);

  SELECT * INTO v_first FROM okpay_test.post('key-2', alice, bob, 1000);
  ASSERT v_first.error_code = 'transfer.insufficient_funds', format('%s', v_first);
  PERFORM okpay_test.fund(alice, 1000);
  SELECT * INTO v_again FROM okpay_test.post('key-2', alice, bob, 1000);
  ASSERT v_again IS NOT DISTINCT FROM v_first, format('a refusal is the outcome for good: %s', v_again);
  ASSERT okpay_test.balance(bob) = 30, 'the refused payment never moved';
  ASSERT (SELECT count(*) FROM transfers WHERE idempotency_key IN ('key-1', 'key-2')) = 2, 'one row per key';
END $$;
