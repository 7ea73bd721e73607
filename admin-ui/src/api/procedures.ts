import { api } from './client.js';

export type ProcedureStatus = 'draft' | 'published' | 'unpublished';

export interface ProcedureRow {
  id: string;
  slug: string;
  code: string;
  name: string;
  field: string;
  level: string;
  agencyCode: string;
  status: ProcedureStatus;
  currentVersion: number | null;
  updatedAt: string;
}

export interface WorkingTime {
  value: number;
  unit: 'workingDays' | 'workingHours';
}

export interface Agency {
  code: string;
  name: string;
}

/** procedure.json (schema: engine/src/procedures/bundle.schema.json). */
export interface Catalogue {
  slug: string;
  code: string;
  name: string;
  field: string;
  level: string;
  agency: Agency;
  consultedAgencies?: Agency[];
  processingTime: { legal: WorkingTime; reduced?: WorkingTime };
  fees: { code?: string; name: string; amount: number; note?: string }[];
  requiredDocuments: { name: string; originals: number; copies: number; mandatory: boolean; note?: string }[];
  onlineMode: 'full' | 'partial' | 'none';
  resultType: string;
  legalBasis: string[];
  supplementPolicy: 'resume' | 'restart';
  applicationForm: string;
  mainProcess: string;
  models: string[];
  forms: string[];
  templates: string[];
  decisions?: string[];
}

export interface Bundle {
  catalogue: Catalogue;
  files: Record<string, string>;
}

export interface LintIssue {
  severity: 'error' | 'warning';
  rule: string;
  file: string;
  elementId?: string;
  elementName?: string;
  message: string;
}

export interface LintReport {
  ok: boolean;
  errors: number;
  warnings: number;
  issues: LintIssue[];
}

export interface VersionSummary {
  id: string;
  version: number;
  contentHash: string;
  /** The publisher's login; publishedByName is the name people know him by (absent on older versions). */
  publishedBy: string;
  publishedByName: string | null;
  publishedAt: string;
  note: string | null;
  restoredFrom: number | null;
  errors: number;
  warnings: number;
}

export interface PropertyChange {
  property: string;
  before: unknown;
  after: unknown;
}

export interface BundleDiff {
  catalogue: PropertyChange[];
  elements: { change: 'added' | 'removed' | 'changed'; processId: string; id: string; type: string; name?: string; changes?: PropertyChange[] }[];
  formFields: { change: 'added' | 'removed' | 'changed'; form: string; key: string; type: string; changes?: PropertyChange[] }[];
  files: { path: string; change: 'added' | 'removed' | 'changed' }[];
}

export interface PublishedEntry extends Catalogue {
  version: number;
}

const base = (slug: string) => `/api/procedures/${encodeURIComponent(slug)}`;

export const proceduresApi = {
  list: () => api<ProcedureRow[]>('/api/procedures'),
  publicCatalogue: () => api<PublishedEntry[]>('/api/public/procedures'),
  draft: (slug: string) => api<Bundle>(`${base(slug)}/draft`),
  saveDraft: (slug: string, files: Record<string, string>) =>
    api<{ procedure: ProcedureRow; contentHash: string; lint: LintReport }>(`${base(slug)}/draft`, { method: 'PUT', json: { files } }),
  importZip: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<{ procedure: ProcedureRow; contentHash: string; lint: LintReport }>('/api/procedures/import', { method: 'POST', body: form });
  },
  lint: (slug: string) => api<LintReport>(`${base(slug)}/lint`, { method: 'POST' }),
  publish: (slug: string, note: string) => api<{ version: VersionSummary; created: boolean }>(`${base(slug)}/publish`, { method: 'POST', json: { note } }),
  rollback: (slug: string, version: number) => api<{ version: VersionSummary; created: boolean }>(`${base(slug)}/rollback`, { method: 'POST', json: { version } }),
  versions: (slug: string) => api<VersionSummary[]>(`${base(slug)}/versions`),
  diff: (slug: string, from: number | 'draft', to: number | 'draft') => api<BundleDiff>(`${base(slug)}/diff?from=${from}&to=${to}`),
  exportPath: (slug: string) => `${base(slug)}/draft/export`,
};
