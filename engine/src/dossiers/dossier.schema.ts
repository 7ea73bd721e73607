import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** The applicant as the contract's `applicant` start variable describes him. */
export interface Applicant {
  fullName: string;
  idNumber?: string;
  phone?: string;
  email?: string;
  address?: string;
}

/** A file handed in for one entry of the procedure's required-documents list. */
export interface Attachment {
  document: string;
  fileId: string;
}

/** The dossier read model: what citizens, officers and statistics see of a dossier. */
export const dossiers = pgTable(
  'dossiers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Receipt code shown to the applicant, e.g. SXD-250612-0001. */
    code: text('code').notNull().unique(),
    procedureCode: text('procedure_code').notNull(),
    /** The competent agency: the one of the procedure's offering agencies the dossier was filed with. */
    agencyCode: text('agency_code').notNull(),
    /**
     * The one-stop centre that received it at the counter, when not the competent agency's own
     * (Decree 118/2025: any centre of the province); its reception officers hold the reception steps.
     */
    receivingAgencyCode: text('receiving_agency_code'),
    /** Subject of the applicant's account; null for a dossier received at the counter without one. */
    applicantUserId: text('applicant_user_id'),
    applicantName: text('applicant_name').notNull(),
    applicantIdNumber: text('applicant_id_number'),
    status: text('status').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Published version the dossier runs on (null only for rows imported without a process). */
    procedureSlug: text('procedure_slug'),
    procedureVersion: integer('procedure_version'),
    procedureName: text('procedure_name'),
    /** online, counter or post. */
    channel: text('channel').notNull().default('online'),
    applicant: jsonb('applicant').$type<Applicant>(),
    application: jsonb('application').$type<Record<string, unknown>>().notNull().default({}),
    attachments: jsonb('attachments').$type<Attachment[]>().notNull().default([]),
    /** Who submitted: the citizen himself, or the reception officer at the counter. */
    submittedBy: text('submitted_by'),
    /** Client-supplied Idempotency-Key of the submission, unique per submitter. */
    idempotencyKey: text('idempotency_key'),
    hasFee: boolean('has_fee').notNull().default(false),
    /** Fee codes the process has asked the applicant to pay (motcua.fee tasks), in order. */
    requestedFees: jsonb('requested_fees').$type<string[]>().notNull().default([]),
    /** Amounts the process decided for requested fees (a decision table's result), by fee code; the catalogue's amount otherwise. */
    requestedFeeAmounts: jsonb('requested_fee_amounts').$type<Record<string, number>>().notNull().default({}),
    /**
     * none (no process), pending (dossier written, instance not yet created), started, or failed
     * (every attempt refused: an administrator must look at start_last_error).
     */
    startState: text('start_state').notNull().default('none'),
    /** Attempts made at starting the process so far. */
    startAttempts: integer('start_attempts').notNull().default(0),
    /** The replica that claimed the start holds it until then; past it, another may take it over. */
    startClaimedUntil: timestamp('start_claimed_until', { withTimezone: true }),
    /** Back-off: the next attempt is not made before then. */
    startNextAttemptAt: timestamp('start_next_attempt_at', { withTimezone: true }),
    startLastError: text('start_last_error'),
    processInstanceKey: text('process_instance_key'),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    /**
     * Appointment for the result, on the working-day calendar, set at receipt of a complete
     * dossier. An apology never moves it: a dossier that needed one stays late in every figure.
     */
    dueDate: timestamp('due_date', { withTimezone: true }),
    /** The new appointment of the dossier's one apology letter, kept beside the original. */
    rescheduledDueDate: timestamp('rescheduled_due_date', { withTimezone: true }),
    warningDate: timestamp('warning_date', { withTimezone: true }),
    /** Set while the clock is stopped (supplement requested). */
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('dossiers_agency_idx').on(t.agencyCode, t.createdAt),
    index('dossiers_receiving_agency_idx').on(t.receivingAgencyCode, t.createdAt).where(sql`${t.receivingAgencyCode} is not null`),
    index('dossiers_applicant_idx').on(t.applicantUserId, t.createdAt),
    uniqueIndex('dossiers_idempotency_idx').on(t.submittedBy, t.idempotencyKey),
    index('dossiers_instance_idx').on(t.processInstanceKey),
    index('dossiers_pending_start_idx').on(t.startState).where(sql`${t.startState} = 'pending'`),
  ],
);

