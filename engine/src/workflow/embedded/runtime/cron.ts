/**
 * Spring-style cron expressions as Zeebe reads a timer cycle that is not "R…" (its CronTimer parses
 * cron-utils' SPRING53 dialect): six fields, seconds first — second minute hour day-of-month month
 * day-of-week — with lists, ranges, steps, names (JAN-DEC, SUN-SAT, 0 and 7 = Sunday), `?`, the
 * day-of-month forms L, L-n, nW and LW, the day-of-week forms nL (last) and n#k (k-th), and the
 * nicknames @yearly, @annually, @monthly, @weekly, @daily, @midnight and @hourly. A day must match
 * both the day-of-month and the day-of-week field, as in Spring. Times are in UTC (Zeebe uses the
 * broker's zone, UTC in its images).
 */

export class CronError extends Error {}

interface DayOfMonthRule {
  kind: 'last' | 'weekday' | 'lastWeekday';
  /** `last`: days before the last day (L-n); `weekday`: the day nW is nearest to. */
  n: number;
}
interface DayOfWeekRule {
  kind: 'last' | 'nth';
  day: number;
  n: number;
}

export interface Cron {
  seconds: Set<number>;
  minutes: Set<number>;
  hours: Set<number>;
  /** Plain days of the month, and the L/W rules; a day matches if either matches. */
  days: Set<number>;
  dayRules: DayOfMonthRule[];
  months: Set<number>;
  /** 0 = Sunday … 6 = Saturday, and the L/# rules. */
  weekdays: Set<number>;
  weekdayRules: DayOfWeekRule[];
}

const nicknames: Record<string, string> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * 0',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};
const monthNames = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const dayNames = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** Whether a timer cycle is written as cron rather than as an ISO-8601 repeating interval. */
export function isCron(text: string): boolean {
  const value = text.trim();
  return value.startsWith('@') || /\s/.test(value);
}

export function parseCron(text: string): Cron {
  const expanded = nicknames[text.trim().toLowerCase()] ?? text.trim();
  const fields = expanded.split(/\s+/);
  if (fields.length !== 6) throw new CronError(`cron expression must consist of 6 fields (found ${fields.length} in "${text}")`);
  const [s, mi, h, dom, mo, dow] = fields as [string, string, string, string, string, string];
  const cron: Cron = {
    seconds: values(s, 0, 59, 'second'),
    minutes: values(mi, 0, 59, 'minute'),
    hours: values(h, 0, 23, 'hour'),
    days: new Set(),
    dayRules: [],
    months: values(mo, 1, 12, 'month', monthNames, 1),
    weekdays: new Set(),
    weekdayRules: [],
  };
  for (const part of dom.split(',')) {
    const upper = part.toUpperCase();
    const last = /^L(?:-(\d+))?$/.exec(upper);
    const weekday = /^(\d+)W$/.exec(upper);
    if (last) cron.dayRules.push({ kind: 'last', n: inRange(Number(last[1] ?? 0), 0, 30, 'day-of-month offset') });
    else if (upper === 'LW') cron.dayRules.push({ kind: 'lastWeekday', n: 0 });
    else if (weekday) cron.dayRules.push({ kind: 'weekday', n: inRange(Number(weekday[1]), 1, 31, 'day-of-month') });
    else for (const d of values(part, 1, 31, 'day-of-month')) cron.days.add(d);
  }
  for (const part of dow.split(',')) {
    const upper = part.toUpperCase();
    const last = /^([0-7]|[A-Z]{3})L$/.exec(upper);
    const nth = /^([0-7]|[A-Z]{3})#([1-5])$/.exec(upper);
    if (last) cron.weekdayRules.push({ kind: 'last', day: weekdayOf(last[1]), n: 0 });
    else if (nth) cron.weekdayRules.push({ kind: 'nth', day: weekdayOf(nth[1]), n: Number(nth[2]) });
    else for (const d of values(part, 0, 7, 'day-of-week', dayNames, 0)) cron.weekdays.add(d % 7);
  }
  return cron;
}

function weekdayOf(token: string): number {
  const index = dayNames.indexOf(token);
  if (index >= 0) return index;
  return inRange(Number(token), 0, 7, 'day-of-week') % 7;
}

function inRange(n: number, min: number, max: number, field: string): number {
  if (!Number.isInteger(n) || n < min || n > max) throw new CronError(`${field} ${n} is out of the range ${min}-${max}`);
  return n;
}

