-- One clock: the ledger judges time only by the wallet's clock (p_now), and a challenge's answer
-- has one writer (the core). Replaces two functions of 0001_ledger_functions.sql.

-- Marks a keyed request refused, keeping the refusal as its outcome for replays. A challenge that
-- asked for it is marked failed in the same transaction so it can never run again; what the
-- challenge answered is recorded by the core alone (one codec), which a replay re-derives from this
-- transfer's outcome if the process died before recording it.
CREATE OR REPLACE FUNCTION okpay_refuse(p_transfer bigint, p_challenge bigint, p_code text, p_params jsonb)
RETURNS TABLE (transfer_id bigint, created_at text, debited_balance bigint, error_code text, error_params jsonb)
LANGUAGE sql AS $$
  UPDATE transfers SET status = 'failed', error_code = p_code, error_params = p_params WHERE id = p_transfer;
  UPDATE challenges SET status = 'failed' WHERE id = p_challenge;
  SELECT NULL::bigint, NULL::text, NULL::bigint, p_code, p_params;
$$;
--> statement-breakpoint

-- Moves money once per idempotency key, atomically, and writes the notifications that report it.
-- The transfer row is written before any balance: its unique key makes a concurrent duplicate
-- wait and then read this outcome. Rows are locked in one order — the payer's account, then the
-- payment request or refunded transfer — and credits never wait (okpay_apply_unblocked), so no
-- lock cycle can form and a hot payee does not serialize its payers. The debit is one UPDATE
-- that re-checks status and funds on the newest row version after waiting, so a freeze that
-- committed first always wins and no overdraft is possible; the rolling daily limit is summed
-- after that lock, so two concurrent payments cannot jointly pass it. Time is the wallet's clock
-- (p_now): it stamps the transfer and judges request expiry and the daily window, so the result
-- never depends on the database server's date.
CREATE OR REPLACE FUNCTION okpay_post_transfer(
  p_key text, p_hash text, p_kind text,
  p_from_user bigint, p_from_system text, p_to_user bigint, p_to_system text,
  p_currency text, p_amount bigint, p_memo text,
  p_related bigint, p_request bigint, p_challenge bigint, p_now timestamptz,
  -- per tier: [per-transaction, rolling 24 h] in minor units, e.g. {"0": [50000, 200000]}
  p_limits jsonb
) RETURNS TABLE (transfer_id bigint, created_at text, debited_balance bigint, error_code text, error_params jsonb)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_from bigint;
  v_from_status text;
  v_to bigint;
  v_to_status text;
  v_transfer bigint;
  v_at timestamptz;
  v_balance bigint;
  v_parked boolean;
  v_debited bigint;
  v_credited bigint;
  v_debit_entry bigint;
  v_credit_entry bigint;
  v_tier text;
  v_per_tx bigint;
  v_daily bigint;
  v_spent bigint;
  v_refund_left bigint;
  -- payments that count against the payer's rolling daily limit
  v_counted boolean := p_kind IN ('send', 'payment', 'withdrawal');
