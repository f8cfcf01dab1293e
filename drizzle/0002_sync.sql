CREATE TABLE "answer_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"answer_id" text NOT NULL,
	"conversation_id" uuid NOT NULL,
	"question_id" text NOT NULL,
	"version" bigint NOT NULL,
	"value" jsonb,
	"outcome" text NOT NULL,
	"mutation_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"winning_value" jsonb,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "answer_history_outcome_check" CHECK ("answer_history"."outcome" in ('applied', 'superseded'))
);
--> statement-breakpoint
CREATE TABLE "answers" (
	"id" text PRIMARY KEY NOT NULL,
	"conversation_id" uuid NOT NULL,
	"question_id" text NOT NULL,
	"option_id" text,
	"notes" text DEFAULT '' NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"version" bigint NOT NULL,
	"hlc" timestamp with time zone NOT NULL,
	"updated_by_device" uuid NOT NULL,
	"updated_by_mutation" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"team_id" uuid,
	"location_id" text NOT NULL,
	"location" jsonb NOT NULL,
	"question_set_id" text NOT NULL,
	"question_set_version" integer NOT NULL,
	"status" text NOT NULL,
	"fields" jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"version" bigint NOT NULL,
	CONSTRAINT "conversations_status_check" CHECK ("conversations"."status" in ('draft', 'completed'))
);
--> statement-breakpoint
CREATE TABLE "flags" (
	"id" text PRIMARY KEY NOT NULL,
	"conversation_id" uuid NOT NULL,
	"question_id" text NOT NULL,
	"area" integer NOT NULL,
	"severity" text NOT NULL,
	"reason" text NOT NULL,
	"raised_by" text NOT NULL,
	"status" text NOT NULL,
	"withdrawn_reason" text,
	"raised_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "flags_severity_check" CHECK ("flags"."severity" in ('low', 'medium', 'high')),
	CONSTRAINT "flags_status_check" CHECK ("flags"."status" in ('raised', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "sync_devices" (
	"device_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"last_seq" bigint DEFAULT 0 NOT NULL,
	"last_seen_at" timestamp with time zone,
	"last_app_version" text,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sync_mutations" (
	"device_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"mutation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"args" jsonb NOT NULL,
	"args_version" integer NOT NULL,
	"status" text NOT NULL,
	"result" jsonb NOT NULL,
	"client_time" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_mutations_device_id_seq_pk" PRIMARY KEY("device_id","seq"),
	CONSTRAINT "sync_mutations_status_check" CHECK ("sync_mutations"."status" in ('applied', 'rejected', 'superseded'))
);
--> statement-breakpoint
CREATE TABLE "user_change_counters" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"change_seq" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_devices" ADD CONSTRAINT "sync_devices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_mutations" ADD CONSTRAINT "sync_mutations_device_id_sync_devices_device_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."sync_devices"("device_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_change_counters" ADD CONSTRAINT "user_change_counters_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "answer_history_answer_idx" ON "answer_history" USING btree ("answer_id","version");--> statement-breakpoint
CREATE INDEX "answer_history_conversation_idx" ON "answer_history" USING btree ("conversation_id","outcome");--> statement-breakpoint
CREATE INDEX "answers_conversation_idx" ON "answers" USING btree ("conversation_id","question_id");--> statement-breakpoint
CREATE INDEX "conversations_user_version_idx" ON "conversations" USING btree ("user_id","version");--> statement-breakpoint
CREATE INDEX "conversations_location_idx" ON "conversations" USING btree ("location_id","started_at");--> statement-breakpoint
CREATE INDEX "flags_conversation_idx" ON "flags" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "sync_devices_user_idx" ON "sync_devices" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sync_mutations_mutation_idx" ON "sync_mutations" USING btree ("mutation_id");