import type {
  wfIncidents,
  wfJobs,
  wfMessageSubscriptions,
  wfSignalSubscriptions,
  wfTimers,
  wfUserTasks,
} from '../workflow.schema.js';
import type { WaitKind } from './state.js';

export type NewJob = typeof wfJobs.$inferInsert;
export type NewUserTask = typeof wfUserTasks.$inferInsert;
export type NewTimer = typeof wfTimers.$inferInsert;
export type NewSubscription = typeof wfMessageSubscriptions.$inferInsert;
export type NewSignalSubscription = typeof wfSignalSubscriptions.$inferInsert;
export type NewIncident = typeof wfIncidents.$inferInsert;

/** Waits of an element instance to close; elementIds narrows it to some events (event sub-process starts). */
export interface ClosedWaits {
  elementInstanceKey: number;
  elementIds?: string[];
}

/** Everything a command does besides element instances and variables, written in the same flush. */
export class Effects {
  readonly jobs: NewJob[] = [];
  readonly userTasks: NewUserTask[] = [];
  readonly timers: NewTimer[] = [];
  readonly subscriptions: NewSubscription[] = [];
  readonly signalSubscriptions: NewSignalSubscription[] = [];
  readonly incidents: NewIncident[] = [];
  readonly closed: Record<WaitKind, ClosedWaits[]> = { job: [], userTask: [], timer: [], message: [], signal: [] };
  readonly jobUpdates: { key: number; state: NewJob['state']; retries?: number; errorMessage?: string | null; availableAt?: Date }[] =
    [];
  readonly resolvedIncidents: number[] = [];
  readonly timerDeletes: number[] = [];
  readonly correlations: { messageKey: number; target: string }[] = [];
  /** Signals thrown by this command: broadcast once its changes are written (behaviors/signals.ts). */
  readonly signals: { name: string; variables: Record<string, unknown> }[] = [];
  /** Job types that got new jobs: workers of these types are woken after commit. */
  readonly jobTypes = new Set<string>();

  /** Closes waits, dropping rows this same command created and has not written yet. */
  close(kind: WaitKind, wait: ClosedWaits): void {
    const matches = (row: { elementInstanceKey?: number | null; elementId: string }) =>
      row.elementInstanceKey === wait.elementInstanceKey && (!wait.elementIds || wait.elementIds.includes(row.elementId));
    const pending: { elementInstanceKey?: number | null; elementId: string }[] =
      kind === 'job'
        ? this.jobs
        : kind === 'userTask'
          ? this.userTasks
          : kind === 'timer'
            ? this.timers
            : kind === 'message'
              ? this.subscriptions
              : this.signalSubscriptions;
    for (let i = pending.length - 1; i >= 0; i--) if (matches(pending[i])) pending.splice(i, 1);
    this.closed[kind].push(wait);
  }
}
