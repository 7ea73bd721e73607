import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { dossiers } from './dossier.schema.js';
import type { StepRecords } from './step-records.js';

/**
 * The completion outbox used when the engine is a cluster (Zeebe): an officer's completion is
 * written here before the cluster is asked, and its records applied from here exactly once — right
 * after the cluster accepted it, or later by the projection that reads the task's state from the
 * cluster when the first commit failed.
 */
export const stepCompletions = pgTable(
  'step_completions',
  {
    userTaskKey: text('user_task_key').primaryKey(),
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    records: jsonb('records').$type<StepRecords>().notNull(),
    /** pending (the cluster's answer not recorded yet), applied, or discarded (the cluster did not complete the task). */
    state: text('state').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
    /** Why a completion was discarded, or the last error of the projection. */
    note: text('note'),
  },
  (t) => [index('step_completions_pending_idx').on(t.createdAt).where(sql`${t.state} = 'pending'`)],
);

export type StepCompletionRecord = typeof stepCompletions.$inferSelect;
