CREATE TABLE "verify_attachments" (
	"platform" text NOT NULL,
	"platform_user_id" text NOT NULL,
	"ref" text NOT NULL,
	"sha256" text NOT NULL,
	"kept_at" timestamp with time zone NOT NULL,
	CONSTRAINT "verify_attachments_platform_platform_user_id_pk" PRIMARY KEY("platform","platform_user_id")
);
