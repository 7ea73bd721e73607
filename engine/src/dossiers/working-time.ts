import type { WorkingDuration } from '../calendar/working-calendar.js';
import type { WorkingTime } from '../procedures/bundle.js';

const STEP_DURATION = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?)?$/;

/** A `stepDuration` header (`P1D`, `PT4H`, `P1DT2H`) as working time; undefined when absent or unreadable (lint reports those). */
export function parseStepDuration(text: string | undefined): WorkingDuration | undefined {
  const match = text ? STEP_DURATION.exec(text.trim()) : null;
  if (!match || text!.trim() === 'P' || text!.trim().endsWith('T')) return undefined;
  return { days: Number(match[1] ?? 0), hours: Number(match[2] ?? 0), minutes: Number(match[3] ?? 0) };
}

/** The procedure's processing time, the reduced one when the province set it. */
export function processingDuration(time: { legal: WorkingTime; reduced?: WorkingTime }): WorkingDuration {
  const effective = time.reduced ?? time.legal;
  return effective.unit === 'workingDays' ? { days: effective.value } : { hours: effective.value };
}

export function durationMinutes(duration: WorkingDuration, minutesPerDay: number): number {
  return (duration.days ?? 0) * minutesPerDay + (duration.hours ?? 0) * 60 + (duration.minutes ?? 0);
}

/**
 * Working minutes before the due moment at which the warning falls: one working day, or for a
 * time of a day or less, its last quarter (a 4-hour procedure is warned one hour before).
 */
export function warningLeadMinutes(totalMinutes: number, minutesPerDay: number): number {
  return totalMinutes > minutesPerDay ? minutesPerDay : Math.round(totalMinutes / 4);
}

/** on_time, due_soon (a quarter of the allotted time or one working hour left, whichever is more) or late. */
export type DeadlineState = 'on_time' | 'due_soon' | 'late';

export function deadlineState(remainingMinutes: number, allottedMinutes: number, late: boolean): DeadlineState {
  if (late) return 'late';
  return remainingMinutes <= Math.max(60, allottedMinutes / 4) ? 'due_soon' : 'on_time';
}
