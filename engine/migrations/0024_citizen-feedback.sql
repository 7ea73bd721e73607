CREATE TABLE "citizen_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"agency_code" text NOT NULL,
	"procedure_code" text,
	"dossier_id" uuid,
	"author_user_id" text,
	"author_name" text NOT NULL,
	"contact" text NOT NULL,
	"content" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by" text,
	"answered_by_name" text,
	CONSTRAINT "citizen_feedback_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "citizen_feedback" ADD CONSTRAINT "citizen_feedback_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "citizen_feedback_agency_received_idx" ON "citizen_feedback" USING btree ("agency_code","received_at");--> statement-breakpoint
CREATE INDEX "citizen_feedback_dossier_idx" ON "citizen_feedback" USING btree ("dossier_id");