CREATE TABLE "accounts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint,
	"system_code" text,
	"currency" text NOT NULL,
	"balance" bigint DEFAULT 0 NOT NULL,
	"owner_status" text DEFAULT 'active' NOT NULL,
	"outflow_since" timestamp with time zone DEFAULT now() - interval '24 hours' NOT NULL,
	"outflow_total" bigint DEFAULT 0 NOT NULL,
	"allow_negative" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_one_owner" CHECK (("accounts"."user_id" is null) <> ("accounts"."system_code" is null)),
	CONSTRAINT "accounts_non_negative" CHECK ("accounts"."allow_negative" or "accounts"."balance" >= 0),
	CONSTRAINT "accounts_owner_status_valid" CHECK ("accounts"."owner_status" in ('active', 'frozen', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"transfer_id" bigint NOT NULL,
	"account_id" bigint NOT NULL,
	"user_id" bigint,
	"amount" bigint NOT NULL,
	"balance_after" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pending_deltas" (
	"entry_id" bigint PRIMARY KEY NOT NULL,
	"account_id" bigint NOT NULL,
	"amount" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "transfers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"currency" text NOT NULL,
	"amount" bigint NOT NULL,
	"status" text DEFAULT 'completed' NOT NULL,
	"error_code" text,
	"error_params" jsonb,
	"memo" text,
	"from_account_id" bigint,
	"to_account_id" bigint,
	"from_user_id" bigint,
	"to_user_id" bigint,
	"related_transfer_id" bigint,
	"refunded" bigint DEFAULT 0 NOT NULL,
	"request_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transfers_refunded_range" CHECK ("transfers"."refunded" between 0 and "transfers"."amount"),
	CONSTRAINT "transfers_amount_positive" CHECK ("transfers"."amount" > 0),
	CONSTRAINT "transfers_status_valid" CHECK ("transfers"."status" in ('completed', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "payment_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"merchant_id" bigint NOT NULL,
	"currency" text NOT NULL,
	"amount" bigint NOT NULL,
	"memo" text,
	"payer_id" bigint,
	"status" text DEFAULT 'open' NOT NULL,
	"paid_transfer_id" bigint,
	"create_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_requests_status_valid" CHECK ("payment_requests"."status" in ('open', 'paid', 'cancelled')),
	CONSTRAINT "payment_requests_amount_positive" CHECK ("payment_requests"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "refund_asks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"transfer_id" bigint NOT NULL,
	"asked_by" bigint NOT NULL,
	"reason" text,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "refund_asks_status_valid" CHECK ("refund_asks"."status" in ('open', 'refunded', 'declined'))
);
--> statement-breakpoint
CREATE TABLE "notification_deliveries" (
	"notification_id" bigint NOT NULL,
	"platform" text NOT NULL,
	"status" text NOT NULL,
	"detail" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_deliveries_notification_id_platform_pk" PRIMARY KEY("notification_id","platform"),
	CONSTRAINT "notification_deliveries_status_valid" CHECK ("notification_deliveries"."status" in ('delivered', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb NOT NULL,
	"actions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "authenticators" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"secret_sealed" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"last_step" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"activated_at" timestamp with time zone,
	CONSTRAINT "authenticators_status_valid" CHECK ("authenticators"."status" in ('pending', 'active'))
);
--> statement-breakpoint
CREATE TABLE "challenges" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"origin_platform" text NOT NULL,
	"origin_user_id" text NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"prepare_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"confirm_key" text,
	"result" jsonb,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "challenges_status_valid" CHECK ("challenges"."status" in ('open', 'confirmed', 'done', 'failed', 'cancelled', 'locked'))
);
--> statement-breakpoint
CREATE TABLE "code_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "link_codes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"code_hash" text NOT NULL,
	"create_key" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recovery_codes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "identities" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"platform" text NOT NULL,
	"platform_user_id" text NOT NULL,
	"username" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"detached_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"tier" smallint DEFAULT 0 NOT NULL,
	"confirm_blocked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_status_valid" CHECK ("users"."status" in ('active', 'frozen', 'closed')),
	CONSTRAINT "users_tier_valid" CHECK ("users"."tier" between 0 and 2)
);
--> statement-breakpoint
CREATE TABLE "verifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"full_name" text NOT NULL,
	"document_type" text NOT NULL,
	"file_ref" text NOT NULL,
	"file_sha256" text NOT NULL,
	"target_tier" smallint NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"reviewed_by" bigint,
	"submit_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_at" timestamp with time zone,
	CONSTRAINT "verifications_status_valid" CHECK ("verifications"."status" in ('pending', 'approved', 'rejected'))
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_requests" ADD CONSTRAINT "payment_requests_merchant_id_users_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authenticators" ADD CONSTRAINT "authenticators_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_codes" ADD CONSTRAINT "link_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identities" ADD CONSTRAINT "identities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verifications" ADD CONSTRAINT "verifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_user_currency" ON "accounts" USING btree ("user_id","currency") WHERE "accounts"."user_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_system_currency" ON "accounts" USING btree ("system_code","currency") WHERE "accounts"."system_code" is not null;--> statement-breakpoint
CREATE INDEX "entries_transfer" ON "entries" USING btree ("transfer_id");--> statement-breakpoint
CREATE INDEX "entries_user_newest" ON "entries" USING btree ("user_id","id" DESC NULLS LAST) WHERE "entries"."user_id" is not null;--> statement-breakpoint
CREATE INDEX "pending_deltas_account" ON "pending_deltas" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "transfers_idempotency_key" ON "transfers" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "transfers_outgoing_recent" ON "transfers" USING btree ("from_account_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_requests_create_key" ON "payment_requests" USING btree ("create_key");--> statement-breakpoint
CREATE INDEX "payment_requests_merchant_open" ON "payment_requests" USING btree ("merchant_id") WHERE "payment_requests"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "refund_asks_one_open" ON "refund_asks" USING btree ("transfer_id") WHERE "refund_asks"."status" = 'open';--> statement-breakpoint
CREATE INDEX "notifications_user" ON "notifications" USING btree ("user_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "challenges_prepare_key" ON "challenges" USING btree ("prepare_key");--> statement-breakpoint
CREATE UNIQUE INDEX "challenges_confirm_key" ON "challenges" USING btree ("confirm_key");--> statement-breakpoint
CREATE INDEX "challenges_origin_open" ON "challenges" USING btree ("origin_platform","origin_user_id") WHERE "challenges"."status" = 'open';--> statement-breakpoint
CREATE INDEX "challenges_user_status" ON "challenges" USING btree ("user_id","status");--> statement-breakpoint
CREATE INDEX "code_failures_user_time" ON "code_failures" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "link_codes_hash" ON "link_codes" USING btree ("code_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "link_codes_create_key" ON "link_codes" USING btree ("create_key");--> statement-breakpoint
CREATE UNIQUE INDEX "recovery_codes_user_hash" ON "recovery_codes" USING btree ("user_id","code_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "identities_platform_user" ON "identities" USING btree ("platform","platform_user_id") WHERE "identities"."detached_at" is null;--> statement-breakpoint
CREATE INDEX "identities_username" ON "identities" USING btree ("platform",lower("username"));--> statement-breakpoint
CREATE INDEX "identities_user" ON "identities" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "verifications_submit_key" ON "verifications" USING btree ("submit_key");--> statement-breakpoint
CREATE UNIQUE INDEX "verifications_one_pending" ON "verifications" USING btree ("user_id") WHERE "verifications"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "verifications_pending" ON "verifications" USING btree ("id") WHERE "verifications"."status" = 'pending';