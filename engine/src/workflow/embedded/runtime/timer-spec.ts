import type { TimerDef } from '../model/definition.js';
import { CronError, isCron, nextCronTime, parseCron } from './cron.js';
import { ExpressionError, evaluateExpression, isExpression } from './feel.js';
import type { Variables } from '../../workflow-engine.port.js';

/** When a timer fires first, and how it repeats (cycles): repetitions -1 = forever. */
export interface TimerSchedule {
  dueDate: Date;
  repetitions: number;
  interval?: string;
}

const durationPattern = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Adds an ISO-8601 duration to a date; years and months follow the calendar (UTC), as Zeebe does. */
export function addDuration(date: Date, iso: string): Date {
  const match = durationPattern.exec(iso.trim());
  if (!match || iso.trim() === 'P' || iso.trim().endsWith('T')) throw new ExpressionError(`'${iso}' is not an ISO-8601 duration`);
  const [, negative, y, mo, w, d, h, mi, s] = match;
  const sign = negative ? -1 : 1;
  const result = new Date(date.getTime());
  if (y || mo) result.setUTCMonth(result.getUTCMonth() + sign * (Number(y ?? 0) * 12 + Number(mo ?? 0)));
  const ms =
    ((Number(w ?? 0) * 7 + Number(d ?? 0)) * 86_400 + Number(h ?? 0) * 3_600 + Number(mi ?? 0) * 60 + Number(s ?? 0)) * 1000;
  return new Date(result.getTime() + sign * ms);
}

/** A date-time, possibly with a zone id as FEEL writes it ("…+07:00[Asia/Ho_Chi_Minh]"): the offset fixes the instant. */
export function parseDateTime(text: string): Date | undefined {
  const date = new Date(text.trim().replace(/\[[^\]]+\]$/, ''));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function parseDate(text: string): Date {
  const date = parseDateTime(text);
  if (!date) throw new ExpressionError(`'${text}' is not an ISO-8601 date-time`);
  return date;
}

/** Computes the first due date of a timer definition, evaluating FEEL when the definition is an expression. */
export function scheduleTimer(timer: TimerDef, context: Variables, now: Date): TimerSchedule {
  const value = evaluateExpression(timer.expression, context);
  if (typeof value !== 'string') {
    throw new ExpressionError(`expected the timer '${timer.expression}' to be a duration, date or cycle text, got ${JSON.stringify(value)}`);
  }
  switch (timer.kind) {
    case 'duration':
      if (isExpression(timer.expression) && !durationPattern.test(value.trim())) {
        const type = /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'DATE' : /^\d{4}-\d{2}-\d{2}T/.test(value) ? 'DATE_TIME' : undefined;
        // Zeebe's message for a duration timer whose expression gives a date (TimerCatchEventTest).
        if (type) {
          throw new ExpressionError(
            `Expected result of the expression '${timer.expression.trim().slice(1).trim()}' to be one of '[DURATION, PERIOD, STRING]', but was '${type}'.`,
          );
        }
      }
      return { dueDate: addDuration(now, value), repetitions: 0 };
    case 'date':
      return { dueDate: parseDate(value), repetitions: 0 };
    case 'cycle':
      return parseCycle(value, now);
  }
}

/** "R/PT10S", "R5/PT10S", "R3/2030-01-01T08:00:00Z/P1D", or a cron expression ("0 0 9 * * MON-FRI"). */
export function parseCycle(text: string, now: Date): TimerSchedule {
  if (isCron(text)) return cronSchedule(text, now);
  const parts = text.trim().split('/');
  const repeat = /^R(\d*)$/.exec(parts[0] ?? '');
  if (!repeat || parts.length < 2 || parts.length > 3) {
    throw new ExpressionError(`'${text}' is not a timer cycle (expected R[n]/[start/]duration or a six-field cron expression)`);
  }
  const total = repeat[1] === '' ? -1 : Number(repeat[1]);
  const interval = parts.at(-1)!;
  const dueDate = parts.length === 3 ? parseDate(parts[1]) : addDuration(now, interval);
  addDuration(now, interval); // validates the interval of a start-date cycle too
  return { dueDate, repetitions: total === -1 ? -1 : Math.max(total - 1, 0), interval };
}

/** A cron cycle repeats forever; one that never matches (31 June) is due at once, and only once, as in Zeebe. */
function cronSchedule(text: string, now: Date): TimerSchedule {
  let next: Date | undefined;
  try {
    next = nextCronTime(parseCron(text), now);
  } catch (error) {
    if (error instanceof CronError) throw new ExpressionError(`'${text.trim()}' is not a valid cron expression: ${error.message}`);
    throw error;
  }
  return next ? { dueDate: next, repetitions: -1, interval: text.trim() } : { dueDate: now, repetitions: 0 };
}

/** When a repeating timer that fired at `dueDate` fires next, or undefined when it never does again. */
export function nextCycleDate(interval: string, dueDate: Date, now: Date): Date | undefined {
  // A cron cycle goes on from the time it fired (Zeebe's CronTimer from the current time).
  if (isCron(interval)) return nextCronTime(parseCron(interval), now);
  // A cycle that fell behind (a start date in the past, downtime) fires once and goes on one
  // interval after that firing, as Zeebe does (TimerStartEventTest#
  // shouldTriggerImmediatelyAndSpaceCyclesCorrectlyWhenStartDateIsInThePast).
  const next = addDuration(dueDate, interval);
  return next <= now ? addDuration(now, interval) : next;
}
