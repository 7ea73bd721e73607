import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { dossiers } from '../dossiers/dossier.schema.js';
import { files } from '../files/file.schema.js';

/** One signature applied to an issued document, as the platform applied it. */
export interface IssuedSignature {
  readonly signerName: string;
  /** `leader`, `clerk`… */
  readonly role: string;
  readonly agencyCode: string;
  /** Subject of the certificate that signed. */
  readonly certificateSubject: string;
  readonly signedAt: string;
}

/**
 * Every document the platform issues, under the id its QR code carries: what it is, who issued
 * and signed it, and the SHA-256 of the bytes as issued (the latest signed version).
 */
export const issuedDocuments = pgTable(
  'issued_documents',
  {
    /** Chosen before rendering: the QR code printed on the document names it. */
    id: uuid('id').primaryKey(),
    dossierId: uuid('dossier_id').references(() => dossiers.id),
    agencyCode: text('agency_code').notNull(),
    agencyName: text('agency_name').notNull(),
    /** Machine name of the document kind (`result`, `receipt`, `refusal`…). */
    kind: text('kind').notNull(),
    /** Title as printed ("Giấy phép xây dựng"). */
    title: text('title').notNull(),
    /** Number and symbol (số, ký hiệu) from the issuing agency's register, as printed. */
    number: text('number'),
    /**
     * Whether the document is meant to carry digital signatures: a receipt or a notice printed for
     * the applicant is not, and its verification page says so instead of calling it invalid.
     */
    signatureExpected: boolean('signature_expected').notNull().default(true),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    sha256: text('sha256').notNull(),
    signers: jsonb('signers').$type<IssuedSignature[]>().notNull().default([]),
    /** When the current version was issued: rendering, then each signature. */
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('issued_documents_sha256_idx').on(t.sha256), index('issued_documents_dossier_idx').on(t.dossierId)],
);

export type IssuedDocument = typeof issuedDocuments.$inferSelect;