/** One field: `*`, `?`, n, a-b, with an optional /step, comma-separated; names map to `names[i] = i + base`. */
function values(field: string, min: number, max: number, name: string, names: string[] = [], base = 0): Set<number> {
  const result = new Set<number>();
  const number = (token: string): number => {
    const index = names.indexOf(token.toUpperCase());
    if (index >= 0) return index + base;
    if (!/^\d+$/.test(token)) throw new CronError(`'${token}' is not a valid ${name}`);
    return inRange(Number(token), min, max, name);
  };
  for (const part of field.split(',')) {
    // `?` ("no specific value") belongs to the two day fields only.
    if (part.startsWith('?') && !name.startsWith('day-of-')) throw new CronError(`'?' is not allowed in the ${name} field`);
    const match = /^(\*|\?|[^-/]+(?:-[^-/]+)?)(?:\/(\d+))?$/.exec(part);
    if (!match) throw new CronError(`'${part}' is not a valid ${name} field`);
    const [, range, stepText] = match;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) throw new CronError(`the step of '${part}' must be at least 1`);
    let from: number;
    let to: number;
    if (range === '*' || range === '?') {
      [from, to] = [min, max];
    } else {
      const [a, b] = range.split('-');
      from = number(a);
      // "a/n" runs from a to the end of the field, as in Spring.
      to = b !== undefined ? number(b) : stepText !== undefined ? max : from;
      if (from > to) throw new CronError(`the range '${range}' of the ${name} goes backwards`);
    }
    for (let v = from; v <= to; v += step) result.add(v);
  }
  return result;
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const weekdayAt = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).getUTCDay();

function dayMatches(cron: Cron, year: number, month: number, day: number): boolean {
  const length = daysIn(year, month);
  const weekday = weekdayAt(year, month, day);
  const nearestWeekday = (target: number) => {
    const t = Math.min(target, length);
    const w = weekdayAt(year, month, t);
    // Saturday moves to Friday, Sunday to Monday, never leaving the month.
    if (w === 6) return t === 1 ? 3 : t - 1;
    if (w === 0) return t === length ? t - 2 : t + 1;
    return t;
  };
  const byDayOfMonth =
    cron.days.has(day) ||
    cron.dayRules.some((rule) =>
      rule.kind === 'last' ? day === length - rule.n : rule.kind === 'weekday' ? day === nearestWeekday(rule.n) : day === nearestWeekday(length),
    );
  const byDayOfWeek =
    cron.weekdays.has(weekday) ||
    cron.weekdayRules.some((rule) =>
      weekday !== rule.day ? false : rule.kind === 'last' ? day + 7 > length : Math.ceil(day / 7) === rule.n,
    );
  return byDayOfMonth && byDayOfWeek;
}

function matches(cron: Cron, date: Date): boolean {
  return (
    cron.seconds.has(date.getUTCSeconds()) &&
    cron.minutes.has(date.getUTCMinutes()) &&
    cron.hours.has(date.getUTCHours()) &&
    cron.months.has(date.getUTCMonth() + 1) &&
    dayMatches(cron, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())
  );
}

/** Far enough for any day that exists (29 February on a given weekday recurs within 28 years). */
const horizonYears = 30;

/**
 * The next time the cron matches after `from`, or undefined if it never does (31 June). As in
 * cron-utils, which Zeebe uses: when `from` itself matches, the search starts one second later and
 * a match there keeps `from`'s milliseconds; otherwise the result is a whole second.
 */
export function nextCronTime(cron: Cron, from: Date): Date | undefined {
  const start = matches(cron, from) ? new Date(from.getTime() + 1000) : from;
  if (matches(cron, start)) return start;
  const t = new Date(Math.floor(start.getTime() / 1000) * 1000 + 1000);
  const limit = t.getUTCFullYear() + horizonYears;
  while (t.getUTCFullYear() <= limit) {
    if (!cron.months.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0);
      continue;
    }
    if (!dayMatches(cron, t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate())) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0);
      continue;
    }
    if (!cron.hours.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0);
      continue;
    }
    if (!cron.minutes.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0);
      continue;
    }
    if (!cron.seconds.has(t.getUTCSeconds())) {
      t.setUTCSeconds(t.getUTCSeconds() + 1);
      continue;
    }
    return t;
  }
  return undefined;
}
