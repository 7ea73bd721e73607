import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { screenshot, startBrowserPlatform, type BrowserPlatform } from './browser-platform.js';
import { completeStep, diagramMarks, field, fillBirthApplication, openStep, samplePdf, SAMPLE_PNG, screenshotsOnFailure, signedInPage, token, uploadFor } from './dossier-steps.js';

const PROCEDURE = { slug: 'dang-ky-khai-sinh', name: 'Đăng ký khai sinh' };
const DOCUMENTS = {
  form: 'Tờ khai đăng ký khai sinh theo mẫu',
  birth: 'Giấy chứng sinh (hoặc văn bản của người làm chứng, giấy cam đoan về việc sinh nếu không có giấy chứng sinh)',
};

/** A birth registration submitted online through the API, so the officers' areas have a dossier to show. */
async function submitOnline(baseUrl: string): Promise<{ id: string; code: string }> {
  const bearer = { authorization: `Bearer ${await token(baseUrl, 'citizen2')}` };
  const upload = async (name: string, content: Buffer) => {
    const form = new FormData();
    form.append('file', new Blob([content]), name);
    const response = await fetch(`${baseUrl}/api/files`, { method: 'POST', headers: bearer, body: form });
    assert.equal(response.status, 201);
    return ((await response.json()) as { id: string }).id;
  };
  const response = await fetch(`${baseUrl}/api/dossiers`, {
    method: 'POST',
    headers: { ...bearer, 'content-type': 'application/json' },
    body: JSON.stringify({
      procedure: PROCEDURE.slug,
      agency: 'UBND-XA-HH',
      application: {
        nguoiYeuCauHoTen: 'Trần Thị Bình',
        nguoiYeuCauSoDinhDanh: '022190005678',
        nguoiYeuCauNoiCuTru: 'Số 5 phố Lê Thánh Tông, phường Hồng Hà',
        quanHe: 'me',
        hoTen: 'Phạm Gia Huy',
        ngaySinh: '2026-11-01',
        gioiTinh: 'nam',
        danToc: 'Kinh',
        quocTich: 'Việt Nam',
        noiSinh: 'Bệnh viện Bãi Cháy',
        queQuan: 'Phường Hồng Hà, tỉnh Quảng Ninh',
        meHoTen: 'Trần Thị Bình',
        meSoDinhDanh: '022190005678',
        meNamSinh: 1990,
        meDanToc: 'Kinh',
        meQuocTich: 'Việt Nam',
        meNoiCuTru: 'Số 5 phố Lê Thánh Tông, phường Hồng Hà',
        camDoan: true,
      },
      attachments: [
        { document: DOCUMENTS.form, fileId: await upload('to-khai.pdf', samplePdf('To khai dang ky khai sinh')) },
        { document: DOCUMENTS.birth, fileId: await upload('giay-chung-sinh.png', SAMPLE_PNG) },
      ],
    }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()) as { id: string; code: string };
}

describe('the web app’s areas in a real browser', () => {
  let platform: BrowserPlatform;
  let online: { id: string; code: string };

  before(async () => {
    platform = await startBrowserPlatform();
    online = await submitOnline(platform.baseUrl);
  });
  after(async () => {
    await platform?.close();
  });

  test('reception officer: worklist with due-date colours, search without accents, claim and give back, the dossier’s records and file preview', async () => {
    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, 'reception.hongha');
    await screenshotsOnFailure(platform.browser, 'worklist', async () => {
      assert.equal(new URL(page.url()).pathname, '/worklist');
      const row = page.locator('tr', { hasText: online.code });
      await row.waitFor();
      assert.match(await row.locator('.badge-deadline').innerText(), /Trong hạn|Sắp đến hạn|Quá hạn/);
      await page.getByRole('searchbox', { name: 'Tìm hồ sơ' }).fill(`${online.code.slice(-11).toLowerCase()} tran thi binh`);
      await row.waitFor();
      assert.equal(await page.locator('table.worklist tbody tr').count(), 1, 'the code and the accent-free name find the one dossier');

      await row.getByRole('button', { name: `Nhận xử lý ${online.code}` }).click();
      await row.getByRole('cell', { name: 'Tôi' }).waitFor();
      await screenshot(page, 'area-worklist');
      await row.getByRole('button', { name: `Trả lại nhóm ${online.code}` }).click();
      await row.getByText('Chưa nhận').waitFor();

      await row.getByRole('link', { name: `Xử lý ${online.code}` }).click();
      await page.locator('.task-form .fjs-container').waitFor();
      await page.getByRole('heading', { name: 'Thành phần hồ sơ đã nộp' }).waitFor();
      await page.locator('.doc-list li', { hasText: DOCUMENTS.form }).getByRole('button', { name: 'Xem' }).click();
      const dialog = page.getByRole('dialog', { name: DOCUMENTS.form });
      await dialog.locator('iframe').waitFor();
      await screenshot(page, 'area-worklist-file-preview');
      await dialog.getByRole('button', { name: 'Đóng' }).click();
      await page.locator('.doc-list li', { hasText: 'Giấy chứng sinh' }).getByRole('button', { name: 'Xem' }).click();
      await page.getByRole('dialog').locator('img').waitFor();
      await page.getByRole('dialog').getByRole('button', { name: 'Đóng' }).click();

      await page.getByRole('tab', { name: 'Lịch sử xử lý' }).click();
      await page.getByRole('cell', { name: 'Nộp hồ sơ trực tuyến' }).waitFor();
      await page.getByRole('tab', { name: 'Phiếu kiểm soát quá trình' }).click();
      await page.getByRole('cell', { name: 'Tiếp nhận, kiểm tra hồ sơ' }).waitFor();
      await screenshot(page, 'area-worklist-control-sheet');
      // Keyboard: the tabs move with the arrow keys.
      await page.getByRole('tab', { name: 'Phiếu kiểm soát quá trình' }).press('ArrowRight');
      assert.equal(await page.getByRole('tab', { name: 'Sơ đồ quy trình' }).getAttribute('aria-selected'), 'true');
      // The engine says where the dossier stands: reception is active, the start event passed.
      await diagramMarks(page, { active: ['Task_TiepNhan'], completed: ['StartEvent_HoSoDaNop'] });
      assert.equal(await page.locator('[data-testid="process-diagram"] g.djs-element.diagram-active').count(), 1, 'one step holds the token');
      await screenshot(page, 'area-worklist-diagram');
    });
    await context.close();
  });

  test('counter: receives a dossier on a citizen’s behalf, checked against the required documents, and prints the receipt', async () => {
    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, 'reception.hongha');
    await screenshotsOnFailure(platform.browser, 'counter', async () => {
      await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Quầy tiếp nhận' }).click();
      // The tờ khai comes from the published version, not from a copy inside the web app.
      const published = page.waitForResponse((r) => r.url().endsWith(`/api/public/procedures/${PROCEDURE.slug}/application-form`));
      await page.getByRole('button', { name: new RegExp(PROCEDURE.name) }).click();
      const form = (await (await published).json()) as { version: number; formId: string; form: { id: string } };
      assert.equal(form.formId, `${PROCEDURE.slug}-to-khai`);
      assert.equal(form.form.id, form.formId);
      const applicant = page.locator('section.panel', { hasText: 'Thông tin người nộp' });
      await applicant.getByLabel('Họ, chữ đệm và tên').fill('Lê Văn Cường');
      await applicant.getByLabel('Số định danh cá nhân').fill('022088004321');
      await applicant.getByLabel('Số điện thoại').fill('0912345678');
      await page.locator('.fjs-container').waitFor();
      await page.getByRole('heading', { name: 'Tờ khai', exact: true }).scrollIntoViewIfNeeded();
      await screenshot(page, 'area-counter-application-form');
      await fillBirthApplication(page, { name: 'Lê Văn Cường', idNumber: '022088004321' });
      await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
      await page.getByRole('alert').filter({ hasText: 'Còn thiếu thành phần hồ sơ bắt buộc' }).waitFor();
      await uploadFor(page, DOCUMENTS.birth, { name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: samplePdf('Giay chung sinh') });
      await screenshot(page, 'area-counter-form');
      await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
      const receipt = page.locator('article.receipt');
      await receipt.getByRole('heading', { name: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ' }).waitFor();
      const code = (await receipt.locator('.receipt-code strong').innerText()).trim();
      // Phường Hồng Hà's electronic identifier (processes/agencies.json, Decision 20/2020/QĐ-TTg) begins the code.
      assert.match(code, /^000\.21\.00\.H40-\d{6}-\d{4}$/);
      assert.match(await receipt.innerText(), /Lê Văn Cường[\s\S]*Tờ khai đăng ký khai sinh theo mẫu/);
      await screenshot(page, 'area-counter-receipt');
      // The reception step of the new dossier opens from the receipt.
      await page.getByRole('link', { name: 'Mở bước tiếp nhận' }).click();
      await page.getByRole('heading', { name: new RegExp(code) }).waitFor();
    });
    await context.close();
  });

  test('citizen: procedure page, own dossiers, and the public lookup', async () => {
    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, 'citizen2');
    await screenshotsOnFailure(platform.browser, 'portal', async () => {
      await page.getByRole('searchbox').fill('khai sinh');
      await page.getByRole('link', { name: PROCEDURE.name, exact: true }).click();
      await page.getByRole('heading', { name: 'Thành phần hồ sơ' }).waitFor();
      await page.getByRole('cell', { name: DOCUMENTS.birth }).waitFor();
      await screenshot(page, 'area-portal-procedure');
      await page.goto(`${platform.baseUrl}/portal/ho-so`);
      await page.getByRole('link', { name: online.code }).click();
      await page.getByRole('heading', { name: online.code }).waitFor();
      await page.getByText('Mới nộp, chờ tiếp nhận').first().waitFor();
      await screenshot(page, 'area-portal-my-dossier');

      const visitor = await platform.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
      const lookup = await visitor.newPage();
      await lookup.goto(`${platform.baseUrl}/portal`);
      await lookup.getByRole('link', { name: 'Tra cứu hồ sơ' }).click();
      await lookup.getByLabel('Mã hồ sơ').fill(online.code);
      await lookup.getByLabel('Số định danh cá nhân').fill('022190005678');
      await lookup.getByRole('button', { name: 'Tra cứu' }).click();
      const found = lookup.locator('[aria-live] .panel');
      await found.getByRole('heading', { name: online.code }).waitFor();
      assert.match(await found.innerText(), /Đăng ký khai sinh[\s\S]*Mới nộp, chờ tiếp nhận/);
      await screenshot(lookup, 'area-portal-lookup');
      // Someone else's identity number: the same "not found" as a wrong code.
      await lookup.getByLabel('Số định danh cá nhân').fill('022090001234');
      await lookup.getByRole('button', { name: 'Tra cứu' }).click();
      await lookup.getByText('Không tìm thấy hồ sơ với mã và số định danh này.').waitFor();
      assert.equal(await found.count(), 0);
      await screenshot(lookup, 'area-portal-lookup-none');
      await visitor.close();
    });
    await context.close();
  });

  test('supervisor: dashboard figures with drill-down from agency to procedure to dossier, and the Excel export', async () => {
    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, 'supervisor');
    await screenshotsOnFailure(platform.browser, 'dashboard', async () => {
      assert.equal(new URL(page.url()).pathname, '/dashboard');
      await page.locator('.kpi', { hasText: 'Tỷ lệ đúng hạn' }).waitFor();
      const agencyRow = page.locator('tbody tr', { hasText: 'UBND-XA-HH' });
      await agencyRow.waitFor();
      await screenshot(page, 'area-dashboard');
      await agencyRow.getByRole('button').click();
      await page.getByRole('table', { name: 'Theo thủ tục' }).waitFor();
      await page.locator('tbody tr', { hasText: '1.001193' }).getByRole('button').click();
      await page.getByRole('link', { name: online.code }).waitFor();
      await screenshot(page, 'area-dashboard-drill-down');
      await page.getByRole('button', { name: 'Toàn tỉnh' }).click();
      await page.getByRole('table', { name: 'Theo cơ quan' }).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
      assert.match(download.suggestedFilename(), /\.xlsx$/);
      const workbook = await readFile((await download.path()));
      assert.equal(workbook.subarray(0, 2).toString('latin1'), 'PK', 'an Excel workbook (zip container)');
    });
    await context.close();
  });

  test('reception asks for a supplement; the citizen answers it with a file and the dossier returns to reception', async () => {
    const second = await submitOnline(platform.baseUrl);
    const reception = await signedInPage(platform.browser, platform.baseUrl, 'reception.hongha');
    const citizen = await signedInPage(platform.browser, platform.baseUrl, 'citizen2');
    await screenshotsOnFailure(platform.browser, 'supplement', async () => {
      await openStep(reception.page, platform.baseUrl, second.code);
      await field(reception.page, 'Field_receptionDecision-1').check();
      await field(reception.page, 'Field_reasons').fill('Giấy chứng sinh chụp mờ, đề nghị nộp lại bản rõ nét.');
      await completeStep(reception.page);

      await citizen.page.goto(`${platform.baseUrl}/portal/ho-so/${second.id}`);
      const request = citizen.page.locator('section.panel-attention');
      await request.getByRole('heading', { name: 'Cơ quan yêu cầu bổ sung hồ sơ' }).waitFor();
      await request.getByText('Giấy chứng sinh chụp mờ, đề nghị nộp lại bản rõ nét.').waitFor();
      await uploadFor(citizen.page, DOCUMENTS.birth, { name: 'giay-chung-sinh-ro-net.pdf', mimeType: 'application/pdf', buffer: samplePdf('Giay chung sinh ban ro net') });
      await request.getByLabel('Ghi chú gửi cơ quan').fill('Đã chụp lại giấy chứng sinh.');
      await screenshot(citizen.page, 'area-portal-supplement');
      await request.getByRole('button', { name: 'Gửi hồ sơ bổ sung' }).click();
      await request.waitFor({ state: 'detached' });
      await citizen.page.getByRole('tab', { name: 'Lịch sử xử lý' }).click();
      await citizen.page.getByRole('cell', { name: 'Yêu cầu bổ sung hồ sơ' }).first().waitFor();

      // Back at reception, with the new file among the dossier's documents.
      await openStep(reception.page, platform.baseUrl, second.code);
      await reception.page.locator('.doc-list li', { hasText: 'Giấy chứng sinh' }).nth(1).waitFor();
    });
    await reception.context.close();
    await citizen.context.close();
  });

  test('a consulted agency’s inbox, and the submission page on a phone-sized screen', async () => {
    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, 'specialist.thue');
    await screenshotsOnFailure(platform.browser, 'consultations', async () => {
      await page.getByRole('link', { name: 'Lấy ý kiến' }).click();
      await page.getByRole('heading', { name: 'Hộp thư lấy ý kiến' }).waitFor();
      await page.getByText('Không có yêu cầu lấy ý kiến nào.').waitFor();
      await screenshot(page, 'area-consultations');
    });
    await context.close();

    const phone = await platform.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    const mobile = await phone.newPage();
    await screenshotsOnFailure(platform.browser, 'phone', async () => {
      await mobile.goto(`${platform.baseUrl}/portal/thu-tuc/${PROCEDURE.slug}`);
      await mobile.getByRole('heading', { name: PROCEDURE.name }).waitFor();
      const overflow = await mobile.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      assert.equal(overflow, 0, 'no horizontal scrolling on a phone');
      await screenshot(mobile, 'area-portal-procedure-phone');
    });
    await phone.close();
  });
});
