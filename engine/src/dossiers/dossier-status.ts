/** Statuses shared with the national portal; the BPMN token position is kept apart from them. */
export const DossierStatus = {
  New: 'new',
  Received: 'received',
  NotReceived: 'not_received',
  Processing: 'processing',
  SupplementRequested: 'supplement_requested',
  WaitingForFee: 'waiting_for_fee',
  Withdrawn: 'withdrawn',
  Stopped: 'stopped',
  Done: 'done',
  Returned: 'returned',
} as const;

export type DossierStatus = (typeof DossierStatus)[keyof typeof DossierStatus];

export const ALL_STATUSES: readonly DossierStatus[] = Object.values(DossierStatus);

/** What citizens and officers read. */
export const STATUS_LABELS: Readonly<Record<DossierStatus, string>> = {
  new: 'Mới nộp, chờ tiếp nhận',
  received: 'Đã tiếp nhận',
  not_received: 'Từ chối tiếp nhận',
  processing: 'Đang giải quyết',
  supplement_requested: 'Yêu cầu bổ sung hồ sơ',
  waiting_for_fee: 'Chờ nộp phí, lệ phí',
  withdrawn: 'Đã rút hồ sơ',
  stopped: 'Dừng xử lý',
  done: 'Đã có kết quả',
  returned: 'Đã trả kết quả',
};

export function isDossierStatus(value: unknown): value is DossierStatus {
  return typeof value === 'string' && (ALL_STATUSES as readonly string[]).includes(value);
}

/**
 * The legal status changes, listed once. They follow the one-stop flow (receive → process → result
 * → return, Decree 61/2018/NĐ-CP arts. 18–21 as amended by Decree 107/2021/NĐ-CP): a dossier is
 * received, refused or sent back for a supplement at the counter; while it is handled it may wait
 * for the applicant (supplement, fee) and come back to where it was, be withdrawn or stopped; a
 * result is handed over. Final statuses have no way out.
 */
export const LEGAL_TRANSITIONS: Readonly<Record<DossierStatus, readonly DossierStatus[]>> = {
  new: ['received', 'not_received', 'supplement_requested', 'waiting_for_fee', 'withdrawn', 'stopped'],
  received: ['processing', 'supplement_requested', 'waiting_for_fee', 'withdrawn', 'stopped', 'done'],
  processing: ['supplement_requested', 'waiting_for_fee', 'withdrawn', 'stopped', 'done'],
  // The applicant's answer takes the dossier back to where it was asked; no answer ends it.
  supplement_requested: ['new', 'received', 'processing', 'not_received', 'withdrawn', 'stopped'],
  // A fee paid takes the dossier back to where it was asked, a result included (fee paid on return).
  waiting_for_fee: ['new', 'received', 'processing', 'done', 'withdrawn', 'stopped'],
  done: ['returned', 'waiting_for_fee'],
  not_received: [],
  withdrawn: [],
  stopped: [],
  returned: [],
};

/** Statuses after which nothing more happens to the dossier: those with no way out. */
export const FINAL_STATUSES: readonly DossierStatus[] = ALL_STATUSES.filter((s) => LEGAL_TRANSITIONS[s].length === 0);

export function canTransition(from: DossierStatus, to: DossierStatus): boolean {
  return LEGAL_TRANSITIONS[from].includes(to);
}
