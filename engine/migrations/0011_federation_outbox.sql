CREATE TABLE "federation_dossiers" (
	"peer_id" text NOT NULL,
	"remote_dossier_id" text NOT NULL,
	"dossier_id" uuid NOT NULL,
	CONSTRAINT "federation_dossiers_peer_id_remote_dossier_id_pk" PRIMARY KEY("peer_id","remote_dossier_id")
);
--> statement-breakpoint
CREATE TABLE "federation_inbound" (
	"peer_id" text NOT NULL,
	"jti" text NOT NULL,
	"kind" text NOT NULL,
	"digest" text NOT NULL,
	"message" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"consultation_id" uuid,
	"remote_consultation_id" text,
	"response" jsonb NOT NULL,
	"answer_queued_at" timestamp with time zone,
	CONSTRAINT "federation_inbound_peer_id_jti_pk" PRIMARY KEY("peer_id","jti")
);
--> statement-breakpoint
CREATE TABLE "federation_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"peer_id" text NOT NULL,
	"kind" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone,
	"response" jsonb,
	CONSTRAINT "federation_outbox_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
ALTER TABLE "federation_dossiers" ADD CONSTRAINT "federation_dossiers_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "federation_inbound_unanswered_idx" ON "federation_inbound" USING btree ("consultation_id") WHERE "federation_inbound"."kind" = 'consultation.request' and "federation_inbound"."answer_queued_at" is null;--> statement-breakpoint
CREATE INDEX "federation_outbox_due_idx" ON "federation_outbox" USING btree ("next_attempt_at") WHERE "federation_outbox"."status" = 'pending';