import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CronError, nextCronTime, parseCron } from '../../src/workflow/embedded/runtime/cron.js';
import { parseCycle } from '../../src/workflow/embedded/runtime/timer-spec.js';

/**
 * Cron timer cycles, mirroring Zeebe's CronTimerTest
 * (zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/CronTimerTest.java).
 * Zeebe's tests start from "now" in the system zone; these start from fixed UTC instants.
 */
const at = (iso: string) => new Date(iso);
const next = (text: string, from: string) => nextCronTime(parseCron(text), at(from))?.toISOString();

describe('cron timer cycles (Zeebe CronTimerTest)', () => {
  it('CronTimerTest#shouldFailToParseIfWrongExpression: wrong field counts and out-of-range values are refused', () => {
    const wrong = [
      '', '*', '* * * * *', '* * * * * * *',
      '60 * * * * *', '20-10 * * * * *',
      '* 60 * * * *', '* 20-10 * * * *',
      '* * 24 * * *', '* * 20-10 * * *',
      '* * * 0 * *', '* * * 32 * *',
      '* * * * 0 *', '* * * * 13 *',
      '* * * * * 8', '* * * * * *SUN', '* * * * * SUN*',
    ];
    for (const text of wrong) assert.throws(() => parseCron(text), CronError, text);
  });

  it('CronTimerTest#shouldParseWithCronExpression: */10 seconds is due within ten seconds and repeats forever', () => {
    const now = at('2026-03-04T10:20:33.250Z');
    const schedule = parseCycle('*/10 * * * * *', now);
    assert.ok(schedule.dueDate > now && schedule.dueDate.getTime() <= now.getTime() + 10_000);
    assert.equal(schedule.repetitions, -1);
  });

  it('CronTimerTest#shouldMatchAll and #shouldMatchLastSecond: "* * * * * *" is due one second later, to the millisecond', () => {
    assert.equal(next('* * * * * *', '2026-03-04T10:20:33.250Z'), '2026-03-04T10:20:34.250Z');
    assert.equal(next('* * * * * *', '2026-03-04T10:20:58.250Z'), '2026-03-04T10:20:59.250Z');
  });

  it('CronTimerTest#shouldMatchSpecificSecond: "10 * * * * *" from second 9 is due at second 10', () => {
    assert.equal(next('10 * * * * *', '2026-03-04T10:20:09.250Z'), '2026-03-04T10:20:10.000Z');
  });

  it('CronTimerTest#shouldParseSecondRange: "10-15 * * * * *" from seconds 9…14 is due one second later', () => {
    for (let s = 9; s < 15; s++) {
      const from = `2026-03-04T10:20:${String(s).padStart(2, '0')}.000Z`;
      assert.equal(next('10-15 * * * * *', from), new Date(Date.parse(from) + 1000).toISOString());
    }
  });

  it('CronTimerTest#shouldParseSpecificMinuteSecond, #shouldParseSpecificHourSecond, #shouldParseSpecificMinuteHour', () => {
    assert.equal(next('55 5 * * * *', '2026-03-04T10:04:54.300Z'), '2026-03-04T10:05:55.000Z');
    assert.equal(next('55 5 * * * *', '2026-03-04T10:05:55.000Z'), '2026-03-04T11:05:55.000Z');
    assert.equal(next('55 * 10 * * *', '2026-03-04T09:30:54.300Z'), '2026-03-04T10:00:55.000Z');
    assert.equal(next('55 * 10 * * *', '2026-03-04T10:00:55.000Z'), '2026-03-04T10:01:55.000Z');
    assert.equal(next('* 5 10 * * *', '2026-03-04T09:04:20.300Z'), '2026-03-04T10:05:00.000Z');
    assert.equal(next('* 5 10 * * *', '2026-03-04T10:05:00.000Z'), '2026-03-04T10:05:01.000Z');
  });

  it('CronTimerTest#shouldParseSpecificDayOfMonthSecond and #shouldParseSpecificDate', () => {
    assert.equal(next('55 * * 3 * *', '2026-03-02T10:20:54.300Z'), '2026-03-03T00:00:55.000Z');
    assert.equal(next('55 * * 3 * *', '2026-03-03T00:00:55.000Z'), '2026-03-03T00:01:55.000Z');
    assert.equal(next('* * * 3 11 *', '2026-10-02T10:20:54.300Z'), '2026-11-03T00:00:00.000Z');
    assert.equal(next('* * * 3 11 *', '2026-11-03T00:00:00.000Z'), '2026-11-03T00:00:01.000Z');
  });

  it('CronTimerTest#shouldParseNonExistentSpecificDate: 31 June never comes; the timer is due at once and does not repeat', () => {
    const now = at('2026-03-10T10:20:54.300Z');
    assert.equal(nextCronTime(parseCron('0 0 0 31 6 *'), now), undefined);
    assert.deepEqual(parseCycle('0 0 0 31 6 *', now), { dueDate: now, repetitions: 0 });
  });

  it('CronTimerTest#shouldParseQuartzLastDayOfMonthEveryHour and #…OffsetEveryHour: L and L-1', () => {
    assert.equal(next('0 0 * L * *', '2022-01-30T00:01:00Z'), '2022-01-31T00:00:00.000Z');
    assert.equal(next('0 0 * L * *', '2022-01-31T01:00:00Z'), '2022-01-31T02:00:00.000Z');
    assert.equal(next('0 0 * L-1 * *', '2022-01-29T00:01:00Z'), '2022-01-30T00:00:00.000Z');
    assert.equal(next('0 0 * L-1 * *', '2022-01-30T01:00:00Z'), '2022-01-30T02:00:00.000Z');
  });

  it('CronTimerTest#shouldParseQuartzLastDayOfMonthOffset: L-3 is the third-to-last day of each month', () => {
    let from = '2022-01-10T10:20:00Z';
    for (const expected of ['2022-01-28', '2022-02-25', '2022-03-28', '2022-04-27']) {
      from = next('0 0 0 L-3 * *', from)!;
      assert.equal(from, `${expected}T00:00:00.000Z`);
    }
  });

  it('CronTimerTest#shouldParseQuartzFirstWeekdayOfMonthEveryHour and #shouldParseQuartzLastWeekdayOfMonthEveryHour: 1W and LW', () => {
    assert.equal(next('0 0 * 1W * *', '2022-06-29T00:01:00Z'), '2022-07-01T00:00:00.000Z');
    assert.equal(next('0 0 * 1W * *', '2022-07-01T01:00:00Z'), '2022-07-01T02:00:00.000Z');
    assert.equal(next('0 0 * LW * *', '2022-06-29T00:01:00Z'), '2022-06-30T00:00:00.000Z');
    assert.equal(next('0 0 * LW * *', '2022-06-30T01:00:00Z'), '2022-06-30T02:00:00.000Z');
  });

  it('names, nicknames, the last and the n-th weekday, and both day fields together', () => {
    // 2026-12-03 is a Thursday.
    assert.equal(next('0 0 9 * * MON-FRI', '2026-12-04T09:00:00Z'), '2026-12-07T09:00:00.000Z');
    assert.equal(next('0 0 9 ? DEC 0', '2026-12-03T10:00:00Z'), '2026-12-06T09:00:00.000Z');
    assert.equal(next('@daily', '2026-12-03T10:00:00Z'), '2026-12-04T00:00:00.000Z');
    assert.equal(next('@weekly', '2026-12-03T10:00:00Z'), '2026-12-06T00:00:00.000Z');
    assert.equal(next('@yearly', '2026-12-03T10:00:00Z'), '2027-01-01T00:00:00.000Z');
    assert.equal(next('0 0 0 * * FRIL', '2026-12-03T10:00:00Z'), '2026-12-25T00:00:00.000Z');
    assert.equal(next('0 0 0 * * 1#2', '2026-12-03T10:00:00Z'), '2026-12-14T00:00:00.000Z');
    // Spring: a day matches the day of the month and the day of the week (Friday the 13th).
    assert.equal(next('0 0 0 13 * FRI', '2026-03-01T00:00:00Z'), '2026-03-13T00:00:00.000Z');
    assert.equal(next('0 0 0 13 * FRI', '2026-03-14T00:00:00Z'), '2026-11-13T00:00:00.000Z');
    assert.throws(() => parseCron('@reboot'), CronError);
    assert.throws(() => parseCron('? * * * * *'), /'\?' is not allowed in the second field/);
  });
});
