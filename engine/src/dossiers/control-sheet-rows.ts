import { createHash } from 'node:crypto';
import { ROLE_LABELS, Role, isRole } from '../auth/roles.js';
import { localDateParts, shortDateTime, vietnameseDateTime } from '../documents/vietnamese-format.js';
import type { ControlEntryRecord } from './dossier.schema.js';

/** A line of the printed control sheet (Circular 03/2025/TT-VPCP form 06): who gave, who received, when, how it ended. */
export interface ControlSheetRow {
  readonly no: number;
  readonly from: string;
  readonly to: string;
  readonly handedAt: string;
  readonly fromOfficer: string;
  readonly toOfficer: string;
  /** Trước hạn, Đúng hạn, Quá hạn; "Đang giải quyết" while the step is open; empty for a step without its own time. */
  readonly result: string;
  readonly note: string;
}

/** The unit that holds a step, as the sheet's "Tên cơ quan" column names it: the agency, then its part. */
const UNIT_PARTS: Readonly<Record<string, string>> = { [Role.Reception]: 'Bộ phận Một cửa' };

function unitName(entry: ControlEntryRecord, agencyName: (code: string) => string): string {
  const group = entry.receiverGroup ?? '';
  const part = UNIT_PARTS[group] ?? (isRole(group) ? ROLE_LABELS[group] : group);
  return part ? `${agencyName(entry.unitAgencyCode)} (${part})` : agencyName(entry.unitAgencyCode);
}

/**
 * The control sheet's rows from its records, oldest hand-over first. The giver of a step is the unit
 * whose officer received the previous step; a step nobody in the dossier handed over (the first, or
 * one reopened by the applicant's supplement) is given by the applicant.
 */
export function controlSheetRows(
  entries: readonly ControlEntryRecord[],
  facts: { applicantName: string; agencyName: (code: string) => string; utcOffsetMinutes: number },
): ControlSheetRow[] {
  const offset = facts.utcOffsetMinutes;
  return entries.map((entry, index) => {
    const previous = entries
      .slice(0, index)
      .filter((e) => e.completedAt && e.receiverId && e.receiverId === entry.giverId && e.completedAt <= entry.handedOverAt)
      .at(-1);
    return {
      no: index + 1,
      from: previous ? unitName(previous, facts.agencyName) : `Người nộp hồ sơ: ${facts.applicantName}`,
      to: unitName(entry, facts.agencyName),
      handedAt: vietnameseDateTime(entry.handedOverAt, offset),
      fromOfficer: entry.giverName ?? '',
      toOfficer: entry.receiverName ?? '',
      result: result(entry, offset),
      note: note(entry, offset),
    };
  });
}

function result(entry: ControlEntryRecord, offset: number): string {
  if (!entry.completedAt) return 'Đang giải quyết';
  if (entry.outcome === 'cancelled' || !entry.dueAt) return '';
  if (entry.completedAt > entry.dueAt) return 'Quá hạn';
  // Early when finished on a day before the step's due day; on the due day itself, on time.
  return localDay(entry.completedAt, offset) < localDay(entry.dueAt, offset) ? 'Trước hạn' : 'Đúng hạn';
}

function note(entry: ControlEntryRecord, offset: number): string {
  const parts = [entry.elementName ?? entry.elementId];
  if (entry.dueAt) parts.push(`hạn ${shortDateTime(entry.dueAt, offset)}`);
  if (entry.completedAt && entry.outcome !== 'cancelled') parts.push(`xong ${shortDateTime(entry.completedAt, offset)}`);
  if (entry.outcome === 'cancelled') parts.push('không thực hiện (hồ sơ chuyển hướng khác)');
  if (entry.lateMinutes && entry.lateMinutes > 0) parts.push(`quá hạn ${formatLate(entry.lateMinutes)}`);
  return parts.join('; ');
}

function formatLate(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return [hours > 0 ? `${hours} giờ` : '', rest > 0 ? `${rest} phút` : ''].filter(Boolean).join(' ') + ' làm việc';
}

function localDay(instant: Date, offset: number): string {
  const { year, month, day } = localDateParts(instant, offset);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** What the sheet shows, in a word: a new version is issued only when it changes. */
export function controlSheetState(entries: readonly ControlEntryRecord[]): string {
  const facts = entries.map((e) => [e.userTaskKey, e.receiverName ?? '', e.completedAt?.toISOString() ?? '', e.outcome ?? ''].join('|')).join('\n');
  return createHash('sha256').update(facts).digest('hex').slice(0, 32);
}
