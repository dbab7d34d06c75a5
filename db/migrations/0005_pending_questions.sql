CREATE TABLE "pending_questions" (
	"platform" text NOT NULL,
	"chat_id" text NOT NULL,
	"platform_user_id" text NOT NULL,
	"question" jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "pending_questions_platform_chat_id_platform_user_id_pk" PRIMARY KEY("platform","chat_id","platform_user_id")
);
--> statement-breakpoint
CREATE INDEX "pending_questions_expires" ON "pending_questions" USING btree ("expires_at");