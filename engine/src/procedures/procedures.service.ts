import {
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ALL_ROLES } from '../auth/roles.js';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { AgencyDirectory } from '../documents/agency-directory.js';
import { InstanceMigration } from '../dossiers/instance-migration.js';
import { WORKFLOW_ENGINE, WorkflowError, type WorkflowEngine } from '../workflow/workflow-engine.port.js';
import { contentHash, decisionFiles, formFiles, modelFiles, parseCatalogue, sortedFiles, type ProcedureBundle, type ProcedureCatalogue } from './bundle.js';
import { diffBundles, type BundleDiff } from './bundle-diff.js';
import { bundleFromCatalogue } from './catalogue-import.js';
import type { ImportedCatalogue } from './national-catalogue.js';
import { lintBundle, type LintOptions } from './lint/bundle-linter.js';
import type { LintReport } from './lint/lint-report.js';
import { checkMappings, type MappingInstruction } from './migration-check.js';
import type { DeployedDefinition } from './procedure.schema.js';
import { ProceduresRepository, type ProcedureRow, type VersionRow, type VersionSummary } from './procedures.repository.js';
import { WORKER_TYPES } from './worker-types.js';
import { offeringAgencies } from './offering.js';

/** What a new dossier starts: the procedure's current version and the engine's definition of its main process. */
/** A published procedure as the public catalogue shows it. */
export type PublishedCatalogueEntry = ProcedureCatalogue & { version: number; offeringAgencies: { code: string; name: string }[] };

export interface ResolvedProcedure {
  procedureId: string;
  slug: string;
  code: string;
  name: string;
  version: number;
  versionId: string;
  catalogue: ProcedureCatalogue;
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionVersion: number;
}

/** The application form of a procedure's current published version (form-js schema). */
export interface PublishedApplicationForm {
  slug: string;
  code: string;
  version: number;
  formId: string;
  form: Record<string, unknown>;
}

/** Who publishes, as the history shows it, and why. */
export interface PublishDetails {
  /** The publisher's display name (the login stays in publishedBy). */
  name?: string;
  note?: string;
}

export interface PublishResult {
  version: VersionSummary;
  /** False when the draft equals the current version: nothing was deployed. */
  created: boolean;
}

export interface MigrationCheck {
  fromVersion: number;
  toVersion: number;
  processDefinitionId: string;
  instances: number;
  instanceKeys: string[];
  problems: string[];
}

export interface MigrationResult {
  fromVersion: number;
  toVersion: number;
  processDefinitionId: string;
  /** Process instances now running on the target version (their dossiers follow). */
  migrated: string[];
  /** Instances the engine could not move safely, with its reason; they finish on the old version. */
  refused: { processInstanceKey: string; reason: string }[];
}

const LINT_REPORTS_KEPT = 32;

/** A draft with lint errors, or a model the engine refused: the body carries the report. */
export class PublishRefused extends UnprocessableEntityException {
  constructor(message: string, report: LintReport) {
    super({ statusCode: 422, error: 'Unprocessable Entity', message, lint: report });
  }
}

/** Working hours in a day of the configured office hours ("07:00-11:30,13:30-17:00" → 8). */
export function hoursPerDay(officeHours: string): number {
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return officeHours.split(',').reduce((sum, period) => {
    const [start, end] = period.trim().split('-') as [string, string];
    return sum + (minutes(end) - minutes(start)) / 60;
  }, 0);
}

/**
 * The procedure catalogue as configuration: drafts analysts import and edit, lint, immutable
 * published versions deployed to the workflow engine, and the version a new dossier starts.
 */
@Injectable()
export class ProceduresService {
  private readonly lintOptions: LintOptions;
  private readonly lintReports = new Map<string, Promise<LintReport>>();

  constructor(
    private readonly repository: ProceduresRepository,
    @Inject(WORKFLOW_ENGINE) private readonly engine: WorkflowEngine,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly instanceMigration: InstanceMigration,
  ) {
    this.lintOptions = { roles: ALL_ROLES, workerTypes: WORKER_TYPES, hoursPerDay: hoursPerDay(config.CALENDAR_OFFICE_HOURS) };
  }

