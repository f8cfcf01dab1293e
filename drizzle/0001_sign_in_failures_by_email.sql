ALTER TABLE "sign_in_failures" ADD COLUMN "email" text;--> statement-breakpoint
CREATE INDEX "sign_in_failures_email_idx" ON "sign_in_failures" USING btree ("email","at");