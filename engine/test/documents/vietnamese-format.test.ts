import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { vietnameseDate, vietnameseDateTime, vnd } from '../../src/documents/vietnamese-format.js';

const VIETNAM = 420;

describe('Vietnamese dates and amounts', () => {
  it('writes dates as formal documents do, with a leading zero for days below 10 and for January and February', () => {
    assert.equal(vietnameseDate('2026-11-23', VIETNAM), 'ngày 23 tháng 11 năm 2026');
    assert.equal(vietnameseDate('2026-02-05', VIETNAM), 'ngày 05 tháng 02 năm 2026');
    assert.equal(vietnameseDate('2026-03-09', VIETNAM), 'ngày 09 tháng 3 năm 2026');
    assert.equal(vietnameseDate('2026-12-01', VIETNAM), 'ngày 01 tháng 12 năm 2026');
  });

  it('takes instants in the centre’s local time', () => {
    // 23:30 UTC on 22 November is 06:30 on 23 November in Vietnam.
    assert.equal(vietnameseDate('2026-11-22T23:30:00Z', VIETNAM), 'ngày 23 tháng 11 năm 2026');
    assert.equal(vietnameseDate(new Date('2026-11-22T23:30:00Z'), 0), 'ngày 22 tháng 11 năm 2026');
    assert.equal(vietnameseDateTime('2026-11-23T07:05:00Z', VIETNAM), '14 giờ 05 phút, ngày 23 tháng 11 năm 2026');
  });

  it('writes amounts in dong with dots between thousands', () => {
    assert.equal(vnd(1250000), '1.250.000 đồng');
    assert.equal(vnd('75000'), '75.000 đồng');
    assert.equal(vnd(0), '0 đồng');
    assert.equal(vnd(999.6), '1.000 đồng');
  });

  it('refuses what is not a date or an amount', () => {
    assert.throws(() => vietnameseDate('hôm qua', VIETNAM), /Not a date/);
    assert.throws(() => vnd('một triệu'), /Not an amount/);
    assert.throws(() => vnd(undefined), /Not an amount/);
  });
});
