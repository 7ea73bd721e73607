import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DossierJournalRepository } from '../../src/dossiers/dossier-journal.repository.js';
import { DossierStatus } from '../../src/dossiers/dossier-status.js';
import { DossiersRepository } from '../../src/dossiers/dossiers.repository.js';
import { DEMO_ACCOUNTS } from '../../src/identity/demo-accounts.js';
import { SandboxPaymentPlatform } from '../../src/payments/national/sandbox-payment-platform.js';
import { WORKFLOW_ENGINE, type WorkflowEngine } from '../../src/workflow/workflow-engine.port.js';
import { api, createSite, passwordLogin, startPlatform, webClient, type PlatformSite, type RunningPlatform } from '../auth/platform.js';
import { insertDossier, WAITS_FOR_FEE } from './fixtures.js';

const SECRET = 'test-secret-of-the-national-payment-platform-0123';
const PARTNER = 'H45-MOTCUA';
const citizen1 = DEMO_ACCOUNTS.find((a) => a.username === 'citizen1')!;

/**
 * The notice checksum computed here independently of the platform's code, as OpenCPS computes it
 * (VietOpenCPS, PayGateUtil.generateChecksum for the payment platform's result): LoaiBanTin, MaLoi,
 * MaDoiTac, MaThamChieu, SoTien, MaTienTe, MaGiaoDich, MaNganHang, ThoiGianGD, ThongTinGiaoDich and
 * the secret joined with `|`, SHA-256 in hex.
 */
function signNotice(notice: Record<string, string>, secret: string): Record<string, string> {
  const order = ['LoaiBanTin', 'MaLoi', 'MaDoiTac', 'MaThamChieu', 'SoTien', 'MaTienTe', 'MaGiaoDich', 'MaNganHang', 'ThoiGianGD', 'ThongTinGiaoDich'];
  const data = [...order.map((k) => notice[k] ?? ''), secret].join('|');
  return { ...notice, MaXacThuc: createHash('sha256').update(data).digest('hex') };
}

/**
 * Fees paid through the national public service portal's payment platform. The platform cannot run
 * here: SandboxPaymentPlatform stands in for it over real HTTP, with the fields and checksums read in
 * OpenCPS (docs/national-portal.md, "Thanh toán").
 */
