import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backendName } from '../support/database.js';
import { DossierPlatform } from '../dossiers/support.js';

const vn = (isoLocal: string) => new Date(`${isoLocal}+07:00`);

/**
 * The platform clock keeps running after it is set: `start` is a little after `setAt`, and the due
 * date is as far after the expected one (both fall inside the same office period).
 */
function assertDueFromNow(due: { start: string; dueDate: string }, setAt: Date, expected: Date): void {
  const drift = Date.parse(due.start) - setAt.getTime();
  assert.ok(drift >= 0 && drift < 60_000, `start ${due.start} is when the clock was set`);
  assert.equal(due.dueDate, new Date(expected.getTime() + drift).toISOString());
}

describe(`GET /api/calendar/due-date (${backendName})`, () => {
  let p: DossierPlatform;

  before(async () => {
    p = await DossierPlatform.start();
  });
  after(async () => {
    await p?.close();
  });

  test('answers for days=3 from now, counting the announced make-up Saturday 10/1/2026', async () => {
    // Official Letter 12729/VPCP-KGVX (25/12/2025): Saturday 10/1/2026 is a working day.
    p.clock.set(vn('2026-01-09T16:00:00'));
    const due = await p.call<{ start: string; dueDate: string }>('citizen1', '/api/calendar/due-date?days=3');
    assertDueFromNow(due, vn('2026-01-09T16:00:00'), vn('2026-01-13T16:00:00'));
  });

  test('answers from a given start and for hours, and refuses what is not a number', async () => {
    const start = encodeURIComponent('2026-11-23T10:00:00+07:00');
    const hours = await p.call<{ dueDate: string }>('citizen1', `/api/calendar/due-date?start=${start}&hours=4`);
    assert.equal(hours.dueDate, vn('2026-11-23T16:00:00').toISOString());
    await p.call('citizen1', '/api/calendar/due-date?days=three', {}, 400);
  });

  test("an administrator's override replaces the announced swap", async () => {
    await p.call('admin', '/api/calendar/overrides/2026-01-10', { method: 'PUT', json: { kind: 'day_off', name: 'Điều chỉnh của tỉnh' } }, 204);
    p.clock.set(vn('2026-01-09T16:00:00'));
    const due = await p.call<{ start: string; dueDate: string }>('citizen1', '/api/calendar/due-date?days=3');
    // Without the Saturday: 1 h Friday, 8 h Monday 12/1, 8 h Tuesday 13/1, 7 h Wednesday → 14/1 16:00.
    assertDueFromNow(due, vn('2026-01-09T16:00:00'), vn('2026-01-14T16:00:00'));
  });
});
