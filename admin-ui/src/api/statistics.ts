import { api } from './client.js';
import type { Answer, Schemas } from './contract.js';

/** Response types are the platform's DTOs (schema.d.ts, generated from its OpenAPI document). */
export type Grouping = Schemas['DossierStatisticsDto']['groupBy'];
/** One group of GET /api/statistics/dossiers: dossiers submitted in the period, by outcome. */
export type StatisticsRow = Schemas['StatisticsRowDto'];
export type StatisticsAnswer = Schemas['DossierStatisticsDto'];
export type Ratio = Schemas['RatioDto'];
export type Indicators = Schemas['IndicatorsDto'];
export type RatingRow = Schemas['RatingSummaryRowDto'];

export interface StatisticsFilter {
  from?: string;
  to?: string;
  agencyCode?: string;
  procedureCode?: string;
}

function query(filter: StatisticsFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, String(value));
  return params.toString();
}

export const statisticsApi = {
  dossiers: (filter: StatisticsFilter, groupBy: Grouping) => api<Answer<'/api/statistics/dossiers', 'get'>>(`/api/statistics/dossiers?${query(filter, { groupBy })}`),
  indicators: (filter: StatisticsFilter) => api<Answer<'/api/statistics/indicators', 'get'>>(`/api/statistics/indicators?${query(filter)}`),
  ratings: (filter: StatisticsFilter, by: 'agency' | 'procedure') =>
    api<Answer<'/api/ratings/summary', 'get'>>(`/api/ratings/summary?${query({ ...(filter.agencyCode ? { agencyCode: filter.agencyCode } : {}), ...(filter.from ? { from: filter.from } : {}), ...(filter.to ? { to: filter.to } : {}) }, { by })}`),
  exportPath: (filter: StatisticsFilter, groupBy: Grouping) => `/api/statistics/export.xlsx?${query(filter, { groupBy })}`,
};
