import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, lte } from 'drizzle-orm';
import { DATABASE } from '../database/database.module.js';
import type { Database, Executor } from '../database/database.js';
import { federationOutbox, type OutboxRecord } from './federation.schema.js';

export interface NewOutboxMessage {
  peerId: string;
  kind: string;
  dedupeKey: string;
  payload: Record<string, unknown>;
}

@Injectable()
export class OutboxRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Enqueues once per dedupe key, in the caller's transaction; returns the row (new or earlier). */
  async enqueue(message: NewOutboxMessage, now: Date, tx: Executor = this.db): Promise<OutboxRecord> {
    const [inserted] = await tx
      .insert(federationOutbox)
      .values({ ...message, status: 'pending', nextAttemptAt: now, createdAt: now })
      .onConflictDoNothing({ target: federationOutbox.dedupeKey })
      .returning();
    if (inserted) return inserted;
    const [existing] = await tx.select().from(federationOutbox).where(eq(federationOutbox.dedupeKey, message.dedupeKey));
    return existing;
  }

  /**
   * Takes up to `limit` due messages for one attempt each. SKIP LOCKED lets several processes
   * share the outbox; the lease (next attempt pushed to `leaseUntil`) keeps a message from being
   * taken again while its request is in flight, and frees it if the process dies meanwhile.
   */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<OutboxRecord[]> {
    return this.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: federationOutbox.id })
        .from(federationOutbox)
        .where(and(eq(federationOutbox.status, 'pending'), lte(federationOutbox.nextAttemptAt, now)))
        .orderBy(asc(federationOutbox.nextAttemptAt))
        .limit(limit)
        .for('update', { skipLocked: true });
      const claimed: OutboxRecord[] = [];
      for (const { id } of due) {
        const [row] = await tx
          .update(federationOutbox)
          .set({ nextAttemptAt: leaseUntil })
          .where(eq(federationOutbox.id, id))
          .returning();
        claimed.push(row);
      }
      return claimed;
    });
  }

  /** Only a pending message becomes delivered: a late duplicate attempt changes nothing. */
  async markDelivered(id: string, attempts: number, at: Date, response: Record<string, unknown>): Promise<void> {
    await this.db
      .update(federationOutbox)
      .set({ status: 'delivered', attempts, deliveredAt: at, response, lastError: null })
      .where(and(eq(federationOutbox.id, id), eq(federationOutbox.status, 'pending')));
  }

  async scheduleRetry(id: string, attempts: number, nextAttemptAt: Date, error: string): Promise<void> {
    await this.db
      .update(federationOutbox)
      .set({ attempts, nextAttemptAt, lastError: error.slice(0, 2000) })
      .where(and(eq(federationOutbox.id, id), eq(federationOutbox.status, 'pending')));
  }

  async findByDedupeKey(dedupeKey: string): Promise<OutboxRecord | undefined> {
    const [row] = await this.db.select().from(federationOutbox).where(eq(federationOutbox.dedupeKey, dedupeKey));
    return row;
  }
}
