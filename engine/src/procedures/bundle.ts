import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';

/** procedure.json: catalogue data and the wiring of a bundle (JSON Schema: bundle.schema.json). */
export interface ProcedureCatalogue {
  slug: string;
  code: string;
  name: string;
  field: string;
  level: string;
  /** The agency that maintains the bundle; the only one offering it when offeredBy is absent. */
  agency: Agency;
  /** Every agency of a level (all communes), or listed ones: the competent one is chosen per dossier. */
  offeredBy?: {
    level?: string;
    agencies?: string[];
    /** What the applicant reads beside the choice: which agency the procedure's law makes competent. */
    choiceHint?: string;
  };
  consultedAgencies?: Agency[];
  processingTime: { legal: WorkingTime; reduced?: WorkingTime };
  /** "HH:MM": answered the same working day when received before it, else the next working day. */
  sameDayCutoff?: string;
  fees: { code?: string; name: string; amount: number; note?: string }[];
  requiredDocuments: { name: string; originals: number; copies: number; mandatory: boolean; filledOnline?: boolean; note?: string }[];
  onlineMode: 'full' | 'partial' | 'none';
  resultType: string;
  legalBasis: string[];
  supplementPolicy: 'resume' | 'restart';
  /** Supplement requests allowed per dossier; 1 (guide the applicant once) unless the procedure's law allows more. */
  maxSupplementRequests?: number;
  applicationForm: string;
  mainProcess: string;
  models: string[];
  forms: string[];
  templates: string[];
  /** File names under decisions/ (.dmn); absent means none. */
  decisions?: string[];
}

export interface Agency {
  code: string;
  name: string;
}

export interface WorkingTime {
  value: number;
  unit: 'workingDays' | 'workingHours';
}

/**
 * A bundle as stored and exchanged: every file by its path inside the bundle folder
 * (`procedure.json`, `models/x.bpmn`, `decisions/x.dmn`, `forms/x.form`, `templates/x.hbs`, `templates/common/x.hbs`),
 * already normalised. The catalogue is procedure.json parsed.
 */
export interface ProcedureBundle {
  catalogue: ProcedureCatalogue;
  files: Record<string, string>;
}

export const CATALOGUE_FILE = 'procedure.json';
export const COMMON_TEMPLATES = 'templates/common/';

