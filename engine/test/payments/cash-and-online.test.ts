import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DossierJournalRepository } from '../../src/dossiers/dossier-journal.repository.js';
import { DossierLifecycle } from '../../src/dossiers/dossier-lifecycle.service.js';
import { DossierStatus } from '../../src/dossiers/dossier-status.js';
import { DossiersRepository } from '../../src/dossiers/dossiers.repository.js';
import { DEMO_ACCOUNTS } from '../../src/identity/demo-accounts.js';
import { WORKFLOW_ENGINE, type WorkflowEngine } from '../../src/workflow/workflow-engine.port.js';
import { api, createSite, passwordLogin, startPlatform, webClient, type PlatformSite, type RunningPlatform } from '../auth/platform.js';
import { backendName } from '../support/database.js';
import { gatewaySign, insertDossier, WAITS_FOR_FEE } from './fixtures.js';

const SECRET = 'test-secret-of-the-payment-gateway-0123456789';
const MERCHANT = 'MOTCUA01';
const citizen1 = DEMO_ACCOUNTS.find((a) => a.username === 'citizen1')!;

/**
 * One fee, one settlement across the two ways to pay (issue "Hardening", finding 9: "two payment
 * orders for the same fee can both be settled and the fee is recorded twice"): cash at the counter
 * and an online order through the gateway. The land procedure's catalogue prices its fees at
 * LP-GCN 100.000 đồng and PHI-TDHS 500.000 đồng (processes/cap-gcn-quyen-su-dung-dat-lan-dau). The
 * gateway is answered 200 for every genuine callback (VNPAY's IPN contract: the merchant confirms
 * receipt, or the gateway retries), so a second settlement is kept on its order for a refund.
 */
