import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { AgencyDirectory } from '../documents/agency-directory.js';
import { iso } from '../web/response-values.js';
import type { ProcedureBundle, ProcedureCatalogue } from './bundle.js';
import type { BundleDiff } from './bundle-diff.js';
import type { LintReport } from './lint/lint-report.js';
import type { ProcedureRow, VersionRow, VersionSummary } from './procedures.repository.js';
import type { MigrationCheck, MigrationResult, PublishedApplicationForm, PublishResult } from './procedures.service.js';

const PROCEDURE_STATUSES = ['draft', 'published', 'unpublished'] as const;
const filesSchema = { type: 'object', additionalProperties: { type: 'string' }, description: 'Every file of the bundle by its path (procedure.json, models/x.bpmn, forms/x.form…)' } as const;

export class ProcedureDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty({ description: 'National procedure code, e.g. 1.001612' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() field!: string;
  @ApiProperty() level!: string;
  @ApiProperty() agencyCode!: string;
  @ApiProperty({ description: 'The agency’s name from the agency directory, or its code when the directory does not know it' }) agencyName!: string;
  @ApiProperty({ enum: PROCEDURE_STATUSES, enumName: 'ProcedureStatus' }) status!: (typeof PROCEDURE_STATUSES)[number];
  @ApiProperty({ type: Number, nullable: true }) currentVersion!: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export function toProcedureDto(row: ProcedureRow): ProcedureDto {
  return {
    id: row.id,
    slug: row.slug,
    code: row.code,
    name: row.name,
    field: row.field,
    level: row.level,
    agencyCode: row.agencyCode,
    agencyName: AgencyDirectory.shared().nameOf(row.agencyCode),
    status: row.status,
    currentVersion: row.currentVersion,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export class AgencyDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
}

export class OfferedByDto {
  @ApiPropertyOptional({ description: 'Every agency of this level offers the procedure (e.g. commune)' }) level?: string;
  @ApiPropertyOptional({ type: [String], description: 'Agencies offering it, by code' }) agencies?: string[];
  @ApiPropertyOptional({ description: 'Shown beside the choice of agency: which one is competent, as the procedure’s law says' }) choiceHint?: string;
}

export class WorkingTimeDto {
  @ApiProperty() value!: number;
  @ApiProperty({ enum: ['workingDays', 'workingHours'] }) unit!: 'workingDays' | 'workingHours';
}

export class ProcessingTimeDto {
  @ApiProperty({ type: WorkingTimeDto, description: 'Time the law allows' }) legal!: WorkingTimeDto;
  @ApiPropertyOptional({ type: WorkingTimeDto, description: 'The province’s reduced time' }) reduced?: WorkingTimeDto;
}

export class CatalogueFeeDto {
  @ApiPropertyOptional() code?: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'In đồng' }) amount!: number;
  @ApiPropertyOptional() note?: string;
}

export class RequiredDocumentDto {
  @ApiProperty() name!: string;
  @ApiProperty() originals!: number;
  @ApiProperty() copies!: number;
  @ApiProperty() mandatory!: boolean;
  @ApiPropertyOptional({ description: 'The declaration filled online on the application form: no file is asked for it' }) filledOnline?: boolean;
  @ApiPropertyOptional() note?: string;
}

/** procedure.json: the catalogue data and wiring of a bundle (engine/src/procedures/bundle.schema.json). */
export class CatalogueDto {
  @ApiProperty() slug!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() field!: string;
  @ApiProperty() level!: string;
  @ApiProperty({ type: AgencyDto, description: 'The agency that maintains the bundle; the only one offering it when offeredBy is absent' }) agency!: AgencyDto;
  @ApiPropertyOptional({ type: OfferedByDto }) offeredBy?: OfferedByDto;
  @ApiPropertyOptional({ description: 'HH:MM: answered the same working day when received before it, else the next working day' }) sameDayCutoff?: string;
  @ApiPropertyOptional({ type: [AgencyDto] }) consultedAgencies?: AgencyDto[];
  @ApiProperty({ type: ProcessingTimeDto }) processingTime!: ProcessingTimeDto;
  @ApiProperty({ type: [CatalogueFeeDto] }) fees!: CatalogueFeeDto[];
  @ApiProperty({ type: [RequiredDocumentDto] }) requiredDocuments!: RequiredDocumentDto[];
  @ApiProperty({ enum: ['full', 'partial', 'none'] }) onlineMode!: 'full' | 'partial' | 'none';
  @ApiProperty() resultType!: string;
  @ApiProperty({ type: [String] }) legalBasis!: string[];
  @ApiProperty({ enum: ['resume', 'restart'] }) supplementPolicy!: 'resume' | 'restart';
  @ApiPropertyOptional({ description: 'Supplement requests allowed per dossier' }) maxSupplementRequests?: number;
  @ApiProperty({ description: 'Form id of the application form' }) applicationForm!: string;
  @ApiProperty() mainProcess!: string;
  @ApiProperty({ type: [String] }) models!: string[];
  @ApiProperty({ type: [String] }) forms!: string[];
  @ApiProperty({ type: [String] }) templates!: string[];
  @ApiPropertyOptional({ type: [String] }) decisions?: string[];
}

/** The catalogue is procedure.json as published: passed through, its schema is the bundle's. */
export function toCatalogueDto(catalogue: ProcedureCatalogue): CatalogueDto {
  return catalogue;
}

export class PublishedProcedureDto extends CatalogueDto {
  @ApiProperty({ description: 'The current published version' }) version!: number;
  @ApiProperty({ type: [AgencyDto], description: 'Agencies offering the procedure, one of which is competent for each dossier' })
  offeringAgencies!: AgencyDto[];
}

export function toPublishedProcedureDto(entry: ProcedureCatalogue & { version: number; offeringAgencies: AgencyDto[] }): PublishedProcedureDto {
  return { ...toCatalogueDto(entry), version: entry.version, offeringAgencies: entry.offeringAgencies };
}

export class PublishedApplicationFormDto {
  @ApiProperty() slug!: string;
  @ApiProperty() code!: string;
  @ApiProperty() version!: number;
  @ApiProperty() formId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'form-js schema' }) form!: Record<string, unknown>;
}

