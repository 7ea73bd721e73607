ALTER TABLE "procedure_versions" ADD COLUMN "published_by_name" text;--> statement-breakpoint
ALTER TABLE "procedure_versions" ADD COLUMN "note" text;