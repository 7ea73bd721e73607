import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { WorkingCalendar } from '../../src/calendar/working-calendar.js';
import { statutoryDaysOff } from '../../src/calendar/statutory-holidays.js';

const calendar = new WorkingCalendar();
/** Local Vietnamese wall-clock time → instant. */
const vn = (isoLocal: string) => new Date(`${isoLocal}+07:00`);

describe('statutory days off', () => {
  test('lunar holidays fall on the right Gregorian dates', () => {
    const names = (year: number) => new Map(statutoryDaysOff(year).map((d) => [d.name, d.date]));
    // Tết Bính Ngọ 2026 is 17 February; Giỗ Tổ 10/3 lunar is 26 April 2026.
    assert.equal(names(2026).get('Mùng 1 Tết'), '2026-02-17');
    assert.equal(names(2026).get('Giao thừa Tết Nguyên Đán'), '2026-02-16');
    assert.equal(names(2026).get('Giỗ Tổ Hùng Vương'), '2026-04-26');
    // Tết Ất Tỵ 2025 is 29 January; Giỗ Tổ 7 April 2025.
    assert.equal(names(2025).get('Mùng 1 Tết'), '2025-01-29');
    assert.equal(names(2025).get('Giỗ Tổ Hùng Vương'), '2025-04-07');
  });

  test('a holiday on a weekend is compensated on the next working day', () => {
    const days = statutoryDaysOff(2026);
    // 26/4/2026 is a Sunday: the compensatory day is Monday 27/4.
    assert.ok(days.some((d) => d.date === '2026-04-27' && d.source === 'compensatory'));
    // 1/1/2026 is a Thursday: no compensation around it.
    assert.equal(days.filter((d) => d.name.includes('Tết Dương lịch')).length, 1);
  });
});

describe('working-time arithmetic', () => {
  test('a dossier received Friday afternoon with 3 working days is due Wednesday afternoon', () => {
    // Friday 2026-11-20 15:00 + 3 days (24 office hours) → Wednesday 2026-11-25 15:00.
    assert.deepEqual(calendar.add(vn('2026-11-20T15:00:00'), { days: 3 }), vn('2026-11-25T15:00:00'));
  });

  test('a request received during lunch starts counting at 13:30', () => {
    assert.deepEqual(calendar.add(vn('2026-11-23T12:00:00'), { hours: 4 }), vn('2026-11-24T07:30:00'));
  });

  test('four working hours from 10:00 skips the lunch break', () => {
    assert.deepEqual(calendar.add(vn('2026-11-23T10:00:00'), { hours: 4 }), vn('2026-11-23T16:00:00'));
  });

  test('Tết is skipped entirely', () => {
    // Thursday 12/2/2026 16:00 + 1 day: Fri 13/2 is a working day, due Fri 16:00.
    assert.deepEqual(calendar.add(vn('2026-02-12T16:00:00'), { days: 1 }), vn('2026-02-13T16:00:00'));
    // Friday 13/2/2026 16:00 + 1 day: 14–15 weekend, 16–20 Tết → Monday 23/2 16:00.
    assert.deepEqual(calendar.add(vn('2026-02-13T16:00:00'), { days: 1 }), vn('2026-02-23T16:00:00'));
  });

  test('an administrator can add a day off and a make-up working Saturday', () => {
    const adjusted = new WorkingCalendar(undefined, [
      { date: '2026-11-24', kind: 'day_off', name: 'Nghỉ theo quyết định của UBND tỉnh' },
      { date: '2026-11-28', kind: 'working_day', name: 'Làm bù' },
    ]);
    assert.equal(adjusted.isWorkingDay('2026-11-24'), false);
    assert.equal(adjusted.isWorkingDay('2026-11-28'), true);
    // Friday 27/11 16:00 + 1 day → the make-up Saturday 28/11 16:00.
    assert.deepEqual(adjusted.add(vn('2026-11-27T16:00:00'), { days: 1 }), vn('2026-11-28T16:00:00'));
    assert.ok(adjusted.daysOff(2026).some((d) => d.date === '2026-11-24' && d.source === 'override'));
  });

  test('invalid office hours are refused with a clear message', () => {
    assert.throws(
      () => new WorkingCalendar({ officeHours: [{ start: '17:00', end: '07:00' }], restDays: [0, 6], utcOffsetMinutes: 420 }),
      /ends before it starts/,
    );
    assert.throws(
      () => new WorkingCalendar({ officeHours: [{ start: '7h', end: '11:30' }], restDays: [0, 6], utcOffsetMinutes: 420 }),
      /Not a time of day/,
    );
  });
});

describe('working-time properties', () => {
  const moment = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true });

  test('adding then measuring working time round-trips', () => {
    fc.assert(
      fc.property(moment, fc.integer({ min: 0, max: 60 * 8 * 40 }), (start, minutes) => {
        const due = calendar.add(start, { minutes });
        return calendar.workingMinutesBetween(start, due) === minutes;
      }),
      { numRuns: 500 },
    );
  });

  test('an appointment never falls on a day off or outside office hours', () => {
    fc.assert(
      fc.property(moment, fc.integer({ min: 1, max: 30 }), (start, days) => {
        const due = calendar.add(start, { days });
        const local = new Date(due.getTime() + 7 * 3_600_000);
        const day = local.toISOString().slice(0, 10);
        // Milliseconds into the local day: a start at 00:00:00.001 gives an appointment at 07:00:00.001, inside office hours.
        const ms = local.getTime() % 86_400_000;
        const at = (h: number, m: number) => (h * 60 + m) * 60_000;
        const inOffice = (ms > at(7, 0) && ms <= at(11, 30)) || (ms > at(13, 30) && ms <= at(17, 0));
        return calendar.isWorkingDay(day) && inOffice;
      }),
      { numRuns: 500 },
    );
  });

  test('more working time never gives an earlier due date', () => {
    fc.assert(
      fc.property(moment, fc.nat(5000), fc.nat(5000), (start, a, b) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        return calendar.add(start, { minutes: small }) <= calendar.add(start, { minutes: large });
      }),
      { numRuns: 300 },
    );
  });
});

// Issue "Hardening", finding 3: a far-future apology date held the process for 12 s while the
// calendar walked every day up to it. The walk stops twenty years on, the same horizon add() has.
describe('working-time bounds', () => {
  const calendar = new WorkingCalendar();

  test('working time up to the last date JavaScript knows counts only twenty years ahead', () => {
    const start = new Date('2026-03-02T01:00:00Z');
    const horizon = new Date(start.getTime() + 366 * 20 * 24 * 3_600_000);
    const farthest = new Date(8.64e15);
    assert.equal(calendar.workingMinutesBetween(start, farthest), calendar.workingMinutesBetween(start, horizon));
    assert.ok(calendar.workingMinutesBetween(start, horizon) > 19 * 240 * calendar.minutesPerDay, 'twenty years hold well over nineteen years of working days');
  });
});
