import { api, apiText } from './client.js';
import type { Answer, Schemas } from './contract.js';

/** Response types are the platform's DTOs (schema.d.ts, generated from its OpenAPI document). */
export type ProcedureStatus = Schemas['ProcedureStatus'];
export type ProcedureRow = Schemas['ProcedureDto'];
export type WorkingTime = Schemas['WorkingTimeDto'];
export type Agency = Schemas['AgencyDto'];
/** procedure.json (schema: engine/src/procedures/bundle.schema.json). */
export type Catalogue = Schemas['CatalogueDto'];
export type Bundle = Schemas['BundleDto'];
export type LintIssue = Schemas['LintIssueDto'];
export type LintReport = Schemas['LintReportDto'];
export type VersionSummary = Schemas['VersionSummaryDto'];
export type PropertyChange = Schemas['PropertyChangeDto'];
export type BundleDiff = Schemas['BundleDiffDto'];
export type PublishedEntry = Schemas['PublishedProcedureDto'];

const base = (slug: string) => `/api/procedures/${encodeURIComponent(slug)}`;

export const proceduresApi = {
  list: () => api<Answer<'/api/procedures', 'get'>>('/api/procedures'),
  publicCatalogue: () => api<Answer<'/api/public/procedures', 'get'>>('/api/public/procedures'),
  draft: (slug: string) => api<Answer<'/api/procedures/{slug}/draft', 'get'>>(`${base(slug)}/draft`),
  saveDraft: (slug: string, files: Record<string, string>) =>
    api<Answer<'/api/procedures/{slug}/draft', 'put'>>(`${base(slug)}/draft`, { method: 'PUT', json: { files } }),
  importZip: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<Answer<'/api/procedures/import', 'post'>>('/api/procedures/import', { method: 'POST', body: form });
  },
  /** A new procedure from a national catalogue record, on the model of `template`. */
  importCatalogue: (slug: string, template: string, record: Record<string, unknown>) =>
    api<Answer<'/api/procedures/import-catalogue', 'post'>>('/api/procedures/import-catalogue', { method: 'POST', json: { slug, template, record } }),
  lint: (slug: string) => api<Answer<'/api/procedures/{slug}/lint', 'post'>>(`${base(slug)}/lint`, { method: 'POST' }),
  publish: (slug: string, note: string) => api<Answer<'/api/procedures/{slug}/publish', 'post'>>(`${base(slug)}/publish`, { method: 'POST', json: { note } }),
  rollback: (slug: string, version: number) => api<Answer<'/api/procedures/{slug}/rollback', 'post'>>(`${base(slug)}/rollback`, { method: 'POST', json: { version } }),
  versions: (slug: string) => api<Answer<'/api/procedures/{slug}/versions', 'get'>>(`${base(slug)}/versions`),
  diff: (slug: string, from: number | 'draft', to: number | 'draft') => api<Answer<'/api/procedures/{slug}/diff', 'get'>>(`${base(slug)}/diff?from=${from}&to=${to}`),
  exportPath: (slug: string) => `${base(slug)}/draft/export`,
  /** A template's source printed as HTML on the draft's sample data. */
  templatePreview: (slug: string, source: string) => apiText(`${base(slug)}/template-preview`, { method: 'POST', json: { source } }),
};
