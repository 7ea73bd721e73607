CREATE TABLE "wf_decision_requirements" (
	"key" bigint PRIMARY KEY NOT NULL,
	"decision_requirements_id" text NOT NULL,
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"resource_name" text NOT NULL,
	"checksum" text NOT NULL,
	"deployment_key" bigint NOT NULL,
	"xml" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wf_decisions" (
	"key" bigint PRIMARY KEY NOT NULL,
	"decision_id" text NOT NULL,
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"decision_requirements_key" bigint NOT NULL,
	"decision_requirements_id" text NOT NULL,
	"deployment_key" bigint NOT NULL,
	"version_tag" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "requested_fee_amounts" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "wf_decision_requirements_id_version_idx" ON "wf_decision_requirements" USING btree ("decision_requirements_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "wf_decisions_id_version_idx" ON "wf_decisions" USING btree ("decision_id","version");