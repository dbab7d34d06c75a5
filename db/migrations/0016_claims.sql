CREATE TABLE "claim_redemptions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"claim_id" bigint NOT NULL,
	"claimer_id" bigint NOT NULL,
	"idempotency_key" text NOT NULL,
	"transfer_id" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"sender_id" bigint NOT NULL,
	"currency" text NOT NULL,
	"amount" bigint NOT NULL,
	"slots" integer NOT NULL,
	"claimed_slots" integer DEFAULT 0 NOT NULL,
	"claimed_amount" bigint DEFAULT 0 NOT NULL,
	"platform" text NOT NULL,
	"for_handle" text,
	"once_per_claimer" boolean DEFAULT false NOT NULL,
	"memo" text,
	"secret_hash" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"challenge_id" bigint NOT NULL,
	"created_transfer_id" bigint NOT NULL,
	"return_transfer_id" bigint,
	"expires_at" timestamp with time zone NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "claims_status_valid" CHECK ("claims"."status" in ('open', 'claimed', 'cancelled', 'expired')),
	CONSTRAINT "claims_amount_positive" CHECK ("claims"."amount" > 0),
	CONSTRAINT "claims_slots_range" CHECK ("claims"."claimed_slots" between 0 and "claims"."slots"),
	CONSTRAINT "claims_claimed_range" CHECK ("claims"."claimed_amount" between 0 and "claims"."amount")
);
--> statement-breakpoint
ALTER TABLE "claim_redemptions" ADD CONSTRAINT "claim_redemptions_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_redemptions" ADD CONSTRAINT "claim_redemptions_claimer_id_users_id_fk" FOREIGN KEY ("claimer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_sender_id_users_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "claim_redemptions_key" ON "claim_redemptions" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "claim_redemptions_claim" ON "claim_redemptions" USING btree ("claim_id","claimer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_secret_hash" ON "claims" USING btree ("secret_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_challenge" ON "claims" USING btree ("challenge_id");--> statement-breakpoint
CREATE INDEX "claims_sender_open" ON "claims" USING btree ("sender_id") WHERE "claims"."status" = 'open';--> statement-breakpoint
CREATE INDEX "claims_open_expiry" ON "claims" USING btree ("expires_at") WHERE "claims"."status" = 'open';