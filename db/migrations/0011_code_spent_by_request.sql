ALTER TABLE "authenticators" ADD COLUMN "last_step_key" text;--> statement-breakpoint
ALTER TABLE "recovery_codes" ADD COLUMN "used_key" text;