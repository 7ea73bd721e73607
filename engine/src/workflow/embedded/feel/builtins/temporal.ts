// Camunda extensions and overloads: temporal and conversion functions on temporal values.
// https://docs.camunda.io/docs/components/modeler/feel/builtin-functions/feel-built-in-functions-temporal/
// https://docs.camunda.io/docs/components/modeler/feel/builtin-functions/feel-built-in-functions-conversion/
import { FeelDate, FeelDateTime, FeelDuration } from 'feelin';
import { builtin, isString } from '../values.js';
import { feelinBuiltin } from './fallback.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Milliseconds since the epoch of a date-time; a local date-time is read as UTC. */
function epochMillis(value: FeelDateTime): number {
  const local = value.unwrap();
  const offset = value['time offset'] as FeelDuration | null;
  const offsetMs = offset ? offset.unwrap().total({ unit: 'milliseconds' }) : 0;
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second, local.millisecond) - offsetMs;
}

/** The wall-clock text of an instant in a zone ("Z", "+07:00" or a region id). */
function wallClock(epoch: number, zone: string): string | null {
  let shifted = epoch;
  const offset = /^([+-])(\d{2}):(\d{2})$/.exec(zone);
  if (offset) shifted += (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) * 60_000;
  else if (zone !== 'Z' && zone !== 'UTC') {
    let parts: Intl.DateTimeFormatPart[];
    try {
      parts = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
      }).formatToParts(new Date(epoch));
    } catch {
      return null;
    }
    const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    shifted = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'), epoch % 1000);
  }
  const d = new Date(shifted);
  const ms = d.getUTCMilliseconds() ? `.${pad(d.getUTCMilliseconds(), 3)}` : '';
  const text = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${ms}`;
  return text + (offset || zone === 'Z' || zone === 'UTC' ? (offset ? zone : 'Z') : `@${zone}`);
}

/** "PT-5M", "P-1Y-2M": java.time accepts negative components; FEEL writes the sign in front. */
function normalizeDuration(text: string): string {
  const m = /^P(.*)$/.exec(text);
  if (!m || !m[1].includes('-')) return text;
  const body = m[1];
  if (!/^(?:-\d+(?:\.\d+)?[YMWD])*(?:T(?:-\d+(?:\.\d+)?[HMS])+)?$/.test(body)) return text;
  return '-P' + body.replace(/-/g, '');
}

function dateOf(value: unknown): { year: number; month: number; day: number } | null {
  if (value instanceof FeelDate) return value.unwrap();
  if (value instanceof FeelDateTime) return value.unwrap();
  return null;
}

export const temporalBuiltins = {
  'last day of month': builtin(['date'], (value) => {
    const d = dateOf(value);
    if (!d) return null;
    const last = new Date(Date.UTC(d.year, d.month, 0)).getUTCDate();
    return feelinBuiltin('date', d.year, d.month, last);
  }),
  'date and time': builtin(['from', 'time', 'date', 'timezone'], (from, second, date, timezone) => {
    const first = from ?? date;
    const zone = isString(second) ? second : timezone;
    // date and time(date, timezone): the same instant in another zone
    if (first instanceof FeelDateTime && isString(zone)) {
      const text = wallClock(epochMillis(first), zone);
      return text ? feelinBuiltin('date and time', text) : null;
    }
    const args = [first, second].filter((a) => a !== undefined);
    return feelinBuiltin('date and time', ...args);
  }),
  duration: builtin(['from'], (from) => feelinBuiltin('duration', isString(from) ? normalizeDuration(from) : from)),
  'years and months duration': builtin(['from', 'to'], (from, to) => {
    const a = dateOf(from);
    const b = dateOf(to);
    if (!a || !b) return null;
    let months = b.year * 12 + b.month - (a.year * 12 + a.month);
    if (months > 0 && b.day < a.day) months--;
    if (months < 0 && b.day > a.day) months++;
    const abs = Math.abs(months);
    return feelinBuiltin('duration', `${months < 0 ? '-' : ''}P${Math.floor(abs / 12)}Y${abs % 12}M`);
  }),
};
