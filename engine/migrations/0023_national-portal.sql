CREATE TABLE "national_portal_dossiers" (
	"portal_code" text PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "national_portal_dossiers_dossier_id_unique" UNIQUE("dossier_id")
);
--> statement-breakpoint
CREATE TABLE "national_portal_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"position" bigserial NOT NULL,
	"dossier_id" uuid NOT NULL,
	"service" text NOT NULL,
	"payload" jsonb NOT NULL,
	"updating" boolean,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone,
	"response" jsonb
);
--> statement-breakpoint
ALTER TABLE "national_portal_dossiers" ADD CONSTRAINT "national_portal_dossiers_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "national_portal_outbox" ADD CONSTRAINT "national_portal_outbox_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "national_portal_outbox_pending_idx" ON "national_portal_outbox" USING btree ("dossier_id","position") WHERE "national_portal_outbox"."status" = 'pending';