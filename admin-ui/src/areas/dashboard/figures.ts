import type { StatisticsRow } from '../../api/statistics.js';

/** What a chart draws of one group. */
export interface Figures {
  key: string;
  label: string;
  /** Received in the period (the same count as the dashboard's first tile). */
  total: number;
  /** Resolved early or on time. */
  onTime: number;
  /** Resolved late, or still in progress past the appointment. */
  late: number;
  online: number;
}

export function chartFigures(row: StatisticsRow, label = row.name ?? row.key): Figures {
  return { key: row.key, label, total: row.received, onTime: row.early + row.onTime, late: row.late + row.overdue, online: row.online };
}

/** A date input's day as the start of that day on the office's clock (UTC+7). */
export function dayStart(day: string): string {
  return `${day}T00:00:00+07:00`;
}

/** The instant after a date input's day, on the office's clock. */
export function dayEnd(day: string): string {
  const next = new Date(`${day}T00:00:00+07:00`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString();
}
