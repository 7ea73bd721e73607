import { addDays, weekday, type LocalDate } from './local-date.js';
import { statutoryDaysOff, type DayOff } from './statutory-holidays.js';

export interface OfficePeriod {
  /** "HH:MM" local time. */
  start: string;
  end: string;
}

export interface CalendarSettings {
  officeHours: OfficePeriod[];
  /** Weekly rest days, 0 = Sunday … 6 = Saturday. */
  restDays: number[];
  /** Vietnam has one zone and no daylight saving: a fixed offset is exact. */
  utcOffsetMinutes: number;
}

export const defaultCalendarSettings: CalendarSettings = {
  officeHours: [
    { start: '07:00', end: '11:30' },
    { start: '13:30', end: '17:00' },
  ],
  restDays: [0, 6],
  utcOffsetMinutes: 7 * 60,
};

/** An administrator's correction of one day: an extra day off, or a (make-up) working day. */
export interface CalendarOverride {
  date: LocalDate;
  kind: 'day_off' | 'working_day';
  name: string;
}

export interface WorkingDuration {
  days?: number;
  hours?: number;
  minutes?: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Far enough for any legal deadline; stops a loop on a calendar with no working day at all. */
const SEARCH_LIMIT_DAYS = 366 * 20;

/**
 * Working-time arithmetic on the province's calendar: office hours, weekly rest days, statutory
 * holidays (lunar ones included) and per-day overrides. Due dates always land inside office hours
 * of a working day, and measuring the time between a start and its due date gives back the amount.
 */
export class WorkingCalendar {
  private readonly periods: Array<[number, number]>;
  private readonly overrides: Map<LocalDate, CalendarOverride>;
  private readonly statutoryCache = new Map<number, Map<LocalDate, DayOff>>();
  readonly minutesPerDay: number;

  constructor(
    readonly settings: CalendarSettings = defaultCalendarSettings,
    overrides: CalendarOverride[] = [],
  ) {
    this.periods = settings.officeHours
      .map((p) => [parseClock(p.start) * MINUTE, parseClock(p.end) * MINUTE] as [number, number])
      .sort((a, b) => a[0] - b[0]);
    this.periods.forEach(([start, end], i) => {
      if (end <= start) throw new Error(`Office period ${settings.officeHours[i].start}–${settings.officeHours[i].end} ends before it starts`);
      const next = this.periods[i + 1];
      if (next && next[0] < end) throw new Error('Office periods overlap');
    });
    this.minutesPerDay = this.periods.reduce((sum, [start, end]) => sum + end - start, 0) / MINUTE;
    if (this.minutesPerDay === 0) throw new Error('A working day needs at least one office period');
    this.overrides = new Map(overrides.map((o) => [o.date, o]));
  }

  /** Days off of a year, statutory and overridden, with their names. */
  daysOff(year: number): DayOff[] {
    const result = new Map(this.statutory(year));
    for (const o of this.overrides.values()) {
      if (!o.date.startsWith(`${year}-`)) continue;
      if (o.kind === 'day_off') result.set(o.date, { date: o.date, name: o.name, source: 'override' });
      else result.delete(o.date);
    }
    return [...result.values()].sort((a, b) => a.date.localeCompare(b.date));
  }

  isWorkingDay(date: LocalDate): boolean {
    const override = this.overrides.get(date);
    if (override) return override.kind === 'working_day';
    if (this.statutory(Number(date.slice(0, 4))).has(date)) return false;
    return !this.settings.restDays.includes(weekday(date));
  }

  /** The due moment after `amount` of working time from `start` (1 day = the office hours of one day). */
  add(start: Date, amount: WorkingDuration): Date {
    const minutes = (amount.days ?? 0) * this.minutesPerDay + (amount.hours ?? 0) * 60 + (amount.minutes ?? 0);
    if (minutes < 0) throw new Error('A working duration cannot be negative');
    let remaining = Math.round(minutes * MINUTE);
    let { date, offset } = this.toLocal(start);
    for (let i = 0; i < SEARCH_LIMIT_DAYS; i++, date = addDays(date, 1), offset = 0) {
      if (!this.isWorkingDay(date)) continue;
      for (const [open, close] of this.periods) {
        const from = Math.max(open, offset);
        if (from >= close) continue;
        if (remaining <= close - from) return this.fromLocal(date, from + remaining);
        remaining -= close - from;
      }
    }
    throw new Error('No working time found within twenty years: check the calendar settings');
  }