export function toPublishedApplicationFormDto(form: PublishedApplicationForm): PublishedApplicationFormDto {
  return { slug: form.slug, code: form.code, version: form.version, formId: form.formId, form: form.form };
}

export class BundleDto {
  @ApiProperty({ type: CatalogueDto }) catalogue!: CatalogueDto;
  @ApiProperty(filesSchema) files!: Record<string, string>;
}

export function toBundleDto(bundle: ProcedureBundle): BundleDto {
  return { catalogue: toCatalogueDto(bundle.catalogue), files: bundle.files };
}

export class LintIssueDto {
  @ApiProperty({ enum: ['error', 'warning'] }) severity!: 'error' | 'warning';
  @ApiProperty({ description: '`bpmnlint/<rule>`, `camunda-compat/<rule>` or `platform/<rule>`' }) rule!: string;
  @ApiProperty({ description: 'Bundle path of the file concerned' }) file!: string;
  @ApiPropertyOptional() elementId?: string;
  @ApiPropertyOptional() elementName?: string;
  @ApiProperty() message!: string;
}

export class LintReportDto {
  @ApiProperty({ description: 'Nothing blocks publishing (warnings do not)' }) ok!: boolean;
  @ApiProperty() errors!: number;
  @ApiProperty() warnings!: number;
  @ApiProperty({ type: [LintIssueDto] }) issues!: LintIssueDto[];
}

export function toLintReportDto(report: LintReport): LintReportDto {
  return { ok: report.ok, errors: report.errors, warnings: report.warnings, issues: report.issues };
}

export class DraftSavedDto {
  @ApiProperty({ type: ProcedureDto }) procedure!: ProcedureDto;
  @ApiProperty() contentHash!: string;
  @ApiProperty({ type: LintReportDto }) lint!: LintReportDto;
}

export function toDraftSavedDto(saved: { procedure: ProcedureRow; contentHash: string; lint: LintReport }): DraftSavedDto {
  return { procedure: toProcedureDto(saved.procedure), contentHash: saved.contentHash, lint: toLintReportDto(saved.lint) };
}

export class DeployedDefinitionDto {
  @ApiProperty() processDefinitionId!: string;
  @ApiProperty() processDefinitionKey!: string;
  @ApiProperty() processDefinitionVersion!: number;
  @ApiProperty() resourceName!: string;
}

export class VersionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) procedureId!: string;
  @ApiProperty() version!: number;
  @ApiProperty() contentHash!: string;
  @ApiProperty() deploymentKey!: string;
  @ApiProperty({ type: [DeployedDefinitionDto] }) processDefinitions!: DeployedDefinitionDto[];
  @ApiProperty({ type: Number, nullable: true, description: 'The version a rollback published again' }) restoredFrom!: number | null;
  @ApiProperty({ description: 'The publisher’s login' }) publishedBy!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The name people know the publisher by' }) publishedByName!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty() errors!: number;
  @ApiProperty() warnings!: number;
}

export function toVersionSummaryDto(row: VersionSummary): VersionSummaryDto {
  return {
    id: row.id,
    procedureId: row.procedureId,
    version: row.version,
    contentHash: row.contentHash,
    deploymentKey: row.deploymentKey,
    processDefinitions: row.processDefinitions,
    restoredFrom: row.restoredFrom,
    publishedBy: row.publishedBy,
    publishedByName: row.publishedByName,
    note: row.note,
    publishedAt: iso(row.publishedAt),
    errors: row.errors,
    warnings: row.warnings,
  };
}

export class VersionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) procedureId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: CatalogueDto }) catalogue!: CatalogueDto;
  @ApiProperty(filesSchema) files!: Record<string, string>;
  @ApiProperty() contentHash!: string;
  @ApiProperty({ type: LintReportDto }) lintReport!: LintReportDto;
  @ApiProperty() deploymentKey!: string;
  @ApiProperty({ type: [DeployedDefinitionDto] }) processDefinitions!: DeployedDefinitionDto[];
  @ApiProperty({ type: Number, nullable: true }) restoredFrom!: number | null;
  @ApiProperty() publishedBy!: string;
  @ApiProperty({ type: String, nullable: true }) publishedByName!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
}

