import type { DeadlineState, DossierRow, DossierStatus } from '../api/dossiers.js';
import { useI18n } from '../i18n/i18n.js';

const FINISHED: readonly DossierStatus[] = ['done', 'returned', 'not_received', 'withdrawn', 'stopped'];

export function isFinished(status: DossierStatus): boolean {
  return FINISHED.includes(status);
}

export function StatusBadge({ status }: { status: DossierStatus }) {
  const { t } = useI18n();
  return <span className={`badge badge-status badge-status-${status}`}>{t(`status.${status}`)}</span>;
}

/**
 * A process not started yet (retried by the platform) or that could not be started at all: the
 * latter needs an administrator, so it says so, with the last error on hover.
 */
export function StartStateBadge({ dossier }: { dossier: Pick<DossierRow, 'startState' | 'startAttempts' | 'startLastError'> }) {
  const { t } = useI18n();
  if (dossier.startState !== 'pending' && dossier.startState !== 'failed') return null;
  const title = dossier.startLastError ? t('start.lastError', { attempts: dossier.startAttempts, error: dossier.startLastError }) : undefined;
  return (
    <span className={`badge badge-start-${dossier.startState}`} title={title}>
      {t(`start.${dossier.startState}`)}
    </span>
  );
}

/** Coloured label of a due time; text as well as colour, so it reads without colour vision. */
export function DeadlineBadge({ state }: { state: DeadlineState | undefined }) {
  const { t } = useI18n();
  if (!state) return null;
  return <span className={`badge badge-deadline badge-deadline-${state}`}>{t(`deadline.${state}`)}</span>;
}

/**
 * Where a dossier stands against its appointment: late past the due date, due soon past the
 * warning date (the platform sets it on the working-day calendar), else on time. Finished dossiers
 * are judged by their finishing time.
 */
export function dossierDeadline(dossier: Pick<DossierRow, 'status' | 'dueDate' | 'warningDate' | 'finishedAt' | 'pausedAt'>, now = new Date()): DeadlineState | undefined {
  if (!dossier.dueDate) return undefined;
  const due = new Date(dossier.dueDate);
  if (isFinished(dossier.status)) {
    if (!dossier.finishedAt) return undefined;
    return new Date(dossier.finishedAt) > due ? 'late' : 'on_time';
  }
  const at = dossier.pausedAt ? new Date(dossier.pausedAt) : now;
  if (at > due) return 'late';
  if (dossier.warningDate && at > new Date(dossier.warningDate)) return 'due_soon';
  return 'on_time';
}
