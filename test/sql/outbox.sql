-- The outbox rows a movement writes in its transaction: `<kind>.sent` for the payer and
-- `.received` for the payee, with the facts only (the core derives each notice's buttons, see
-- test/unit/notices.test.ts); a system side gets no notice.
DO $$
DECLARE
  alice bigint := okpay_test.wallet();
  bob bigint := okpay_test.wallet();
  r record;
  n notifications%ROWTYPE;
BEGIN
  PERFORM okpay_test.fund(alice, 100);
  SELECT * INTO r FROM okpay_test.post('outbox-1', alice, bob, 40);
  SELECT * INTO n FROM notifications WHERE user_id = alice AND params ->> 'transferId' = r.transfer_id::text;
  ASSERT n.kind = 'send.sent', format('%s', n);
  ASSERT n.params = jsonb_build_object('transferId', r.transfer_id::text, 'amount', '40', 'currency', 'CNY', 'memo', 'memo',
    'counterpartyId', bob::text, 'requestId', NULL, 'relatedTransferId', NULL, 'refundRemaining', NULL), format('%s', n.params);
  SELECT * INTO n FROM notifications WHERE user_id = bob AND params ->> 'transferId' = r.transfer_id::text;
  ASSERT n.kind = 'send.received' AND n.params ->> 'counterpartyId' = alice::text, format('%s', n);
  ASSERT (SELECT count(*) FROM notifications WHERE kind = 'deposit.received' AND user_id = alice) = 1, 'the deposit told alice';
  ASSERT NOT EXISTS (SELECT 1 FROM notifications WHERE kind = 'deposit.sent' AND params ->> 'counterpartyId' = alice::text),
    'the external rails are told nothing';
END $$;
--> statement-breakpoint

-- A payer who confirmed in a chat got the receipt there: their notice records that platform as its
-- origin (it is never sent there again); the payee's notice has none and goes to every platform.
DO $$
DECLARE
  alice bigint := okpay_test.wallet();
  bob bigint := okpay_test.wallet();
  r record;
BEGIN
  PERFORM okpay_test.fund(alice, 100);
  SELECT * INTO r FROM okpay_post_transfer('outbox-origin', 'h', 'send', alice, NULL, bob, NULL, 'CNY', 10, NULL,
                                           NULL, NULL, NULL, '2026-11-26 10:00:00+00', NULL, 'telegram');
  ASSERT r.error_code IS NULL, format('%s', r);
  ASSERT (SELECT origin_platform FROM notifications WHERE user_id = alice AND kind = 'send.sent') = 'telegram', 'the payer saw it on Telegram';
  ASSERT (SELECT origin_platform IS NULL FROM notifications WHERE user_id = bob AND kind = 'send.received'), 'the payee is told everywhere';
  ASSERT (SELECT origin_platform IS NULL FROM notifications WHERE user_id = alice AND kind = 'deposit.received'), 'a deposit is news everywhere';
END $$;
