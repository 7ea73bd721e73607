import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { dossiers } from '../dossiers/dossier.schema.js';

/**
 * A citizen's feedback (phản ánh, kiến nghị) about a dossier, a procedure or an agency's service,
 * with the deadline its agency has to answer it. Decision 766/QĐ-TTg scores how many are answered
 * on time and how many leave the citizen unsatisfied.
 */
export const citizenFeedback = pgTable(
  'citizen_feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** What the citizen quotes to follow it up, e.g. PAKN-300107-4821. */
    code: text('code').notNull().unique(),
    /** The agency that must answer: the dossier's, or the one the citizen chose. */
    agencyCode: text('agency_code').notNull(),
    procedureCode: text('procedure_code'),
    dossierId: uuid('dossier_id').references(() => dossiers.id),
    /** The signed-in citizen who filed it; null when filed anonymously with a contact. */
    authorUserId: text('author_user_id'),
    authorName: text('author_name').notNull(),
    /** Phone number or e-mail address the answer is sent to. */
    contact: text('contact').notNull(),
    content: text('content').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    answer: text('answer'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredBy: text('answered_by'),
    answeredByName: text('answered_by_name'),
  },
  (t) => [index('citizen_feedback_agency_received_idx').on(t.agencyCode, t.receivedAt), index('citizen_feedback_dossier_idx').on(t.dossierId)],
);

export type FeedbackRecord = typeof citizenFeedback.$inferSelect;
