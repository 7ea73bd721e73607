CREATE TABLE "step_completions" (
	"user_task_key" text PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"records" jsonb NOT NULL,
	"state" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	"note" text
);
--> statement-breakpoint
ALTER TABLE "step_completions" ADD CONSTRAINT "step_completions_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "step_completions_pending_idx" ON "step_completions" USING btree ("created_at") WHERE "step_completions"."state" = 'pending';