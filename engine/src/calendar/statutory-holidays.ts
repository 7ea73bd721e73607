import { createRequire } from 'node:module';
import type HolidaysClass from 'date-holidays';
import { addDays, toLocalDate, weekday, type LocalDate } from './local-date.js';

export interface DayOff {
  date: LocalDate;
  name: string;
  /** statutory: from the Labour Code rules; compensatory: moved off a weekend; override: set by an administrator. */
  source: 'statutory' | 'compensatory' | 'override';
}

const require = createRequire(import.meta.url);
let lunar: HolidaysClass | undefined;

/**
 * Only the two lunar rules are taken from date-holidays (its Vietnamese lunar calendar is computed
 * for UTC+7). Loaded on the first deadline computed, not at start: with its astronomy and every
 * country's rules it is the largest library the platform loads (docs/benchmarks.md, Cold start).
 */
function lunarCalendar(): HolidaysClass {
  if (!lunar) {
    const Holidays = require('date-holidays') as typeof HolidaysClass;
    lunar = new Holidays();
    lunar.setHoliday('vietnamese 1-0-1', { name: { vi: 'tet' }, type: 'public' });
    lunar.setHoliday('vietnamese 3-0-10', { name: { vi: 'hung-kings' }, type: 'public' });
  }
  return lunar;
}

/**
 * The public holidays of the Labour Code 2019 (art. 112) for a year, before the government's
 * yearly announcement: 1/1; Tết Nguyên Đán (New Year's Eve and the first four lunar days);
 * Giỗ Tổ Hùng Vương (10/3 lunar); 30/4; 1/5; Quốc khánh 2/9 and an adjacent day. A holiday on a
 * weekly rest day is compensated on the next working day (art. 111). Administrators correct a
 * year with overrides once the Prime Minister's decision is out.
 */
export function statutoryDaysOff(year: number, restDays: readonly number[] = [0, 6]): DayOff[] {
  const lunar = lunarAnchors(year);
  const days: DayOff[] = [{ date: toLocalDate(year, 1, 1), name: 'Tết Dương lịch', source: 'statutory' }];
  const tetNames = ['Giao thừa Tết Nguyên Đán', 'Mùng 1 Tết', 'Mùng 2 Tết', 'Mùng 3 Tết', 'Mùng 4 Tết'];
  tetNames.forEach((name, i) => days.push({ date: addDays(lunar.tet, i - 1), name, source: 'statutory' }));
  days.push({ date: lunar.hungKings, name: 'Giỗ Tổ Hùng Vương', source: 'statutory' });
  days.push({ date: toLocalDate(year, 4, 30), name: 'Ngày Giải phóng miền Nam, thống nhất đất nước', source: 'statutory' });
  days.push({ date: toLocalDate(year, 5, 1), name: 'Ngày Quốc tế Lao động', source: 'statutory' });
  const nationalDay = toLocalDate(year, 9, 2);
  days.push({ date: nationalDay, name: 'Quốc khánh', source: 'statutory' });
  // The adjacent day is chosen to join the weekend: 3/9 after a Monday, otherwise 1/9.
  const adjacent = weekday(nationalDay) === 1 ? addDays(nationalDay, 1) : addDays(nationalDay, -1);
  days.push({ date: adjacent, name: 'Quốc khánh (ngày liền kề)', source: 'statutory' });
  return withCompensation(days, restDays);
}

function withCompensation(days: DayOff[], restDays: readonly number[]): DayOff[] {
  const taken = new Set(days.map((d) => d.date));
  const result = [...days];
  for (const day of [...days].sort((a, b) => a.date.localeCompare(b.date))) {
    if (!restDays.includes(weekday(day.date))) continue;
    let candidate = addDays(day.date, 1);
    while (restDays.includes(weekday(candidate)) || taken.has(candidate)) candidate = addDays(candidate, 1);
    taken.add(candidate);
    result.push({ date: candidate, name: `Nghỉ bù ${day.name}`, source: 'compensatory' });
  }
  return result.sort((a, b) => a.date.localeCompare(b.date));
}

/** Gregorian dates of the lunar new year and of 10/3 lunar. */
function lunarAnchors(year: number): { tet: LocalDate; hungKings: LocalDate } {
  const list = lunarCalendar().getHolidays(year, 'vi');
  const find = (name: string) => list.find((h) => h.name === name)?.date.slice(0, 10);
  const tet = find('tet');
  const hungKings = find('hung-kings');
  if (!tet || !hungKings) throw new Error(`Lunar holidays of ${year} are not available`);
  return { tet, hungKings };
}