BEGIN
  IF p_to_user IS NOT NULL THEN
    -- closing a wallet takes this lock exclusively, so no credit can slip into a wallet as it closes
    PERFORM pg_advisory_xact_lock_shared(17, (p_to_user % 2147483647)::int);
  END IF;
  IF p_from_user IS NOT NULL THEN
    -- a payer's account is never opened here: a currency never held has nothing to pay with
    SELECT a.id, u.tier::text INTO v_from, v_tier FROM accounts a JOIN users u ON u.id = a.user_id
     WHERE a.user_id = p_from_user AND a.currency = p_currency;
  ELSE
    SELECT a.o_id INTO v_from FROM okpay_account(NULL, p_from_system, p_currency) a;
  END IF;
  SELECT a.o_id, a.o_status INTO v_to, v_to_status FROM okpay_account(p_to_user, p_to_system, p_currency) a;
  INSERT INTO transfers (kind, idempotency_key, request_hash, currency, amount, memo, from_account_id,
                         to_account_id, from_user_id, to_user_id, related_transfer_id, request_id, created_at)
  VALUES (p_kind, p_key, p_hash, p_currency, p_amount, p_memo, v_from, v_to, p_from_user, p_to_user,
          p_related, p_request, p_now)
  ON CONFLICT (idempotency_key) DO NOTHING
  RETURNING id, transfers.created_at INTO v_transfer, v_at;
  IF v_transfer IS NULL THEN
    RETURN QUERY SELECT * FROM okpay_outcome(p_key, p_hash);
    RETURN;
  END IF;

  IF p_challenge IS NOT NULL THEN
    UPDATE challenges SET status = 'done' WHERE id = p_challenge AND status = 'confirmed';
    IF NOT FOUND THEN
      RETURN QUERY SELECT * FROM okpay_refuse(v_transfer, NULL, 'challenge.cancelled', '{}');
      RETURN;
    END IF;
  END IF;
  IF v_to IS NULL THEN
    RETURN QUERY SELECT * FROM okpay_refuse(v_transfer, p_challenge, 'user.not_found', '{"party": "recipient"}');
    RETURN;
  ELSIF v_from IS NULL THEN
    SELECT u.status INTO v_from_status FROM users u WHERE u.id = p_from_user;
    IF v_from_status IS NULL THEN
      RETURN QUERY SELECT * FROM okpay_refuse(v_transfer, p_challenge, 'user.not_found', '{"party": "sender"}');
    ELSIF v_from_status <> 'active' THEN
      RETURN QUERY SELECT * FROM okpay_refuse(v_transfer, p_challenge, 'account.' || v_from_status, '{"party": "sender"}');
    ELSE
      RETURN QUERY SELECT * FROM okpay_refuse(v_transfer, p_challenge, 'transfer.insufficient_funds',
        jsonb_build_object('available', '0', 'currency', p_currency));
    END IF;
    RETURN;
  ELSIF v_to_status = 'closed' THEN
    RETURN QUERY SELECT * FROM okpay_refuse(v_transfer, p_challenge, 'account.closed', '{"party": "recipient"}');
    RETURN;
  END IF;

  IF p_limits IS NOT NULL THEN
    v_per_tx := (p_limits -> v_tier ->> 0)::bigint;
    v_daily := (p_limits -> v_tier ->> 1)::bigint;
    IF p_amount > v_per_tx THEN
      RETURN QUERY SELECT * FROM okpay_refuse(v_transfer, p_challenge, 'limit.per_transaction',
        jsonb_build_object('limit', v_per_tx::text, 'currency', p_currency, 'tier', v_tier::int));
      RETURN;
    END IF;
  END IF;

  IF p_request IS NOT NULL AND p_related IS NOT NULL THEN
    RAISE EXCEPTION 'a movement settles a request or refunds a transfer, not both';
  END IF;
  v_debit_entry := nextval('entries_id_seq');
  v_credit_entry := nextval('entries_id_seq');

  IF p_from_user IS NOT NULL THEN
    UPDATE accounts a SET balance = a.balance - p_amount,
                          outflow_total = a.outflow_total + CASE WHEN v_counted THEN p_amount ELSE 0 END
     WHERE a.id = v_from AND a.owner_status = 'active' AND a.balance >= p_amount
    RETURNING a.balance, EXISTS (SELECT 1 FROM pending_deltas p WHERE p.account_id = v_from), a.outflow_total
         INTO v_debited, v_parked, v_spent;
    IF NOT FOUND THEN
      -- find out why, applying parked credits that may cover the payment
      SELECT a.balance, a.owner_status INTO v_balance, v_from_status FROM accounts a
       WHERE a.id = v_from FOR NO KEY UPDATE;
      IF v_from_status <> 'active' THEN
        RETURN QUERY SELECT * FROM okpay_refuse(v_transfer, p_challenge, 'account.' || v_from_status, '{"party": "sender"}');
        RETURN;
      END IF;
      v_balance := okpay_fold(v_from, v_balance);
      -- the fold is kept even if the payment is refused: it is a valid state change of its own
      v_debited := CASE WHEN v_balance >= p_amount THEN v_balance - p_amount ELSE v_balance END;
      UPDATE accounts a SET balance = v_debited,
             outflow_total = a.outflow_total + CASE WHEN v_counted AND v_balance >= p_amount THEN p_amount ELSE 0 END
       WHERE a.id = v_from RETURNING a.outflow_total INTO v_spent;
      IF v_balance < p_amount THEN
        RETURN QUERY SELECT * FROM okpay_refuse(v_transfer, p_challenge, 'transfer.insufficient_funds',
          jsonb_build_object('available', v_balance::text, 'currency', p_currency));
        RETURN;
      END IF;
    ELSIF v_parked THEN
      -- credits parked before this debit come first, so balance_after stays a running balance
      v_debited := okpay_fold(v_from, v_debited + p_amount) - p_amount;
      UPDATE accounts SET balance = v_debited WHERE id = v_from;
    END IF;
    -- outflow_total counts everything since a moment at least 24 h ago, so while it stays under
    -- the limit the rolling sum does too; only near the limit is the exact sum taken (and the
    -- counter re-anchored at the wallet's now - 24 h)
    IF v_daily IS NOT NULL AND v_spent > v_daily THEN
      SELECT coalesce(sum(t.amount), 0) INTO v_spent FROM transfers t
       WHERE t.from_account_id = v_from AND t.created_at > p_now - interval '24 hours'
         AND t.status = 'completed' AND t.kind IN ('send', 'payment', 'withdrawal');
      UPDATE accounts SET outflow_since = p_now - interval '24 hours', outflow_total = v_spent WHERE id = v_from;
      IF v_spent > v_daily THEN
        UPDATE accounts SET balance = balance + p_amount, outflow_total = outflow_total - p_amount WHERE id = v_from;
        RETURN QUERY SELECT * FROM okpay_refuse(v_transfer, p_challenge, 'limit.daily',
          jsonb_build_object('limit', v_daily::text, 'remaining', greatest(v_daily - v_spent + p_amount, 0)::text,
                             'currency', p_currency, 'tier', v_tier::int));
        RETURN;
      END IF;
    END IF;
    -- the request or refunded transfer is locked after the payer's account, like everywhere else;
    -- a refusal here puts the debit back
    IF p_request IS NOT NULL THEN
      UPDATE payment_requests r SET status = 'paid', paid_transfer_id = v_transfer
       WHERE r.id = p_request AND r.status = 'open' AND r.expires_at > p_now AND r.merchant_id = p_to_user
         AND r.amount = p_amount AND r.currency = p_currency AND (r.payer_id IS NULL OR r.payer_id = p_from_user);
      IF NOT FOUND THEN
        UPDATE accounts SET balance = balance + p_amount,
               outflow_total = outflow_total - CASE WHEN v_counted THEN p_amount ELSE 0 END
         WHERE id = v_from;
        RETURN QUERY SELECT * FROM okpay_refuse(v_transfer, p_challenge, okpay_request_refusal(p_request, p_from_user, p_now),
          jsonb_build_object('requestId', p_request::text));
        RETURN;
      END IF;
    END IF;

    IF p_related IS NOT NULL THEN
      UPDATE transfers t SET refunded = t.refunded + p_amount
       WHERE t.id = p_related AND t.status = 'completed' AND t.from_user_id = p_to_user
         AND t.to_user_id = p_from_user AND t.currency = p_currency AND t.refunded + p_amount <= t.amount
      RETURNING t.amount - t.refunded INTO v_refund_left;
      IF NOT FOUND THEN
        UPDATE accounts SET balance = balance + p_amount,
               outflow_total = outflow_total - CASE WHEN v_counted THEN p_amount ELSE 0 END
         WHERE id = v_from;
        SELECT t.amount - t.refunded INTO v_refund_left FROM transfers t
         WHERE t.id = p_related AND t.status = 'completed' AND t.from_user_id = p_to_user AND t.to_user_id = p_from_user;
        IF v_refund_left IS NULL THEN
          RETURN QUERY SELECT * FROM okpay_refuse(v_transfer, p_challenge, 'refund.not_refundable', '{}');
        ELSE
          RETURN QUERY SELECT * FROM okpay_refuse(v_transfer, p_challenge, 'refund.exceeds_remaining',
            jsonb_build_object('remaining', v_refund_left::text, 'currency', p_currency));
        END IF;
        RETURN;
      END IF;
      UPDATE refund_asks SET status = 'refunded', decided_at = now() WHERE transfer_id = p_related AND status = 'open';
    END IF;
  ELSE
    v_debited := okpay_apply_unblocked(v_from, v_debit_entry, -p_amount);
  END IF;
  v_credited := okpay_apply_unblocked(v_to, v_credit_entry, p_amount);

  INSERT INTO entries (id, transfer_id, account_id, user_id, amount, balance_after, created_at) VALUES
    (v_debit_entry, v_transfer, v_from, p_from_user, -p_amount, v_debited, v_at),
    (v_credit_entry, v_transfer, v_to, p_to_user, p_amount, v_credited, v_at);

  -- the outbox: the payer's notice offers Freeze, since money left the wallet
  INSERT INTO notifications (user_id, kind, params, actions)
  SELECT n.user_id, p_kind || n.side,
         jsonb_build_object('transferId', v_transfer::text, 'amount', p_amount::text, 'currency', p_currency,
                            'memo', p_memo, 'counterpartyId', n.counterparty::text, 'requestId', p_request::text,
                            'relatedTransferId', p_related::text, 'refundRemaining', v_refund_left::text),
         n.actions
    FROM (VALUES (p_from_user, '.sent', p_to_user, '["freeze"]'::jsonb),
                 (p_to_user, '.received', p_from_user, '[]'::jsonb)) n(user_id, side, counterparty, actions)
   WHERE n.user_id IS NOT NULL;

  RETURN QUERY SELECT v_transfer, to_json(v_at) #>> '{}',
    CASE WHEN p_from_user IS NOT NULL THEN v_debited END, NULL::text, NULL::jsonb;
END $$;
