ALTER TABLE "sync_devices" ADD COLUMN "label" text;--> statement-breakpoint
ALTER TABLE "sync_devices" ADD COLUMN "waiting_changes" integer;--> statement-breakpoint
ALTER TABLE "sync_devices" ADD COLUMN "oldest_waiting_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sync_devices" ADD COLUMN "storage_persisted" boolean;--> statement-breakpoint
ALTER TABLE "sync_devices" ADD COLUMN "reported_at" timestamp with time zone;