  // ---------------------------------------------------------------- drafts

  /** Stores a bundle as the draft of its procedure (created on first import) and lints it. */
  async importDraft(bundle: ProcedureBundle, user: string): Promise<{ procedure: ProcedureRow; contentHash: string; lint: LintReport }> {
    const saved = await this.saveDraft(bundle, user);
    return { ...saved, lint: await this.lint(bundle) };
  }

  /**
   * The bundle of a new procedure from a national catalogue record on an existing procedure's model.
   * Refuses (409) a slug or code already taken: a record starts a procedure, it never overwrites one.
   */
  async bundleFromRecord(imported: ImportedCatalogue, slug: string, template: string): Promise<ProcedureBundle> {
    for (const [key, label] of [[slug, 'Mã định danh'], [imported.code, 'Mã thủ tục']] as const) {
      const taken = await this.repository.findBySlugOrCode(key);
      if (taken) throw new ConflictException(`${label} ${key} đã thuộc thủ tục '${taken.slug}' (${taken.name})`);
    }
    return bundleFromCatalogue(await this.getDraft(template), imported, slug);
  }

  /** Stores a bundle as the draft of its procedure (created on first import), without linting it. */
  async saveDraft(bundle: ProcedureBundle, user: string): Promise<{ procedure: ProcedureRow; contentHash: string }> {
    const hash = contentHash(bundle);
    const procedure = await this.repository.db.transaction(async (tx) => {
      let row = await this.repository.findBySlugOrCode(bundle.catalogue.slug, tx);
      if (row && row.slug !== bundle.catalogue.slug) row = undefined;
      const sameCode = await this.repository.findBySlugOrCode(bundle.catalogue.code, tx);
      if (sameCode && sameCode.slug !== bundle.catalogue.slug) {
        throw new ConflictException(`Procedure code ${bundle.catalogue.code} already belongs to '${sameCode.slug}'`);
      }
      if (!row) row = await this.repository.create(bundle.catalogue, tx);
      else if (row.status === 'draft') await this.repository.updateCatalogue(row.id, bundle.catalogue, tx);
      await this.repository.saveDraft(row.id, bundle.files, hash, user, tx);
      return row;
    });
    return { procedure, contentHash: hash };
  }

  /**
   * The version number when this bundle is already its procedure's latest published version, so a
   * restart can leave a shipped procedure (and a draft an administrator edited since) untouched.
   */
  async publishedVersionOf(bundle: ProcedureBundle): Promise<number | undefined> {
    const row = await this.repository.findBySlugOrCode(bundle.catalogue.slug);
    if (!row || row.slug !== bundle.catalogue.slug || row.status !== 'published') return undefined;
    const latest = await this.repository.latestVersion(row.id);
    return latest?.contentHash === contentHash(bundle) ? latest.version : undefined;
  }

  async getDraft(slug: string): Promise<ProcedureBundle> {
    const procedure = await this.procedure(slug);
    const draft = await this.repository.findDraft(procedure.id);
    if (!draft) throw new NotFoundException(`Procedure '${slug}' has no draft`);
    // JSONB keeps its own key order: files are handed out sorted by path, as a bundle is.
    return { catalogue: parseCatalogue(draft.files['procedure.json']), files: sortedFiles(draft.files) };
  }

  /**
   * The bundle's lint report. Linting is deterministic for a bundle's content and costs about half
   * a second of CPU; the report of the last few contents is kept, so that saving a draft and then
   * publishing it, or linting it again unchanged, lints once.
   */
  lint(bundle: ProcedureBundle): Promise<LintReport> {
    const hash = contentHash(bundle);
    let report = this.lintReports.get(hash);
    if (report) this.lintReports.delete(hash);
    else report = lintBundle(bundle, this.lintOptions);
    this.lintReports.set(hash, report);
    if (this.lintReports.size > LINT_REPORTS_KEPT) this.lintReports.delete(this.lintReports.keys().next().value!);
    // A failed lint is not kept: the next call tries again.
    report.catch(() => {
      if (this.lintReports.get(hash) === report) this.lintReports.delete(hash);
    });
    return report.then((r) => structuredClone(r));
  }

