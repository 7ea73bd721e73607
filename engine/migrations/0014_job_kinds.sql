ALTER TABLE "wf_jobs" ADD COLUMN "kind" text DEFAULT 'BPMN_ELEMENT' NOT NULL;--> statement-breakpoint
ALTER TABLE "wf_jobs" ADD COLUMN "listener_event_type" text DEFAULT 'UNSPECIFIED' NOT NULL;