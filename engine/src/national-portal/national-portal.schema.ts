import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { dossiers } from '../dossiers/dossier.schema.js';

/** Dossiers filed on the national portal: its code (MaHoSo) is the key of every call about them. */
export const nationalPortalDossiers = pgTable('national_portal_dossiers', {
  portalCode: text('portal_code').primaryKey(),
  dossierId: uuid('dossier_id')
    .notNull()
    .unique()
    .references(() => dossiers.id),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
});

/**
 * Calls to the national portal, written in the transaction of the change they report and delivered
 * by the delivery loop, per dossier in `position` order: a dossier's call waits until every earlier
 * one of the same dossier is delivered.
 */
export const nationalPortalOutbox = pgTable(
  'national_portal_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Order of enqueueing: the order the portal receives a dossier's calls in. */
    position: bigserial('position', { mode: 'number' }).notNull(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    /** DongBoHoSoMC (the dossier) or CapNhatTienDoHoSoMC (a progress step). */
    service: text('service').notNull(),
    /** The call's record (`data` item) in the portal's field names. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** DongBoHoSoMC's isUpdating: the portal already holds the dossier. */
    updating: boolean('updating'),
    /** pending, delivered. */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Due time of the next attempt; while an attempt runs, the end of its lease. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    response: jsonb('response').$type<Record<string, unknown>>(),
  },
  (t) => [index('national_portal_outbox_pending_idx').on(t.dossierId, t.position).where(sql`${t.status} = 'pending'`)],
);

export type PortalOutboxRecord = typeof nationalPortalOutbox.$inferSelect;
