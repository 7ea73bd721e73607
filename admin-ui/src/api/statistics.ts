import { api } from './client.js';

export type Grouping = 'agency' | 'procedure' | 'level' | 'period';

/** One group of GET /api/statistics/dossiers: dossiers submitted in the period, by outcome. */
export interface StatisticsRow {
  key: string;
  /** The agency's or the procedure's name, when grouped by either. */
  name: string | null;
  /** The agency's name (the procedure's agency, when grouped by procedure). */
  agencyName?: string | null;
  submitted: number;
  received: number;
  online: number;
  counter: number;
  post: number;
  notReceived: number;
  withdrawn: number;
  resolved: number;
  early: number;
  onTime: number;
  late: number;
  withoutDeadline: number;
  inProgress: number;
  /** In progress, past the warning date but not the appointment. */
  dueSoon: number;
  /** In progress past the appointment. */
  overdue: number;
  paused: number;
  /** Percent (two decimals) or null with nothing to measure. */
  onTimeRate: number | null;
  onlineRate: number | null;
}

export interface StatisticsAnswer {
  groupBy: Grouping;
  asOf: string;
  rows: StatisticsRow[];
  total: StatisticsRow;
}

export interface Ratio {
  numerator: number;
  denominator: number;
  percent: number | null;
}

export interface Indicators {
  progress: { onTimeRate: Ratio; points: number | null; maxPoints: number; target: number };
  digitisation: { dossiersDigitised: Ratio; resultsSigned: Ratio; target: number };
  onlineServices: { submittedOnline: Ratio; paidOnline: Ratio; consultationsAnsweredElectronically: Ratio };
  satisfaction: { ratings: number; average: number | null; satisfied: Ratio; target: number };
}

export interface RatingRow {
  key: string;
  name: string | null;
  count: number;
  average: number;
  satisfied: number;
  satisfactionRate: number | null;
}

export interface StatisticsFilter {
  from?: string;
  to?: string;
  agencyCode?: string;
  procedureCode?: string;
}

function query(filter: StatisticsFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  return params.toString();
}

export const statisticsApi = {
  dossiers: (filter: StatisticsFilter, groupBy: Grouping) => api<StatisticsAnswer>(`/api/statistics/dossiers?${query(filter, { groupBy })}`),
  indicators: (filter: StatisticsFilter) => api<Indicators>(`/api/statistics/indicators?${query(filter)}`),
  ratings: (filter: StatisticsFilter, by: 'agency' | 'procedure') =>
    api<{ rows: RatingRow[] }>(`/api/ratings/summary?${query({ ...(filter.agencyCode ? { agencyCode: filter.agencyCode } : {}), ...(filter.from ? { from: filter.from } : {}), ...(filter.to ? { to: filter.to } : {}) }, { by })}`),
  exportPath: (filter: StatisticsFilter, groupBy: Grouping) => `/api/statistics/export.xlsx?${query(filter, { groupBy })}`,
};
