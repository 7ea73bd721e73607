import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backendName } from '../support/database.js';
import { CASES, RECEIVE } from './fixtures.js';
import { DossierPlatform, type Dossier } from './support.js';

/** Vietnamese wall-clock time → instant. */
const vn = (isoLocal: string) => new Date(`${isoLocal}+07:00`);
/** To the minute: the platform clock keeps running for the seconds a step takes after it is set. */
const minute = (iso: string | null) => iso?.slice(0, 16);
const BIRTH = CASES['dang-ky-khai-sinh'];
const BUSINESS = CASES['dang-ky-ho-kinh-doanh'];
const BAI_CHAY = 'UBND-XA-BC';

/**
 * The appointment is counted on the competent agency's own office hours (agency directory,
 * processes/agencies.json: phường Bãi Cháy's desk opens 07:30–11:30 and 13:30–17:00, the province's
 * default is 07:00–11:30 and 13:30–17:00), and a procedure may answer the same day with a cut-off
 * hour instead of a processing time. Week of Monday 7 January 2030: no holiday near it.
 */
describe(`appointments on the competent agency's calendar (${backendName})`, () => {
  let p: DossierPlatform;

  before(async () => {
    p = await DossierPlatform.start();
    // The analyst sets the legal rule of the birth registration on the procedure: Decision
    // 1872/QĐ-BTP (2020), catalogue entry "Đăng ký khai sinh" (commune level): "ngay trong ngày
    // tiếp nhận yêu cầu, trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết được ngay thì trả
    // kết quả trong ngày làm việc tiếp theo".
    const draft = await p.call<{ files: Record<string, string> }>('analyst.hongha', `/api/procedures/${BIRTH.slug}/draft`);
    const catalogue = JSON.parse(draft.files['procedure.json']) as Record<string, unknown>;
    const files = { ...draft.files, 'procedure.json': JSON.stringify({ ...catalogue, sameDayCutoff: '15:00' }) };
    await p.call('analyst.hongha', `/api/procedures/${BIRTH.slug}/draft`, { method: 'PUT', json: { files } });
    await p.call('analyst.hongha', `/api/procedures/${BIRTH.slug}/publish`, { json: { note: 'Trả kết quả trong ngày, sau 15 giờ trả ngày làm việc tiếp theo' } });
  });

  after(async () => {
    await p?.close();
  });

  async function receivedAt(c: typeof BIRTH, local: string): Promise<Dossier> {
    p.clock.set(vn(local));
    const submitted = await p.submit('citizen1', c.slug, c.application, { agency: BAI_CHAY });
    await p.completeStep('reception.baichay', submitted.id, 'Task_TiepNhan', RECEIVE);
    return p.dossier('citizen1', submitted.id);
  }

  test('received before 15:00: due at the close of the same working day', async () => {
    const dossier = await receivedAt(BIRTH, '2030-01-08T10:00:00');
    assert.equal(minute(dossier.dueDate), minute(vn('2030-01-08T17:00:00').toISOString()));
  });

  test('received after 15:00: due at the close of the next working day', async () => {
    const dossier = await receivedAt(BIRTH, '2030-01-08T15:30:00');
    assert.equal(minute(dossier.dueDate), minute(vn('2030-01-09T17:00:00').toISOString()));
  });

  test('received on a Friday after 15:00: due on Monday, the next working day', async () => {
    // Saturday and Sunday are weekly rest days (Labour Code 2019 art. 111; office calendar Mon–Fri).
    const dossier = await receivedAt(BIRTH, '2030-01-11T16:00:00');
    assert.equal(minute(dossier.dueDate), minute(vn('2030-01-14T17:00:00').toISOString()));
  });

  test('a processing time counts on the agency’s office hours: Bãi Cháy opens at 07:30', async () => {
    // Household business registration, 2 working days (the province's reduced time in its
    // procedure.json). Received Monday 07:10, before Bãi Cháy's desk opens: counted from 07:30;
    // a working day there is 7.5 hours, so 15 working hours end Tuesday 17:00 (on the province's
    // 8-hour day the same dossier would be due Wednesday 07:10).
    const dossier = await receivedAt(BUSINESS, '2030-01-07T07:10:00');
    assert.equal(minute(dossier.dueDate), minute(vn('2030-01-08T17:00:00').toISOString()));
  });
});
