import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DossierJournalRepository } from '../../src/dossiers/dossier-journal.repository.js';
import { DossierStatus } from '../../src/dossiers/dossier-status.js';
import { DossiersRepository } from '../../src/dossiers/dossiers.repository.js';
import { DEMO_ACCOUNTS } from '../../src/identity/demo-accounts.js';
import { WORKFLOW_ENGINE, type WorkflowEngine } from '../../src/workflow/workflow-engine.port.js';
import { api, createSite, passwordLogin, startPlatform, webClient, type PlatformSite, type RunningPlatform } from '../auth/platform.js';
import { gatewaySign, insertDossier, WAITS_FOR_FEE } from './fixtures.js';

const SECRET = 'test-secret-of-the-payment-gateway-0123456789';
const MERCHANT = 'MOTCUA01';
const citizen1 = DEMO_ACCOUNTS.find((a) => a.username === 'citizen1')!;

describe('online fee payment through the sandbox gateway', () => {
  let site: PlatformSite;
  let platform: RunningPlatform;
  let citizen: string;
  let otherCitizen: string;
  let engine: WorkflowEngine;

  before(async () => {
    site = await createSite();
    platform = await startPlatform(site, { PAYMENT_HASH_SECRET: SECRET, PAYMENT_MERCHANT_CODE: MERCHANT });
    const client = await webClient(platform.issuer);
    citizen = await passwordLogin(client, 'citizen1');
    otherCitizen = await passwordLogin(client, 'citizen2');
    engine = platform.app.get(WORKFLOW_ENGINE);
    await engine.deploy([{ name: 'waits-for-fee.bpmn', content: WAITS_FOR_FEE }]);
  });

  after(async () => {
    await platform?.close();
    await site?.remove();
  });

  const post = (path: string, token: string, body: unknown) =>
    api(platform.baseUrl, path, token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const ipn = (params: Record<string, string>) => api(platform.baseUrl, `/api/payments/ipn?${new URLSearchParams(params).toString()}`);

  it('pays the fees on the bank page, settles once, and the process hears fee-paid', async () => {
    const dossier = await insertDossier(platform.app, { applicantUserId: citizen1.id }, DossierStatus.WaitingForFee);
    const instance = await engine.createProcessInstance({ processDefinitionId: 'waits-for-fee', variables: { dossierId: dossier.id } });
    const journal = platform.app.get(DossierJournalRepository);
    const dossiers = platform.app.get(DossiersRepository);

    // Someone else's dossier does not exist for the caller; an unknown fee code names its field.
    assert.equal((await post('/api/payments', otherCitizen, { dossierId: dossier.id })).status, 404);
    const badFee = await post('/api/payments', citizen, { dossierId: dossier.id, feeCodes: ['LP-GCN', 'KHONG-CO'] });
    assert.equal(badFee.status, 400);
    assert.match(JSON.stringify(await badFee.json()), /feeCodes\.1/);

    // The fees due, as the portal shows them before the citizen pays; another citizen sees nothing.
    const due = await api(platform.baseUrl, `/api/payments/due?dossierId=${dossier.id}`, citizen);
    assert.equal(due.status, 200);
    const quote = (await due.json()) as { amount: number; fees: { code: string; amount: number }[] };
    assert.deepEqual([quote.amount, quote.fees.map((f) => [f.code, f.amount]).sort()], [600_000, [['LP-GCN', 100_000], ['PHI-TDHS', 500_000]]]);
    assert.equal((await api(platform.baseUrl, `/api/payments/due?dossierId=${dossier.id}`, otherCitizen)).status, 404);
    assert.equal((await api(platform.baseUrl, '/api/payments/due?dossierId=42', citizen)).status, 400);

    const created = await post('/api/payments', citizen, { dossierId: dossier.id });
    assert.equal(created.status, 201);
    const order = (await created.json()) as { txnRef: string; amount: number; paymentUrl: string; status: string };
    // The procedure's two fees: 100,000 + 500,000 đồng.
    assert.equal(order.amount, 600_000);
    assert.equal(order.status, 'pending');

    // The payment URL carries the gateway's signature over its sorted parameters.
    const url = new URL(order.paymentUrl);
    const params = Object.fromEntries(url.searchParams);
    assert.equal(params.vnp_Amount, '60000000');
    assert.equal(params.vnp_TxnRef, order.txnRef);
    assert.equal(gatewaySign(params, SECRET).vnp_SecureHash, params.vnp_SecureHash);

    const page = await fetch(order.paymentUrl);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /Xác nhận thanh toán/);
    assert.match(html, /600\.000 đồng/);

    // Forged: signed with another secret; tampered: a signed callback whose amount was changed afterwards.
    const callback = {
      vnp_TmnCode: MERCHANT,
      vnp_Amount: '60000000',
      vnp_BankCode: 'NCB',
      vnp_PayDate: '20300107150000',
      vnp_ResponseCode: '00',
      vnp_TransactionStatus: '00',
      vnp_TransactionNo: '99990001',
      vnp_TxnRef: order.txnRef,
    };
    const forged = await ipn(gatewaySign(callback, 'another-secret-another-secret-another'));
    assert.equal(forged.status, 400);
    assert.match(((await forged.json()) as { message: string }).message, /vnp_SecureHash/);
    assert.equal((await ipn({ ...gatewaySign(callback, SECRET), vnp_Amount: '100' })).status, 400);
    const unsigned: Record<string, string> = { ...callback };
    assert.equal((await ipn(unsigned)).status, 400);
    assert.equal((await dossiers.findById(dossier.id))!.status, DossierStatus.WaitingForFee);
    assert.equal((await journal.feePayments(dossier.id)).length, 0);

    // The payer confirms on the bank page: the form posts every field back with the decision.
    const form = new URLSearchParams({ ...params, decision: 'confirm' });
    const confirmed = await fetch(`${platform.baseUrl}/api/payments/sandbox-bank/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
      redirect: 'manual',
    });
    assert.equal(confirmed.status, 303);
    const back = new URL(confirmed.headers.get('location')!);
    assert.equal(back.pathname, '/api/payments/return');
    const result = Object.fromEntries(back.searchParams);
    assert.equal(result.vnp_ResponseCode, '00');
    assert.equal(gatewaySign(result, SECRET).vnp_SecureHash, result.vnp_SecureHash);

    const payments = await journal.feePayments(dossier.id);
    assert.deepEqual(payments.map((p) => [p.feeCode, p.amount, p.method, p.receiptNumber]).sort(), [
      ['LP-GCN', 100_000, 'online', result.vnp_TransactionNo],
      ['PHI-TDHS', 500_000, 'online', result.vnp_TransactionNo],
    ]);
    assert.equal((await dossiers.findById(dossier.id))!.status, DossierStatus.Processing);
    assert.equal((await engine.getProcessInstance(instance.processInstanceKey)).state, 'COMPLETED');
    const variables = await engine.getVariables(instance.processInstanceKey);
    assert.deepEqual(variables.feePayment, { amount: 600_000, feeCodes: ['LP-GCN', 'PHI-TDHS'], method: 'online', receiptNumber: result.vnp_TransactionNo });
    const historyLength = (await journal.history(dossier.id)).length;

    // The gateway repeats its callback: same answer, nothing recorded twice.
    const repeated = await ipn(result);
    assert.equal(repeated.status, 200);
    assert.equal(((await repeated.json()) as { outcome: string }).outcome, 'already_settled');
    // A validly signed callback that contradicts the settled one (another transaction) is a replay: 409.
    const replay = await ipn(gatewaySign({ ...callback, vnp_TransactionNo: '12345678' }, SECRET));
    assert.equal(replay.status, 409);
    assert.equal((await journal.feePayments(dossier.id)).length, 2);
    assert.equal((await journal.history(dossier.id)).length, historyLength);

    const listed = (await (await api(platform.baseUrl, `/api/payments?dossierId=${dossier.id}`, citizen)).json()) as { status: string }[];
    assert.deepEqual(listed.map((o) => o.status), ['paid']);
    // The payer's browser goes on to his dossier in the portal, which shows the recorded result.
    const returned = await fetch(back, { redirect: 'manual' });
    assert.equal(returned.status, 303);
    assert.equal(returned.headers.get('location'), `/portal/ho-so/${dossier.id}?thanh-toan=paid`);
    // A return whose signature does not hold goes nowhere.
    const forgedReturn = await fetch(`${back.origin}${back.pathname}?${new URLSearchParams({ ...result, vnp_ResponseCode: '24' }).toString()}`, { redirect: 'manual' });
    assert.equal(forgedReturn.status, 400);
    assert.match(await forgedReturn.text(), /Không xác minh được kết quả thanh toán/);

    // What the portal shows before paying is what an order asks: nothing is left now.
    assert.equal((await api(platform.baseUrl, `/api/payments/due?dossierId=${dossier.id}`, citizen)).status, 409);

    // Nothing left to pay, and the dossier no longer waits for a fee.
    assert.equal((await post('/api/payments', citizen, { dossierId: dossier.id })).status, 409);
  });

  it('a cancelled payment leaves the dossier waiting, and a later success callback for it is refused', async () => {
    const dossier = await insertDossier(platform.app, { applicantUserId: citizen1.id }, DossierStatus.WaitingForFee);
    const created = await post('/api/payments', citizen, { dossierId: dossier.id, feeCodes: ['LP-GCN'] });
    const order = (await created.json()) as { txnRef: string; amount: number; paymentUrl: string };
    assert.equal(order.amount, 100_000);
    const params = Object.fromEntries(new URL(order.paymentUrl).searchParams);
    const cancelled = await fetch(`${platform.baseUrl}/api/payments/sandbox-bank/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...params, decision: 'cancel' }),
      redirect: 'manual',
    });
    assert.equal(cancelled.status, 303);
    const back = new URL(cancelled.headers.get('location')!);
    assert.equal(back.searchParams.get('vnp_ResponseCode'), '24');
    const returned = await fetch(back, { redirect: 'manual' });
    assert.equal(returned.headers.get('location'), `/portal/ho-so/${dossier.id}?thanh-toan=failed`);
    const listed = (await (await api(platform.baseUrl, `/api/payments?dossierId=${dossier.id}`, citizen)).json()) as { status: string }[];
    assert.deepEqual(listed.map((o) => o.status), ['failed']);

    const success = gatewaySign(
      { vnp_TmnCode: MERCHANT, vnp_Amount: '10000000', vnp_ResponseCode: '00', vnp_TransactionStatus: '00', vnp_TransactionNo: '55550001', vnp_TxnRef: order.txnRef },
      SECRET,
    );
    assert.equal((await ipn(success)).status, 409);
    assert.equal((await platform.app.get(DossiersRepository).findById(dossier.id))!.status, DossierStatus.WaitingForFee);
    assert.equal((await platform.app.get(DossierJournalRepository).feePayments(dossier.id)).length, 0);
    // A callback for an order the platform never made.
    assert.equal((await ipn(gatewaySign({ ...success, vnp_TxnRef: '20300101000000999999' }, SECRET))).status, 404);
  });

  it('two orders for the same fee both paid at the bank: the fee is recorded once and no second fee-paid is left for the process', async () => {
    // Hardening finding 9: both settlements used to be recorded. One fee, one settlement; the second
    // payment stays on its order for a refund.
    const dossier = await insertDossier(platform.app, { applicantUserId: citizen1.id }, DossierStatus.WaitingForFee);
    const instance = await engine.createProcessInstance({ processDefinitionId: 'waits-for-fee', variables: { dossierId: dossier.id } });
    const orders = [];
    for (let i = 0; i < 2; i++) {
      const created = await post('/api/payments', citizen, { dossierId: dossier.id, feeCodes: ['LP-GCN'] });
      assert.equal(created.status, 201, 'a second order may be opened while the first is pending (another tab)');
      orders.push((await created.json()) as { txnRef: string });
    }
    const settle = (txnRef: string, transactionNo: string) =>
      ipn(gatewaySign({ vnp_TmnCode: MERCHANT, vnp_Amount: '10000000', vnp_ResponseCode: '00', vnp_TransactionStatus: '00', vnp_TransactionNo: transactionNo, vnp_TxnRef: txnRef }, SECRET));
    const answers = await Promise.all([settle(orders[0].txnRef, '77770001'), settle(orders[1].txnRef, '77770002')]);
    assert.deepEqual(answers.map((a) => a.status), [200, 200], 'the gateway is told both callbacks were received');
    const payments = await platform.app.get(DossierJournalRepository).feePayments(dossier.id);
    assert.deepEqual(payments.map((p) => [p.feeCode, p.amount]), [['LP-GCN', 100_000]]);
    const listed = (await (await api(platform.baseUrl, `/api/payments?dossierId=${dossier.id}`, citizen)).json()) as { status: string }[];
    assert.deepEqual(listed.map((o) => o.status).sort(), ['paid', 'paid'], 'both orders keep the money they received, for the record and a refund');
    assert.equal((await engine.getProcessInstance(instance.processInstanceKey)).state, 'COMPLETED');
    // No second fee-paid waits in the message buffer: a later fee request on this dossier is not paid by it.
    const later = await engine.createProcessInstance({ processDefinitionId: 'waits-for-fee', variables: { dossierId: dossier.id } });
    const waiting = (await engine.getElementInstances(later.processInstanceKey)).find((e) => e.elementId === 'paid');
    assert.equal(waiting?.state, 'ACTIVE');
  });

  it('the bank page refuses a request whose signature does not hold', async () => {
    const response = await fetch(`${platform.baseUrl}/api/payments/sandbox-bank/pay?vnp_TmnCode=${MERCHANT}&vnp_Amount=100&vnp_TxnRef=1&vnp_SecureHash=${'0'.repeat(128)}`);
    assert.equal(response.status, 400);
    assert.match(await response.text(), /Chữ ký của yêu cầu thanh toán không hợp lệ/);
  });
});
