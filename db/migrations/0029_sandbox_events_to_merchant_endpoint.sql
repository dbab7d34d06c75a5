-- Custom SQL migration file, put your code below! --
-- A sandbox twin's events (test keys) go to its real merchant's endpoint, so a shop tests its
-- receiver with `livemode: false` events before going live: pending when that endpoint exists.
CREATE OR REPLACE FUNCTION okpay_webhook_event(p_merchant bigint, p_type text, p_subject bigint, p_data jsonb)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM merchants WHERE user_id = p_merchant) THEN
    RETURN;
  END IF;
  INSERT INTO webhook_events (merchant_id, type, subject_id, data, state)
  VALUES (p_merchant, p_type, p_subject, p_data,
          CASE WHEN EXISTS (SELECT 1 FROM webhook_endpoints
                             WHERE merchant_id = coalesce((SELECT sandbox_of FROM users WHERE id = p_merchant), p_merchant))
               THEN 'pending' ELSE 'unsent' END)
  ON CONFLICT (type, subject_id) DO NOTHING;
END $$;
