import { Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { DATABASE } from '../database/database.module.js';
import type { Executor } from '../database/database.js';
import { consultations } from '../consultations/consultation.schema.js';
import {
  dossierAlerts,
  dossierAppointments,
  dossierControlEntries,
  dossierDocuments,
  dossierDocumentHistory,
  dossierHistory,
  dossierPauses,
  dossiers,
  feePayments,
  type AlertRecord,
  type AppointmentRecord,
  type ControlEntryRecord,
  type DocumentHistoryRecord,
  type DocumentRecord,
  type DossierRecord,
  type HistoryRecord,
  type PauseRecord,
} from './dossier.schema.js';

/** What happened to dossiers: history, control sheet, pauses, documents, appointments, alerts, fees. */
@Injectable()
export class DossierJournalRepository {
  constructor(@Inject(DATABASE) readonly db: Executor) {}

  // ------------------------------------------------------------ history

  async addHistory(row: typeof dossierHistory.$inferInsert, tx: Executor = this.db): Promise<void> {
    await tx.insert(dossierHistory).values(row);
  }

  history(dossierId: string, tx: Executor = this.db): Promise<HistoryRecord[]> {
    return tx.select().from(dossierHistory).where(eq(dossierHistory.dossierId, dossierId)).orderBy(asc(dossierHistory.at), asc(dossierHistory.id));
  }

  // ------------------------------------------------------------ control sheet

  controlEntries(dossierId: string): Promise<ControlEntryRecord[]> {
    return this.db
      .select()
      .from(dossierControlEntries)
      .where(eq(dossierControlEntries.dossierId, dossierId))
      .orderBy(asc(dossierControlEntries.handedOverAt), asc(dossierControlEntries.userTaskKey));
  }

  openControlEntries(dossierId?: string): Promise<ControlEntryRecord[]> {
    return this.db
      .select()
      .from(dossierControlEntries)
      .where(and(isNull(dossierControlEntries.completedAt), dossierId ? eq(dossierControlEntries.dossierId, dossierId) : undefined));
  }

  async findControlEntry(userTaskKey: string, tx: Executor = this.db): Promise<ControlEntryRecord | undefined> {
    const [row] = await tx.select().from(dossierControlEntries).where(eq(dossierControlEntries.userTaskKey, userTaskKey));
    return row;
  }

  /** Agencies asked for their opinion on the dossier (the control sheet's "cơ quan phối hợp"), in the order they were asked. */
  async consultedAgencies(dossierId: string): Promise<string[]> {
    const rows = await this.db
      .select({ agency: consultations.consultedAgency })
      .from(consultations)
      .where(eq(consultations.dossierId, dossierId))
      .orderBy(asc(consultations.requestedAt));
    return [...new Set(rows.map((r) => r.agency))];
  }

  /** The step completed last: whoever completed it handed the dossier over to the next one. */
  async lastCompleted(dossierId: string, tx: Executor = this.db): Promise<ControlEntryRecord | undefined> {
    const [row] = await tx
      .select()
      .from(dossierControlEntries)
      .where(and(eq(dossierControlEntries.dossierId, dossierId), eq(dossierControlEntries.outcome, 'completed')))
      .orderBy(desc(dossierControlEntries.completedAt))
      .limit(1);
    return row;
  }

  /** The step of `group` completed last: its officer is who signs for that role. */
  async lastCompletedBy(dossierId: string, group: string): Promise<ControlEntryRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(dossierControlEntries)
      .where(
        and(eq(dossierControlEntries.dossierId, dossierId), eq(dossierControlEntries.outcome, 'completed'), eq(dossierControlEntries.receiverGroup, group)),
      )
      .orderBy(desc(dossierControlEntries.completedAt))
      .limit(1);
    return row;
  }

  /**
   * One page of the open steps an agency holds (its own dossiers, or the reception steps of those
   * it received for another agency) offered to one of `groups`, oldest hand-over first; `after` is
   * the id of the last entry of the previous page.
   */
  async openStepsOf(
    agencyCode: string,
    groups: string[],
    limit: number,
    after?: string,
  ): Promise<{ items: { entry: ControlEntryRecord; dossier: DossierRecord }[]; next?: string }> {
    if (groups.length === 0) return { items: [] };
    const conditions: SQL[] = [isNull(dossierControlEntries.completedAt), eq(dossierControlEntries.unitAgencyCode, agencyCode), inArray(dossierControlEntries.receiverGroup, groups)];
    if (after) {
      // Compared in the database: timestamps there have microseconds, JavaScript dates do not.
      conditions.push(
        sql`(${dossierControlEntries.handedOverAt}, ${dossierControlEntries.id}) > (select e.handed_over_at, e.id from ${dossierControlEntries} e where e.id = ${after})`,
      );
    }
    const rows = await this.db
      .select({ entry: dossierControlEntries, dossier: dossiers })
      .from(dossierControlEntries)
      .innerJoin(dossiers, eq(dossiers.id, dossierControlEntries.dossierId))
      .where(and(...conditions))
      .orderBy(asc(dossierControlEntries.handedOverAt), asc(dossierControlEntries.id))
      .limit(limit + 1);
    const items = rows.slice(0, limit);
    return { items, next: rows.length > limit ? items.at(-1)!.entry.id : undefined };
  }

  async insertControlEntry(row: typeof dossierControlEntries.$inferInsert, tx: Executor = this.db): Promise<boolean> {
    const inserted = await tx.insert(dossierControlEntries).values(row).onConflictDoNothing().returning({ id: dossierControlEntries.id });
    return inserted.length > 0;
  }

  /** Closes an entry once; a second close (reconciliation after the API already closed it) changes nothing. */
  async closeControlEntry(
    userTaskKey: string,
    patch: Pick<ControlEntryRecord, 'completedAt' | 'outcome' | 'onTime' | 'lateMinutes'> & Partial<Pick<ControlEntryRecord, 'receiverId' | 'receiverName'>>,
    tx: Executor = this.db,
  ): Promise<boolean> {
    const updated = await tx
      .update(dossierControlEntries)
      .set(patch)
      .where(and(eq(dossierControlEntries.userTaskKey, userTaskKey), isNull(dossierControlEntries.completedAt)))
      .returning({ id: dossierControlEntries.id });
    return updated.length > 0;
  }

  async setReceiver(userTaskKey: string, receiverId: string | null, receiverName: string | null): Promise<void> {
    await this.db.update(dossierControlEntries).set({ receiverId, receiverName }).where(eq(dossierControlEntries.userTaskKey, userTaskKey));
  }

  // ------------------------------------------------------------ pauses

  async openPause(dossierId: string, tx: Executor = this.db): Promise<PauseRecord | undefined> {
    const [row] = await tx.select().from(dossierPauses).where(and(eq(dossierPauses.dossierId, dossierId), isNull(dossierPauses.endedAt)));
    return row;
  }

  async insertPause(row: typeof dossierPauses.$inferInsert, tx: Executor = this.db): Promise<void> {
    await tx.insert(dossierPauses).values(row);
  }

  async endPause(id: string, patch: Pick<PauseRecord, 'endedAt' | 'workingMinutes' | 'supplement'>, tx: Executor = this.db): Promise<void> {
    await tx.update(dossierPauses).set(patch).where(eq(dossierPauses.id, id));
  }

  pauses(dossierId: string): Promise<PauseRecord[]> {
    return this.db.select().from(dossierPauses).where(eq(dossierPauses.dossierId, dossierId)).orderBy(asc(dossierPauses.startedAt));
  }

  // ------------------------------------------------------------ documents

  /** The current document of a kind; the one it replaces is kept in dossier_document_history first. */
  async upsertDocument(row: Omit<typeof dossierDocuments.$inferInsert, 'id'>): Promise<DocumentRecord> {
    return this.db.transaction(async (tx) => {
      const [earlier] = await tx
        .select()
        .from(dossierDocuments)
        .where(and(eq(dossierDocuments.dossierId, row.dossierId), eq(dossierDocuments.kind, row.kind)))
        .for('update');
      if (earlier) {
        const { id: _id, signerRoles: _roles, sourceState: _state, updatedAt, ...kept } = earlier;
        await tx.insert(dossierDocumentHistory).values({ ...kept, replacedAt: row.updatedAt ?? updatedAt });
      }
      return this.writeDocument(row, tx);
    });
  }

  /** Letters and documents replaced by a newer one of their kind, oldest first. */
  documentHistory(dossierId: string): Promise<DocumentHistoryRecord[]> {
    return this.db.select().from(dossierDocumentHistory).where(eq(dossierDocumentHistory.dossierId, dossierId)).orderBy(asc(dossierDocumentHistory.createdAt));
  }

  private async writeDocument(row: Omit<typeof dossierDocuments.$inferInsert, 'id'>, tx: Executor): Promise<DocumentRecord> {
    const [saved] = await tx
      .insert(dossierDocuments)
      .values(row)
      .onConflictDoUpdate({
        target: [dossierDocuments.dossierId, dossierDocuments.kind],
        set: { fileId: row.fileId, issuedDocumentId: row.issuedDocumentId ?? null, template: row.template, elementId: row.elementId, signerRoles: row.signerRoles, signatures: [], sourceState: row.sourceState ?? null, updatedAt: row.updatedAt },
      })
      .returning();
    return saved;
  }

  async findDocument(dossierId: string, kind: string): Promise<DocumentRecord | undefined> {
    const [row] = await this.db.select().from(dossierDocuments).where(and(eq(dossierDocuments.dossierId, dossierId), eq(dossierDocuments.kind, kind)));
    return row;
  }

  async updateDocument(id: string, patch: Pick<DocumentRecord, 'fileId' | 'signatures' | 'updatedAt'>): Promise<void> {
    await this.db.update(dossierDocuments).set(patch).where(eq(dossierDocuments.id, id));
  }

  documents(dossierId: string): Promise<DocumentRecord[]> {
    return this.db.select().from(dossierDocuments).where(eq(dossierDocuments.dossierId, dossierId)).orderBy(asc(dossierDocuments.createdAt));
  }

  // ------------------------------------------------------------ appointments, alerts, fees

  async insertAppointment(row: typeof dossierAppointments.$inferInsert, tx: Executor = this.db): Promise<void> {
    await tx.insert(dossierAppointments).values(row);
  }

  appointments(dossierId: string): Promise<AppointmentRecord[]> {
    return this.db.select().from(dossierAppointments).where(eq(dossierAppointments.dossierId, dossierId)).orderBy(asc(dossierAppointments.at));
  }

  /** Records an alert unless it was raised before; true when it is new. */
  async raiseAlert(row: typeof dossierAlerts.$inferInsert): Promise<boolean> {
    const inserted = await this.db.insert(dossierAlerts).values(row).onConflictDoNothing().returning({ id: dossierAlerts.id });
    return inserted.length > 0;
  }

  alerts(dossierId: string): Promise<AlertRecord[]> {
    return this.db.select().from(dossierAlerts).where(eq(dossierAlerts.dossierId, dossierId)).orderBy(asc(dossierAlerts.at));
  }

  /** Open steps with a deadline, across dossiers. */
  openStepsWithDeadline(): Promise<ControlEntryRecord[]> {
    return this.db
      .select()
      .from(dossierControlEntries)
      .where(and(isNull(dossierControlEntries.completedAt), isNotNull(dossierControlEntries.dueAt)));
  }

  async insertFeePayment(row: typeof feePayments.$inferInsert, tx: Executor = this.db): Promise<typeof feePayments.$inferSelect> {
    const [saved] = await tx.insert(feePayments).values(row).returning();
    return saved;
  }

  feePayments(dossierId: string, tx: Executor = this.db): Promise<(typeof feePayments.$inferSelect)[]> {
    return tx.select().from(feePayments).where(eq(feePayments.dossierId, dossierId)).orderBy(asc(feePayments.paidAt));
  }
}
