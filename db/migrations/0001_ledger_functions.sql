-- The money path runs inside the database so that one transfer is one round trip and no
-- lock is held while a client talks over the network. See db/ledger-store.ts for the caller.

-- Finds or creates the account of a user (or a system account) in a currency. Concurrent first
-- use of the same account is safe: ON CONFLICT waits for the other creator, then reads its row.
CREATE OR REPLACE FUNCTION okpay_account(p_user bigint, p_system text, p_currency text)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_id bigint;
BEGIN
  IF p_user IS NOT NULL THEN
    SELECT id INTO v_id FROM accounts WHERE user_id = p_user AND currency = p_currency;
    IF v_id IS NULL THEN
      INSERT INTO accounts (user_id, currency) VALUES (p_user, p_currency)
      ON CONFLICT (user_id, currency) WHERE user_id IS NOT NULL DO NOTHING
      RETURNING id INTO v_id;
      IF v_id IS NULL THEN
        SELECT id INTO v_id FROM accounts WHERE user_id = p_user AND currency = p_currency;
      END IF;
    END IF;
  ELSE
    SELECT id INTO v_id FROM accounts WHERE system_code = p_system AND currency = p_currency;
    IF v_id IS NULL THEN
      INSERT INTO accounts (system_code, currency, allow_negative) VALUES (p_system, p_currency, true)
      ON CONFLICT (system_code, currency) WHERE system_code IS NOT NULL DO NOTHING
      RETURNING id INTO v_id;
      IF v_id IS NULL THEN
        SELECT id INTO v_id FROM accounts WHERE system_code = p_system AND currency = p_currency;
      END IF;
    END IF;
  END IF;
  RETURN v_id;
END $$;
--> statement-breakpoint

-- Applies the parked deltas of an account whose row the caller has locked, stamping each
-- folded entry with its running balance. Returns the new applied balance.
CREATE OR REPLACE FUNCTION okpay_fold(p_account bigint, p_balance bigint)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_sum bigint;
BEGIN
  WITH parked AS (
    DELETE FROM pending_deltas WHERE account_id = p_account RETURNING entry_id, amount
  ), running AS (
    SELECT entry_id, amount, p_balance + sum(amount) OVER (ORDER BY entry_id) AS after FROM parked
  ), stamped AS (
    UPDATE entries e SET balance_after = running.after FROM running WHERE e.id = running.entry_id
  )
  SELECT coalesce(sum(amount), 0) INTO v_sum FROM running;
  RETURN p_balance + v_sum;
END $$;
--> statement-breakpoint

-- Applies a delta that needs no funds check (a credit, or a debit of a system account) without
-- ever waiting: if another transaction holds the account row, the delta is parked instead.
-- Returns the balance after, or NULL when parked.
CREATE OR REPLACE FUNCTION okpay_apply_unblocked(p_account bigint, p_entry bigint, p_amount bigint)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_balance bigint;
BEGIN
  SELECT balance INTO v_balance FROM accounts WHERE id = p_account FOR NO KEY UPDATE SKIP LOCKED;
  IF NOT FOUND THEN
    INSERT INTO pending_deltas (entry_id, account_id, amount) VALUES (p_entry, p_account, p_amount);
    RETURN NULL;
  END IF;
  v_balance := okpay_fold(p_account, v_balance) + p_amount;
  UPDATE accounts SET balance = v_balance WHERE id = p_account;
  RETURN v_balance;
END $$;
--> statement-breakpoint

-- Records the first outcome of a keyed request that failed, so a replay returns the same error,
-- and returns it as okpay_post_transfer's result row.
CREATE OR REPLACE FUNCTION okpay_fail(p_key text, p_code text, p_params jsonb)
RETURNS TABLE (transfer_id bigint, created_at text, debited_balance bigint, error_code text, error_params jsonb)
LANGUAGE sql AS $$
  UPDATE idempotency_keys SET error_code = p_code, error_params = p_params WHERE key = p_key;
  SELECT NULL::bigint, NULL::text, NULL::bigint, p_code, p_params;
$$;
--> statement-breakpoint

-- Moves money once per idempotency key, atomically. A user debit waits for its account row
-- (the only lock this function ever waits for, besides a duplicate key), checks the owner's
-- status after the lock so a freeze that committed first always wins, and refuses overdrafts.
-- Credits never wait (okpay_apply_unblocked), so there is no lock cycle and a hot payee does
-- not serialize its payers.
CREATE OR REPLACE FUNCTION okpay_post_transfer(
  p_key text, p_hash text, p_kind text,
  p_from_user bigint, p_from_system text, p_to_user bigint, p_to_system text,
  p_currency text, p_amount bigint, p_memo text, p_related bigint
) RETURNS TABLE (transfer_id bigint, created_at text, debited_balance bigint, error_code text, error_params jsonb)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_known idempotency_keys%ROWTYPE;
  v_from bigint;
  v_to bigint;
  v_status text;
  v_balance bigint;
  v_debited bigint;
  v_credited bigint;
  v_transfer bigint;
  v_at timestamptz;
  v_debit_entry bigint := nextval('entries_id_seq');
  v_credit_entry bigint := nextval('entries_id_seq');
