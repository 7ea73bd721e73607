import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq } from 'drizzle-orm';
import { DATABASE } from '../database/database.module.js';
import type { Database, Executor } from '../database/database.js';
import { issuedDocuments } from '../verification/verification.schema.js';
import { nationalPortalDossiers } from './national-portal.schema.js';

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

  /** The results issued for the dossier (its signed decisions, certificates…), oldest first. */
  async resultsOf(dossierId: string, tx: Executor = this.db): Promise<{ id: string; title: string }[]> {
    return tx
      .select({ id: issuedDocuments.id, title: issuedDocuments.title })
      .from(issuedDocuments)
      .where(and(eq(issuedDocuments.dossierId, dossierId), eq(issuedDocuments.kind, 'result')))
      .orderBy(asc(issuedDocuments.issuedAt));
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
