ALTER TABLE "dossiers" ADD COLUMN "start_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "start_claimed_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "start_next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "start_last_error" text;