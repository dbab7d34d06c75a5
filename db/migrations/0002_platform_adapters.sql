CREATE TABLE "outbox_cursors" (
	"platform" text PRIMARY KEY NOT NULL,
	"handled_through" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "handled_updates" (
	"platform" text NOT NULL,
	"update_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "handled_updates_platform_update_id_pk" PRIMARY KEY("platform","update_id")
);
--> statement-breakpoint
CREATE TABLE "platform_messages" (
	"platform" text NOT NULL,
	"ref" text NOT NULL,
	"chat_id" text NOT NULL,
	"message_id" text NOT NULL,
	"shown" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "platform_messages_platform_ref_pk" PRIMARY KEY("platform","ref")
);
