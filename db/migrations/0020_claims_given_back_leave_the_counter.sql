-- Money a claim gives back (cancelled, or expired unclaimed) leaves the fast daily counter
-- (accounts.outflow_total) as it left the exact rolling sum in 0018: otherwise the counter kept it
-- until a recomputation and every payment near the limit took the slow path. okpay_give_back_claim
-- is 0017's with that one update. Whether the counter counted a claim's creation is read from
-- its anchor, outflow_since, so an account never anchored says so by the wallet's rules, not the
-- database clock: '-infinity', everything since it opened (the default from 0021 on).
UPDATE accounts SET outflow_since = '-infinity' WHERE outflow_since = created_at - interval '24 hours';
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
  -- the money never left the wallet for good, so the fast daily counter lets go of it too, when it
  -- counted the claim's creation (made after the counter's anchor): the counter stays at least the
  -- exact rolling sum of 0018 and decides as that sum does, with no recomputation needed
  UPDATE accounts a SET outflow_total = a.outflow_total - v_left
    FROM transfers t
   WHERE t.id = c.created_transfer_id AND a.id = t.from_account_id AND t.created_at > a.outflow_since;
  UPDATE claims SET status = p_reason, return_transfer_id = v_post.transfer_id, closed_at = now(),
         lease_owner = NULL, lease_until = NULL
   WHERE id = c.id;
  INSERT INTO notifications (user_id, kind, params, origin_platform)
  VALUES (c.sender_id, CASE p_reason WHEN 'cancelled' THEN 'claim.cancelled' ELSE 'claim.expired' END, jsonb_build_object('claimId', c.id::text, 'amount', v_left::text,
          'currency', c.currency), p_origin);
  RETURN QUERY SELECT c.id, v_left;
END $$;
