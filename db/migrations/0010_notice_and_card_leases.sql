CREATE TABLE "notice_leases" (
	"notification_id" bigint NOT NULL,
	"platform" text NOT NULL,
	"owner" text NOT NULL,
	"lease_until" timestamp with time zone NOT NULL,
	CONSTRAINT "notice_leases_notification_id_platform_pk" PRIMARY KEY("notification_id","platform")
);
--> statement-breakpoint
ALTER TABLE "platform_messages" ADD COLUMN "lease_owner" text;--> statement-breakpoint
ALTER TABLE "platform_messages" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "platform_messages" ADD COLUMN "checked_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "notice_leases_owner" ON "notice_leases" USING btree ("owner");--> statement-breakpoint
CREATE INDEX "platform_messages_showing" ON "platform_messages" USING btree ("platform","shown","checked_at");--> statement-breakpoint
CREATE INDEX "platform_messages_leased" ON "platform_messages" USING btree ("lease_owner") WHERE "platform_messages"."lease_owner" is not null;