-- The money function in small parts. okpay_post_transfer keeps its signature and its outcomes, but
-- now runs in steps: lock the parties and claim the key, decide every refusal in one checking
-- function, write the debit and credit once, do the request/refund bookkeeping, write the outbox.
-- Every refusal is decided before anything is written, so no refused movement ever debits and puts
-- the money back. A user's payment that settles no request or refund (most of them) is checked and
-- debited by one guarded UPDATE, as before, so the parts cost no extra row lock on the money path. Replaces okpay_post_transfer and okpay_refuse (0003) and okpay_request_refusal
-- (0001). Functions on the money path are PL/pgSQL, whose plans are kept per session.

-- A refusal: an error code of the core's error table and its params; NULL fields when allowed.
CREATE TYPE okpay_refusal AS (code text, params jsonb);
--> statement-breakpoint

-- The two sides of a movement as okpay_lock_parties found them under their locks: the payer's
-- account (NULL when it holds no account in the currency) with its tier and the locked row's applied
-- balance, status, limit counter and whether credits are parked on it; the payee's account (NULL
-- when the payee does not exist) and status; whether the challenge that asked for it is confirmed.
CREATE TYPE okpay_parties AS (payer_account bigint, payer_tier text, payer_balance bigint, payer_status text,
                              payer_outflow bigint, payer_parked boolean, payee_account bigint, payee_status text,
                              challenge_confirmed boolean);
--> statement-breakpoint

-- What the checks decided, and what the write needs to know beyond the locked rows: whether parked
-- credits must be folded in, and the exact rolling 24 h outflow before this payment when it had to
-- be summed (NULL when the counter alone proved the limit safe).
CREATE TYPE okpay_decision AS (code text, params jsonb, payer_parked boolean, outflow_window bigint);
--> statement-breakpoint

DROP FUNCTION okpay_request_refusal(bigint, bigint, timestamptz);
--> statement-breakpoint

-- Marks a keyed request refused, keeping the refusal as its outcome for replays. A challenge that
-- asked for it and was confirmed is marked failed in the same transaction so it can never run
-- again; one that was no longer confirmed (cancelled by a freeze, say) keeps its own status. What
-- the challenge answered is recorded by the core alone, which a replay re-derives from this outcome.
CREATE OR REPLACE FUNCTION okpay_refuse(p_transfer bigint, p_challenge bigint, p_code text, p_params jsonb)
RETURNS TABLE (transfer_id bigint, created_at text, debited_balance bigint, error_code text, error_params jsonb)
LANGUAGE sql AS $$
  UPDATE transfers SET status = 'failed', error_code = p_code, error_params = p_params WHERE id = p_transfer;
  UPDATE challenges SET status = 'failed' WHERE id = p_challenge AND status = 'confirmed';
  SELECT NULL::bigint, NULL::text, NULL::bigint, p_code, p_params;
$$;
--> statement-breakpoint

-- Locks what a movement decides on, in the fixed order, before anything is written: the challenge,
-- then the payer's account row (unless the caller's guarded debit takes that lock itself). Freeze cancels challenges before it touches accounts, in the same
-- order, so a freeze that committed first is seen here and one that comes later waits for this
-- movement; the row lock on the payer waits for a concurrent debit or freeze and then reads the
-- newest row version, so two payments never spend the same money and a freeze always wins. A
-- payer's account is never opened (a currency never held has nothing to pay with); the payee's is
-- opened on first use and its row never locked here, so a hot payee does not serialize its payers
-- and no lock cycle can form. Closing a wallet takes the payee's advisory lock exclusively, so taking it shared
-- before reading the payee's status keeps a credit from slipping into a wallet as it closes.
CREATE OR REPLACE FUNCTION okpay_lock_parties(p_from_user bigint, p_from_system text, p_to_user bigint,
                                              p_to_system text, p_currency text, p_challenge bigint,
                                              p_lock_payer boolean)
RETURNS okpay_parties LANGUAGE plpgsql AS $$
DECLARE
  v okpay_parties;
  v_payee record;
