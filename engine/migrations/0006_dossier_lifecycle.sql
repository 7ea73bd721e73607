CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"job_key" text NOT NULL,
	"process_instance_key" text NOT NULL,
	"element_id" text NOT NULL,
	"requesting_agency" text NOT NULL,
	"consulted_agency" text NOT NULL,
	"question" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"answer" text,
	"answered_by" text,
	"answered_by_name" text,
	"answered_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"escalated_to" text,
	CONSTRAINT "consultations_job_key_unique" UNIQUE("job_key")
);
--> statement-breakpoint
CREATE TABLE "dossier_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"subject_id" text NOT NULL,
	"level" text NOT NULL,
	"unit_agency_code" text NOT NULL,
	"unit_group" text,
	"due_at" timestamp with time zone NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"previous_due_date" timestamp with time zone,
	"new_due_date" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"responsible_unit" text NOT NULL,
	"issued_by" text,
	"issued_by_name" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_code_counters" (
	"agency_code" text NOT NULL,
	"day" text NOT NULL,
	"value" integer NOT NULL,
	CONSTRAINT "dossier_code_counters_agency_code_day_pk" PRIMARY KEY("agency_code","day")
);
--> statement-breakpoint
CREATE TABLE "dossier_control_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"user_task_key" text NOT NULL,
	"element_id" text NOT NULL,
	"element_name" text,
	"receiver_group" text,
	"unit_agency_code" text NOT NULL,
	"giver_id" text,
	"giver_name" text,
	"handed_over_at" timestamp with time zone NOT NULL,
	"step_duration" text,
	"due_at" timestamp with time zone,
	"receiver_id" text,
	"receiver_name" text,
	"completed_at" timestamp with time zone,
	"outcome" text,
	"on_time" boolean,
	"late_minutes" integer,
	CONSTRAINT "dossier_control_entries_user_task_key_unique" UNIQUE("user_task_key")
);
--> statement-breakpoint
CREATE TABLE "dossier_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_id" uuid NOT NULL,
	"template" text NOT NULL,
	"element_id" text,
	"signer_roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"signatures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_id" text,
	"actor_name" text,
	"element_id" text,
	"element_name" text,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_pauses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"missing_items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"requested_by" text,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"working_minutes" integer,
	"supplement" jsonb
);
--> statement-breakpoint
CREATE TABLE "fee_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"fee_code" text,
	"amount" integer NOT NULL,
	"method" text NOT NULL,
	"receipt_number" text,
	"received_by" text NOT NULL,
	"received_by_name" text,
	"paid_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"template" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"error" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "procedure_slug" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "procedure_version" integer;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "procedure_name" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "channel" text DEFAULT 'online' NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "applicant" jsonb;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "application" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "attachments" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "submitted_by" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "has_fee" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "start_state" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "process_instance_key" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "received_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "due_date" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "warning_date" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "finished_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_alerts" ADD CONSTRAINT "dossier_alerts_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_appointments" ADD CONSTRAINT "dossier_appointments_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_control_entries" ADD CONSTRAINT "dossier_control_entries_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_documents" ADD CONSTRAINT "dossier_documents_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_history" ADD CONSTRAINT "dossier_history_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_pauses" ADD CONSTRAINT "dossier_pauses_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_payments" ADD CONSTRAINT "fee_payments_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultations_inbox_idx" ON "consultations" USING btree ("consulted_agency","status","due_at");--> statement-breakpoint
CREATE INDEX "consultations_dossier_idx" ON "consultations" USING btree ("dossier_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_alerts_once_idx" ON "dossier_alerts" USING btree ("subject","subject_id","level");--> statement-breakpoint
CREATE INDEX "dossier_appointments_dossier_idx" ON "dossier_appointments" USING btree ("dossier_id","at");--> statement-breakpoint
CREATE INDEX "dossier_control_dossier_idx" ON "dossier_control_entries" USING btree ("dossier_id","handed_over_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_documents_kind_idx" ON "dossier_documents" USING btree ("dossier_id","kind");--> statement-breakpoint
CREATE INDEX "dossier_history_dossier_idx" ON "dossier_history" USING btree ("dossier_id","at");--> statement-breakpoint
CREATE INDEX "dossier_pauses_dossier_idx" ON "dossier_pauses" USING btree ("dossier_id","started_at");--> statement-breakpoint
CREATE INDEX "fee_payments_dossier_idx" ON "fee_payments" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "notifications_dossier_idx" ON "notifications" USING btree ("dossier_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_idempotency_idx" ON "dossiers" USING btree ("submitted_by","idempotency_key");--> statement-breakpoint
CREATE INDEX "dossiers_instance_idx" ON "dossiers" USING btree ("process_instance_key");--> statement-breakpoint
CREATE INDEX "dossiers_pending_start_idx" ON "dossiers" USING btree ("start_state") WHERE "dossiers"."start_state" = 'pending';