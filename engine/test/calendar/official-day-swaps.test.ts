import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OFFICIAL_DAY_SWAPS, withOfficialSwaps } from '../../src/calendar/official-day-swaps.js';
import { WorkingCalendar } from '../../src/calendar/working-calendar.js';

const official = new WorkingCalendar(undefined, withOfficialSwaps([]));
const vn = (isoLocal: string) => new Date(`${isoLocal}+07:00`);

describe('official day swaps of 2025 and 2026', () => {
  test('Tết Dương lịch 2026: Friday 2/1 off, Saturday 10/1 worked (Official Letter 12729/VPCP-KGVX, 25/12/2025)', () => {
    assert.equal(official.isWorkingDay('2026-01-02'), false);
    assert.equal(official.isWorkingDay('2026-01-10'), true);
    // Without the announcement the statutory calendar has it the other way round.
    const statutory = new WorkingCalendar();
    assert.equal(statutory.isWorkingDay('2026-01-02'), true);
    assert.equal(statutory.isWorkingDay('2026-01-10'), false);
  });

  test('30/4–1/5/2025: Friday 2/5 off, Saturday 26/4 worked (swap approved by the Prime Minister, April 2025)', () => {
    assert.equal(official.isWorkingDay('2025-05-02'), false);
    assert.equal(official.isWorkingDay('2025-04-26'), true);
  });

  test('Tết Ất Tỵ 2025: nine days off, 25/1 to 2/2; Monday 3/2 is worked (announcement to verify)', () => {
    for (let day = 25; day <= 31; day++) assert.equal(official.isWorkingDay(`2025-01-${day}`), false, `${day}/1/2025`);
    assert.equal(official.isWorkingDay('2025-02-01'), false);
    assert.equal(official.isWorkingDay('2025-02-02'), false);
    assert.equal(official.isWorkingDay('2025-02-03'), true);
  });

  test('three working days from Friday 9/1/2026 16:00 count the make-up Saturday 10/1', () => {
    // 1 h on Friday, 8 h on Saturday 10/1, 8 h on Monday 12/1, 7 h on Tuesday 13/1 → Tuesday 16:00.
    assert.deepEqual(official.add(vn('2026-01-09T16:00:00'), { days: 3 }), vn('2026-01-13T16:00:00'));
  });

  test("an administrator's override of the same date wins over the announced swap", () => {
    const corrected = new WorkingCalendar(undefined, withOfficialSwaps([{ date: '2026-01-10', kind: 'day_off', name: 'Điều chỉnh của tỉnh' }]));
    assert.equal(corrected.isWorkingDay('2026-01-10'), false);
    assert.equal(corrected.isWorkingDay('2026-01-02'), false, 'the rest of the announcement stays');
  });

  test('every swap names its source', () => {
    for (const swap of OFFICIAL_DAY_SWAPS) assert.ok(swap.source.length > 0, swap.date);
  });
});
