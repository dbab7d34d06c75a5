-- Claims on platform updates become leases: a row with lease_until is being answered by `owner`
-- until then (renewed while the work runs); null means answered. Rows from before this migration
-- cannot say whether their work finished, and were answered or abandoned long ago, so they stay
-- answered (their platforms stopped redelivering them).
ALTER TABLE "handled_updates" ADD COLUMN "owner" text;--> statement-breakpoint
ALTER TABLE "handled_updates" ADD COLUMN "lease_until" timestamp with time zone;