export class BundleError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0] : `The bundle is not valid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'BundleError';
  }
}

// The schema is a source file that editors also read; tsc does not copy it, so it is read from src/.
const schemaPath = resolve(fileURLToPath(import.meta.url), '../../../../src/procedures/bundle.schema.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as JsonSchema;
const validateCatalogue = new Ajv({ allErrors: true, strict: true }).compile<ProcedureCatalogue>(schema);

/** UTF-8 text without BOM, LF line ends, exactly one trailing newline (none for an empty file). */
export function normaliseText(text: string): string {
  const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  return body === '' ? '' : `${body}\n`;
}

/** Parses and validates procedure.json, explaining every problem with its JSON path. */
export function parseCatalogue(text: string): ProcedureCatalogue {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new BundleError([`${CATALOGUE_FILE} is not valid JSON: ${(error as Error).message}`]);
  }
  if (!validateCatalogue(value)) {
    throw new BundleError((validateCatalogue.errors ?? []).map((e) => `${CATALOGUE_FILE}: ${describe(e)}`));
  }
  return value;
}

function describe(error: ErrorObject): string {
  const at = error.instancePath === '' ? '' : `${error.instancePath.slice(1).replace(/\//g, '.')} `;
  if (error.keyword === 'additionalProperties') return `${at}has an unknown property '${error.params.additionalProperty}'`;
  if (error.keyword === 'enum') return `${at}must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return `${at}${error.message}`;
}

/** procedure.json as export writes it: the schema's property order, two-space indent, trailing newline. */
export function serialiseCatalogue(catalogue: ProcedureCatalogue): string {
  return `${JSON.stringify(ordered(catalogue, schema), null, 2)}\n`;
}

interface JsonSchema {
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  $ref?: string;
  definitions?: Record<string, JsonSchema>;
}

function ordered(value: unknown, node: JsonSchema): unknown {
  const resolved = node.$ref ? schema.definitions![node.$ref.replace('#/definitions/', '')] : node;
  if (Array.isArray(value)) return value.map((item) => ordered(item, resolved.items ?? {}));
  if (value === null || typeof value !== 'object') return value;
  const properties = resolved.properties ?? {};
  const keys = Object.keys(value);
  const known = Object.keys(properties).filter((k) => keys.includes(k));
  const rest = keys.filter((k) => !(k in properties)).sort();
  const object = value as Record<string, unknown>;
  return Object.fromEntries([...known, ...rest].map((k) => [k, ordered(object[k], properties[k] ?? {})]));
}

/**
 * Builds a bundle from raw files (paths relative to the bundle folder): normalises them, validates
 * procedure.json, and refuses missing or unlisted files so that nothing is silently lost.
 */
export function assembleBundle(raw: Record<string, string>): ProcedureBundle {
  const catalogueText = raw[CATALOGUE_FILE];
  if (catalogueText === undefined) throw new BundleError([`the bundle has no ${CATALOGUE_FILE}`]);
  const catalogue = parseCatalogue(catalogueText);
  const expected = new Set(listedFiles(catalogue));
  const problems: string[] = [];
  const files: Record<string, string> = { [CATALOGUE_FILE]: serialiseCatalogue(catalogue) };
  for (const path of Object.keys(raw).sort()) {
    if (path === CATALOGUE_FILE) continue;
    if (!expected.has(path) && !isCommonTemplate(path)) {
      problems.push(`${path} is not listed in ${CATALOGUE_FILE} (models, decisions, forms or templates)`);
      continue;
    }
    files[path] = normaliseText(raw[path]);
  }
  for (const path of expected) if (!(path in raw)) problems.push(`${path} is listed in ${CATALOGUE_FILE} but missing`);
  if (problems.length > 0) throw new BundleError(problems);
  return { catalogue, files: sortedFiles(files) };
}

export function listedFiles(catalogue: ProcedureCatalogue): string[] {
  return [
    ...catalogue.models.map((f) => `models/${f}`),
    ...(catalogue.decisions ?? []).map((f) => `decisions/${f}`),
    ...catalogue.forms.map((f) => `forms/${f}`),
    ...catalogue.templates.map((f) => `templates/${f}`),
  ];
}

export function isCommonTemplate(path: string): boolean {
  return path.startsWith(COMMON_TEMPLATES) && /^[A-Za-z0-9][A-Za-z0-9._-]*\.hbs$/.test(path.slice(COMMON_TEMPLATES.length));
}

export function sortedFiles(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(files).sort().map((k) => [k, files[k]]));
}

/** SHA-256 over the sorted paths and contents: equal hashes, equal bundles. */
export function contentHash(bundle: ProcedureBundle): string {
  const hash = createHash('sha256');
  for (const [path, content] of Object.entries(sortedFiles(bundle.files))) {
    hash.update(`${path}\0${Buffer.byteLength(content)}\0`).update(content);
  }
  return hash.digest('hex');
}

export function modelFiles(bundle: ProcedureBundle): [string, string][] {
  return Object.entries(bundle.files).filter(([path]) => path.startsWith('models/'));
}

/** The DMN resources of the bundle, deployed together with its models. */
export function decisionFiles(bundle: ProcedureBundle): [string, string][] {
  return Object.entries(bundle.files).filter(([path]) => path.startsWith('decisions/'));
}

export function formFiles(bundle: ProcedureBundle): [string, string][] {
  return Object.entries(bundle.files).filter(([path]) => path.startsWith('forms/'));
}

export function templateFiles(bundle: ProcedureBundle): [string, string][] {
  return Object.entries(bundle.files).filter(([path]) => path.startsWith('templates/'));
}

/** Resolves a `template` header to a bundle path: the procedure's own template first, then the shared one. */
export function resolveTemplate(bundle: ProcedureBundle, reference: string): string | undefined {
  const name = reference.trim().replace(/\.hbs$/, '');
  const candidates = name.startsWith('common/') ? [`templates/${name}.hbs`] : [`templates/${name}.hbs`, `${COMMON_TEMPLATES}${name}.hbs`];
  return candidates.find((path) => path in bundle.files);
}
