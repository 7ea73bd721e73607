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

/** Statuses after which nothing more happens to the dossier. */
export const FINAL_STATUSES: readonly DossierStatus[] = ['not_received', 'withdrawn', 'stopped', 'returned'];

export function isDossierStatus(value: unknown): value is DossierStatus {
  return typeof value === 'string' && (ALL_STATUSES as readonly string[]).includes(value);
}
