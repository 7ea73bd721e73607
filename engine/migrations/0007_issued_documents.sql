CREATE TABLE "issued_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dossier_id" uuid,
	"agency_code" text NOT NULL,
	"agency_name" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"number" text,
	"file_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"signers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "issued_documents" ADD CONSTRAINT "issued_documents_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issued_documents" ADD CONSTRAINT "issued_documents_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "issued_documents_sha256_idx" ON "issued_documents" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "issued_documents_dossier_idx" ON "issued_documents" USING btree ("dossier_id");