import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { screenshot, startBrowserPlatform, type BrowserPlatform } from './browser-platform.js';
import { samplePdf, screenshotsOnFailure, signedInPage, token } from './dossier-steps.js';

const PROCEDURE = 'cap-gcn-quyen-su-dung-dat-lan-dau';
/** The applicant's land-use application, as the portal's form would send it. */
const APPLICATION = {
  nguoiSuDungHoTen: 'Nguyễn Văn An',
  nguoiSuDungSoDinhDanh: '022090001234',
  namSinh: 1990,
  diaChiThuongTru: 'Tổ 5, khu 3, phường Hồng Hà, tỉnh Quảng Ninh',
  soThua: '215',
  soToBanDo: '34',
  diaChiThuaDat: 'Tổ 7, khu 4, phường Hồng Hà, tỉnh Quảng Ninh',
  dienTich: 96.5,
  mucDichSuDung: 'ODT',
  nguonGoc: 'cong-nhan',
  thoiDiemSuDung: '1998-06-01',
  camDoan: true,
};
const RECEIVE = { thanhPhanDaNhan: ['giay-to-1', 'giay-to-2'], receptionDecision: 'receive' };
const APPRAISAL = {
  tieuChiThamDinh: ['thuoc-doi-tuong', 'giay-to-nguon-goc', 'phu-hop-quy-hoach', 'ban-do-dia-chinh', 'tai-san'],
  yKienThamDinh: 'Hồ sơ đầy đủ, hợp lệ, đủ điều kiện giải quyết',
  appraisalResult: 'meets',
};

interface Dossier {
  id: string;
  code: string;
  status: string;
  feePayments: { feeCode: string; amount: number; method: string }[];
}

