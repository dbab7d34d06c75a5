-- Claimable sends and cheques. A 'claim' transfer moves money from the sender to the `claims`
-- system account when a claim is created, and from there to each claimer, or what is left back to
-- the sender when it is cancelled or expires; the claims account's balance per currency is always
-- the sum of what open claims still hold (checked by the ledger check). Money held for a claim has
-- left the sender's wallet, so a 'claim' debit counts against their limits like a send: the money
-- functions below are 0007/0014's with 'claim' among the counted kinds, and okpay_post_transfer
-- leaves a claim's notices to the claim functions. Every claim function is one transaction, keyed,
-- and judges time by the wallet's clock (p_now).

-- The exact sum of the limit-counted payments from an account in the 24 hours before the wallet's
-- now, this movement left out.
CREATE OR REPLACE FUNCTION okpay_rolling_outflow(p_account bigint, p_transfer bigint, p_now timestamptz)
RETURNS bigint LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT coalesce(sum(t.amount), 0) FROM transfers t
           WHERE t.from_account_id = p_account AND t.created_at > p_now - interval '24 hours' AND t.id <> p_transfer
             AND t.status = 'completed' AND t.kind IN ('send', 'payment', 'withdrawal', 'claim'));
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
  v_counted bigint := CASE WHEN p_kind IN ('send', 'payment', 'withdrawal', 'claim') THEN p_amount ELSE 0 END;
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
  v_counted bigint := CASE WHEN p_kind IN ('send', 'payment', 'withdrawal', 'claim') THEN p_amount ELSE 0 END;
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
           outflow_total = a.outflow_total + CASE WHEN p_kind IN ('send', 'payment', 'withdrawal', 'claim') THEN p_amount ELSE 0 END
     WHERE a.id = v_parties.payer_account AND a.owner_status = 'active' AND a.balance >= p_amount
       AND (p_limits IS NULL OR p_amount <= (p_limits -> v_parties.payer_tier ->> 0)::bigint)
       AND (p_limits IS NULL OR a.outflow_total + CASE WHEN p_kind IN ('send', 'payment', 'withdrawal', 'claim') THEN p_amount ELSE 0 END
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
  -- a claim's movements are told by the claim functions, which know what they mean (held, claimed, given back)
  IF p_kind <> 'claim' THEN
    PERFORM okpay_notify_transfer(v_transfer, p_kind, p_from_user, p_to_user, p_currency, p_amount, p_memo,
                                  p_request, p_related, v_refund_left, p_origin);
  END IF;

  RETURN QUERY SELECT v_transfer, to_json(v_at) #>> '{}',
    CASE WHEN p_from_user IS NOT NULL THEN v_debited END, NULL::text, NULL::jsonb;
END $$;
--> statement-breakpoint

-- Creates a confirmed claim: the whole amount leaves the sender for the claims account (limits
-- counted, refusals as for a send) and the claim is recorded with its secret's hash, once per
-- challenge. The sender's other chats are told (p_origin saw the confirmation). A replay returns the
-- same claim.
CREATE OR REPLACE FUNCTION okpay_create_claim(
  p_key text, p_hash text, p_sender bigint, p_currency text, p_amount bigint, p_memo text, p_challenge bigint,
  p_now timestamptz, p_limits jsonb, p_origin text, p_slots integer, p_platform text, p_for_handle text,
  p_once boolean, p_expires timestamptz, p_secret_hash text
) RETURNS TABLE (claim_id bigint, error_code text, error_params jsonb)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_claim bigint;
  v_post record;
BEGIN
  SELECT c.id INTO v_claim FROM claims c WHERE c.challenge_id = p_challenge;
  IF v_claim IS NOT NULL THEN
    RETURN QUERY SELECT v_claim, NULL::text, NULL::jsonb;
    RETURN;
  END IF;
  SELECT * INTO v_post FROM okpay_post_transfer(p_key, p_hash, 'claim', p_sender, NULL, NULL, 'claims', p_currency,
    p_amount, p_memo, NULL, NULL, p_challenge, p_now, p_limits, p_origin);
  IF v_post.error_code IS NOT NULL THEN
    RETURN QUERY SELECT NULL::bigint, v_post.error_code, v_post.error_params;
    RETURN;
  END IF;
  INSERT INTO claims (sender_id, currency, amount, slots, platform, for_handle, once_per_claimer, memo, secret_hash,
                      challenge_id, created_transfer_id, expires_at, created_at)
  VALUES (p_sender, p_currency, p_amount, p_slots, p_platform, p_for_handle, p_once, p_memo, p_secret_hash,
          p_challenge, v_post.transfer_id, p_expires, p_now)
  ON CONFLICT (challenge_id) DO NOTHING
  RETURNING id INTO v_claim;
  IF v_claim IS NULL THEN
    SELECT c.id INTO v_claim FROM claims c WHERE c.challenge_id = p_challenge;
  ELSE
    INSERT INTO notifications (user_id, kind, params, origin_platform)
    VALUES (p_sender, 'claim.created', jsonb_build_object('claimId', v_claim::text, 'amount', p_amount::text,
            'currency', p_currency, 'forHandle', p_for_handle), p_origin);
  END IF;
  RETURN QUERY SELECT v_claim, NULL::text, NULL::jsonb;
END $$;
--> statement-breakpoint

-- Pays one part of a claim to a claimer, once per key. Decided under the claim's row lock at the
-- wallet's now, so of many claimers of the last part exactly one wins and a claim being given back
-- is either claimed first or seen closed: the sender never claims their own, a hold goes only to
-- whoever holds its handle on its platform now, `once` allows one part per person. The first parts
-- take the odd minor units. The claimer's receipt goes to their chats but p_origin, where they
-- claimed it; the sender gets a notice naming the claimer.
CREATE OR REPLACE FUNCTION okpay_redeem_claim(p_secret_hash text, p_claimer bigint, p_key text, p_now timestamptz,
                                              p_origin text)
RETURNS TABLE (claim_id bigint, transfer_id bigint, amount bigint, balance_after bigint, error_code text, error_params jsonb)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  c claims%ROWTYPE;
  r claim_redemptions%ROWTYPE;
  v_code text;
  v_part bigint;
  v_post record;
BEGIN
  SELECT * INTO c FROM claims WHERE secret_hash = p_secret_hash FOR NO KEY UPDATE;
  IF c.id IS NULL THEN
    RETURN QUERY SELECT NULL::bigint, NULL::bigint, NULL::bigint, NULL::bigint, 'claim.not_found'::text, NULL::jsonb;
    RETURN;
  END IF;
  SELECT * INTO r FROM claim_redemptions WHERE idempotency_key = p_key;
  IF r.id IS NULL THEN
    v_code := CASE
      WHEN c.sender_id = p_claimer THEN 'claim.own'
      WHEN c.status = 'cancelled' THEN 'claim.cancelled'
      WHEN c.status = 'expired' OR (c.status = 'open' AND c.expires_at <= p_now) THEN 'claim.expired'
      WHEN c.status = 'claimed' THEN 'claim.already_claimed'
      WHEN c.for_handle IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM identities i WHERE i.user_id = p_claimer AND i.platform = c.platform
           AND lower(i.username) = c.for_handle AND i.detached_at IS NULL) THEN 'claim.not_for_you'
      WHEN c.once_per_claimer AND EXISTS (
        SELECT 1 FROM claim_redemptions x WHERE x.claim_id = c.id AND x.claimer_id = p_claimer) THEN 'claim.once'
    END;
    IF v_code IS NOT NULL THEN
      RETURN QUERY SELECT c.id, NULL::bigint, NULL::bigint, NULL::bigint, v_code, NULL::jsonb;
      RETURN;
    END IF;
    v_part := c.amount / c.slots + CASE WHEN c.claimed_slots < c.amount % c.slots THEN 1 ELSE 0 END;
    SELECT * INTO v_post FROM okpay_post_transfer(p_key, 'claim:' || c.id || ':' || p_claimer, 'claim', NULL, 'claims',
      p_claimer, NULL, c.currency, v_part, c.memo, NULL, NULL, NULL, p_now, NULL, NULL);
    IF v_post.error_code IS NOT NULL THEN
      RETURN QUERY SELECT c.id, NULL::bigint, NULL::bigint, NULL::bigint, v_post.error_code, v_post.error_params;
      RETURN;
    END IF;
    UPDATE claims SET claimed_slots = claimed_slots + 1, claimed_amount = claimed_amount + v_part,
           status = CASE WHEN claimed_slots + 1 = slots THEN 'claimed' ELSE status END,
           closed_at = CASE WHEN claimed_slots + 1 = slots THEN now() END
     WHERE id = c.id;
    INSERT INTO claim_redemptions (claim_id, claimer_id, idempotency_key, transfer_id, amount, created_at)
    VALUES (c.id, p_claimer, p_key, v_post.transfer_id, v_part, p_now)
    RETURNING * INTO r;
    INSERT INTO notifications (user_id, kind, params, origin_platform)
    VALUES (p_claimer, 'claim.received', jsonb_build_object('claimId', c.id::text, 'transferId', v_post.transfer_id::text,
            'amount', v_part::text, 'currency', c.currency, 'senderId', c.sender_id::text), p_origin);
    INSERT INTO notifications (user_id, kind, params, origin_platform)
    VALUES (c.sender_id, 'claim.claimed', jsonb_build_object('claimId', c.id::text, 'amount', v_part::text,
            'currency', c.currency, 'claimerId', p_claimer::text), NULL);
  ELSIF r.claimer_id <> p_claimer THEN
    RAISE EXCEPTION 'claim redemption key % reused by another claimer', p_key;
  END IF;
  RETURN QUERY SELECT r.claim_id, r.transfer_id, r.amount,
    (SELECT (a.balance + coalesce((SELECT sum(d.amount) FROM pending_deltas d WHERE d.account_id = a.id), 0))::bigint
       FROM accounts a WHERE a.user_id = p_claimer AND a.currency = c.currency),
    NULL::text, NULL::jsonb;
