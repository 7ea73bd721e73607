import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backendName } from '../support/database.js';
import { appraisal, CASES, CRITERIA, RECEIVE } from './fixtures.js';
import { DossierPlatform } from './support.js';

/**
 * The criminal record certificate's fee comes from its decision table (decisions/phi-ly-lich-tu-phap.dmn),
 * evaluated by the business rule task after appraisal, from what the applicant declared. Expected
 * amounts: Thông tư số 16/2025/TT-BTC (in force since 24/4/2025, replacing Thông tư 244/2016/TT-BTC),
 * Điều 4 khoản 1 (mức thu) and Điều 5 (miễn phí). The lower online rates of Điều 4 khoản 2 ended on
 * 31/12/2025, so from 2026 every channel pays the khoản 1 rates.
 */
describe(`criminal record certificate: the fee of the applicant's category (Thông tư 16/2025/TT-BTC) (${backendName})`, () => {
  let p: DossierPlatform;
  const c = CASES['cap-phieu-ly-lich-tu-phap'];

  before(async () => {
    p = await DossierPlatform.start();
  });
  after(async () => {
    await p?.close();
  });

  /** Submits with the category and number of certificates, then receives and appraises the dossier. */
  async function appraised(doiTuongNopPhi: string, soLuongPhieu: number) {
    const submitted = await p.submit('citizen1', c.slug, { ...c.application, doiTuongNopPhi, soLuongPhieu });
    await p.completeStep('reception.ca', submitted.id, 'Task_TiepNhan', RECEIVE);
    await p.completeStep('specialist.ca', submitted.id, 'Task_ThamDinh', appraisal(CRITERIA[c.slug]));
    return submitted;
  }

  const paying: [category: string, copies: number, amount: number, why: string][] = [
    ['thong-thuong', 1, 200_000, 'Điều 4 khoản 1, item 1: 200.000 đồng/lần/người'],
    ['thong-thuong', 4, 210_000, 'Điều 4 khoản 1: from the third certificate of one request, 5.000 đồng more for each (2 × 5.000)'],
    ['hoc-sinh', 1, 100_000, 'Điều 4 khoản 1, item 2: pupils aged 16 or over, 100.000 đồng/lần/người'],
    ['sinh-vien', 1, 100_000, 'Điều 4 khoản 1, item 2: students, 100.000 đồng/lần/người'],
    ['nguoi-co-cong', 2, 100_000, 'Điều 4 khoản 1, item 2: people with merit to the revolution, 100.000 đồng; two certificates cost nothing more'],
    ['than-nhan-liet-si', 3, 105_000, 'Điều 4 khoản 1, item 2 and the third-certificate surcharge: 100.000 + 5.000 đồng'],
  ];
  for (const [category, copies, amount, why] of paying) {
    test(`${category}, ${copies} certificate(s): ${amount} đồng (${why})`, async () => {
      const dossier = await appraised(category, copies);
      await p.waitForStatus('citizen1', dossier.id, 'waiting_for_fee');
      const due = await p.call<{ amount: number; fees: { code: string; amount: number }[] }>('citizen1', `/api/payments/due?dossierId=${dossier.id}`);
      assert.deepEqual(
        [due.amount, due.fees.map((f) => [f.code, f.amount])],
        [amount, [['PHI-LLTP', amount]]],
      );
      const variables = await p.engine.getVariables((await p.dossier('citizen1', dossier.id)).processInstanceKey);
      assert.equal(variables.phiLyLichTuPhap, amount);
    });
  }

  for (const category of ['tre-em', 'nguoi-cao-tuoi', 'nguoi-khuyet-tat', 'ho-ngheo', 'ho-can-ngheo', 'xa-dac-biet-kho-khan']) {
    test(`${category}: exempt (Điều 5), the dossier goes on to approval without waiting for a fee`, async () => {
      const dossier = await appraised(category, 3);
      await p.task('leader.ca', dossier.id, 'Task_PheDuyet');
      const detail = await p.dossier('citizen1', dossier.id);
      assert.equal((await p.engine.getVariables(detail.processInstanceKey)).phiLyLichTuPhap, 0);
      const history = await p.call<{ toStatus: string }[]>('citizen1', `/api/dossiers/${dossier.id}/history`);
      assert.ok(!history.some((h) => h.toStatus === 'waiting_for_fee'), 'never waits for a fee');
      await p.assertNoIncident(detail.processInstanceKey);
    });
  }

  test('the category is asked in the application form, in Vietnamese', async () => {
    type Field = { key?: string; label?: string; values?: { label: string; value: string }[] };
    const published = await p.call<{ form: { components: Field[] } }>('citizen1', `/api/public/procedures/${c.slug}/application-form`);
    const field = published.form.components.find((f) => f.key === 'doiTuongNopPhi');
    assert.equal(field?.label, 'Đối tượng nộp phí');
    assert.deepEqual(field?.values?.map((v) => v.value), ['thong-thuong', 'hoc-sinh', 'sinh-vien', 'nguoi-co-cong', 'than-nhan-liet-si', 'tre-em', 'nguoi-cao-tuoi', 'nguoi-khuyet-tat', 'ho-ngheo', 'ho-can-ngheo', 'xa-dac-biet-kho-khan']);
  });
});