describe('online fee payment from the citizen portal, in a real browser', () => {
  let platform: BrowserPlatform;
  const tokens = new Map<string, string>();

  async function call<T>(username: string, path: string, body?: unknown, status = body === undefined ? 200 : 201): Promise<T> {
    let bearer = tokens.get(username);
    if (!bearer) tokens.set(username, (bearer = await token(platform.baseUrl, username)));
    const init: RequestInit = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    const response = await fetch(`${platform.baseUrl}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${bearer}` } });
    const text = await response.text();
    assert.equal(response.status, status, `${path} as ${username}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
    for (let i = 0; i < 300; i += 1) {
      const value = await probe();
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`Timed out waiting for ${what}`);
  }

  /** Completes the officer's step once the process has reached it. */
  async function completeStep(username: string, dossierId: string, elementId: string, variables: Record<string, unknown>): Promise<void> {
    const item = await waitFor(`${elementId} for ${username}`, async () =>
      (await call<{ userTaskKey: string; elementId: string; dossier: { id: string } }[]>(username, '/api/tasks')).find((i) => i.dossier.id === dossierId && i.elementId === elementId),
    );
    await call(username, `/api/tasks/${item.userTaskKey}/complete`, { variables }, 200);
  }

  async function answerConsultation(username: string, dossierId: string): Promise<void> {
    const request = await waitFor(`consultation for ${username}`, async () =>
      (await call<{ id: string; dossierId: string }[]>(username, '/api/consultations')).find((c) => c.dossierId === dossierId),
    );
    await call(username, `/api/consultations/${request.id}/answer`, { opinion: 'Thống nhất, không có ý kiến khác' }, 200);
  }

  before(async () => {
    platform = await startBrowserPlatform();
  });
  after(async () => {
    await platform?.close();
  });

  test('the citizen sees the fees due in đồng, pays on the bank page, and comes back to his dossier moving on', async () => {
    // Submitted online and taken to "waiting for fee" through the API, as the officers would.
    const catalogue = await call<{ requiredDocuments: { name: string; mandatory: boolean }[]; fees: { amount: number }[] }>('citizen1', `/api/public/procedures/${PROCEDURE}`);
    const attachments = [];
    for (const document of catalogue.requiredDocuments.filter((d) => d.mandatory)) {
      const form = new FormData();
      form.append('file', new Blob([samplePdf(document.name.slice(0, 30))]), 'giay-to.pdf');
      const upload = await fetch(`${platform.baseUrl}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${tokens.get('citizen1')}` }, body: form });
      assert.equal(upload.status, 201);
      attachments.push({ document: document.name, fileId: ((await upload.json()) as { id: string }).id });
    }
    const submitted = await call<Dossier>('citizen1', '/api/dossiers', { procedure: PROCEDURE, application: APPLICATION, attachments });
    await completeStep('reception.vpdk', submitted.id, 'Task_TiepNhan', RECEIVE);
    await completeStep('specialist.vpdk', submitted.id, 'Task_ThamDinh', APPRAISAL);
    await answerConsultation('specialist.hongha', submitted.id);
    await answerConsultation('specialist.thue', submitted.id);
    await waitFor('waiting_for_fee', async () => ((await call<Dossier>('citizen1', `/api/dossiers/${submitted.id}`)).status === 'waiting_for_fee' ? true : undefined));
    const due = await call<{ amount: number; fees: { name: string; amount: number }[] }>('citizen1', `/api/payments/due?dossierId=${submitted.id}`);
    assert.ok(due.amount > 0 && due.fees.length > 0, 'the process asked for a fee with an amount');

    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, 'citizen1');
    await screenshotsOnFailure(platform.browser, 'online-payment', async () => {
      // The dossier is found by its code among his own, filtered by the server.
      await page.goto(`${platform.baseUrl}/portal/ho-so`);
      await page.getByRole('searchbox', { name: 'Tìm hồ sơ' }).fill(submitted.code.slice(-11).toLowerCase());
      await page.getByRole('combobox', { name: 'Trạng thái' }).selectOption('waiting_for_fee');
      const row = page.locator('tbody tr', { hasText: submitted.code });
      await row.waitFor();
      assert.equal(await page.locator('tbody tr').count(), 1, 'only the dossier searched for');
      await row.getByRole('link').first().click();

      // The fees due, each with its amount in đồng, and the total.
      const panel = page.getByRole('region', { name: 'Nộp phí, lệ phí' });
      await panel.waitFor();
      const dong = (amount: number) => `${new Intl.NumberFormat('vi-VN').format(amount)} đồng`;
      for (const fee of due.fees) await panel.getByRole('row', { name: new RegExp(`${escape(fee.name)}.*${escape(dong(fee.amount))}`) }).waitFor();
      assert.match(await panel.getByRole('row', { name: /Tổng cộng/ }).innerText(), new RegExp(escape(dong(due.amount))));
      await screenshot(page, 'payment-01-fees-due');

      // To the gateway: the sandbox bank's page, for the same amount.
      await panel.getByRole('button', { name: 'Thanh toán trực tuyến' }).click();
      await page.waitForURL(/\/api\/payments\/sandbox-bank\/pay\?/);
      assert.match(await page.locator('body').innerText(), new RegExp(escape(dong(due.amount))));
      await screenshot(page, 'payment-02-sandbox-bank');
      await page.getByRole('button', { name: 'Xác nhận thanh toán' }).click();

      // Back on his dossier: the outcome said plainly, the fee recorded, the dossier moving on.
      await page.waitForURL((url) => url.pathname === `/portal/ho-so/${submitted.id}`);
      await page.getByText('Thanh toán thành công.').waitFor();
      await page.locator('.meta').getByText('Đang giải quyết').waitFor();
      assert.equal(await page.getByRole('region', { name: 'Nộp phí, lệ phí' }).count(), 0, 'nothing left to pay');
      assert.equal(new URL(page.url()).searchParams.get('thanh-toan'), null, 'the outcome is not shown again on a reload');
      await screenshot(page, 'payment-03-paid');
    });
    await context.close();

    const after = await call<Dossier>('citizen1', `/api/dossiers/${submitted.id}`);
    assert.equal(after.status, 'processing');
    assert.deepEqual(after.feePayments.map((p) => [p.amount, p.method]).sort(), due.fees.map((f) => [f.amount, 'online']).sort());
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