END $$;
--> statement-breakpoint

-- Gives what an open claim still holds back to its sender and closes it as `cancelled` (by the
-- sender, p_sender) or `expired` (past its expiry at p_now, by the returner), with a notice saying
-- which. Under the claim's row lock, so a redemption and a return of one claim never both happen
-- for the same money; keyed by the claim, so a return runs once. No row when it was no longer open.
CREATE OR REPLACE FUNCTION okpay_give_back_claim(p_claim bigint, p_reason text, p_now timestamptz, p_sender bigint,
                                                 p_origin text)
RETURNS TABLE (claim_id bigint, returned bigint)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  c claims%ROWTYPE;
  v_left bigint;
  v_post record;
BEGIN
  IF p_reason NOT IN ('cancelled', 'expired') THEN
    RAISE EXCEPTION 'a claim is given back cancelled or expired, not %', p_reason;
  END IF;
  SELECT * INTO c FROM claims WHERE id = p_claim FOR NO KEY UPDATE;
  IF c.id IS NULL OR c.status <> 'open' OR (p_sender IS NOT NULL AND c.sender_id <> p_sender)
     OR (p_reason = 'expired' AND c.expires_at > p_now) THEN
    RETURN;
  END IF;
  v_left := c.amount - c.claimed_amount;
  SELECT * INTO v_post FROM okpay_post_transfer('claim-return:' || c.id, 'claim-return:' || c.id, 'claim', NULL, 'claims',
    c.sender_id, NULL, c.currency, v_left, c.memo, NULL, NULL, NULL, p_now, NULL, NULL);
  IF v_post.error_code IS NOT NULL THEN
    RAISE EXCEPTION 'claim % could not go back to its sender: %', c.id, v_post.error_code;
  END IF;
  UPDATE claims SET status = p_reason, return_transfer_id = v_post.transfer_id, closed_at = now(),
         lease_owner = NULL, lease_until = NULL
   WHERE id = c.id;
  INSERT INTO notifications (user_id, kind, params, origin_platform)
  VALUES (c.sender_id, CASE p_reason WHEN 'cancelled' THEN 'claim.cancelled' ELSE 'claim.expired' END, jsonb_build_object('claimId', c.id::text, 'amount', v_left::text,
          'currency', c.currency), p_origin);
  RETURN QUERY SELECT c.id, v_left;
END $$;
