import { Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, or } from 'drizzle-orm';
import { DATABASE } from '../database/database.module.js';
import type { Database, Executor } from '../database/database.js';
import type { ProcedureCatalogue } from './bundle.js';
import type { LintReport } from './lint/lint-report.js';
import { procedureDrafts, procedures, procedureVersions, type DeployedDefinition } from './procedure.schema.js';

export type ProcedureRow = typeof procedures.$inferSelect;
export type DraftRow = typeof procedureDrafts.$inferSelect;
export type VersionRow = Omit<typeof procedureVersions.$inferSelect, 'catalogue' | 'lintReport'> & {
  catalogue: ProcedureCatalogue;
  lintReport: LintReport;
};
export type VersionSummary = Omit<VersionRow, 'files' | 'catalogue' | 'lintReport'> & { errors: number; warnings: number };

export interface NewVersion {
  procedureId: string;
  version: number;
  catalogue: ProcedureCatalogue;
  files: Record<string, string>;
  contentHash: string;
  lintReport: LintReport;
  deploymentKey: string;
  processDefinitions: DeployedDefinition[];
  restoredFrom?: number;
  publishedBy: string;
  publishedByName?: string;
  note?: string;
}

/** Catalogue columns copied from procedure.json so that lists and filters need no JSON. */
function catalogueColumns(catalogue: ProcedureCatalogue) {
  return {
    slug: catalogue.slug,
    code: catalogue.code,
    name: catalogue.name,
    field: catalogue.field,
    level: catalogue.level,
    agencyCode: catalogue.agency.code,
  };
}

@Injectable()
export class ProceduresRepository {
  constructor(@Inject(DATABASE) readonly db: Database) {}

  async findBySlugOrCode(slugOrCode: string, executor: Executor = this.db): Promise<ProcedureRow | undefined> {
    const [row] = await executor
      .select()
      .from(procedures)
      .where(or(eq(procedures.slug, slugOrCode), eq(procedures.code, slugOrCode)))
      .orderBy(asc(procedures.slug))
      .limit(1);
    return row;
  }

  /** Locks the procedure row: publishing, unpublishing and rolling back one procedure happen one at a time. */
  async lock(id: string, executor: Executor): Promise<ProcedureRow> {
    const [row] = await executor.select().from(procedures).where(eq(procedures.id, id)).for('update');
    return row;
  }

  async list(filter: { status?: ProcedureRow['status'] } = {}): Promise<ProcedureRow[]> {
    return this.db
      .select()
      .from(procedures)
      .where(filter.status ? eq(procedures.status, filter.status) : undefined)
      .orderBy(asc(procedures.field), asc(procedures.name));
  }

  async create(catalogue: ProcedureCatalogue, executor: Executor = this.db): Promise<ProcedureRow> {
    const [row] = await executor.insert(procedures).values(catalogueColumns(catalogue)).returning();
    return row;
  }

  async updateCatalogue(id: string, catalogue: ProcedureCatalogue, executor: Executor = this.db): Promise<void> {
    await executor.update(procedures).set({ ...catalogueColumns(catalogue), updatedAt: new Date() }).where(eq(procedures.id, id));
  }

  async setStatus(id: string, status: ProcedureRow['status'], currentVersion: number | null, executor: Executor): Promise<void> {
    await executor.update(procedures).set({ status, currentVersion, updatedAt: new Date() }).where(eq(procedures.id, id));
  }

  async findDraft(procedureId: string, executor: Executor = this.db): Promise<DraftRow | undefined> {
    const [row] = await executor.select().from(procedureDrafts).where(eq(procedureDrafts.procedureId, procedureId));
    return row;
  }

  async saveDraft(procedureId: string, files: Record<string, string>, contentHash: string, updatedBy: string, executor: Executor = this.db): Promise<void> {
    const values = { procedureId, files, contentHash, updatedBy, updatedAt: new Date() };
    await executor.insert(procedureDrafts).values(values).onConflictDoUpdate({ target: procedureDrafts.procedureId, set: values });
  }

  async insertVersion(version: NewVersion, executor: Executor): Promise<VersionRow> {
    const [row] = await executor.insert(procedureVersions).values(version).returning();
    return row as VersionRow;
  }

  async findVersion(procedureId: string, version: number, executor: Executor = this.db): Promise<VersionRow | undefined> {
    const [row] = await executor
      .select()
      .from(procedureVersions)
      .where(and(eq(procedureVersions.procedureId, procedureId), eq(procedureVersions.version, version)));
    return row as VersionRow | undefined;
  }

  async latestVersion(procedureId: string, executor: Executor = this.db): Promise<VersionRow | undefined> {
    const [row] = await executor
      .select()
      .from(procedureVersions)
      .where(eq(procedureVersions.procedureId, procedureId))
      .orderBy(desc(procedureVersions.version))
      .limit(1);
    return row as VersionRow | undefined;
  }

  async listVersions(procedureId: string): Promise<VersionSummary[]> {
    const rows = (await this.db
      .select()
      .from(procedureVersions)
      .where(eq(procedureVersions.procedureId, procedureId))
      .orderBy(desc(procedureVersions.version))) as VersionRow[];
    return rows.map(({ files: _files, catalogue: _catalogue, lintReport, ...summary }) => ({
      ...summary,
      errors: lintReport.errors,
      warnings: lintReport.warnings,
    }));
  }
}