BEGIN
  IF p_to_user IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock_shared(17, (p_to_user % 2147483647)::int);
  END IF;
  IF p_challenge IS NOT NULL THEN
    PERFORM 1 FROM challenges c WHERE c.id = p_challenge AND c.status = 'confirmed' FOR NO KEY UPDATE;
    v.challenge_confirmed := FOUND;
  END IF;
  IF p_from_user IS NOT NULL THEN
    IF p_lock_payer THEN
      SELECT a.id, u.tier::text, a.balance, a.owner_status, a.outflow_total,
             EXISTS (SELECT 1 FROM pending_deltas p WHERE p.account_id = a.id)
        INTO v.payer_account, v.payer_tier, v.payer_balance, v.payer_status, v.payer_outflow, v.payer_parked
        FROM accounts a JOIN users u ON u.id = a.user_id
       WHERE a.user_id = p_from_user AND a.currency = p_currency
         FOR NO KEY UPDATE OF a;
    ELSE
      -- the guarded debit locks it (okpay_post_transfer); only the account and tier are needed first
      SELECT a.id, u.tier::text INTO v.payer_account, v.payer_tier
        FROM accounts a JOIN users u ON u.id = a.user_id
       WHERE a.user_id = p_from_user AND a.currency = p_currency;
    END IF;
  ELSE
    v.payer_account := (okpay_account(NULL, p_from_system, p_currency)).o_id;
  END IF;
  v_payee := okpay_account(p_to_user, p_to_system, p_currency);
  v.payee_account := v_payee.o_id;
  v.payee_status := v_payee.o_status;
  RETURN v;
END $$;
--> statement-breakpoint

-- The refusal for a wallet that is not open, naming which side it is.
CREATE OR REPLACE FUNCTION okpay_status_refusal(p_status text, p_party text)
RETURNS okpay_refusal LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE p_status
    WHEN 'frozen' THEN ('account.frozen', jsonb_build_object('party', p_party))::okpay_refusal
    WHEN 'closed' THEN ('account.closed', jsonb_build_object('party', p_party))::okpay_refusal
  END;
$$;
--> statement-breakpoint

-- The exact sum of the limit-counted payments from an account in the 24 hours before the wallet's
-- now, this movement left out.
CREATE OR REPLACE FUNCTION okpay_rolling_outflow(p_account bigint, p_transfer bigint, p_now timestamptz)
RETURNS bigint LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT coalesce(sum(t.amount), 0) FROM transfers t
           WHERE t.from_account_id = p_account AND t.created_at > p_now - interval '24 hours' AND t.id <> p_transfer
             AND t.status = 'completed' AND t.kind IN ('send', 'payment', 'withdrawal'));
END $$;
--> statement-breakpoint

-- Why this payer cannot pay this payment request now, or NULL when it can. The request row is
-- locked after the payer's account (the fixed order), so of two payers confirming at once the
-- second reads it paid and is refused before anything is debited.
CREATE OR REPLACE FUNCTION okpay_request_refusal(p_request bigint, p_payer bigint, p_merchant bigint,
                                                 p_currency text, p_amount bigint, p_now timestamptz)
RETURNS okpay_refusal LANGUAGE plpgsql AS $$
DECLARE
  r payment_requests%ROWTYPE;
  v_code text;
BEGIN
  SELECT * INTO r FROM payment_requests WHERE id = p_request FOR NO KEY UPDATE;
  v_code := CASE
    WHEN r.id IS NULL THEN 'request.not_found'
    WHEN r.status = 'paid' THEN 'request.already_paid'
    WHEN r.status = 'cancelled' THEN 'request.cancelled'
    WHEN r.expires_at <= p_now THEN 'request.expired'
    WHEN r.payer_id IS NOT NULL AND r.payer_id <> p_payer THEN 'request.not_for_you'
    WHEN r.merchant_id IS DISTINCT FROM p_merchant OR r.amount <> p_amount OR r.currency <> p_currency THEN 'request.changed'
  END;
  RETURN CASE WHEN v_code IS NOT NULL THEN (v_code, jsonb_build_object('requestId', p_request::text))::okpay_refusal END;
END $$;
--> statement-breakpoint

-- Why this refund cannot be made, or NULL when it can: only the payee of a completed payment
-- returns it to its payer, and never more than is left. The refunded transfer is locked after the
-- payer's account, so racing refunds are judged one after the other and can never pass what was paid.
CREATE OR REPLACE FUNCTION okpay_refund_refusal(p_related bigint, p_payer bigint, p_payee bigint,
                                                p_currency text, p_amount bigint)
RETURNS okpay_refusal LANGUAGE plpgsql AS $$
DECLARE
  v_left bigint;
  v_currency text;
BEGIN
  SELECT t.amount - t.refunded, t.currency INTO v_left, v_currency FROM transfers t
   WHERE t.id = p_related AND t.status = 'completed' AND t.from_user_id = p_payee AND t.to_user_id = p_payer
     FOR NO KEY UPDATE;
  IF v_left IS NULL THEN
    RETURN ('refund.not_refundable', '{}')::okpay_refusal;
  ELSIF v_currency <> p_currency OR p_amount > v_left THEN
    RETURN ('refund.exceeds_remaining', jsonb_build_object('remaining', v_left::text, 'currency', p_currency))::okpay_refusal;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint

