-- Money a claim gave back to its sender (cancelled, or expired unclaimed) never left the wallet
-- for good, so it no longer counts against the sender's rolling daily limit: the exact rolling
-- outflow is the limit-counted payments of the 24 hours before the wallet's now, less what claims
-- made in that window have given back by now. What was claimed from them still counts. The fast
-- counter (accounts.outflow_total) is left as it is: it only grows, so it is never below this sum,
-- and a payment it would refuse is judged again on this exact sum.
CREATE OR REPLACE FUNCTION okpay_rolling_outflow(p_account bigint, p_transfer bigint, p_now timestamptz)
RETURNS bigint LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT coalesce(sum(t.amount), 0) FROM transfers t
           WHERE t.from_account_id = p_account AND t.created_at > p_now - interval '24 hours' AND t.id <> p_transfer
             AND t.status = 'completed' AND t.kind IN ('send', 'payment', 'withdrawal', 'claim'))
       - (SELECT coalesce(sum(r.amount), 0) FROM claims c
           JOIN transfers t ON t.id = c.created_transfer_id
           JOIN transfers r ON r.id = c.return_transfer_id
          WHERE t.from_account_id = p_account AND t.created_at > p_now - interval '24 hours' AND t.id <> p_transfer
            AND r.created_at <= p_now);
END $$;
