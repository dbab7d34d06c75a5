-- Custom SQL migration file, put your code below! --
-- Webhook events are written by triggers, so every path that pays, cancels or refunds a request
-- (the ledger functions, the request store, any later one) writes its event in the transaction of
-- the change: an event is never lost when a process dies, and never sent for a change rolled back.
-- Only merchants (rows of `merchants`) get events; one without an endpoint gets them `unsent`
-- (listed by GET /v1/events, sent on resend). Once per (type, subject).
CREATE OR REPLACE FUNCTION okpay_webhook_event(p_merchant bigint, p_type text, p_subject bigint, p_data jsonb)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM merchants WHERE user_id = p_merchant) THEN
    RETURN;
  END IF;
  INSERT INTO webhook_events (merchant_id, type, subject_id, data, state)
  VALUES (p_merchant, p_type, p_subject, p_data,
          CASE WHEN EXISTS (SELECT 1 FROM webhook_endpoints WHERE merchant_id = p_merchant) THEN 'pending' ELSE 'unsent' END)
  ON CONFLICT (type, subject_id) DO NOTHING;
END $$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION okpay_request_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM okpay_webhook_event(NEW.merchant_id,
                              CASE NEW.status WHEN 'paid' THEN 'payment_request.paid' ELSE 'payment_request.cancelled' END, NEW.id,
                              jsonb_build_object('status', NEW.status));
  RETURN NULL;
END $$;
--> statement-breakpoint

CREATE TRIGGER payment_requests_event AFTER UPDATE OF status ON payment_requests
FOR EACH ROW WHEN (OLD.status = 'open' AND NEW.status IN ('paid', 'cancelled'))
EXECUTE FUNCTION okpay_request_event();
--> statement-breakpoint

-- A refund transfer row is written before its checks decide; deferred to the commit, the trigger
-- sees whether it completed, and what is left of the payment then.
CREATE OR REPLACE FUNCTION okpay_refund_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_refund transfers%ROWTYPE;
  v_paid transfers%ROWTYPE;
  v_request payment_requests%ROWTYPE;
BEGIN
  SELECT * INTO v_refund FROM transfers WHERE id = NEW.id;
  IF v_refund.status <> 'completed' OR v_refund.related_transfer_id IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT * INTO v_paid FROM transfers WHERE id = v_refund.related_transfer_id;
  IF v_paid.request_id IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT * INTO v_request FROM payment_requests WHERE id = v_paid.request_id;
  PERFORM okpay_webhook_event(v_request.merchant_id, 'refund.succeeded', v_refund.id,
    jsonb_build_object('transfer_id', v_refund.id::text, 'payment_request', v_request.public_id,
                       'currency', v_refund.currency, 'amount_minor', v_refund.amount::text,
                       'remaining_minor', (v_paid.amount - v_paid.refunded)::text,
                       'created_at', v_refund.created_at));
  RETURN NULL;
END $$;
--> statement-breakpoint

CREATE CONSTRAINT TRIGGER transfers_refund_event AFTER INSERT ON transfers
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW WHEN (NEW.kind = 'refund')
EXECUTE FUNCTION okpay_refund_event();
