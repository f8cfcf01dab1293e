CREATE TABLE "question_returns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"conversation_id" uuid NOT NULL,
	"question_id" text NOT NULL,
	"comment" text NOT NULL,
	"returned_by" uuid,
	"returned_by_name" text NOT NULL,
	"returned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"answered_at" timestamp with time zone,
	"answer_mutation_id" uuid,
	"reply" text,
	CONSTRAINT "question_returns_status_check" CHECK ("question_returns"."status" in ('open', 'answered'))
);
--> statement-breakpoint
CREATE TABLE "review_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"conversation_id" uuid NOT NULL,
	"flag_id" text,
	"question_id" text,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text DEFAULT '' NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_events_kind_check" CHECK ("review_events"."kind" in ('decision', 'comment', 'question-returned', 'question-amended'))
);
--> statement-breakpoint
ALTER TABLE "answers" ADD COLUMN "concern" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "location_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "postcode" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "sector" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "region" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "urgent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "flags" ADD COLUMN "severity_rank" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "flags" ADD COLUMN "review_status" text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE "flags" ADD COLUMN "escalated_to" text;--> statement-breakpoint
ALTER TABLE "flags" ADD COLUMN "urgency" text;--> statement-breakpoint
ALTER TABLE "flags" ADD COLUMN "assignee_id" uuid;--> statement-breakpoint
ALTER TABLE "flags" ADD COLUMN "follow_up_due" date;--> statement-breakpoint
ALTER TABLE "flags" ADD COLUMN "review_note" text;--> statement-breakpoint
ALTER TABLE "flags" ADD COLUMN "reviewed_by" uuid;--> statement-breakpoint
ALTER TABLE "flags" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "flags" ADD COLUMN "review_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "question_returns" ADD CONSTRAINT "question_returns_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_returns" ADD CONSTRAINT "question_returns_returned_by_users_id_fk" FOREIGN KEY ("returned_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_events" ADD CONSTRAINT "review_events_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_events" ADD CONSTRAINT "review_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "question_returns_conversation_idx" ON "question_returns" USING btree ("conversation_id","question_id");--> statement-breakpoint
CREATE INDEX "review_events_conversation_idx" ON "review_events" USING btree ("conversation_id","id");--> statement-breakpoint
CREATE INDEX "review_events_flag_idx" ON "review_events" USING btree ("flag_id","id");--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversations_team_started_idx" ON "conversations" USING btree ("team_id","started_at");--> statement-breakpoint
CREATE INDEX "conversations_postcode_idx" ON "conversations" USING btree ("postcode");--> statement-breakpoint
CREATE INDEX "conversations_region_started_idx" ON "conversations" USING btree ("region","started_at");--> statement-breakpoint
CREATE INDEX "flags_raised_idx" ON "flags" USING btree ("raised_at","id");--> statement-breakpoint
CREATE INDEX "flags_status_raised_idx" ON "flags" USING btree ("review_status","raised_at");--> statement-breakpoint
CREATE INDEX "flags_area_raised_idx" ON "flags" USING btree ("area","raised_at");--> statement-breakpoint
CREATE INDEX "flags_severity_raised_idx" ON "flags" USING btree ("severity_rank","raised_at","id");--> statement-breakpoint
CREATE INDEX "flags_due_idx" ON "flags" USING btree ("follow_up_due") WHERE "flags"."review_status" <> 'resolved' and "flags"."follow_up_due" is not null;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_review_status_check" CHECK ("flags"."review_status" in ('open', 'acknowledged', 'escalated', 'follow-up', 'resolved'));--> statement-breakpoint
UPDATE "conversations" SET "location_name" = "location"->>'name', "postcode" = "location"->>'postcode', "sector" = "location"->>'sector', "region" = "location"->>'region', "outcome" = "fields"->'outcome'->>'decision', "urgent" = coalesce(("fields"->'escalation'->>'urgent')::boolean, false);--> statement-breakpoint
UPDATE "answers" AS a SET "concern" = o."concern" FROM "conversations" AS c, (VALUES
	('adult-social-care', 1, '1.1', 'yes', 'none'),
	('adult-social-care', 1, '1.1', 'partly', 'some'),
	('adult-social-care', 1, '1.1', 'no', 'serious'),
	('adult-social-care', 1, '1.2', 'yes', 'none'),
	('adult-social-care', 1, '1.2', 'partly', 'some'),
	('adult-social-care', 1, '1.2', 'no', 'serious'),
	('adult-social-care', 1, '1.3', 'yes', 'none'),
	('adult-social-care', 1, '1.3', 'partly', 'some'),
	('adult-social-care', 1, '1.3', 'no', 'serious'),
	('adult-social-care', 1, '1.4', 'yes', 'none'),
	('adult-social-care', 1, '1.4', 'partly', 'some'),
	('adult-social-care', 1, '1.4', 'no', 'serious'),
	('adult-social-care', 1, '1.5', 'yes', 'none'),
	('adult-social-care', 1, '1.5', 'partly', 'some'),
	('adult-social-care', 1, '1.5', 'no', 'serious'),
	('adult-social-care', 1, '2.1', 'yes', 'none'),
	('adult-social-care', 1, '2.1', 'partly', 'some'),
	('adult-social-care', 1, '2.1', 'no', 'serious'),
	('adult-social-care', 1, '2.2', 'yes', 'none'),
	('adult-social-care', 1, '2.2', 'partly', 'some'),
	('adult-social-care', 1, '2.2', 'no', 'serious'),
	('adult-social-care', 1, '2.3', 'yes', 'none'),
	('adult-social-care', 1, '2.3', 'partly', 'some'),
	('adult-social-care', 1, '2.3', 'no', 'serious'),
	('adult-social-care', 1, '3.1', 'yes', 'none'),
	('adult-social-care', 1, '3.1', 'partly', 'some'),
	('adult-social-care', 1, '3.1', 'no', 'serious'),
	('adult-social-care', 1, '3.2', 'yes', 'none'),
	('adult-social-care', 1, '3.2', 'partly', 'some'),
	('adult-social-care', 1, '3.2', 'no', 'serious'),
	('adult-social-care', 1, '3.3', 'yes', 'none'),
	('adult-social-care', 1, '3.3', 'partly', 'some'),
	('adult-social-care', 1, '3.3', 'no', 'serious'),
	('adult-social-care', 1, '3.3', 'not-applicable', 'none'),
	('adult-social-care', 1, '4.1', 'yes', 'none'),
	('adult-social-care', 1, '4.1', 'partly', 'some'),
	('adult-social-care', 1, '4.1', 'no', 'serious'),
	('adult-social-care', 1, '4.2', 'yes', 'none'),
	('adult-social-care', 1, '4.2', 'partly', 'some'),
	('adult-social-care', 1, '4.2', 'no', 'serious'),
	('adult-social-care', 1, '4.3', 'yes', 'none'),
	('adult-social-care', 1, '4.3', 'partly', 'some'),
	('adult-social-care', 1, '4.3', 'no', 'serious'),
	('adult-social-care', 1, '4.4', 'yes', 'none'),
	('adult-social-care', 1, '4.4', 'partly', 'some'),
	('adult-social-care', 1, '4.4', 'no', 'serious'),
	('dental', 1, '1.1', 'yes', 'none'),
	('dental', 1, '1.1', 'partly', 'some'),
	('dental', 1, '1.1', 'no', 'serious'),
	('dental', 1, '1.2', 'yes', 'none'),
	('dental', 1, '1.2', 'partly', 'some'),
	('dental', 1, '1.2', 'no', 'serious'),
	('dental', 1, '1.3', 'yes', 'none'),
	('dental', 1, '1.3', 'partly', 'some'),
	('dental', 1, '1.3', 'no', 'serious'),
	('dental', 1, '1.4', 'yes', 'none'),
	('dental', 1, '1.4', 'partly', 'some'),
	('dental', 1, '1.4', 'no', 'serious'),
	('dental', 1, '1.5', 'yes', 'none'),
	('dental', 1, '1.5', 'partly', 'some'),
	('dental', 1, '1.5', 'no', 'serious'),
	('dental', 1, '2.1', 'yes', 'none'),
	('dental', 1, '2.1', 'partly', 'some'),
	('dental', 1, '2.1', 'no', 'serious'),
	('dental', 1, '2.2', 'yes', 'none'),
	('dental', 1, '2.2', 'partly', 'some'),
	('dental', 1, '2.2', 'no', 'serious'),
	('dental', 1, '3.1', 'yes', 'none'),
	('dental', 1, '3.1', 'partly', 'some'),
	('dental', 1, '3.1', 'no', 'serious'),
	('dental', 1, '3.2', 'yes', 'none'),
	('dental', 1, '3.2', 'partly', 'some'),
	('dental', 1, '3.2', 'no', 'serious'),
	('dental', 1, '4.1', 'yes', 'none'),
	('dental', 1, '4.1', 'partly', 'some'),
	('dental', 1, '4.1', 'no', 'serious'),
	('dental', 1, '4.2', 'yes', 'none'),
	('dental', 1, '4.2', 'partly', 'some'),
	('dental', 1, '4.2', 'no', 'serious'),
	('dental', 1, '4.3', 'yes', 'none'),
	('dental', 1, '4.3', 'partly', 'some'),
	('dental', 1, '4.3', 'no', 'serious'),
	('gp', 1, '1.1', 'yes', 'none'),
	('gp', 1, '1.1', 'partly', 'some'),
	('gp', 1, '1.1', 'no', 'serious'),
	('gp', 1, '1.2', 'yes', 'none'),
	('gp', 1, '1.2', 'partly', 'some'),
	('gp', 1, '1.2', 'no', 'serious'),
	('gp', 1, '1.3', 'yes', 'none'),
	('gp', 1, '1.3', 'partly', 'some'),
	('gp', 1, '1.3', 'no', 'serious'),
	('gp', 1, '1.4', 'yes', 'none'),
	('gp', 1, '1.4', 'partly', 'some'),
	('gp', 1, '1.4', 'no', 'serious'),
	('gp', 1, '1.5', 'yes', 'none'),
	('gp', 1, '1.5', 'partly', 'some'),
	('gp', 1, '1.5', 'no', 'serious'),
	('gp', 1, '2.1', 'yes', 'none'),
	('gp', 1, '2.1', 'partly', 'some'),
	('gp', 1, '2.1', 'no', 'serious'),
	('gp', 1, '2.2', 'yes', 'none'),
	('gp', 1, '2.2', 'partly', 'some'),
	('gp', 1, '2.2', 'no', 'serious'),
	('gp', 1, '2.3', 'yes', 'none'),
	('gp', 1, '2.3', 'partly', 'some'),
	('gp', 1, '2.3', 'no', 'serious'),
	('gp', 1, '3.1', 'yes', 'none'),
	('gp', 1, '3.1', 'partly', 'some'),
	('gp', 1, '3.1', 'no', 'serious'),
	('gp', 1, '3.2', 'yes', 'none'),
	('gp', 1, '3.2', 'partly', 'some'),
	('gp', 1, '3.2', 'no', 'serious'),
	('gp', 1, '4.1', 'yes', 'none'),
	('gp', 1, '4.1', 'partly', 'some'),
	('gp', 1, '4.1', 'no', 'serious'),
	('gp', 1, '4.2', 'yes', 'none'),
	('gp', 1, '4.2', 'partly', 'some'),
	('gp', 1, '4.2', 'no', 'serious'),
	('gp', 1, '4.3', 'yes', 'none'),
	('gp', 1, '4.3', 'partly', 'some'),
	('gp', 1, '4.3', 'no', 'serious'),
	('nhs-trust', 1, '1.1', 'yes', 'none'),
	('nhs-trust', 1, '1.1', 'partly', 'some'),
	('nhs-trust', 1, '1.1', 'no', 'serious'),
	('nhs-trust', 1, '1.2', 'yes', 'none'),
	('nhs-trust', 1, '1.2', 'partly', 'some'),
	('nhs-trust', 1, '1.2', 'no', 'serious'),
	('nhs-trust', 1, '1.3', 'yes', 'none'),
	('nhs-trust', 1, '1.3', 'partly', 'some'),
	('nhs-trust', 1, '1.3', 'no', 'serious'),
	('nhs-trust', 1, '1.4', 'yes', 'none'),
	('nhs-trust', 1, '1.4', 'partly', 'some'),
	('nhs-trust', 1, '1.4', 'no', 'serious'),
	('nhs-trust', 1, '1.5', 'yes', 'none'),
	('nhs-trust', 1, '1.5', 'partly', 'some'),
	('nhs-trust', 1, '1.5', 'no', 'serious'),
	('nhs-trust', 1, '1.6', 'yes', 'none'),
	('nhs-trust', 1, '1.6', 'partly', 'some'),
	('nhs-trust', 1, '1.6', 'no', 'serious'),
	('nhs-trust', 1, '2.1', 'yes', 'none'),
	('nhs-trust', 1, '2.1', 'partly', 'some'),
	('nhs-trust', 1, '2.1', 'no', 'serious'),
	('nhs-trust', 1, '2.2', 'yes', 'none'),
	('nhs-trust', 1, '2.2', 'partly', 'some'),
	('nhs-trust', 1, '2.2', 'no', 'serious'),
	('nhs-trust', 1, '2.3', 'yes', 'none'),
	('nhs-trust', 1, '2.3', 'partly', 'some'),
	('nhs-trust', 1, '2.3', 'no', 'serious'),
	('nhs-trust', 1, '3.1', 'yes', 'none'),
	('nhs-trust', 1, '3.1', 'partly', 'some'),
	('nhs-trust', 1, '3.1', 'no', 'serious'),
	('nhs-trust', 1, '4.1', 'yes', 'none'),
	('nhs-trust', 1, '4.1', 'partly', 'some'),
	('nhs-trust', 1, '4.1', 'no', 'serious'),
	('nhs-trust', 1, '4.2', 'yes', 'none'),
	('nhs-trust', 1, '4.2', 'partly', 'some'),
	('nhs-trust', 1, '4.2', 'no', 'serious')
) AS o("set_id", "set_version", "question_id", "option_id", "concern") WHERE a."conversation_id" = c."id" AND c."question_set_id" = o."set_id" AND c."question_set_version" = o."set_version" AND a."question_id" = o."question_id" AND a."option_id" = o."option_id";
--> statement-breakpoint
UPDATE "flags" SET "severity_rank" = CASE "severity" WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END;--> statement-breakpoint
CREATE FUNCTION "refuse_review_event_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'review_events is append-only';
END;
$$;--> statement-breakpoint
CREATE TRIGGER "review_events_append_only" BEFORE UPDATE OR DELETE ON "review_events" FOR EACH ROW EXECUTE FUNCTION "refuse_review_event_change"();
