CREATE SEQUENCE "public"."wf_key_seq" INCREMENT BY 100 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 2251799813685249 CACHE 1;--> statement-breakpoint
CREATE TABLE "wf_deployments" (
	"key" bigint PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wf_element_instances" (
	"key" bigint PRIMARY KEY NOT NULL,
	"process_instance_key" bigint NOT NULL,
	"root_key" bigint NOT NULL,
	"scope_key" bigint,
	"element_id" text NOT NULL,
	"element_name" text,
	"element_type" text NOT NULL,
	"state" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"loop_counter" integer,
	"incident_key" bigint,
	"start_date" timestamp with time zone NOT NULL,
	"end_date" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "wf_incidents" (
	"key" bigint PRIMARY KEY NOT NULL,
	"process_instance_key" bigint NOT NULL,
	"root_key" bigint NOT NULL,
	"element_instance_key" bigint NOT NULL,
	"element_id" text NOT NULL,
	"job_key" bigint,
	"error_type" text NOT NULL,
	"error_message" text NOT NULL,
	"state" text NOT NULL,
	"creation_time" timestamp with time zone NOT NULL,
	"resolved_time" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "wf_jobs" (
	"key" bigint PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"state" text NOT NULL,
	"retries" integer NOT NULL,
	"worker" text,
	"available_at" timestamp with time zone NOT NULL,
	"custom_headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error_message" text,
	"process_instance_key" bigint NOT NULL,
	"root_key" bigint NOT NULL,
	"element_instance_key" bigint NOT NULL,
	"element_id" text NOT NULL,
	"process_definition_key" bigint NOT NULL,
	"bpmn_process_id" text NOT NULL,
	"process_definition_version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wf_message_correlations" (
	"message_key" bigint NOT NULL,
	"target" text NOT NULL,
	CONSTRAINT "wf_message_correlations_message_key_target_pk" PRIMARY KEY("message_key","target")
);
--> statement-breakpoint
CREATE TABLE "wf_message_subscriptions" (
	"key" bigint PRIMARY KEY NOT NULL,
	"message_name" text NOT NULL,
	"correlation_key" text,
	"element_instance_key" bigint,
	"process_instance_key" bigint,
	"root_key" bigint,
	"element_id" text NOT NULL,
	"process_definition_key" bigint NOT NULL,
	"bpmn_process_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wf_messages" (
	"key" bigint PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"correlation_key" text NOT NULL,
	"variables" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"message_id" text,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wf_pending_correlations" (
	"key" bigint PRIMARY KEY NOT NULL,
	"message_key" bigint NOT NULL,
	"subscription_key" bigint NOT NULL,
	"root_key" bigint,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wf_process_definitions" (
	"key" bigint PRIMARY KEY NOT NULL,
	"bpmn_process_id" text NOT NULL,
	"version" integer NOT NULL,
	"resource_name" text NOT NULL,
	"checksum" text NOT NULL,
	"deployment_key" bigint NOT NULL,
	"xml" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wf_process_instances" (
	"key" bigint PRIMARY KEY NOT NULL,
	"root_key" bigint NOT NULL,
	"parent_process_instance_key" bigint,
	"parent_element_instance_key" bigint,
	"process_definition_key" bigint NOT NULL,
	"bpmn_process_id" text NOT NULL,
	"version" integer NOT NULL,
	"state" text NOT NULL,
	"start_correlation_key" text,
	"incident_count" integer DEFAULT 0 NOT NULL,
	"start_date" timestamp with time zone NOT NULL,
	"end_date" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "wf_timers" (
	"key" bigint PRIMARY KEY NOT NULL,
	"due_date" timestamp with time zone NOT NULL,
	"element_instance_key" bigint,
	"process_instance_key" bigint,
	"root_key" bigint,
	"element_id" text NOT NULL,
	"process_definition_key" bigint NOT NULL,
	"repetitions" integer DEFAULT 0 NOT NULL,
	"interval" text
);
--> statement-breakpoint
CREATE TABLE "wf_user_tasks" (
	"key" bigint PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"process_instance_key" bigint NOT NULL,
	"root_key" bigint NOT NULL,
	"element_instance_key" bigint NOT NULL,
	"element_id" text NOT NULL,
	"name" text,
	"process_definition_key" bigint NOT NULL,
	"bpmn_process_id" text NOT NULL,
	"assignee" text,
	"candidate_groups" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"candidate_users" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"due_date" timestamp with time zone,
	"follow_up_date" timestamp with time zone,
	"form_key" text,
	"custom_headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"creation_date" timestamp with time zone NOT NULL,
	"completion_date" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "wf_variables" (
	"scope_key" bigint NOT NULL,
	"name" text NOT NULL,
	"value" jsonb,
	"process_instance_key" bigint NOT NULL,
	"root_key" bigint NOT NULL,
	CONSTRAINT "wf_variables_scope_key_name_pk" PRIMARY KEY("scope_key","name")
);
--> statement-breakpoint
CREATE INDEX "wf_element_instances_active_idx" ON "wf_element_instances" USING btree ("root_key") WHERE "wf_element_instances"."state" = 'ACTIVE';--> statement-breakpoint
CREATE INDEX "wf_element_instances_process_idx" ON "wf_element_instances" USING btree ("process_instance_key");--> statement-breakpoint
CREATE INDEX "wf_incidents_process_idx" ON "wf_incidents" USING btree ("process_instance_key");--> statement-breakpoint
CREATE INDEX "wf_incidents_state_idx" ON "wf_incidents" USING btree ("state");--> statement-breakpoint
CREATE INDEX "wf_jobs_activatable_idx" ON "wf_jobs" USING btree ("type","available_at") WHERE "wf_jobs"."state" in ('ACTIVATABLE', 'ACTIVATED');--> statement-breakpoint
CREATE INDEX "wf_jobs_element_idx" ON "wf_jobs" USING btree ("element_instance_key");--> statement-breakpoint
CREATE INDEX "wf_message_subscriptions_name_idx" ON "wf_message_subscriptions" USING btree ("message_name","correlation_key");--> statement-breakpoint
CREATE INDEX "wf_message_subscriptions_element_idx" ON "wf_message_subscriptions" USING btree ("element_instance_key");--> statement-breakpoint
CREATE INDEX "wf_messages_name_idx" ON "wf_messages" USING btree ("name","correlation_key");--> statement-breakpoint
CREATE INDEX "wf_messages_id_idx" ON "wf_messages" USING btree ("name","message_id");--> statement-breakpoint
CREATE INDEX "wf_messages_expiry_idx" ON "wf_messages" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "wf_process_definitions_id_version_idx" ON "wf_process_definitions" USING btree ("bpmn_process_id","version");--> statement-breakpoint
CREATE INDEX "wf_process_instances_root_idx" ON "wf_process_instances" USING btree ("root_key");--> statement-breakpoint
CREATE INDEX "wf_process_instances_bpmn_idx" ON "wf_process_instances" USING btree ("bpmn_process_id","state");--> statement-breakpoint
CREATE INDEX "wf_timers_due_idx" ON "wf_timers" USING btree ("due_date");--> statement-breakpoint
CREATE INDEX "wf_timers_element_idx" ON "wf_timers" USING btree ("element_instance_key");--> statement-breakpoint
CREATE INDEX "wf_user_tasks_state_idx" ON "wf_user_tasks" USING btree ("state","assignee");--> statement-breakpoint
CREATE INDEX "wf_user_tasks_process_idx" ON "wf_user_tasks" USING btree ("process_instance_key");--> statement-breakpoint
CREATE INDEX "wf_user_tasks_element_idx" ON "wf_user_tasks" USING btree ("element_instance_key");--> statement-breakpoint
CREATE INDEX "wf_variables_root_idx" ON "wf_variables" USING btree ("root_key");