  // ---------------------------------------------------------------- publishing

  /**
   * Publishes the draft as version n+1: lint (errors refuse), deploy every model, record the
   * deployed definitions. An unchanged draft publishes nothing new (seeding relies on this).
   */
  async publish(slug: string, user: string, details: PublishDetails = {}): Promise<PublishResult> {
    const procedure = await this.procedure(slug);
    const bundle = await this.getDraft(slug);
    return this.publishBundle(procedure, bundle, user, details);
  }

  /** Rolls back by publishing an earlier version's bundle again as the newest version (see ADR 0005). */
  async rollback(slug: string, version: number, user: string, details: PublishDetails = {}): Promise<PublishResult> {
    const procedure = await this.procedure(slug);
    const earlier = await this.version(procedure, version);
    const bundle = { catalogue: earlier.catalogue, files: sortedFiles(earlier.files) };
    return this.publishBundle(procedure, bundle, user, details, version);
  }

  private async publishBundle(procedure: ProcedureRow, bundle: ProcedureBundle, user: string, details: PublishDetails, restoredFrom?: number): Promise<PublishResult> {
    const hash = contentHash(bundle);
    const latest = await this.repository.latestVersion(procedure.id);
    if (latest && latest.contentHash === hash) {
      if (procedure.status !== 'published') {
        await this.repository.db.transaction((tx) => this.repository.setStatus(procedure.id, 'published', latest.version, tx));
      }
      return { version: summary(latest), created: false };
    }
    const report = await this.lint(bundle);
    if (!report.ok) {
      throw new PublishRefused(`Procedure '${procedure.slug}' has ${report.errors} lint error${report.errors === 1 ? '' : 's'}; fix them before publishing`, report);
    }
    const deployment = await this.deploy(procedure, bundle, report);
    const row = await this.repository.db.transaction(async (tx) => {
      await this.repository.lock(procedure.id, tx);
      const current = await this.repository.latestVersion(procedure.id, tx);
      const version = (current?.version ?? 0) + 1;
      const inserted = await this.repository.insertVersion(
        {
          procedureId: procedure.id,
          version,
          catalogue: bundle.catalogue,
          files: bundle.files,
          contentHash: hash,
          lintReport: report,
          deploymentKey: deployment.deploymentKey,
          processDefinitions: deployment.processes,
          ...(restoredFrom !== undefined ? { restoredFrom } : {}),
          publishedBy: user,
          ...(details.name ? { publishedByName: details.name } : {}),
          ...(details.note?.trim() ? { note: details.note.trim() } : {}),
        },
        tx,
      );
      await this.repository.updateCatalogue(procedure.id, bundle.catalogue, tx);
      await this.repository.setStatus(procedure.id, 'published', version, tx);
      return inserted;
    });
    return { version: summary(row), created: true };
  }

  private async deploy(procedure: ProcedureRow, bundle: ProcedureBundle, report: LintReport): Promise<{ deploymentKey: string; processes: DeployedDefinition[] }> {
    try {
      // The decisions go in the same deployment: business rule tasks bound to it keep this version's tables.
      const resources = [...modelFiles(bundle), ...decisionFiles(bundle)].map(([path, content]) => ({ name: path.slice(path.indexOf('/') + 1), content }));
      return await this.engine.deploy(resources);
    } catch (error) {
      if (error instanceof WorkflowError) {
        throw new PublishRefused(`The workflow engine refused the models or decisions of '${procedure.slug}': ${error.message}`, report);
      }
      throw error;
    }
  }

  /** No new dossiers start; running ones go on with their version. */
  async unpublish(slug: string): Promise<ProcedureRow> {
    const procedure = await this.procedure(slug);
    if (procedure.status !== 'published') throw new ConflictException(`Procedure '${slug}' is not published`);
    await this.repository.db.transaction((tx) => this.repository.setStatus(procedure.id, 'unpublished', procedure.currentVersion, tx));
    return this.procedure(slug);
  }

