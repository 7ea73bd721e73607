import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One administrative procedure of the catalogue; its content lives in its draft and versions. */
export const procedures = pgTable('procedures', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  field: text('field').notNull(),
  level: text('level').notNull(),
  agencyCode: text('agency_code').notNull(),
  /** draft: never published; published: new dossiers start the current version; unpublished: no new dossiers. */
  status: text('status', { enum: ['draft', 'published', 'unpublished'] }).notNull().default('draft'),
  /** The version new dossiers start (the highest published one). */
  currentVersion: integer('current_version'),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** The bundle analysts edit; publishing copies it into a new immutable version. */
export const procedureDrafts = pgTable('procedure_drafts', {
  procedureId: uuid('procedure_id')
    .primaryKey()
    .references(() => procedures.id, { onDelete: 'cascade' }),
  /** Bundle files by path (procedure.json, models/…, forms/…, templates/…). */
  files: jsonb('files').$type<Record<string, string>>().notNull(),
  contentHash: text('content_hash').notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export interface DeployedDefinition {
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionVersion: number;
  resourceName: string;
}

/** A published bundle. Rows are only ever inserted: a running dossier keeps the version it started on. */
export const procedureVersions = pgTable(
  'procedure_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    procedureId: uuid('procedure_id')
      .notNull()
      .references(() => procedures.id, { onDelete: 'restrict' }),
    version: integer('version').notNull(),
    catalogue: jsonb('catalogue').notNull(),
    files: jsonb('files').$type<Record<string, string>>().notNull(),
    contentHash: text('content_hash').notNull(),
    lintReport: jsonb('lint_report').notNull(),
    deploymentKey: text('deployment_key').notNull(),
    processDefinitions: jsonb('process_definitions').$type<DeployedDefinition[]>().notNull(),
    /** Set when this version re-published an earlier one (roll back). */
    restoredFrom: integer('restored_from'),
    publishedBy: text('published_by').notNull(),
    /** The publisher's name as the token gave it, so the history reads as people, not logins. */
    publishedByName: text('published_by_name'),
    /** Why this version was published, as the analyst wrote it when confirming. */
    note: text('note'),
    publishedAt: at('published_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('procedure_versions_procedure_version').on(table.procedureId, table.version),
    check('procedure_versions_version_positive', sql`${table.version} > 0`),
  ],
);
