CREATE TABLE "wf_pending_signals" (
	"key" bigint PRIMARY KEY NOT NULL,
	"signal_key" bigint NOT NULL,
	"subscription_key" bigint NOT NULL,
	"root_key" bigint,
	"variables" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wf_signal_subscriptions" (
	"key" bigint PRIMARY KEY NOT NULL,
	"signal_name" text NOT NULL,
	"element_instance_key" bigint,
	"process_instance_key" bigint,
	"root_key" bigint,
	"element_id" text NOT NULL,
	"process_definition_key" bigint NOT NULL,
	"bpmn_process_id" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "wf_signal_subscriptions_name_idx" ON "wf_signal_subscriptions" USING btree ("signal_name");--> statement-breakpoint
CREATE INDEX "wf_signal_subscriptions_element_idx" ON "wf_signal_subscriptions" USING btree ("element_instance_key");