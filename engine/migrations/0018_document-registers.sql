CREATE TABLE "document_registers" (
	"agency_code" text NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "document_registers_agency_code_kind_year_pk" PRIMARY KEY("agency_code","kind","year")
);
--> statement-breakpoint
ALTER TABLE "issued_documents" ADD COLUMN "signature_expected" boolean DEFAULT true NOT NULL;