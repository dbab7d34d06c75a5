ALTER TABLE "users" ADD COLUMN "frozen_by" text;--> statement-breakpoint
-- Wallets frozen before this column existed: each freeze wrote a security.frozen notice in its own
-- transaction saying who froze, so the newest one tells. Without one the freeze is taken for an
-- operator's: an owner must never be able to lift a freeze an operator made.
UPDATE "users" SET "frozen_by" = coalesce((
  SELECT n."params" ->> 'by' FROM "notifications" n
   WHERE n."user_id" = "users"."id" AND n."kind" = 'security.frozen' AND n."params" ->> 'by' IN ('owner', 'operator')
   ORDER BY n."id" DESC LIMIT 1), 'operator')
 WHERE "status" = 'frozen';--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_frozen_by_valid" CHECK (("users"."status" = 'frozen') = ("users"."frozen_by" is not null) and "users"."frozen_by" in ('owner', 'operator'));