  /**
   * Working minutes between two moments (0 when `end` is not after `start`). The walk goes day by
   * day, so it stops twenty years after `start`: a later `end` (a due date typed as year 9999)
   * counts as that far, which is still "not due" for every use, instead of holding the process.
   */
  workingMinutesBetween(start: Date, end: Date): number {
    if (end <= start) return 0;
    const from = this.toLocal(start);
    const to = this.toLocal(new Date(Math.min(end.getTime(), start.getTime() + SEARCH_LIMIT_DAYS * DAY)));
    let total = 0;
    for (let date = from.date; date <= to.date; date = addDays(date, 1)) {
      if (!this.isWorkingDay(date)) continue;
      const lower = date === from.date ? from.offset : 0;
      const upper = date === to.date ? to.offset : DAY;
      for (const [open, close] of this.periods) total += Math.max(0, Math.min(close, upper) - Math.max(open, lower));
    }
    return total / MINUTE;
  }

  /** The local calendar day of a moment. */
  localDay(moment: Date): LocalDate {
    return this.toLocal(moment).date;
  }

  /** The last working day before `date`. */
  previousWorkingDay(date: LocalDate): LocalDate {
    for (let day = addDays(date, -1), i = 0; i < SEARCH_LIMIT_DAYS; i++, day = addDays(day, -1)) {
      if (this.isWorkingDay(day)) return day;
    }
    throw new Error('No working day found within twenty years: check the calendar settings');
  }

  /** The first working day after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate {
    for (let day = addDays(date, 1), i = 0; i < SEARCH_LIMIT_DAYS; i++, day = addDays(day, 1)) {
      if (this.isWorkingDay(day)) return day;
    }
    throw new Error('No working day found within twenty years: check the calendar settings');
  }

  /** The close of the last office period of a day. */
  closeOf(date: LocalDate): Date {
    return this.fromLocal(date, this.periods.at(-1)![1]);
  }

  /** Minutes since local midnight of a moment. */
  localMinutes(moment: Date): number {
    return this.toLocal(moment).offset / MINUTE;
  }

  /** The start of the next working period at or after `moment` (where a clock that was stopped resumes). */
  nextWorkingMoment(moment: Date): Date {
    return this.add(moment, {});
  }

  private statutory(year: number): Map<LocalDate, DayOff> {
    let days = this.statutoryCache.get(year);
    if (!days) {
      days = new Map(statutoryDaysOff(year, this.settings.restDays).map((d) => [d.date, d]));
      this.statutoryCache.set(year, days);
    }
    return days;
  }

  /** Local day and milliseconds since its midnight: integer arithmetic keeps the round trip exact. */
  private toLocal(moment: Date): { date: LocalDate; offset: number } {
    const local = moment.getTime() + this.settings.utcOffsetMinutes * MINUTE;
    const midnight = Math.floor(local / DAY) * DAY;
    return { date: new Date(midnight).toISOString().slice(0, 10), offset: local - midnight };
  }

  private fromLocal(date: LocalDate, offset: number): Date {
    return new Date(Date.parse(`${date}T00:00:00Z`) + offset - this.settings.utcOffsetMinutes * MINUTE);
  }
}

/** "07:00-11:30,13:30-17:00" as office periods (the form of CALENDAR_OFFICE_HOURS and of the agency directory). */
export function parseOfficeHours(text: string): OfficePeriod[] {
  return text.split(',').map((period) => {
    const [start = '', end = ''] = period.trim().split('-');
    return { start, end };
  });
}

export function parseClock(value: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw new Error(`Not a time of day (HH:MM): ${value}`);
  return Number(match[1]) * 60 + Number(match[2]);
}
