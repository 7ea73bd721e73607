import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { dossiers } from '../dossiers/dossier.schema.js';

/**
 * Inter-agency consultations (lấy ý kiến): one request per consulted agency, in that agency's
 * inbox. The id is the `consultationRequestId` that correlates the answer message.
 */
export const consultations = pgTable(
  'consultations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    /** The job that opened it: a retried job finds its request instead of opening a second one. */
    jobKey: text('job_key').notNull().unique(),
    processInstanceKey: text('process_instance_key').notNull(),
    elementId: text('element_id').notNull(),
    requestingAgency: text('requesting_agency').notNull(),
    consultedAgency: text('consulted_agency').notNull(),
    question: text('question').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** open, answered. */
    status: text('status').notNull(),
    answer: text('answer'),
    answeredBy: text('answered_by'),
    answeredByName: text('answered_by_name'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** Set when the deadline passed without an answer: the consulted agency's leaders were alerted. */
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    escalatedTo: text('escalated_to'),
  },
  (t) => [index('consultations_inbox_idx').on(t.consultedAgency, t.status, t.dueAt), index('consultations_dossier_idx').on(t.dossierId)],
);

export type ConsultationRecord = typeof consultations.$inferSelect;
