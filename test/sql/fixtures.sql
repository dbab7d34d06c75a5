-- Helpers for the SQL-level ledger tests, in a schema of their own so the error-code scan of the
-- okpay_ functions never sees them. Every time is the wallet's clock, passed in; nothing reads now().
CREATE SCHEMA okpay_test;
--> statement-breakpoint
CREATE SEQUENCE okpay_test.keys;
--> statement-breakpoint

-- A wallet with no account yet; accounts open on the first credit.
CREATE FUNCTION okpay_test.wallet(p_tier int DEFAULT 0) RETURNS bigint LANGUAGE sql AS $$
  INSERT INTO users (tier) VALUES (p_tier) RETURNING id;
$$;
--> statement-breakpoint

-- Sets a wallet's status on the user and its accounts, as freeze and close do.
CREATE FUNCTION okpay_test.set_status(p_user bigint, p_status text) RETURNS void LANGUAGE sql AS $$
  UPDATE users SET status = p_status, frozen_by = CASE WHEN p_status = 'frozen' THEN 'owner' END WHERE id = p_user;
  UPDATE accounts SET owner_status = p_status WHERE user_id = p_user;
$$;
--> statement-breakpoint

-- One movement through okpay_post_transfer with the test defaults: a send in CNY at the test's now.
CREATE FUNCTION okpay_test.post(p_key text, p_from bigint, p_to bigint, p_amount bigint,
                                p_kind text DEFAULT 'send', p_now timestamptz DEFAULT '2026-11-26 10:00:00+00',
                                p_limits jsonb DEFAULT NULL, p_request bigint DEFAULT NULL, p_related bigint DEFAULT NULL,
                                p_challenge bigint DEFAULT NULL, p_hash text DEFAULT 'same input', p_currency text DEFAULT 'CNY')
RETURNS TABLE (transfer_id bigint, created_at text, debited_balance bigint, error_code text, error_params jsonb)
LANGUAGE sql AS $$
  SELECT * FROM okpay_post_transfer(p_key, p_hash, p_kind, p_from, NULL, p_to, NULL, p_currency, p_amount, 'memo',
                                    p_related, p_request, p_challenge, p_now, p_limits);
$$;
--> statement-breakpoint

-- Cash in from the external rails.
CREATE FUNCTION okpay_test.fund(p_user bigint, p_amount bigint, p_currency text DEFAULT 'CNY') RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  SELECT * INTO r FROM okpay_post_transfer('fund-' || nextval('okpay_test.keys'), 'h', 'deposit', NULL, 'external',
    p_user, NULL, p_currency, p_amount, NULL, NULL, NULL, NULL, '2026-11-26 09:00:00+00', NULL);
  ASSERT r.error_code IS NULL, format('funding failed: %s', r.error_code);
END $$;
--> statement-breakpoint

-- A credit from the external rails left parked, exactly as when the payee's row was busy: the
-- entry has no balance_after and pending_deltas holds the amount, which the applied balance of the
-- (already open) account does not include yet. Returns the credit entry.
CREATE FUNCTION okpay_test.park(p_user bigint, p_amount bigint) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_account bigint := (SELECT a.id FROM accounts a WHERE a.user_id = p_user AND a.currency = 'CNY');
  v_external bigint := (SELECT a.o_id FROM okpay_account(NULL, 'external', 'CNY') a);
  v_transfer bigint;
  v_after bigint;
  v_entry bigint := nextval('entries_id_seq');