-- The one checking function: decides every refusal on the rows okpay_lock_parties locked, in the
-- order they have always been reported, and locks the payment request or refunded transfer after
-- the payer's account (the fixed order) to judge it. It reads and locks, and writes nothing.
CREATE OR REPLACE FUNCTION okpay_transfer_refusal(
  p okpay_parties, p_transfer bigint, p_kind text, p_from_user bigint, p_to_user bigint, p_currency text,
  p_amount bigint, p_related bigint, p_request bigint, p_challenge bigint, p_now timestamptz, p_limits jsonb
) RETURNS okpay_decision LANGUAGE plpgsql AS $$
DECLARE
  v_refusal okpay_refusal;
  v_decision okpay_decision;
  v_status text;
  v_available bigint;
  v_per_tx bigint := (p_limits -> p.payer_tier ->> 0)::bigint;
  v_daily bigint := (p_limits -> p.payer_tier ->> 1)::bigint;
  -- only payments out of the wallet count against the daily limit
  v_counted bigint := CASE WHEN p_kind IN ('send', 'payment', 'withdrawal') THEN p_amount ELSE 0 END;
BEGIN
  IF p_request IS NOT NULL AND p_related IS NOT NULL THEN
    RAISE EXCEPTION 'a movement settles a request or refunds a transfer, not both';
  END IF;
  v_decision.payer_parked := p.payer_parked;

  -- the parties: the challenge is still confirmed, the payee exists and is not closed, the payer
  -- exists and, lacking an account in this currency, is open (then it has nothing to pay with)
  IF p_challenge IS NOT NULL AND NOT p.challenge_confirmed THEN
    v_refusal := ('challenge.cancelled', '{}');
  ELSIF p.payee_account IS NULL THEN
    v_refusal := ('user.not_found', '{"party": "recipient"}');
  ELSIF p.payer_account IS NULL THEN
    SELECT u.status INTO v_status FROM users u WHERE u.id = p_from_user;
    v_refusal := CASE WHEN v_status IS NULL THEN ('user.not_found', '{"party": "sender"}')::okpay_refusal
                      ELSE coalesce(okpay_status_refusal(v_status, 'sender'),
                        ('transfer.insufficient_funds', jsonb_build_object('available', '0', 'currency', p_currency))::okpay_refusal)
                 END;
  ELSIF p.payee_status = 'closed' THEN
    v_refusal := okpay_status_refusal('closed', 'recipient');
  ELSIF p_amount > v_per_tx THEN
    v_refusal := ('limit.per_transaction', jsonb_build_object('limit', v_per_tx::text, 'currency', p_currency,
                                                              'tier', p.payer_tier::int));
  ELSIF p_from_user IS NOT NULL THEN
    -- the payer's locked account: open, funded (committed parked credits count)
    IF p.payer_status <> 'active' THEN
      v_refusal := okpay_status_refusal(p.payer_status, 'sender');
    ELSIF p.payer_balance < p_amount THEN
      -- a fresh statement under the lock: it sees every credit parked until now
      v_available := p.payer_balance
        + coalesce((SELECT sum(d.amount) FROM pending_deltas d WHERE d.account_id = p.payer_account), 0);
      v_decision.payer_parked := v_available <> p.payer_balance;
      IF v_available < p_amount THEN
        v_refusal := ('transfer.insufficient_funds', jsonb_build_object('available', v_available::text, 'currency', p_currency));
      END IF;
    END IF;
    -- the rolling daily limit, first judged on outflow_total, which counts everything since a moment
    -- at least 24 h ago and so is never below the rolling sum; only when that would pass the limit
    -- is the exact sum taken
    IF v_refusal.code IS NULL AND p.payer_outflow + v_counted > v_daily THEN
      v_decision.outflow_window := okpay_rolling_outflow(p.payer_account, p_transfer, p_now);
      IF v_decision.outflow_window + v_counted > v_daily THEN
        v_refusal := ('limit.daily', jsonb_build_object('limit', v_daily::text,
          'remaining', greatest(v_daily - v_decision.outflow_window, 0)::text, 'currency', p_currency,
          'tier', p.payer_tier::int));
      END IF;
    END IF;
    -- then what the payment settles, locked after the payer's account
    IF v_refusal.code IS NULL AND p_request IS NOT NULL THEN
      v_refusal := okpay_request_refusal(p_request, p_from_user, p_to_user, p_currency, p_amount, p_now);
    ELSIF v_refusal.code IS NULL AND p_related IS NOT NULL THEN
      v_refusal := okpay_refund_refusal(p_related, p_from_user, p_to_user, p_currency, p_amount);
    END IF;
  END IF;
  v_decision.code := v_refusal.code;
  v_decision.params := v_refusal.params;
  RETURN v_decision;
