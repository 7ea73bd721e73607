import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { dossiers } from '../dossiers/dossier.schema.js';

/**
 * Messages to other platform instances, written in the transaction of the change they announce
 * and delivered by the delivery loop until the peer answers 2xx. The id is the message's `jti`:
 * every attempt is signed afresh (new `iat`) under the same id, so the peer accepts it once.
 */
export const federationOutbox = pgTable(
  'federation_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Instance id of the receiving peer (FEDERATION_PEERS). */
    peerId: text('peer_id').notNull(),
    /** consultation.request, consultation.answer. */
    kind: text('kind').notNull(),
    /** What the message is about, e.g. `consultation.request:<consultation id>`: enqueued once. */
    dedupeKey: text('dedupe_key').notNull().unique(),
    /** Claims of the message except iss, aud, iat and jti, which are added when it is signed. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** pending, delivered. */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Due time of the next attempt; while an attempt runs, the end of its lease. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    /** The peer's response body to the delivered message. */
    response: jsonb('response').$type<Record<string, unknown>>(),
  },
  (t) => [index('federation_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`)],
);

/**
 * Every message accepted from a peer, keyed by sender and `jti`: a retry or a replay finds its
 * row and gets the same response, and the verified message is kept as evidence.
 */
export const federationInbound = pgTable(
  'federation_inbound',
  {
    peerId: text('peer_id').notNull(),
    jti: text('jti').notNull(),
    kind: text('kind').notNull(),
    /** SHA-256 of the message's business claims: the same id with other content is refused. */
    digest: text('digest').notNull(),
    /** The verified compact JWS as received. */
    message: text('message').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** The local consultation the message opened or answered. */
    consultationId: uuid('consultation_id'),
    /** The sender's id of that consultation (the correlation of its process). */
    remoteConsultationId: text('remote_consultation_id'),
    response: jsonb('response').$type<Record<string, unknown>>().notNull(),
    /** For a request: set when the local answer was put in the outbox to go back. */
    answerQueuedAt: timestamp('answer_queued_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.peerId, t.jti] }),
    index('federation_inbound_unanswered_idx').on(t.consultationId).where(sql`${t.kind} = 'consultation.request' and ${t.answerQueuedAt} is null`),
  ],
);

/** The local copy of a dossier a peer consults about: the consulted agency's inbox shows it. */
export const federationDossiers = pgTable(
  'federation_dossiers',
  {
    peerId: text('peer_id').notNull(),
    remoteDossierId: text('remote_dossier_id').notNull(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
  },
  (t) => [primaryKey({ columns: [t.peerId, t.remoteDossierId] })],
);

export type OutboxRecord = typeof federationOutbox.$inferSelect;
export type InboundRecord = typeof federationInbound.$inferSelect;
