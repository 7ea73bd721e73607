import { date, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** An administrator's correction of the statutory calendar for one day. */
export const calendarOverrides = pgTable('calendar_overrides', {
  date: date('date', { mode: 'string' }).primaryKey(),
  kind: text('kind', { enum: ['day_off', 'working_day'] }).notNull(),
  name: text('name').notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