END $$;
--> statement-breakpoint

-- Debits the payer once the checks allowed it; returns the balance after (NULL for a parked system
-- debit). A user's row is locked since okpay_lock_parties, so its new balance is set from the
-- balance read there: parked credits are folded in first (they came before this debit, so
-- balance_after stays a running balance), and the daily counter either grows or is re-anchored at
-- the exact rolling sum (p_window). A system account may go negative and is never waited for.
CREATE OR REPLACE FUNCTION okpay_debit(p_account bigint, p_user bigint, p_entry bigint, p_amount bigint, p_kind text,
                                       p_balance bigint, p_parked boolean, p_outflow bigint, p_window bigint,
                                       p_now timestamptz)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_balance bigint;
  v_counted bigint := CASE WHEN p_kind IN ('send', 'payment', 'withdrawal') THEN p_amount ELSE 0 END;
BEGIN
  IF p_user IS NULL THEN
    RETURN okpay_apply_unblocked(p_account, p_entry, -p_amount);
  END IF;
  v_balance := CASE WHEN p_parked THEN okpay_fold(p_account, p_balance) ELSE p_balance END - p_amount;
  IF p_window IS NULL THEN
    UPDATE accounts SET balance = v_balance, outflow_total = p_outflow + v_counted WHERE id = p_account;
  ELSE
    UPDATE accounts SET balance = v_balance, outflow_total = p_window + v_counted,
                        outflow_since = p_now - interval '24 hours'
     WHERE id = p_account;
  END IF;
  RETURN v_balance;
END $$;
--> statement-breakpoint

-- The bookkeeping a completed movement settles, on rows the checks locked: the challenge is done,
-- the payment request paid by this transfer, or the refunded transfer's refunded sum raised and its
-- open refund asks closed. Returns what is left to refund, for the notices.
CREATE OR REPLACE FUNCTION okpay_settle(p_transfer bigint, p_challenge bigint, p_request bigint, p_related bigint,
                                        p_amount bigint)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_left bigint;
BEGIN
  IF p_challenge IS NOT NULL THEN
    UPDATE challenges SET status = 'done' WHERE id = p_challenge;
  END IF;
  IF p_request IS NOT NULL THEN
    UPDATE payment_requests SET status = 'paid', paid_transfer_id = p_transfer WHERE id = p_request;
  ELSIF p_related IS NOT NULL THEN
    UPDATE transfers t SET refunded = t.refunded + p_amount WHERE t.id = p_related RETURNING t.amount - t.refunded INTO v_left;
    UPDATE refund_asks SET status = 'refunded', decided_at = now() WHERE transfer_id = p_related AND status = 'open';
  END IF;
  RETURN v_left;
END $$;
--> statement-breakpoint

-- The outbox rows reporting a movement, written in its transaction: the payer's `<kind>.sent`
-- and the payee's `<kind>.received` (kinds of the core's Notice union, which also derives their
-- buttons, e.g. Freeze on money leaving).
CREATE OR REPLACE FUNCTION okpay_notify_transfer(p_transfer bigint, p_kind text, p_from_user bigint, p_to_user bigint,
                                                 p_currency text, p_amount bigint, p_memo text,
                                                 p_request bigint, p_related bigint, p_refund_left bigint)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO notifications (user_id, kind, params)
  SELECT n.user_id, p_kind || n.side,
         jsonb_build_object('transferId', p_transfer::text, 'amount', p_amount::text, 'currency', p_currency,
                            'memo', p_memo, 'counterpartyId', n.counterparty::text, 'requestId', p_request::text,
                            'relatedTransferId', p_related::text, 'refundRemaining', p_refund_left::text)
    FROM (VALUES (p_from_user, '.sent', p_to_user),
                 (p_to_user, '.received', p_from_user)) n(user_id, side, counterparty)
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
  p_limits jsonb
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
                                p_request, p_related, v_refund_left);

  RETURN QUERY SELECT v_transfer, to_json(v_at) #>> '{}',
    CASE WHEN p_from_user IS NOT NULL THEN v_debited END, NULL::text, NULL::jsonb;
END $$;
