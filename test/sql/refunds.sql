-- Refunds: only the payee of a completed payment returns it, in parts up to what was paid; a
-- refund closes the open refund asks of that payment and tells both what is left.
DO $$
DECLARE
  alice bigint := okpay_test.wallet();
  shop bigint := okpay_test.wallet();
  eve bigint := okpay_test.wallet();
  paid bigint;
  deposit bigint;
  r record;
BEGIN
  PERFORM okpay_test.fund(alice, 1000);
  PERFORM okpay_test.fund(eve, 1000);
  PERFORM okpay_test.fund(shop, 1000);
  SELECT transfer_id INTO paid FROM okpay_test.post('refund-0', alice, shop, 500);
  SELECT t.id INTO deposit FROM transfers t WHERE t.to_user_id = alice AND t.kind = 'deposit';
  INSERT INTO refund_asks (transfer_id, asked_by) VALUES (paid, alice);

  SELECT * INTO r FROM okpay_test.post('refund-1', shop, alice, 200, 'refund', p_related => paid);
  ASSERT r.error_code IS NULL AND r.debited_balance = 1300, format('%s', r);
  ASSERT (SELECT refunded FROM transfers WHERE id = paid) = 200, 'the refunded sum is raised';
  ASSERT (SELECT status FROM refund_asks WHERE transfer_id = paid) = 'refunded', 'the open ask is closed';
  ASSERT (SELECT n.params ->> 'refundRemaining' FROM notifications n
           WHERE n.kind = 'refund.received' AND n.params ->> 'transferId' = r.transfer_id::text) = '300',
    'the notice says what is left';

  SELECT * INTO r FROM okpay_test.post('refund-2', shop, alice, 301, 'refund', p_related => paid);
  PERFORM okpay_test.assert_refused('refund-2', 'refund.exceeds_remaining', '{"remaining": "300", "currency": "CNY"}');
  -- only the payee refunds, to the payer, a completed payment
  SELECT * INTO r FROM okpay_test.post('refund-3', eve, alice, 10, 'refund', p_related => paid);
  PERFORM okpay_test.assert_refused('refund-3', 'refund.not_refundable', '{}');
  SELECT * INTO r FROM okpay_test.post('refund-4', shop, eve, 10, 'refund', p_related => paid);
  PERFORM okpay_test.assert_refused('refund-4', 'refund.not_refundable', '{}');
  SELECT * INTO r FROM okpay_test.post('refund-5', alice, shop, 10, 'refund', p_related => deposit);
  PERFORM okpay_test.assert_refused('refund-5', 'refund.not_refundable', '{}');
  SELECT * INTO r FROM okpay_test.post('refund-f', alice, shop, 99999);
  SELECT * INTO r FROM okpay_test.post('refund-6', shop, alice, 10, 'refund',
    p_related => (SELECT id FROM transfers WHERE idempotency_key = 'refund-f'));
  PERFORM okpay_test.assert_refused('refund-6', 'refund.not_refundable', '{}');

  SELECT * INTO r FROM okpay_test.post('refund-7', shop, alice, 300, 'refund', p_related => paid);
  ASSERT r.error_code IS NULL AND r.debited_balance = 1000, format('the rest may be refunded: %s', r);
  SELECT * INTO r FROM okpay_test.post('refund-8', shop, alice, 1, 'refund', p_related => paid);
  PERFORM okpay_test.assert_refused('refund-8', 'refund.exceeds_remaining', '{"remaining": "0", "currency": "CNY"}');
  ASSERT (SELECT refunded FROM transfers WHERE id = paid) = 500, 'never more than was paid';
  -- the payee's own funds are judged before the refund
  SELECT * INTO r FROM okpay_test.post('refund-9', eve, alice, 5000, 'refund', p_related => paid);
  PERFORM okpay_test.assert_refused('refund-9', 'transfer.insufficient_funds', '{"available": "1000", "currency": "CNY"}');
  ASSERT okpay_test.balance(alice) = 1000 AND okpay_test.balance(shop) = 1000, 'all of it came back once';
END $$;
