CREATE TABLE "dossier_document_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_id" uuid NOT NULL,
	"issued_document_id" uuid,
	"template" text NOT NULL,
	"element_id" text,
	"signatures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"replaced_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "rescheduled_due_date" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossier_document_history" ADD CONSTRAINT "dossier_document_history_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_document_history_dossier_idx" ON "dossier_document_history" USING btree ("dossier_id","kind","created_at");