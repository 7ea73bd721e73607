import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { DATABASE } from '../database/database.module.js';
import type { Database } from '../database/database.js';
import { dossierControlEntries, dossierHistory, dossiers } from '../dossiers/dossier.schema.js';
import { DossierStatus } from '../dossiers/dossier-status.js';

/** Lines of one register: a book of a few thousand lines a year at the busiest centre. */
export const REGISTER_LINE_LIMIT = 10_000;

export interface RegisterRecord {
  readonly id: string;
  readonly code: string;
  readonly procedureName: string | null;
  readonly applicantName: string;
  readonly applicant: { fullName: string; phone?: string; address?: string } | null;
  readonly agencyCode: string;
  readonly status: string;
  readonly receivedAt: Date;
  readonly dueDate: Date | null;
  readonly rescheduledDueDate: Date | null;
  readonly finishedAt: Date | null;
  /** First hand-over out of the one-stop desk to the agency handling the dossier. */
  readonly transferredAt: Date | null;
  /** The result back at the desk: the first desk step handed over after the dossier was transferred. */
  readonly resultAt: Date | null;
  readonly returnedAt: Date | null;
}

/** The dossiers a centre received in a period, with the dates its register records (read from the records, never stored twice). */
@Injectable()
export class DossierRegisterRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async received(agencyCode: string, from: Date, to: Date): Promise<RegisterRecord[]> {
    const rows = await this.db
      .select({
        id: dossiers.id,
        code: dossiers.code,
        procedureName: dossiers.procedureName,
        applicantName: dossiers.applicantName,
        applicant: dossiers.applicant,
        agencyCode: dossiers.agencyCode,
        status: dossiers.status,
        receivedAt: dossiers.receivedAt,
        dueDate: dossiers.dueDate,
        rescheduledDueDate: dossiers.rescheduledDueDate,
        finishedAt: dossiers.finishedAt,
      })
      .from(dossiers)
      .where(
        and(
          sql`coalesce(${dossiers.receivingAgencyCode}, ${dossiers.agencyCode}) = ${agencyCode}`,
          isNotNull(dossiers.receivedAt),
          gte(dossiers.receivedAt, from),
          lt(dossiers.receivedAt, to),
        ),
      )
      .orderBy(asc(dossiers.receivedAt), asc(dossiers.code))
      .limit(REGISTER_LINE_LIMIT);
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [entries, returned] = await Promise.all([
      this.db
        .select({ dossierId: dossierControlEntries.dossierId, group: dossierControlEntries.receiverGroup, at: dossierControlEntries.handedOverAt })
        .from(dossierControlEntries)
        .where(inArray(dossierControlEntries.dossierId, ids))
        .orderBy(asc(dossierControlEntries.handedOverAt)),
      this.db
        .select({ dossierId: dossierHistory.dossierId, at: sql<Date>`min(${dossierHistory.at})`.mapWith(dossierHistory.at) })
        .from(dossierHistory)
        .where(and(inArray(dossierHistory.dossierId, ids), eq(dossierHistory.toStatus, DossierStatus.Returned)))
        .groupBy(dossierHistory.dossierId),
    ]);
    const returnedAt = new Map(returned.map((r) => [r.dossierId, r.at]));
    const entriesOf = new Map<string, typeof entries>();
    for (const entry of entries) {
      const list = entriesOf.get(entry.dossierId);
      if (list) list.push(entry);
      else entriesOf.set(entry.dossierId, [entry]);
    }
    return rows.map((row) => {
      const own = entriesOf.get(row.id) ?? [];
      const transferred = own.find((e) => e.group !== 'reception');
      const back = transferred ? own.find((e) => e.group === 'reception' && e.at > transferred.at) : undefined;
      return {
        ...row,
        receivedAt: row.receivedAt!,
        transferredAt: transferred?.at ?? null,
        resultAt: back?.at ?? null,
        returnedAt: returnedAt.get(row.id) ?? null,
      };
    });
  }
}
