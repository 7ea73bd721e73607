import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, lt, lte, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { DATABASE } from '../database/database.module.js';
import type { Database, Executor } from '../database/database.js';
import type { PortalService } from './national-portal.port.js';
import { nationalPortalOutbox, type PortalOutboxRecord } from './national-portal.schema.js';

export interface NewPortalCall {
  dossierId: string;
  service: PortalService;
  payload: Record<string, unknown>;
  updating?: boolean;
}

const earlier = alias(nationalPortalOutbox, 'earlier');

@Injectable()
export class PortalOutboxRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Enqueues a call in the caller's transaction: it exists only if the change it reports commits. */
  async enqueue(call: NewPortalCall, now: Date, tx: Executor): Promise<PortalOutboxRecord> {
    const [row] = await tx
      .insert(nationalPortalOutbox)
      .values({ ...call, updating: call.updating ?? null, status: 'pending', nextAttemptAt: now, createdAt: now })
      .returning();
    return row;
  }

  async hasCalls(dossierId: string, tx: Executor): Promise<boolean> {
    const [row] = await tx.select({ id: nationalPortalOutbox.id }).from(nationalPortalOutbox).where(eq(nationalPortalOutbox.dossierId, dossierId)).limit(1);
    return row !== undefined;
  }

  /**
   * Takes up to `limit` due calls, each the oldest pending call of its dossier: a dossier's later
   * call waits while an earlier one is pending (in back-off or in flight), so the portal sees each
   * dossier's calls in order. SKIP LOCKED and the lease let several processes share the outbox.
   */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<PortalOutboxRecord[]> {
    return this.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: nationalPortalOutbox.id })
        .from(nationalPortalOutbox)
        .where(
          and(
            eq(nationalPortalOutbox.status, 'pending'),
            lte(nationalPortalOutbox.nextAttemptAt, now),
            notExists(
              tx
                .select({ one: sql`1` })
                .from(earlier)
                .where(and(eq(earlier.dossierId, nationalPortalOutbox.dossierId), eq(earlier.status, 'pending'), lt(earlier.position, nationalPortalOutbox.position))),
            ),
          ),
        )
        .orderBy(asc(nationalPortalOutbox.position))
        .limit(limit)
        .for('update', { of: nationalPortalOutbox, skipLocked: true });
      const claimed: PortalOutboxRecord[] = [];
      for (const { id } of due) {
        const [row] = await tx.update(nationalPortalOutbox).set({ nextAttemptAt: leaseUntil }).where(eq(nationalPortalOutbox.id, id)).returning();
        claimed.push(row);
      }
      return claimed;
    });
  }

  /** Only a pending call becomes delivered: a late duplicate attempt changes nothing. */
  async markDelivered(id: string, attempts: number, at: Date, response: Record<string, unknown>): Promise<void> {
    await this.db
      .update(nationalPortalOutbox)
      .set({ status: 'delivered', attempts, deliveredAt: at, response, lastError: null })
      .where(and(eq(nationalPortalOutbox.id, id), eq(nationalPortalOutbox.status, 'pending')));
  }

  async scheduleRetry(id: string, attempts: number, nextAttemptAt: Date, error: string): Promise<void> {
    await this.db
      .update(nationalPortalOutbox)
      .set({ attempts, nextAttemptAt, lastError: error.slice(0, 2000) })
      .where(and(eq(nationalPortalOutbox.id, id), eq(nationalPortalOutbox.status, 'pending')));
  }

  /** A dossier's calls in order. */
  forDossier(dossierId: string): Promise<PortalOutboxRecord[]> {
    return this.db.select().from(nationalPortalOutbox).where(eq(nationalPortalOutbox.dossierId, dossierId)).orderBy(asc(nationalPortalOutbox.position));
  }
}
