ALTER TABLE "review_events" DROP CONSTRAINT "review_events_kind_check";--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "attention_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "reviewed_by" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "review_note" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_events" ADD CONSTRAINT "review_events_kind_check" CHECK ("review_events"."kind" in ('decision', 'comment', 'question-returned', 'question-amended', 'conversation-reviewed'));--> statement-breakpoint
-- What was there before counts as having arrived at the conversation's last change.
UPDATE "conversations" SET "attention_at" = "updated_at";
