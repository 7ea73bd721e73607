CREATE TABLE "payment_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"txn_ref" text NOT NULL,
	"amount" integer NOT NULL,
	"fees" jsonb NOT NULL,
	"status" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"gateway_transaction_no" text,
	"response_code" text,
	"bank_code" text,
	"settled_at" timestamp with time zone,
	"lifecycle_notified_at" timestamp with time zone,
	CONSTRAINT "payment_orders_txn_ref_unique" UNIQUE("txn_ref")
);
--> statement-breakpoint
ALTER TABLE "payment_orders" ADD CONSTRAINT "payment_orders_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_orders_dossier_idx" ON "payment_orders" USING btree ("dossier_id","created_at");