describe(`a fee is settled once, at the counter or online (${backendName})`, () => {
  let site: PlatformSite;
  let platform: RunningPlatform;
  let citizen: string;
  let counter: string;
  let engine: WorkflowEngine;

  before(async () => {
    site = await createSite();
    platform = await startPlatform(site, { PAYMENT_HASH_SECRET: SECRET, PAYMENT_MERCHANT_CODE: MERCHANT });
    const client = await webClient(platform.issuer);
    citizen = await passwordLogin(client, 'citizen1');
    // The land procedure is received by the counter of the commune where the land lies (Nghị định
    // 151/2025/NĐ-CP, Điều 5 khoản 1; the catalogue's agency is phường Hồng Hà).
    counter = await passwordLogin(client, 'reception.hongha');
    engine = platform.app.get(WORKFLOW_ENGINE);
    await engine.deploy([{ name: 'waits-for-fee.bpmn', content: WAITS_FOR_FEE }]);
  });

  after(async () => {
    await platform?.close();
    await site?.remove();
  });

  const post = (path: string, token: string, body: unknown) =>
    api(platform.baseUrl, path, token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const settle = (order: { txnRef: string; amount: number }, transactionNo: string) =>
    api(platform.baseUrl, `/api/payments/ipn?${new URLSearchParams(gatewaySign({
      vnp_TmnCode: MERCHANT, vnp_Amount: String(order.amount * 100), vnp_ResponseCode: '00', vnp_TransactionStatus: '00', vnp_TransactionNo: transactionNo, vnp_TxnRef: order.txnRef,
    }, SECRET)).toString()}`);
  const feePayments = (dossierId: string) => platform.app.get(DossierJournalRepository).feePayments(dossierId);
  const orderStatuses = async (dossierId: string) =>
    ((await (await api(platform.baseUrl, `/api/payments?dossierId=${dossierId}`, citizen)).json()) as { status: string }[]).map((o) => o.status);

  /** A dossier waiting for its fee, with a process instance waiting for `fee-paid`. */
  async function waitingDossier() {
    const dossier = await insertDossier(platform.app, { applicantUserId: citizen1.id }, DossierStatus.WaitingForFee);
    const instance = await engine.createProcessInstance({ processDefinitionId: 'waits-for-fee', variables: { dossierId: dossier.id } });
    return { dossier, instance };
  }

  /** No `fee-paid` is left buffered: a later wait for a fee on this dossier is not paid by it. */
  async function assertNoSecondFeePaid(dossierId: string) {
    const later = await engine.createProcessInstance({ processDefinitionId: 'waits-for-fee', variables: { dossierId } });
    const waiting = (await engine.getElementInstances(later.processInstanceKey)).find((e) => e.elementId === 'paid');
    assert.equal(waiting?.state, 'ACTIVE', 'a second fee-paid would have completed this instance');
  }

  async function openOrder(dossierId: string, feeCodes?: string[]) {
    const created = await post('/api/payments', citizen, { dossierId, ...(feeCodes ? { feeCodes } : {}) });
    assert.equal(created.status, 201);
    return (await created.json()) as { txnRef: string; amount: number };
  }

  it('cash at the counter while an online order is open: the bank settling the order later records nothing more', async () => {
    const { dossier, instance } = await waitingDossier();
    const order = await openOrder(dossier.id);
    assert.equal(order.amount, 600_000);
    // The counter screen sends the amount and the receipt number, no fee code.
    const cash = await post(`/api/dossiers/${dossier.id}/fee-payments`, counter, { amount: 600_000, receiptNumber: 'BL-000125' });
    assert.equal(cash.status, 201, await cash.clone().text());
    assert.equal((await engine.getProcessInstance(instance.processInstanceKey)).state, 'COMPLETED');

    const callback = await settle(order, '88880001');
    assert.equal(callback.status, 200, 'the gateway is told its callback was received');
    assert.deepEqual((await feePayments(dossier.id)).map((p) => [p.method, p.amount, p.receiptNumber]), [['cash', 600_000, 'BL-000125']]);
    assert.deepEqual(await orderStatuses(dossier.id), ['paid'], 'the money received online stays on its order, for a refund');
    assert.equal((await platform.app.get(DossiersRepository).findById(dossier.id))!.status, DossierStatus.Processing);
    await assertNoSecondFeePaid(dossier.id);
  });

  it('a fee paid online cannot be recorded again at the counter, even when the dossier waits for another fee', async () => {
    const { dossier } = await waitingDossier();
    const order = await openOrder(dossier.id, ['LP-GCN']);
    assert.equal((await settle(order, '88880002')).status, 200);
    assert.equal((await platform.app.get(DossiersRepository).findById(dossier.id))!.status, DossierStatus.Processing);
    assert.equal((await post(`/api/dossiers/${dossier.id}/fee-payments`, counter, { amount: 100_000, feeCode: 'LP-GCN' })).status, 409);

    // The process asks for a fee again (the appraisal fee), as the fee worker sets it.
    await platform.app.get(DossierLifecycle).setStatus(dossier.id, DossierStatus.WaitingForFee, { note: 'Chờ nộp phí thẩm định' });
    const again = await post(`/api/dossiers/${dossier.id}/fee-payments`, counter, { amount: 100_000, feeCode: 'LP-GCN', receiptNumber: 'BL-000126' });
    assert.equal(again.status, 409);
    assert.match(((await again.json()) as { message: string }).message, /đã được nộp trực tuyến \(biên lai\/giao dịch 88880002\)/);
    const other = await post(`/api/dossiers/${dossier.id}/fee-payments`, counter, { amount: 500_000, feeCode: 'PHI-TDHS', receiptNumber: 'BL-000127' });
    assert.equal(other.status, 201, await other.clone().text());
    assert.deepEqual((await feePayments(dossier.id)).map((p) => [p.feeCode, p.method, p.amount]), [['LP-GCN', 'online', 100_000], ['PHI-TDHS', 'cash', 500_000]]);
  });

  it('the counter and the gateway at the same moment: exactly one of them settles the fee', async () => {
    const { dossier, instance } = await waitingDossier();
    const order = await openOrder(dossier.id);
    const [cash, callback] = await Promise.all([
      post(`/api/dossiers/${dossier.id}/fee-payments`, counter, { amount: 600_000, receiptNumber: 'BL-000128' }),
      settle(order, '88880003'),
    ]);
    assert.equal(callback.status, 200);
    assert.ok([201, 409].includes(cash.status), `${cash.status} ${await cash.clone().text()}`);
    const recorded = await feePayments(dossier.id);
    const methods = new Set(recorded.map((p) => p.method));
    assert.equal(methods.size, 1, `one way of paying settled the fee: ${JSON.stringify(recorded)}`);
    assert.equal(recorded.reduce((sum, p) => sum + p.amount, 0), 600_000);
    assert.equal(methods.has('cash'), cash.status === 201);
    assert.equal((await engine.getProcessInstance(instance.processInstanceKey)).state, 'COMPLETED');
    await assertNoSecondFeePaid(dossier.id);
  });
});