  // ---------------------------------------------------------------- reading

  async procedure(slugOrCode: string): Promise<ProcedureRow> {
    const row = await this.repository.findBySlugOrCode(slugOrCode);
    if (!row) throw new NotFoundException(`No procedure '${slugOrCode}'`);
    return row;
  }

  list(status?: ProcedureRow['status']): Promise<ProcedureRow[]> {
    return this.repository.list(status ? { status } : {});
  }

  /** Published procedures with the catalogue data of their current version. */
  async publishedCatalogue(): Promise<PublishedCatalogueEntry[]> {
    const rows = await this.repository.list({ status: 'published' });
    const entries = await Promise.all(rows.map((row) => this.publishedEntry(row)));
    return entries;
  }

  async publishedProcedure(slugOrCode: string): Promise<PublishedCatalogueEntry> {
    const row = await this.procedure(slugOrCode);
    if (row.status !== 'published') throw new NotFoundException(`Procedure '${slugOrCode}' is not published`);
    return this.publishedEntry(row);
  }

  /**
   * The application form (tờ khai) of the current published version, so the portal and the counter
   * fill in the form the server validates the submission against.
   */
  async publishedApplicationForm(slugOrCode: string): Promise<PublishedApplicationForm> {
    const row = await this.procedure(slugOrCode);
    if (row.status !== 'published') throw new NotFoundException(`Procedure '${slugOrCode}' is not published`);
    const version = await this.version(row, row.currentVersion!);
    const formId = version.catalogue.applicationForm;
    for (const [, text] of formFiles({ catalogue: version.catalogue, files: version.files })) {
      const form = JSON.parse(text) as { id?: unknown };
      if (form.id === formId) return { slug: row.slug, code: row.code, version: version.version, formId, form: form };
    }
    throw new NotFoundException(`Version ${version.version} of '${row.slug}' has no application form '${formId}'`);
  }

  /** The catalogue with the agencies a citizen or an officer may choose as competent. */
  private async publishedEntry(row: ProcedureRow): Promise<PublishedCatalogueEntry> {
    const version = await this.version(row, row.currentVersion!);
    return { ...version.catalogue, version: version.version, offeringAgencies: offeringAgencies(version.catalogue, AgencyDirectory.shared()) };
  }

  versions(procedure: ProcedureRow): Promise<VersionSummary[]> {
    return this.repository.listVersions(procedure.id);
  }

  async version(procedure: ProcedureRow, version: number): Promise<VersionRow> {
    const row = await this.repository.findVersion(procedure.id, version);
    if (!row) throw new NotFoundException(`Procedure '${procedure.slug}' has no version ${version}`);
    return row;
  }

  async versionBundle(slug: string, version: number): Promise<ProcedureBundle> {
    const row = await this.version(await this.procedure(slug), version);
    return { catalogue: row.catalogue, files: sortedFiles(row.files) };
  }

  /** Compares two versions; 'draft' names the draft. */
  async diff(slug: string, from: number | 'draft', to: number | 'draft'): Promise<BundleDiff> {
    const load = (which: number | 'draft') => (which === 'draft' ? this.getDraft(slug) : this.versionBundle(slug, which));
    return diffBundles(await load(from), await load(to));
  }

