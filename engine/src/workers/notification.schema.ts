import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every notification the platform tried to send, with its outcome (the applicant's message log). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dossierId: uuid('dossier_id'),
    /** email or sms. */
    channel: text('channel').notNull(),
    recipient: text('recipient').notNull(),
    template: text('template').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    /** sent or failed. */
    status: text('status').notNull(),
    error: text('error'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('notifications_dossier_idx').on(t.dossierId, t.at)],
);

export type NotificationRecord = typeof notifications.$inferSelect;
