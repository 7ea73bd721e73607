import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { appraisal, CASES, CRITERIA, RECEIVE } from '../dossiers/fixtures.js';
import { DossierPlatform, waitFor } from '../dossiers/support.js';

const LAND = CASES['cap-gcn-quyen-su-dung-dat-lan-dau'];

/** The shipped land procedure through its real steps up to the fee, paid online, and on to approval. */
describe('online payment inside the lifecycle of a shipped procedure', () => {
  let p: DossierPlatform;

  before(async () => {
    p = await DossierPlatform.start();
  });
  after(async () => {
    await p?.close();
  });

  async function answer(dossierId: string, agency: string, username: string): Promise<void> {
    const request = await waitFor(`consultation of ${agency}`, async () => {
      const inbox = await p.call<{ id: string; dossierId: string; consultedAgency: string }[]>(username, '/api/consultations');
      return inbox.find((c) => c.dossierId === dossierId && c.consultedAgency === agency);
    });
    await p.call(username, `/api/consultations/${request.id}/answer`, { json: { opinion: `${agency}: thống nhất` } });
  }

  it('the fee requested by the model is paid on the sandbox bank and the model moves on to approval', async () => {
    const dossier = await p.submit('citizen1', LAND.slug, LAND.application);
    await p.completeStep('reception.hongha', dossier.id, 'Task_TiepNhan', RECEIVE);
    await p.completeStep('specialist.hongha', dossier.id, 'Task_ThamDinh', appraisal(CRITERIA[LAND.slug]));
    await answer(dossier.id, 'CT', 'specialist.thue');
    await p.waitForStatus('citizen1', dossier.id, 'waiting_for_fee');

    // No fee named: the order asks for what the process waits for (LP-GCN), not every fee of the procedure.
    const order = await p.call<{ amount: number; paymentUrl: string; fees: { code: string }[] }>('citizen1', '/api/payments', { json: { dossierId: dossier.id } }, 201);
    assert.deepEqual(order.fees.map((f) => f.code), ['LP-GCN']);
    assert.equal(order.amount, 100_000);
    const params = Object.fromEntries(new URL(order.paymentUrl).searchParams);
    const confirmed = await fetch(`${p.site.baseUrl}/api/payments/sandbox-bank/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...params, decision: 'confirm' }),
      redirect: 'manual',
    });
    assert.equal(confirmed.status, 303);

    const detail = await p.call<{ status: string; feePayments: { feeCode: string; amount: number; method: string }[] }>('citizen1', `/api/dossiers/${dossier.id}`);
    assert.equal(detail.status, 'processing');
    assert.deepEqual(detail.feePayments.map((f) => [f.feeCode, f.amount, f.method]), [['LP-GCN', 100_000, 'online']]);
    // The model heard fee-paid: the leader now has the approval step.
    const approval = await p.task('leader.hongha', dossier.id, 'Task_PheDuyet');
    assert.equal(approval.dossier.id, dossier.id);
    await p.assertNoIncident((await p.dossier('citizen1', dossier.id)).processInstanceKey);
  });
});