describe('online fee payment through the national payment platform (sandbox)', () => {
  let site: PlatformSite;
  let platform: RunningPlatform;
  let paygov: SandboxPaymentPlatform;
  let citizen: string;
  let engine: WorkflowEngine;

  before(async () => {
    paygov = await SandboxPaymentPlatform.start({ partnerCode: PARTNER, secret: SECRET });
    site = await createSite();
    platform = await startPlatform(site, {
      PAYMENT_PROVIDER: 'national',
      PAYMENT_HASH_SECRET: SECRET,
      NATIONAL_PAYMENT_URL: paygov.initUrl,
      NATIONAL_PAYMENT_PARTNER_CODE: PARTNER,
      NATIONAL_PAYMENT_AGENCY_CODE: '000.00.00.H45',
      NATIONAL_PAYMENT_AGENCY_NAME: 'Văn phòng Đăng ký đất đai tỉnh',
    });
    paygov.register({ noticeUrl: `${platform.baseUrl}/api/payments/national/notice`, returnUrl: `${platform.baseUrl}/api/payments/return` });
    citizen = await passwordLogin(await webClient(platform.issuer), 'citizen1');
    engine = platform.app.get(WORKFLOW_ENGINE);
    await engine.deploy([{ name: 'waits-for-fee.bpmn', content: WAITS_FOR_FEE }]);
  });

  after(async () => {
    await platform?.close();
    await site?.remove();
    await paygov?.stop();
  });

  const notice = (body: Record<string, string>) =>
    api(platform.baseUrl, '/api/payments/national/notice', undefined, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  /** Opens an order for a dossier waiting for its fees and pays it on the sandbox's page. */
  async function payOnPlatform(dossierId: string) {
    const created = await api(platform.baseUrl, '/api/payments', citizen, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ dossierId }),
    });
    assert.equal(created.status, 201);
    const order = (await created.json()) as { txnRef: string; amount: number; paymentUrl: string };
    assert.ok(order.paymentUrl.startsWith(`${paygov.url}/thanh-toan/`), 'the payer is sent to the platform’s page');
    const page = await fetch(order.paymentUrl);
    assert.match(await page.text(), /600\.000 đồng/);
    const paid = await fetch(order.paymentUrl, { method: 'POST', body: new URLSearchParams({ decision: 'confirm' }), redirect: 'manual' });
    assert.equal(paid.status, 303);
    return { order, back: new URL(paid.headers.get('location')!) };
  }

  it('settles the dossier’s fees once, even when the platform sends its notice twice', async () => {
    const dossier = await insertDossier(platform.app, { applicantUserId: citizen1.id }, DossierStatus.WaitingForFee);
    const instance = await engine.createProcessInstance({ processDefinitionId: 'waits-for-fee', variables: { dossierId: dossier.id } });
    const { order, back } = await payOnPlatform(dossier.id);

    // The platform registered the payment with the order's reference, amount and the dossier on the receipt.
    const opened = paygov.openings.at(-1)!;
    assert.equal(opened.accepted, true);
    assert.equal(opened.request.MaThamChieu, order.txnRef);
    assert.equal(opened.request.SoTien, '600000'); // the procedure's two fees: 100,000 + 500,000 đồng
    assert.equal((opened.request.ThongTinBienLai as { MaHoSo: string }).MaHoSo, dossier.code);

    const first = paygov.notices.at(-1)!;
    assert.deepEqual([first.status, (first.answer as { MaLoi: string }).MaLoi], [200, '00']);
    const journal = platform.app.get(DossierJournalRepository);
    const payments = await journal.feePayments(dossier.id);
    assert.deepEqual(payments.map((p) => [p.feeCode, p.amount, p.method, p.receiptNumber]).sort(), [
      ['LP-GCN', 100_000, 'online', first.notice.MaGiaoDich],
      ['PHI-TDHS', 500_000, 'online', first.notice.MaGiaoDich],
    ]);
    assert.equal((await platform.app.get(DossiersRepository).findById(dossier.id))!.status, DossierStatus.Processing);
    assert.equal((await engine.getProcessInstance(instance.processInstanceKey)).state, 'COMPLETED');

    // The same notice again (the platform did not get the first answer): accepted, nothing recorded twice.
    const again = await paygov.resend(order.txnRef);
    assert.deepEqual([again.status, (again.answer as { MaLoi: string }).MaLoi], [200, '00']);
    assert.equal((await journal.feePayments(dossier.id)).length, 2);

    // The payer comes back to the dossier in the portal, with the recorded result.
    const returned = await fetch(back, { redirect: 'manual' });
    assert.equal(returned.status, 303);
    assert.equal(returned.headers.get('location'), `/portal/ho-so/${dossier.id}?thanh-toan=paid`);
  });

  it('refuses a forged or altered notice, and one whose amount differs from the order', async () => {
    const dossier = await insertDossier(platform.app, { applicantUserId: citizen1.id }, DossierStatus.WaitingForFee);
    const created = await api(platform.baseUrl, '/api/payments', citizen, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ dossierId: dossier.id }),
    });
    const order = (await created.json()) as { txnRef: string };
    const genuine = {
      LoaiBanTin: 'KET_QUA_GD',
      MaLoi: '00',
      MaDoiTac: PARTNER,
      MaThamChieu: order.txnRef,
      SoTien: '600000',
      MaTienTe: 'VND',
      MaGiaoDich: 'PG0000FORGED',
      MaNganHang: 'NCB',
      ThoiGianGD: '20261205120000',
      ThongTinGiaoDich: 'Thanh toan',
    };
    const refused = async (body: Record<string, string>, status: number) => {
      const response = await notice(body);
      assert.equal(response.status, status);
      assert.equal(((await response.json()) as { MaLoi: string }).MaLoi, '99');
    };
    // Signed with another secret: forged.
    await refused(signNotice(genuine, 'not-the-secret-of-the-national-payment-platform'), 400);
    // Signed, then altered on the way: a lower amount, or another partner.
    await refused({ ...signNotice(genuine, SECRET), SoTien: '1000' }, 400);
    await refused({ ...signNotice(genuine, SECRET), MaDoiTac: 'OTHER' }, 400);
    // Correctly signed but for another amount than the order's: refused by the amount check.
    await refused(signNotice({ ...genuine, SoTien: '100000' }, SECRET), 400);
    // Without a checksum.
    await refused(genuine, 400);

    const journal = platform.app.get(DossierJournalRepository);
    assert.equal((await journal.feePayments(dossier.id)).length, 0);
    assert.equal((await platform.app.get(DossiersRepository).findById(dossier.id))!.status, DossierStatus.WaitingForFee);

    // The genuine notice still settles it.
    const accepted = await notice(signNotice(genuine, SECRET));
    assert.equal(accepted.status, 200);
    assert.equal((await journal.feePayments(dossier.id)).length, 2);
  });
});
