import type { DossierRow } from '../../api/dossiers.js';
import { dossierDeadline, isFinished } from '../../dossier/badges.js';
import { officeDay } from '../../dossier/format.js';

/** The figures a province is judged on, for one group of dossiers. */
export interface Figures {
  key: string;
  label: string;
  total: number;
  finished: number;
  onTime: number;
  late: number;
  dueSoon: number;
  online: number;
  /** on time / finished; undefined with nothing finished. */
  onTimeRate?: number;
  onlineShare?: number;
}

export function figures(key: string, label: string, rows: readonly DossierRow[], now = new Date()): Figures {
  let finished = 0;
  let onTime = 0;
  let late = 0;
  let dueSoon = 0;
  let online = 0;
  for (const row of rows) {
    const state = dossierDeadline(row, now);
    const done = isFinished(row.status) && !!row.finishedAt;
    if (done) finished += 1;
    if (done && state === 'on_time') onTime += 1;
    if (state === 'late') late += 1;
    if (!done && state === 'due_soon') dueSoon += 1;
    if (row.channel === 'online') online += 1;
  }
  return {
    key,
    label,
    total: rows.length,
    finished,
    onTime,
    late,
    dueSoon,
    online,
    ...(finished > 0 ? { onTimeRate: onTime / finished } : {}),
    ...(rows.length > 0 ? { onlineShare: online / rows.length } : {}),
  };
}

export function groupBy(rows: readonly DossierRow[], key: (row: DossierRow) => string): Map<string, DossierRow[]> {
  const groups = new Map<string, DossierRow[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** YYYY-MM of a timestamp on the office's calendar. */
export function monthOf(iso: string): string {
  return officeDay(iso).slice(0, 7);
}

/** A CSV file (UTF-8 with BOM, so spreadsheet programs read Vietnamese correctly). */
export function toCsv(header: readonly string[], lines: readonly (readonly (string | number)[])[]): Blob {
  const cell = (v: string | number) => (typeof v === 'number' ? String(v) : /[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const text = [header, ...lines].map((line) => line.map(cell).join(',')).join('\r\n');
  return new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' });
}
