import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { DATABASE } from '../database/database.module.js';
import type { Database, Executor } from '../database/database.js';
import { dossierHistory, dossierPauses, type PauseRecord } from '../dossiers/dossier.schema.js';
import { DossierStatus } from '../dossiers/dossier-status.js';
import { files } from '../files/file.schema.js';
import type { ProcedureCatalogue } from '../procedures/bundle.js';
import { procedures, procedureVersions } from '../procedures/procedure.schema.js';
import { issuedDocuments } from '../verification/verification.schema.js';
import { nationalPortalDossiers } from './national-portal.schema.js';

/** A supplement request with the name of the officer who made it. */
export type SupplementRecord = PauseRecord & { requestedByName: string | null };

/** Which dossiers came from the national portal, under which portal code. */
@Injectable()
export class PortalDossiersRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async dossierOf(portalCode: string): Promise<string | undefined> {
    const [row] = await this.db.select().from(nationalPortalDossiers).where(eq(nationalPortalDossiers.portalCode, portalCode));
    return row?.dossierId;
  }

  async portalCodeOf(dossierId: string, tx: Executor = this.db): Promise<string | undefined> {
    const [row] = await tx.select().from(nationalPortalDossiers).where(eq(nationalPortalDossiers.dossierId, dossierId));
    return row?.portalCode;
  }

  /** The results issued for the dossier (its signed decisions, certificates…), oldest first, with their current file. */
  async resultsOf(dossierId: string, tx: Executor = this.db): Promise<{ id: string; title: string; fileId: string }[]> {
    return tx
      .select({ id: issuedDocuments.id, title: issuedDocuments.title, fileId: issuedDocuments.fileId })
      .from(issuedDocuments)
      .where(and(eq(issuedDocuments.dossierId, dossierId), eq(issuedDocuments.kind, 'result')))
      .orderBy(asc(issuedDocuments.issuedAt));
  }

  /**
   * The dossier's supplement requests, oldest first. The officer who asked is the actor of the
   * change into supplement_requested: the n-th such change opened the n-th request.
   */
  async supplementsOf(dossierId: string, tx: Executor = this.db): Promise<SupplementRecord[]> {
    const pauses = await tx.select().from(dossierPauses).where(eq(dossierPauses.dossierId, dossierId)).orderBy(asc(dossierPauses.startedAt));
    if (pauses.length === 0) return [];
    const requests = await tx
      .select({ actorName: dossierHistory.actorName })
      .from(dossierHistory)
      .where(and(eq(dossierHistory.dossierId, dossierId), eq(dossierHistory.toStatus, DossierStatus.SupplementRequested)))
      .orderBy(asc(dossierHistory.at));
    return pauses.map((pause, i) => ({ ...pause, requestedByName: requests[i]?.actorName ?? null }));
  }

  /** File names by id. */
  async fileNames(ids: string[], tx: Executor = this.db): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await tx.select({ id: files.id, fileName: files.fileName }).from(files).where(inArray(files.id, ids));
    return new Map(rows.map((row) => [row.id, row.fileName]));
  }

  /** The fees of the published version a dossier runs on, as its catalogue lists them. */
  async catalogueFees(slug: string | null, version: number | null, tx: Executor = this.db): Promise<ProcedureCatalogue['fees']> {
    if (!slug || version === null) return [];
    const [row] = await tx
      .select({ catalogue: procedureVersions.catalogue })
      .from(procedureVersions)
      .innerJoin(procedures, eq(procedures.id, procedureVersions.procedureId))
      .where(and(eq(procedures.slug, slug), eq(procedureVersions.version, version)));
    return (row?.catalogue as ProcedureCatalogue | undefined)?.fees ?? [];
  }

  /** True when this call linked the code (false: it was linked already). */
  async link(portalCode: string, dossierId: string, at: Date, tx: Executor): Promise<boolean> {
    const rows = await tx.insert(nationalPortalDossiers).values({ portalCode, dossierId, receivedAt: at }).onConflictDoNothing().returning();
    return rows.length > 0;
  }

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}
