ALTER TABLE "users" ADD COLUMN "locale_chosen" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Wallets from before this release may have chosen their language with /language, and nothing
-- recorded it: they keep the language they have rather than start following what they write.
-- Wallets registered from now on follow their writing until they choose.
UPDATE "users" SET "locale_chosen" = true;--> statement-breakpoint
ALTER TABLE "platform_messages" ADD COLUMN "locale" text;
