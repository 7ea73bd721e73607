import { Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, isNull, lt, type SQL } from 'drizzle-orm';
import { DATABASE } from '../database/database.module.js';
import type { Executor } from '../database/database.js';
import { dossiers } from '../dossiers/dossier.schema.js';
import { users } from '../identity/identity.schema.js';
import { consultations, type ConsultationRecord } from './consultation.schema.js';

export type InboxFilter = 'open' | 'answered' | 'overdue' | 'all';

export interface ConsultationWithDossier extends ConsultationRecord {
  dossierCode: string;
  procedureName: string | null;
  applicantName: string;
}

@Injectable()
export class ConsultationsRepository {
  constructor(@Inject(DATABASE) private readonly db: Executor) {}

  /** Inserts the request of a job once: a retried job gets the request it opened before. */
  async insertOnce(row: typeof consultations.$inferInsert): Promise<{ record: ConsultationRecord; created: boolean }> {
    const [inserted] = await this.db.insert(consultations).values(row).onConflictDoNothing({ target: consultations.jobKey }).returning();
    if (inserted) return { record: inserted, created: true };
    const [existing] = await this.db.select().from(consultations).where(eq(consultations.jobKey, row.jobKey));
    return { record: existing, created: false };
  }

  async findById(id: string): Promise<ConsultationRecord | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const [row] = await this.db.select().from(consultations).where(eq(consultations.id, id));
    return row;
  }

  /** Requests addressed to an agency, oldest due first. */
  inbox(agencyCode: string, filter: InboxFilter, now: Date): Promise<ConsultationWithDossier[]> {
    const conditions: (SQL | undefined)[] = [eq(consultations.consultedAgency, agencyCode)];
    if (filter === 'open') conditions.push(eq(consultations.status, 'open'));
    if (filter === 'answered') conditions.push(eq(consultations.status, 'answered'));
    if (filter === 'overdue') conditions.push(eq(consultations.status, 'open'), lt(consultations.dueAt, now));
    return this.withDossier(and(...conditions), filter === 'answered' ? 'desc' : 'asc');
  }

  ofDossier(dossierId: string): Promise<ConsultationWithDossier[]> {
    return this.withDossier(eq(consultations.dossierId, dossierId), 'asc');
  }

  /** Records the answer unless the request was answered meanwhile; undefined then. */
  async answer(id: string, patch: Pick<ConsultationRecord, 'answer' | 'answeredBy' | 'answeredByName' | 'answeredAt'>): Promise<ConsultationRecord | undefined> {
    const [row] = await this.db
      .update(consultations)
      .set({ ...patch, status: 'answered' })
      .where(and(eq(consultations.id, id), eq(consultations.status, 'open')))
      .returning();
    return row;
  }

  /** Open requests past their due time that nobody escalated yet. */
  overdueNotEscalated(now: Date): Promise<ConsultationRecord[]> {
    return this.db
      .select()
      .from(consultations)
      .where(and(eq(consultations.status, 'open'), lt(consultations.dueAt, now), isNull(consultations.escalatedAt)))
      .orderBy(asc(consultations.dueAt));
  }

  /** Marks the escalation once; false when another replica did it first. */
  async markEscalated(id: string, at: Date, to: string): Promise<boolean> {
    const rows = await this.db
      .update(consultations)
      .set({ escalatedAt: at, escalatedTo: to })
      .where(and(eq(consultations.id, id), isNull(consultations.escalatedAt)))
      .returning({ id: consultations.id });
    return rows.length > 0;
  }

  /** Accounts of the built-in provider holding `role` in the agency (empty with an external provider). */
  async officers(agencyCode: string, role: string): Promise<{ id: string; displayName: string; email: string | null }[]> {
    const rows = await this.db
      .select({ id: users.id, displayName: users.displayName, email: users.email, roles: users.roles })
      .from(users)
      .where(and(eq(users.agencyCode, agencyCode), eq(users.enabled, true)));
    return rows.filter((r) => r.roles.includes(role)).map(({ roles: _roles, ...rest }) => rest);
  }

  private async withDossier(where: SQL | undefined, order: 'asc' | 'desc'): Promise<ConsultationWithDossier[]> {
    const rows = await this.db
      .select({ consultation: consultations, dossierCode: dossiers.code, procedureName: dossiers.procedureName, applicantName: dossiers.applicantName })
      .from(consultations)
      .innerJoin(dossiers, eq(dossiers.id, consultations.dossierId))
      .where(where)
      .orderBy(order === 'asc' ? asc(consultations.dueAt) : desc(consultations.answeredAt), asc(consultations.id));
    return rows.map((r) => ({ ...r.consultation, dossierCode: r.dossierCode, procedureName: r.procedureName, applicantName: r.applicantName }));
  }
}