BEGIN
  INSERT INTO transfers (kind, idempotency_key, request_hash, currency, amount, from_account_id, to_account_id,
                         to_user_id, created_at)
  VALUES ('deposit', 'park-' || nextval('okpay_test.keys'), 'h', 'CNY', p_amount, v_external, v_account, p_user,
          '2026-11-26 09:00:00+00')
  RETURNING id INTO v_transfer;
  UPDATE accounts SET balance = balance - p_amount WHERE id = v_external RETURNING balance INTO v_after;
  INSERT INTO entries (transfer_id, account_id, user_id, amount, balance_after, created_at) VALUES
    (v_transfer, v_external, NULL, -p_amount, v_after, '2026-11-26 09:00:00+00');
  INSERT INTO entries (id, transfer_id, account_id, user_id, amount, balance_after, created_at) VALUES
    (v_entry, v_transfer, v_account, p_user, p_amount, NULL, '2026-11-26 09:00:00+00');
  INSERT INTO pending_deltas (entry_id, account_id, amount) VALUES (v_entry, v_account, p_amount);
  RETURN v_entry;
END $$;
--> statement-breakpoint

-- Applied balance plus parked credits, as the wallet reads it.
CREATE FUNCTION okpay_test.balance(p_user bigint, p_currency text DEFAULT 'CNY') RETURNS bigint LANGUAGE sql AS $$
  SELECT coalesce(sum(a.balance + coalesce((SELECT sum(p.amount) FROM pending_deltas p WHERE p.account_id = a.id), 0)), 0)::bigint
    FROM accounts a WHERE a.user_id = p_user AND a.currency = p_currency;
$$;
--> statement-breakpoint

-- The applied balance alone (parked credits left out).
CREATE FUNCTION okpay_test.applied(p_user bigint, p_currency text DEFAULT 'CNY') RETURNS bigint LANGUAGE sql AS $$
  SELECT a.balance FROM accounts a WHERE a.user_id = p_user AND a.currency = p_currency;
$$;
--> statement-breakpoint

-- A challenge of the wallet in the given status, as the core prepares and confirms it.
CREATE FUNCTION okpay_test.challenge(p_user bigint, p_status text) RETURNS bigint LANGUAGE sql AS $$
  INSERT INTO challenges (user_id, origin_platform, origin_user_id, kind, payload, status, prepare_key, request_hash, expires_at)
  VALUES (p_user, 'console', 'tester', 'send', '{}', p_status, 'prepare-' || nextval('okpay_test.keys'), 'h',
          '2026-11-26 10:05:00+00')
  RETURNING id;
$$;
--> statement-breakpoint

-- A payment request of the merchant, open unless told otherwise, expiring at the test's 11:00.
CREATE FUNCTION okpay_test.request(p_merchant bigint, p_amount bigint, p_payer bigint DEFAULT NULL,
                                   p_status text DEFAULT 'open', p_expires timestamptz DEFAULT '2026-11-26 11:00:00+00')
RETURNS bigint LANGUAGE sql AS $$
  INSERT INTO payment_requests (merchant_id, currency, amount, payer_id, status, create_key, request_hash, expires_at)
  VALUES (p_merchant, 'CNY', p_amount, p_payer, p_status, 'request-' || nextval('okpay_test.keys'), 'h', p_expires)
  RETURNING id;
$$;
--> statement-breakpoint

-- Asserts that a keyed movement was refused with this code and params, stored on its transfer row
-- with no entries and no notices, and returns nothing else.
CREATE FUNCTION okpay_test.assert_refused(p_key text, p_code text, p_params jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  t transfers%ROWTYPE;
BEGIN
  SELECT * INTO t FROM transfers WHERE idempotency_key = p_key;
  ASSERT t.status = 'failed', format('%s: status %s', p_key, t.status);
  ASSERT t.error_code = p_code, format('%s: expected %s, got %s', p_key, p_code, t.error_code);
  ASSERT t.error_params = p_params, format('%s: expected params %s, got %s', p_key, p_params, t.error_params);
  ASSERT NOT EXISTS (SELECT 1 FROM entries e WHERE e.transfer_id = t.id), format('%s: a refusal has entries', p_key);
  ASSERT NOT EXISTS (SELECT 1 FROM notifications n WHERE n.params ->> 'transferId' = t.id::text),
    format('%s: a refusal wrote notices', p_key);
END $$;
