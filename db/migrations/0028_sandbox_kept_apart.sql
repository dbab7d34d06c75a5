-- Custom SQL migration file, put your code below! --
-- Test money and real money never meet. An account is sandbox when it belongs to a sandbox twin
-- (users.sandbox_of set) or is the `sandbox` system account that mints test balances; the flag is
-- set here on insert, whichever function opens the account, and never changes. A transfer row,
-- which every movement writes before any balance, may not join a sandbox account with a real one:
-- the database refuses it whatever the application asks.
CREATE OR REPLACE FUNCTION okpay_account_sandbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.sandbox := coalesce(NEW.system_code = 'sandbox', false)
    OR EXISTS (SELECT 1 FROM users u WHERE u.id = NEW.user_id AND u.sandbox_of IS NOT NULL);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER accounts_sandbox BEFORE INSERT OR UPDATE OF sandbox, user_id, system_code ON accounts
  FOR EACH ROW EXECUTE FUNCTION okpay_account_sandbox();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION okpay_transfer_one_world() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT count(DISTINCT a.sandbox) FROM accounts a WHERE a.id IN (NEW.from_account_id, NEW.to_account_id)) > 1 THEN
    RAISE EXCEPTION 'ledger.sandbox_mixed: transfer % joins a sandbox account with a real one', NEW.idempotency_key
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER transfers_one_world BEFORE INSERT OR UPDATE OF from_account_id, to_account_id ON transfers
  FOR EACH ROW EXECUTE FUNCTION okpay_transfer_one_world();
