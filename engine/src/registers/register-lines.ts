import { shortDateTime } from '../documents/vietnamese-format.js';
import { DossierStatus, STATUS_LABELS } from '../dossiers/dossier-status.js';
import type { RegisterRecord } from './dossier-register.repository.js';

/**
 * A line of the dossier register (sổ theo dõi hồ sơ, form 07 of Circular 03/2025/TT-VPCP; form 06
 * of Circular 01/2018/TT-VPCP before it), every value as printed.
 */
export interface RegisterLine {
  readonly no: number;
  readonly code: string;
  readonly procedureName: string;
  /** Sets of documents: one dossier, one set. */
  readonly copies: number;
  readonly applicant: string;
  readonly contact: string;
  readonly agency: string;
  readonly receivedAt: string;
  readonly dueDate: string;
  readonly transferredAt: string;
  readonly resultAt: string;
  readonly returnedAt: string;
  readonly note: string;
}

/** The register's columns in the form's order: header and the line's field. */
export const REGISTER_COLUMNS: readonly (readonly [string, keyof RegisterLine])[] = [
  ['TT', 'no'],
  ['Mã hồ sơ', 'code'],
  ['Tên thủ tục hành chính', 'procedureName'],
  ['Số lượng hồ sơ (bộ)', 'copies'],
  ['Tên cá nhân, tổ chức', 'applicant'],
  ['Địa chỉ, số điện thoại', 'contact'],
  ['Cơ quan chủ trì giải quyết', 'agency'],
  ['Nhận hồ sơ', 'receivedAt'],
  ['Hẹn trả kết quả', 'dueDate'],
  ['Chuyển hồ sơ đến cơ quan giải quyết', 'transferredAt'],
  ['Nhận kết quả từ cơ quan giải quyết', 'resultAt'],
  ['Trả kết quả cho cá nhân, tổ chức', 'returnedAt'],
  ['Ghi chú', 'note'],
];

export function registerLines(
  records: readonly RegisterRecord[],
  facts: { agencyName: (code: string) => string; utcOffsetMinutes: number; now: Date },
): RegisterLine[] {
  const at = (value: Date | null) => (value ? shortDateTime(value, facts.utcOffsetMinutes) : '');
  return records.map((r, index) => ({
    no: index + 1,
    code: r.code,
    procedureName: r.procedureName ?? '',
    copies: 1,
    applicant: r.applicant?.fullName ?? r.applicantName,
    contact: [r.applicant?.address, r.applicant?.phone].filter(Boolean).join('; '),
    agency: facts.agencyName(r.agencyCode),
    receivedAt: at(r.receivedAt),
    dueDate: at(r.dueDate),
    transferredAt: at(r.transferredAt),
    resultAt: at(r.resultAt),
    returnedAt: at(r.returnedAt),
    note: note(r, facts.now, at),
  }));
}

/** The status, and what the book must show at a glance: late (against the first appointment), a new appointment. */
function note(r: RegisterRecord, now: Date, at: (value: Date | null) => string): string {
  const parts: string[] = [STATUS_LABELS[r.status as DossierStatus] ?? r.status];
  const settled = r.finishedAt ?? (r.status === DossierStatus.Withdrawn || r.status === DossierStatus.NotReceived ? r.receivedAt : null);
  if (r.dueDate && (settled ?? now) > r.dueDate) parts.push('quá hạn');
  if (r.rescheduledDueDate) parts.push(`hẹn lại ${at(r.rescheduledDueDate)}`);
  return parts.join('; ');
}
