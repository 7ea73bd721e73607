import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { dossiers } from '../dossiers/dossier.schema.js';

/** The applicant's evaluation of how a finished dossier was handled: one per dossier. */
export const dossierRatings = pgTable(
  'dossier_ratings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dossierId: uuid('dossier_id').notNull().unique().references(() => dossiers.id),
    raterId: text('rater_id').notNull(),
    /** 1 (very dissatisfied) … 5 (very satisfied). */
    score: integer('score').notNull(),
    comment: text('comment'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [check('dossier_ratings_score_range', sql`${t.score} between 1 and 5`), index('dossier_ratings_at_idx').on(t.at)],
);

export type RatingRecord = typeof dossierRatings.$inferSelect;