export function toVersionDto(row: VersionRow): VersionDto {
  return {
    id: row.id,
    procedureId: row.procedureId,
    version: row.version,
    catalogue: toCatalogueDto(row.catalogue),
    files: row.files,
    contentHash: row.contentHash,
    lintReport: toLintReportDto(row.lintReport),
    deploymentKey: row.deploymentKey,
    processDefinitions: row.processDefinitions,
    restoredFrom: row.restoredFrom,
    publishedBy: row.publishedBy,
    publishedByName: row.publishedByName,
    note: row.note,
    publishedAt: iso(row.publishedAt),
  };
}

export class PublishResultDto {
  @ApiProperty({ type: VersionSummaryDto }) version!: VersionSummaryDto;
  @ApiProperty({ description: 'False when the draft was unchanged and nothing was published' }) created!: boolean;
}

export function toPublishResultDto(result: PublishResult): PublishResultDto {
  return { version: toVersionSummaryDto(result.version), created: result.created };
}

// Any JSON value; left out when the property was not set on that side.
const anyValue: ApiPropertyOptions = {
  oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'object', additionalProperties: true }, { type: 'array', items: {} }],
  nullable: true,
};

export class PropertyChangeDto {
  @ApiProperty() property!: string;
  @ApiPropertyOptional(anyValue) before?: unknown;
  @ApiPropertyOptional(anyValue) after?: unknown;
}

const CHANGES = ['added', 'removed', 'changed'] as const;

export class ElementChangeDto {
  @ApiProperty({ enum: CHANGES }) change!: (typeof CHANGES)[number];
  @ApiProperty() processId!: string;
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'BPMN element type, e.g. bpmn:UserTask' }) type!: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional({ type: [PropertyChangeDto] }) changes?: PropertyChangeDto[];
}

export class FormFieldChangeDto {
  @ApiProperty({ enum: CHANGES }) change!: (typeof CHANGES)[number];
  @ApiProperty() form!: string;
  @ApiProperty() key!: string;
  @ApiProperty() type!: string;
  @ApiPropertyOptional({ description: 'The field’s label on the form' }) label?: string;
  @ApiPropertyOptional({ type: [PropertyChangeDto] }) changes?: PropertyChangeDto[];
}

export class FileChangeDto {
  @ApiProperty() path!: string;
  @ApiProperty({ enum: CHANGES }) change!: (typeof CHANGES)[number];
}

export class BundleDiffDto {
  @ApiProperty({ type: [PropertyChangeDto] }) catalogue!: PropertyChangeDto[];
  @ApiProperty({ type: [ElementChangeDto] }) elements!: ElementChangeDto[];
  @ApiProperty({ type: [FormFieldChangeDto] }) formFields!: FormFieldChangeDto[];
  @ApiProperty({ type: [FileChangeDto] }) files!: FileChangeDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Names of the elements a change references by id (a flow’s source and target)',
  })
  elementNames!: Record<string, string>;
}

export function toBundleDiffDto(diff: BundleDiff): BundleDiffDto {
  return { catalogue: diff.catalogue, elements: diff.elements, formFields: diff.formFields, files: diff.files, elementNames: diff.elementNames };
}

export class MigrationCheckDto {
  @ApiProperty() fromVersion!: number;
  @ApiProperty() toVersion!: number;
  @ApiProperty() processDefinitionId!: string;
  @ApiProperty({ description: 'Running instances of the source version' }) instances!: number;
  @ApiProperty({ type: [String] }) instanceKeys!: string[];
  @ApiProperty({ type: [String], description: 'Why the plan cannot run; empty when it can' }) problems!: string[];
}

export function toMigrationCheckDto(check: MigrationCheck): MigrationCheckDto {
  return { fromVersion: check.fromVersion, toVersion: check.toVersion, processDefinitionId: check.processDefinitionId, instances: check.instances, instanceKeys: check.instanceKeys, problems: check.problems };
}

export class RefusedMigrationDto {
  @ApiProperty() processInstanceKey!: string;
  @ApiProperty() reason!: string;
}

export class MigrationResultDto {
  @ApiProperty() fromVersion!: number;
  @ApiProperty() toVersion!: number;
  @ApiProperty() processDefinitionId!: string;
  @ApiProperty({ type: [String], description: 'Instances now on the target version' }) migrated!: string[];
  @ApiProperty({ type: [RefusedMigrationDto], description: 'Instances the engine could not move safely; they finish on the old version' }) refused!: RefusedMigrationDto[];
}

export function toMigrationResultDto(result: MigrationResult): MigrationResultDto {
  return { fromVersion: result.fromVersion, toVersion: result.toVersion, processDefinitionId: result.processDefinitionId, migrated: result.migrated, refused: result.refused };
}
