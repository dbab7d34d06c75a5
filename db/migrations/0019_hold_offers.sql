CREATE TABLE "hold_offers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"sender_id" bigint NOT NULL,
	"currency" text NOT NULL,
	"amount" bigint NOT NULL,
	"handle" text NOT NULL,
	"memo" text,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hold_offers" ADD CONSTRAINT "hold_offers_sender_id_users_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hold_offers_key" ON "hold_offers" USING btree ("key");--> statement-breakpoint
CREATE INDEX "hold_offers_expires" ON "hold_offers" USING btree ("expires_at");