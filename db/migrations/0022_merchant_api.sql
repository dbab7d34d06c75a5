CREATE TABLE "api_idempotency" (
	"merchant_id" bigint NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"state" text DEFAULT 'running' NOT NULL,
	"status" integer,
	"body" text,
	"started_at" timestamp with time zone NOT NULL,
	CONSTRAINT "api_idempotency_merchant_id_key_pk" PRIMARY KEY("merchant_id","key"),
	CONSTRAINT "api_idempotency_state_valid" CHECK ("api_idempotency"."state" in ('running', 'done'))
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"merchant_id" bigint NOT NULL,
	"mode" text DEFAULT 'live' NOT NULL,
	"key_hash" text NOT NULL,
	"last4" text NOT NULL,
	"challenge_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_mode_valid" CHECK ("api_keys"."mode" in ('live', 'test'))
);
--> statement-breakpoint
CREATE TABLE "merchants" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payment_requests" ADD COLUMN "public_id" text DEFAULT 'pr_' || replace(gen_random_uuid()::text, '-', '') NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_requests" ADD COLUMN "metadata" jsonb;--> statement-breakpoint
ALTER TABLE "payment_requests" ADD COLUMN "success_url" text;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_merchant_id_users_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merchants" ADD CONSTRAINT "merchants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_challenge" ON "api_keys" USING btree ("challenge_id");--> statement-breakpoint
CREATE INDEX "api_keys_merchant" ON "api_keys" USING btree ("merchant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_requests_public_id" ON "payment_requests" USING btree ("public_id");--> statement-breakpoint
CREATE INDEX "payment_requests_merchant" ON "payment_requests" USING btree ("merchant_id","id");