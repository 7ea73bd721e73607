CREATE TABLE "dossier_ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"rater_id" text NOT NULL,
	"score" integer NOT NULL,
	"comment" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "dossier_ratings_dossier_id_unique" UNIQUE("dossier_id"),
	CONSTRAINT "dossier_ratings_score_range" CHECK ("dossier_ratings"."score" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "dossier_ratings" ADD CONSTRAINT "dossier_ratings_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_ratings_at_idx" ON "dossier_ratings" USING btree ("at");