export type DossierRecord = typeof dossiers.$inferSelect;
export type NewDossier = typeof dossiers.$inferInsert;

/** Daily sequence of dossier codes per agency; incremented in the transaction that writes the dossier. */
export const dossierCodeCounters = pgTable(
  'dossier_code_counters',
  {
    agencyCode: text('agency_code').notNull(),
    /** Local day, YYYY-MM-DD. */
    day: text('day').notNull(),
    value: integer('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyCode, t.day] })],
);

/** Append-only: every status change of a dossier. */
export const dossierHistory = pgTable(
  'dossier_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    /** The BPMN step the change came from. */
    elementId: text('element_id'),
    elementName: text('element_name'),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('dossier_history_dossier_idx').on(t.dossierId, t.at)],
);

/** The control sheet (phiếu kiểm soát): one row per hand-over to a user task. */
export const dossierControlEntries = pgTable(
  'dossier_control_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    userTaskKey: text('user_task_key').notNull().unique(),
    elementId: text('element_id').notNull(),
    elementName: text('element_name'),
    /** The group (role) that received the dossier, and the unit holding it: agency + group. */
    receiverGroup: text('receiver_group'),
    unitAgencyCode: text('unit_agency_code').notNull(),
    giverId: text('giver_id'),
    giverName: text('giver_name'),
    handedOverAt: timestamp('handed_over_at', { withTimezone: true }).notNull(),
    /** ISO 8601 working time allotted to the step (task header stepDuration). */
    stepDuration: text('step_duration'),
    dueAt: timestamp('due_at', { withTimezone: true }),
    receiverId: text('receiver_id'),
    receiverName: text('receiver_name'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** completed or cancelled (the path moved on without the step, e.g. withdrawal). */
    outcome: text('outcome'),
    onTime: boolean('on_time'),
    lateMinutes: integer('late_minutes'),
  },
  (t) => [
    index('dossier_control_dossier_idx').on(t.dossierId, t.handedOverAt),
    // The worklist: open steps of a group, oldest hand-over first.
    index('dossier_control_open_idx').on(t.receiverGroup, t.handedOverAt, t.id).where(sql`${t.completedAt} is null`),
    // The worklist selects by the unit holding the step (the competent agency, or the receiving centre).
    index('dossier_control_unit_open_idx').on(t.unitAgencyCode, t.handedOverAt, t.id).where(sql`${t.completedAt} is null`),
  ],
);

/** Intervals during which the dossier's clock stood still (waiting for the applicant). */
export const dossierPauses = pgTable(
  'dossier_pauses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    reason: text('reason').notNull(),
    missingItems: jsonb('missing_items').$type<string[]>().notNull().default([]),
    requestedBy: text('requested_by'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** Working minutes of the interval, once ended. */
    workingMinutes: integer('working_minutes'),
    /** What the supplement brought: note and file ids. */
    supplement: jsonb('supplement').$type<{ note?: string; attachments: Attachment[] }>(),
  },
  (t) => [index('dossier_pauses_dossier_idx').on(t.dossierId, t.startedAt)],
);

/** Documents produced for the dossier (receipt, refusal, result, apology…), latest per kind. */
export const dossierDocuments = pgTable(
  'dossier_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    kind: text('kind').notNull(),
    fileId: uuid('file_id').notNull(),
    /** The issued document (registry entry, the id its QR code carries) this kind now stands for. */
    issuedDocumentId: uuid('issued_document_id'),
    template: text('template').notNull(),
    elementId: text('element_id'),
    /** Roles expected to sign (signerRoles header) and the signatures applied so far. */
    signerRoles: text('signer_roles').array().notNull().default(sql`'{}'::text[]`),
    signatures: jsonb('signatures').$type<{ role: string; agencyCode: string; signerName: string; at: string }[]>().notNull().default([]),
    /** For a document drawn from records (the control sheet): the state of the records it shows, to re-issue it only when they change. */
    sourceState: text('source_state'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('dossier_documents_kind_idx').on(t.dossierId, t.kind)],
);

/**
 * Append-only: a document of a kind as it stood when a newer one of the same kind replaced it
 * (a second supplement request where the procedure allows one, a reissued letter), so every
 * letter sent to the applicant stays in the dossier.
 */
export const dossierDocumentHistory = pgTable(
  'dossier_document_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    kind: text('kind').notNull(),
    fileId: uuid('file_id').notNull(),
    issuedDocumentId: uuid('issued_document_id'),
    template: text('template').notNull(),
    elementId: text('element_id'),
    signatures: jsonb('signatures').$type<{ role: string; agencyCode: string; signerName: string; at: string }[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    replacedAt: timestamp('replaced_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('dossier_document_history_dossier_idx').on(t.dossierId, t.kind, t.createdAt)],
);

/** New appointments given with an apology letter when the dossier is or will be late. */
export const dossierAppointments = pgTable(
  'dossier_appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    previousDueDate: timestamp('previous_due_date', { withTimezone: true }),
    newDueDate: timestamp('new_due_date', { withTimezone: true }).notNull(),
    reason: text('reason').notNull(),
    /** The unit the delay is attributed to. */
    responsibleUnit: text('responsible_unit').notNull(),
    issuedBy: text('issued_by'),
    issuedByName: text('issued_by_name'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('dossier_appointments_dossier_idx').on(t.dossierId, t.at)],
);

/** Deadline alerts already raised, so the periodic check raises each one once. */
export const dossierAlerts = pgTable(
  'dossier_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    /** dossier (the appointment) or step (a control-sheet entry). */
    subject: text('subject').notNull(),
    subjectId: text('subject_id').notNull(),
    /** due_soon or late. */
    level: text('level').notNull(),
    /** Unit expected to act: the holder of the step, or the dossier's agency. */
    unitAgencyCode: text('unit_agency_code').notNull(),
    unitGroup: text('unit_group'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('dossier_alerts_once_idx').on(t.subject, t.subjectId, t.level)],
);

/** Fees paid for a dossier (cash at the counter for now). */
export const feePayments = pgTable(
  'fee_payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    feeCode: text('fee_code'),
    amount: integer('amount').notNull(),
    method: text('method').notNull(),
    receiptNumber: text('receipt_number'),
    receivedBy: text('received_by').notNull(),
    receivedByName: text('received_by_name'),
    paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('fee_payments_dossier_idx').on(t.dossierId)],
);

export type HistoryRecord = typeof dossierHistory.$inferSelect;
export type ControlEntryRecord = typeof dossierControlEntries.$inferSelect;
export type PauseRecord = typeof dossierPauses.$inferSelect;
export type DocumentRecord = typeof dossierDocuments.$inferSelect;
export type AppointmentRecord = typeof dossierAppointments.$inferSelect;
export type DocumentHistoryRecord = typeof dossierDocumentHistory.$inferSelect;
export type AlertRecord = typeof dossierAlerts.$inferSelect;

/**
 * The document register (sổ đăng ký văn bản) of each agency: one counter per agency, document kind
 * and year, since a document's number is its order in the year at the issuing agency (Decree
 * 30/2020/NĐ-CP, Article 8 and Appendix I). Incremented when the document is issued.
 */
export const documentRegisters = pgTable(
  'document_registers',
  {
    agencyCode: text('agency_code').notNull(),
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyCode, t.kind, t.year] })],
);
