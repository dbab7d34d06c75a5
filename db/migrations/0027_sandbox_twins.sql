ALTER TABLE "accounts" ADD COLUMN "sandbox" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "sandbox_of" bigint;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_sandbox_of_users_id_fk" FOREIGN KEY ("sandbox_of") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "users_one_sandbox_twin" ON "users" USING btree ("sandbox_of") WHERE "users"."sandbox_of" is not null;