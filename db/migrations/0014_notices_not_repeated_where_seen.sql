ALTER TABLE "notifications" ADD COLUMN "origin_platform" text;
--> statement-breakpoint
-- A notice records where its person already saw what it reports (origin_platform): the payer who
-- confirmed a payment in a chat got the receipt there, so their `.sent` notice goes only to their
-- other platforms. The payee's `.received` notice has no origin and goes everywhere. Both money
-- functions gain the origin as a last parameter (the movement stays one call, one round trip);
-- okpay_post_transfer keeps its 15-argument calls working through the parameter's default.
DROP FUNCTION okpay_post_transfer(text, text, text, bigint, text, bigint, text, text, bigint, text, bigint, bigint,
                                  bigint, timestamptz, jsonb);
--> statement-breakpoint
DROP FUNCTION okpay_notify_transfer(bigint, text, bigint, bigint, text, bigint, text, bigint, bigint, bigint);
--> statement-breakpoint

-- The outbox rows reporting a movement, written in its transaction: the payer's `<kind>.sent`
-- (not sent again on p_origin, where the payer saw the receipt) and the payee's `<kind>.received`
-- (kinds of the core's Notice union, which also derives their buttons, e.g. Freeze on money leaving).
CREATE OR REPLACE FUNCTION okpay_notify_transfer(p_transfer bigint, p_kind text, p_from_user bigint, p_to_user bigint,
                                                 p_currency text, p_amount bigint, p_memo text,
                                                 p_request bigint, p_related bigint, p_refund_left bigint,
                                                 p_origin text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO notifications (user_id, kind, params, origin_platform)
  SELECT n.user_id, p_kind || n.side,
         jsonb_build_object('transferId', p_transfer::text, 'amount', p_amount::text, 'currency', p_currency,
                            'memo', p_memo, 'counterpartyId', n.counterparty::text, 'requestId', p_request::text,
                            'relatedTransferId', p_related::text, 'refundRemaining', p_refund_left::text),
         n.origin
    FROM (VALUES (p_from_user, '.sent', p_to_user, p_origin),
                 (p_to_user, '.received', p_from_user, NULL)) n(user_id, side, counterparty, origin)
   WHERE n.user_id IS NOT NULL;
END $$;
--> statement-breakpoint

-- Moves money once per idempotency key, atomically, and writes the notifications that report it.
-- After the locks the transfer row is written before any balance: its unique key makes a
-- concurrent duplicate wait and then read this outcome (a replay with other input gets
-- idempotency.conflict). Then every refusal is decided and stored as the outcome, or the movement
-- is written once. Time is the wallet's clock (p_now): it stamps the transfer and judges request
-- expiry and the daily window, never the database server's date.
CREATE OR REPLACE FUNCTION okpay_post_transfer(
  p_key text, p_hash text, p_kind text,
  p_from_user bigint, p_from_system text, p_to_user bigint, p_to_system text,
  p_currency text, p_amount bigint, p_memo text,
  p_related bigint, p_request bigint, p_challenge bigint, p_now timestamptz,
  -- per tier: [per-transaction, rolling 24 h] in minor units, e.g. {"0": [50000, 200000]}
  p_limits jsonb,
  -- the platform whose chat showed the payer the receipt; NULL when they saw it nowhere
  p_origin text DEFAULT NULL
) RETURNS TABLE (transfer_id bigint, created_at text, debited_balance bigint, error_code text, error_params jsonb)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_parties okpay_parties;
  v_transfer bigint;
  v_at timestamptz;
  v_decision okpay_decision;
  v_debit_entry bigint;
  v_credit_entry bigint;
  v_debited bigint;
  v_credited bigint;
  v_refund_left bigint;
  v_parked boolean;
  -- a user's payment that settles nothing can be checked and debited by one guarded UPDATE
  v_guarded boolean := p_from_user IS NOT NULL AND p_request IS NULL AND p_related IS NULL;
BEGIN
  v_parties := okpay_lock_parties(p_from_user, p_from_system, p_to_user, p_to_system, p_currency, p_challenge,
                                  NOT v_guarded);
  INSERT INTO transfers (kind, idempotency_key, request_hash, currency, amount, memo, from_account_id,
                         to_account_id, from_user_id, to_user_id, related_transfer_id, request_id, created_at)
  VALUES (p_kind, p_key, p_hash, p_currency, p_amount, p_memo, v_parties.payer_account, v_parties.payee_account,
          p_from_user, p_to_user, p_related, p_request, p_now)
  ON CONFLICT (idempotency_key) DO NOTHING
  RETURNING id, transfers.created_at INTO v_transfer, v_at;
  IF v_transfer IS NULL THEN
    RETURN QUERY SELECT * FROM okpay_outcome(p_key, p_hash);
    RETURN;
  END IF;

  v_debit_entry := nextval('entries_id_seq');
  v_credit_entry := nextval('entries_id_seq');
  IF v_guarded AND v_parties.payer_account IS NOT NULL AND v_parties.payee_account IS NOT NULL
     AND v_parties.payee_status IS DISTINCT FROM 'closed' AND (p_challenge IS NULL OR v_parties.challenge_confirmed) THEN
    -- The common case in one statement: the debit's WHERE is the payer's share of the checks (open,
    -- funded, within the per-payment limit and, by the counter that is never below the rolling sum,
    -- the daily one), re-evaluated on the newest row version after any wait, so it decides and
    -- writes at once and nothing after it can refuse. When it matches nothing, the row is locked
    -- and the checking function below finds the exact refusal (or that parked credits or the exact
    -- rolling sum allow the payment after all).
    UPDATE accounts a SET balance = a.balance - p_amount,
           outflow_total = a.outflow_total + CASE WHEN p_kind IN ('send', 'payment', 'withdrawal') THEN p_amount ELSE 0 END
     WHERE a.id = v_parties.payer_account AND a.owner_status = 'active' AND a.balance >= p_amount
       AND (p_limits IS NULL OR p_amount <= (p_limits -> v_parties.payer_tier ->> 0)::bigint)
       AND (p_limits IS NULL OR a.outflow_total + CASE WHEN p_kind IN ('send', 'payment', 'withdrawal') THEN p_amount ELSE 0 END
                                <= (p_limits -> v_parties.payer_tier ->> 1)::bigint)
    RETURNING a.balance, EXISTS (SELECT 1 FROM pending_deltas d WHERE d.account_id = a.id) INTO v_debited, v_parked;
    IF FOUND AND v_parked THEN
      -- credits parked before this debit come first, so balance_after stays a running balance
      v_debited := okpay_fold(v_parties.payer_account, v_debited + p_amount) - p_amount;
      UPDATE accounts SET balance = v_debited WHERE id = v_parties.payer_account;
    END IF;
  END IF;
  IF v_debited IS NULL THEN
    IF v_guarded THEN
      v_parties := okpay_lock_parties(p_from_user, p_from_system, p_to_user, p_to_system, p_currency, p_challenge, true);
    END IF;
    v_decision := okpay_transfer_refusal(v_parties, v_transfer, p_kind, p_from_user, p_to_user, p_currency, p_amount,
                                         p_related, p_request, p_challenge, p_now, p_limits);
    IF v_decision.code IS NOT NULL THEN
      RETURN QUERY SELECT * FROM okpay_refuse(v_transfer, p_challenge, v_decision.code, v_decision.params);
      RETURN;
    END IF;
    v_debited := okpay_debit(v_parties.payer_account, p_from_user, v_debit_entry, p_amount, p_kind,
                             v_parties.payer_balance, v_decision.payer_parked, v_parties.payer_outflow,
                             v_decision.outflow_window, p_now);
  END IF;
  v_credited := okpay_apply_unblocked(v_parties.payee_account, v_credit_entry, p_amount);
  INSERT INTO entries (id, transfer_id, account_id, user_id, amount, balance_after, created_at) VALUES
    (v_debit_entry, v_transfer, v_parties.payer_account, p_from_user, -p_amount, v_debited, v_at),
    (v_credit_entry, v_transfer, v_parties.payee_account, p_to_user, p_amount, v_credited, v_at);

  IF p_challenge IS NOT NULL OR p_request IS NOT NULL OR p_related IS NOT NULL THEN
    -- a system payer settles no request or refund: only a user's payment was checked against them
    v_refund_left := okpay_settle(v_transfer, p_challenge, CASE WHEN p_from_user IS NOT NULL THEN p_request END,
                                  CASE WHEN p_from_user IS NOT NULL THEN p_related END, p_amount);
  END IF;
  PERFORM okpay_notify_transfer(v_transfer, p_kind, p_from_user, p_to_user, p_currency, p_amount, p_memo,
                                p_request, p_related, v_refund_left, p_origin);

  RETURN QUERY SELECT v_transfer, to_json(v_at) #>> '{}',
    CASE WHEN p_from_user IS NOT NULL THEN v_debited END, NULL::text, NULL::jsonb;
END $$;