  /**
   * The version a new dossier of this procedure starts and the engine's definition of its main
   * process. Running dossiers are not affected: they keep the definition they started on.
   */
  async resolveForNewDossier(slugOrCode: string): Promise<ResolvedProcedure> {
    const procedure = await this.procedure(slugOrCode);
    if (procedure.status !== 'published' || procedure.currentVersion === null) {
      throw new ConflictException(`Procedure '${procedure.slug}' is not published: no new dossiers can start`);
    }
    const version = await this.version(procedure, procedure.currentVersion);
    const main = version.processDefinitions.find((d) => d.processDefinitionId === version.catalogue.mainProcess);
    if (!main) throw new Error(`Version ${version.version} of '${procedure.slug}' has no deployed main process '${version.catalogue.mainProcess}'`);
    return {
      procedureId: procedure.id,
      slug: procedure.slug,
      code: procedure.code,
      name: procedure.name,
      version: version.version,
      versionId: version.id,
      catalogue: version.catalogue,
      processDefinitionId: main.processDefinitionId,
      processDefinitionKey: main.processDefinitionKey,
      processDefinitionVersion: main.processDefinitionVersion,
    };
  }

  // ---------------------------------------------------------------- migration

  /** Checks a migration plan for the running instances of one version's main process. */
  async checkMigration(slug: string, fromVersion: number, toVersion: number, mapping: MappingInstruction[]): Promise<MigrationCheck> {
    const procedure = await this.procedure(slug);
    const from = await this.version(procedure, fromVersion);
    const to = await this.version(procedure, toVersion);
    const processId = from.catalogue.mainProcess;
    if (to.catalogue.mainProcess !== processId) {
      return { fromVersion, toVersion, processDefinitionId: processId, instances: 0, instanceKeys: [], problems: [`the main process changed from '${processId}' to '${to.catalogue.mainProcess}'`] };
    }
    const definition = from.processDefinitions.find((d) => d.processDefinitionId === processId)!;
    const running = (await this.engine.searchProcessInstances({ processDefinitionId: processId, state: 'ACTIVE' })).filter(
      (i) => i.processDefinitionKey === definition.processDefinitionKey,
    );
    const instances = await Promise.all(
      running.map(async (instance) => ({
        processInstanceKey: instance.processInstanceKey,
        activeElementIds: (await this.engine.getElementInstances(instance.processInstanceKey))
          .filter((e) => e.state === 'ACTIVE' && e.type !== 'MULTI_INSTANCE_BODY')
          .map((e) => e.elementId),
      })),
    );
    const problems = await checkMappings({ catalogue: from.catalogue, files: from.files }, { catalogue: to.catalogue, files: to.files }, processId, mapping, instances);
    return { fromVersion, toVersion, processDefinitionId: processId, instances: instances.length, instanceKeys: instances.map((i) => i.processInstanceKey), problems };
  }

  /**
   * Moves the running dossiers of one version to another with an element mapping. The plan is
   * checked first and refused whole if it is invalid; then every instance and its dossier move
   * together, or, if the engine refuses any instance (with its reason), none moves.
   */
  async migrate(slug: string, fromVersion: number, toVersion: number, mapping: MappingInstruction[]): Promise<MigrationResult> {
    const check = await this.checkMigration(slug, fromVersion, toVersion, mapping);
    if (check.problems.length > 0) {
      throw new UnprocessableEntityException({ statusCode: 422, error: 'Unprocessable Entity', message: 'The migration plan is not valid', check });
    }
    const procedure = await this.procedure(slug);
    const definitionIn = async (version: number) =>
      (await this.version(procedure, version)).processDefinitions.find((d) => d.processDefinitionId === check.processDefinitionId)!;
    const { migrated, refused } = await this.instanceMigration.moveAll({
      processInstanceKeys: check.instanceKeys,
      sourceProcessDefinitionKey: (await definitionIn(fromVersion)).processDefinitionKey,
      targetProcessDefinitionKey: (await definitionIn(toVersion)).processDefinitionKey,
      mappingInstructions: mapping,
      toVersion,
    });
    if (refused.length > 0) {
      throw new ConflictException({ statusCode: 409, error: 'Conflict', message: 'The engine refused to migrate some instances; no dossier was migrated', refused });
    }
    return { fromVersion, toVersion, processDefinitionId: check.processDefinitionId, migrated, refused };
  }
}

function summary(row: VersionRow): VersionSummary {
  const { files: _files, catalogue: _catalogue, lintReport, ...rest } = row;
  return { ...rest, errors: lintReport.errors, warnings: lintReport.warnings };
}