BEGIN
  INSERT INTO idempotency_keys (key, request_hash) VALUES (p_key, p_hash) ON CONFLICT (key) DO NOTHING;
  IF NOT FOUND THEN
    SELECT * INTO v_known FROM idempotency_keys k WHERE k.key = p_key;
    IF v_known.request_hash <> p_hash THEN
      RETURN QUERY SELECT NULL::bigint, NULL::text, NULL::bigint, 'idempotency.conflict'::text, '{}'::jsonb;
    ELSIF v_known.transfer_id IS NULL THEN
      RETURN QUERY SELECT NULL::bigint, NULL::text, NULL::bigint, v_known.error_code, v_known.error_params;
    ELSE
      RETURN QUERY
        SELECT t.id, to_json(t.created_at) #>> '{}',
               (SELECT e.balance_after FROM entries e
                 WHERE e.transfer_id = t.id AND e.account_id = t.from_account_id AND t.from_user_id IS NOT NULL),
               NULL::text, NULL::jsonb
          FROM transfers t WHERE t.id = v_known.transfer_id;
    END IF;
    RETURN;
  END IF;

  IF p_to_user IS NOT NULL THEN
    SELECT u.status INTO v_status FROM users u WHERE u.id = p_to_user;
    IF NOT FOUND THEN
      RETURN QUERY SELECT * FROM okpay_fail(p_key, 'user.not_found', '{"party": "recipient"}');
      RETURN;
    ELSIF v_status = 'closed' THEN
      RETURN QUERY SELECT * FROM okpay_fail(p_key, 'account.closed', '{"party": "recipient"}');
      RETURN;
    END IF;
  END IF;
  IF p_from_user IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p_from_user) THEN
    RETURN QUERY SELECT * FROM okpay_fail(p_key, 'user.not_found', '{"party": "sender"}');
    RETURN;
  END IF;

  v_from := okpay_account(p_from_user, p_from_system, p_currency);
  v_to := okpay_account(p_to_user, p_to_system, p_currency);

  IF p_from_user IS NOT NULL THEN
    SELECT a.balance INTO v_balance FROM accounts a WHERE a.id = v_from FOR NO KEY UPDATE;
    SELECT u.status INTO v_status FROM users u WHERE u.id = p_from_user;
    IF v_status <> 'active' THEN
      RETURN QUERY SELECT * FROM okpay_fail(p_key, 'account.' || v_status, '{"party": "sender"}');
      RETURN;
    END IF;
    v_balance := okpay_fold(v_from, v_balance);
    IF v_balance < p_amount THEN
      -- the fold is kept even when the payment is refused: it is a valid state change of its own
      UPDATE accounts SET balance = v_balance WHERE id = v_from;
      RETURN QUERY SELECT * FROM okpay_fail(p_key, 'transfer.insufficient_funds',
        jsonb_build_object('available', v_balance::text, 'currency', p_currency));
      RETURN;
    END IF;
    v_debited := v_balance - p_amount;
    UPDATE accounts SET balance = v_debited WHERE id = v_from;
  ELSE
    v_debited := okpay_apply_unblocked(v_from, v_debit_entry, -p_amount);
  END IF;

  v_credited := okpay_apply_unblocked(v_to, v_credit_entry, p_amount);

  INSERT INTO transfers (kind, idempotency_key, currency, amount, memo, from_account_id, to_account_id,
                         from_user_id, to_user_id, related_transfer_id)
  VALUES (p_kind, p_key, p_currency, p_amount, p_memo, v_from, v_to, p_from_user, p_to_user, p_related)
  RETURNING id, transfers.created_at INTO v_transfer, v_at;

  INSERT INTO entries (id, transfer_id, account_id, user_id, amount, balance_after, created_at) VALUES
    (v_debit_entry, v_transfer, v_from, p_from_user, -p_amount, v_debited, v_at),
    (v_credit_entry, v_transfer, v_to, p_to_user, p_amount, v_credited, v_at);

  UPDATE idempotency_keys SET transfer_id = v_transfer WHERE key = p_key;

  RETURN QUERY SELECT v_transfer, to_json(v_at) #>> '{}',
    CASE WHEN p_from_user IS NOT NULL THEN v_debited END, NULL::text, NULL::jsonb;
END $$;
