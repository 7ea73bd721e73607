import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { SandboxPortal } from '@mot-cua/engine/national-portal/sandbox/sandbox-portal.js';
import { SANDBOX_CITIZENS, SandboxVneid } from '@mot-cua/engine/national-portal/sandbox/sandbox-vneid.js';
import { CASES, LEADER_PIN } from '@mot-cua/engine/test-fixtures/dossiers.js';
import { screenshot, startBrowserPlatform, type BrowserPlatform } from './browser-platform.js';
import { completeStep, field, fillDate, openStep, samplePdf, screenshotsOnFailure, signedInPage } from './dossier-steps.js';

const BIRTH = CASES['dang-ky-khai-sinh'];
/** The province's MaDinhDanhDV as the sandbox expects it in every call. */
const PROVINCE_ID = '000.00.00.H40';
/** Electronic identifier of phường Hồng Hà, the competent agency (processes/agencies.json; Decision 20/2020/QĐ-TTg). */
const HONG_HA_ID = '000.21.00.H40';
/**
 * The portal's TrangThaiHoSo codes from received to returned (docs/national-portal.md, the list of
 * ten): 1 Mới đăng ký, 2 Được tiếp nhận, 4 Đang xử lý, 9 Đã xử lý xong, 10 Đã trả kết quả.
 */
const RECEIVED_TO_RETURNED = ['1', '2', '4', '9', '10'];

/**
 * Issue 12: a dossier filed on the (sandbox) national portal is received, worked through its steps
 * and returned on the platform, in Chromium; the portal shows every status and the signed result;
 * the citizen, signed in with (the sandbox) VNeID, finds the dossier as his own.
 */
describe('from the national portal to the returned result, in a real browser', () => {
  const secret = randomBytes(24).toString('hex');
  const password = randomBytes(12).toString('hex');
  let sandbox: SandboxPortal;
  let vneid: SandboxVneid;
  let platform: BrowserPlatform;

  before(async () => {
    sandbox = await SandboxPortal.start({ username: 'qn-motcua', password, agencyId: PROVINCE_ID });
    platform = await startBrowserPlatform({
      settings: async (baseUrl) => {
        vneid = await SandboxVneid.start({
          clients: [{ clientId: 'mot-cua-e2e', clientSecret: 'vneid-e2e-secret', redirectUri: `${baseUrl}/realms/mot-cua/broker/vneid/endpoint` }],
        });
        return {
          VNEID_ISSUER: vneid.issuer,
          VNEID_CLIENT_ID: 'mot-cua-e2e',
          VNEID_CLIENT_SECRET: 'vneid-e2e-secret',
          NATIONAL_PORTAL_AUTH_URL: sandbox.authUrl,
          NATIONAL_PORTAL_SERVICE_URL: sandbox.serviceUrl,
          NATIONAL_PORTAL_USERNAME: 'qn-motcua',
          NATIONAL_PORTAL_PASSWORD: password,
          NATIONAL_PORTAL_AGENCY_ID: PROVINCE_ID,
          NATIONAL_PORTAL_INBOUND_SECRET: secret,
          NATIONAL_PORTAL_RETRY_MAX_SECONDS: '2',
        };
      },
    });
    sandbox.connect(platform.baseUrl, secret);
  });
  after(async () => {
    await platform?.close();
    await vneid?.stop();
    await sandbox?.stop();
  });

  test('received, appraised, approved and signed, returned; the portal shows 1 → 10 and the signed result; the citizen sees it as his', async () => {
    const base = platform.baseUrl;
    const browser = platform.browser;
    const citizen = SANDBOX_CITIZENS[1];
    await screenshotsOnFailure(browser, 'portal-walk', async () => {
      // The citizen files on the portal (its own code, his VNeID identity, his documents); it delivers the dossier.
      const catalogue = (await (await fetch(`${base}/api/public/procedures/${BIRTH.slug}`)).json()) as { code: string; requiredDocuments: { name: string; mandatory: boolean }[] };
      const filed = await fetch(`${sandbox.url}/api/dossiers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          MaTTHC: catalogue.code,
          MaDinhDanhDV: HONG_HA_ID,
          ChuHoSo: { HoTen: citizen.name, SoDinhDanh: citizen.personalId, SoDienThoai: '0912345678' },
          DuLieuToKhai: { ...BIRTH.application, nguoiYeuCauHoTen: citizen.name, nguoiYeuCauSoDinhDanh: citizen.personalId, chaHoTen: citizen.name },
          TaiLieuNop: catalogue.requiredDocuments
            .filter((d) => d.mandatory)
            .map((d) => ({ TenGiayTo: d.name, TenTep: 'giay-chung-sinh.pdf', NoiDung: samplePdf('Giay chung sinh').toString('base64') })),
        }),
      });
      const { MaHoSo: portalCode, platform: delivery } = (await filed.json()) as { MaHoSo: string; platform: { status: number; body: Record<string, unknown> } };
      assert.equal(delivery.status, 200, JSON.stringify(delivery.body));
      assert.match(portalCode, /^SBX-\d{6}-\d{4}$/);

      // The portal's page shows the dossier as the platform recorded it, with the province's receipt code.
      const portalPage = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
      const portalSection = portalPage.locator(`section[data-dossier="${portalCode}"]`);
      const receiptCode = await waitOnPage(async () => {
        await portalPage.goto(sandbox.url);
        const text = await portalSection.locator('dt:has-text("Số biên nhận của tỉnh") + dd').textContent().catch(() => '');
        return text?.trim() || undefined;
      });
      assert.match(receiptCode, /^000\.21\.00\.H40-\d{6}-\d{4}$/, 'filed with Hồng Hà under the platform’s own code');
      await screenshot(portalPage, 'portal-walk-01-portal-filed');

      // Reception of the competent agency finds it in its queue, marked as filed on the national
      // portal with the code the applicant knows it by there, and receives it.
      const reception = await signedInPage(browser, base, `reception.${BIRTH.staff}`);
      const queued = reception.page.locator('tr', { hasText: receiptCode });
      await waitOnPage(async () => {
        await reception.page.goto(`${base}/worklist`);
        await reception.page.locator('main h1').waitFor();
        return (await queued.count()) > 0 ? true : undefined;
      });
      assert.equal((await queued.locator('.badge-portal').innerText()).trim(), `Cổng DVCQG ${portalCode}`);
      await screenshot(reception.page, 'portal-walk-02-worklist');
      await openStep(reception.page, base, receiptCode);
      await reception.page.getByRole('heading', { name: /Tiếp nhận, kiểm tra hồ sơ/ }).first().waitFor();
      // The step shows the code the applicant knows the dossier by on the portal.
      assert.equal((await reception.page.getByTestId('national-portal-code').innerText()).trim(), `Mã hồ sơ trên Cổng Dịch vụ công quốc gia: ${portalCode}`);
      await field(reception.page, 'Field_thanhPhanDaNhan-0').check();
      await field(reception.page, 'Field_thanhPhanDaNhan-1').check();
      await field(reception.page, 'Field_receptionDecision-0').check();
      await screenshot(reception.page, 'portal-walk-02-reception-step');
      await completeStep(reception.page);

      const specialist = await signedInPage(browser, base, `specialist.${BIRTH.staff}`);
      await openStep(specialist.page, base, receiptCode);
      for (let i = 0; i < 5; i += 1) await field(specialist.page, `Field_tieuChiThamDinh-${i}`).check();
      await field(specialist.page, 'Field_yKienThamDinh').fill('Hồ sơ đầy đủ, thông tin khớp giấy chứng sinh; đề nghị đăng ký khai sinh.');
      await field(specialist.page, 'Field_appraisalResult-0').check();
      await screenshot(specialist.page, 'portal-walk-03-specialist');
      await completeStep(specialist.page);
      await specialist.context.close();

      // The leader approves and signs with her own key (her signing PIN).
      const leader = await signedInPage(browser, base, `leader.${BIRTH.staff}`);
      await openStep(leader.page, base, receiptCode);
      await field(leader.page, 'Field_approvalDecision-0').check();
      await leader.page.getByRole('button', { name: 'Hoàn thành và chuyển bước' }).click();
      const pinDialog = leader.page.getByRole('dialog', { name: 'Ký số bằng chứng thư số cá nhân' });
      await pinDialog.getByLabel('Mã PIN ký số').fill(LEADER_PIN);
      await pinDialog.getByRole('button', { name: 'Ký số và hoàn thành' }).click();
      await leader.page.getByText(/^Đã hoàn thành bước/).waitFor();
      await leader.context.close();

      const clerk = await signedInPage(browser, base, `clerk.${BIRTH.staff}`);
      await openStep(clerk.page, base, receiptCode);
      await field(clerk.page, 'Field_soVanBan').fill('126');
      await field(clerk.page, 'Field_quyenSo').fill('01/2026-KS');
      await fillDate(clerk.page, 'Field_ngayKy', '23/11/2026');
      await completeStep(clerk.page);
      await clerk.context.close();

      // Reception returns the result.
      await openStep(reception.page, base, receiptCode);
      await field(reception.page, 'Field_hinhThucTra-0').check();
      await field(reception.page, 'Field_nguoiNhan').fill(citizen.name);
      await screenshot(reception.page, 'portal-walk-04-return');
      await completeStep(reception.page);
      await reception.context.close();

      // The portal's page: every status from received to returned, in order, and the result.
      const results = portalSection.locator('ul.results a');
      await waitOnPage(async () => {
        await portalPage.goto(sandbox.url);
        return (await results.count()) > 0 ? true : undefined;
      });
      const statuses = await portalSection.locator('ol.statuses li').evaluateAll((items) => items.map((item) => item.getAttribute('data-status')));
      assert.deepEqual(statuses, RECEIVED_TO_RETURNED);
      assert.deepEqual(await portalSection.locator('ol.statuses li').allInnerTexts(), ['1 – Mới đăng ký', '2 – Được tiếp nhận', '4 – Đang xử lý', '9 – Đã xử lý xong', '10 – Đã trả kết quả']);
      // Each step is named once (what was done, then the note when it says more).
      for (const content of await portalSection.locator('tbody tr td:nth-child(4)').allInnerTexts()) {
        const parts = content.split(': ');
        assert.equal(new Set(parts).size, parts.length, `the step says each thing once: ${content}`);
      }
      await portalPage.setViewportSize({ width: 1280, height: 1400 });
      await screenshot(portalPage, 'portal-walk-05-portal-returned');
      // Its link is the signed PDF, which the portal fetches: signed by the leader and with the agency's seal.
      const resultLink = (await results.first().getAttribute('href'))!;
      assert.match(resultLink, new RegExp(`^${base}/api/national-portal/files/[0-9a-f-]{36}/[A-Za-z0-9_-]{43}$`));
      const fetched = await fetch(resultLink);
      assert.equal(fetched.status, 200);
      const signedForm = new FormData();
      signedForm.append('file', new Blob([await fetched.arrayBuffer()], { type: 'application/pdf' }), 'ket-qua.pdf');
      const signed = (await (await fetch(`${base}/api/verify`, { method: 'POST', body: signedForm })).json()) as { valid: boolean; signatures: unknown[] };
      assert.equal(signed.valid, true, 'the file the portal fetches carries valid signatures');
      assert.ok(signed.signatures.length >= 2);
      // The result's verification page, under the id the portal received (GiayToId).
      const [sent] = sandbox.dossier(portalCode)!.record!.DanhSachGiayToKetQua as { GiayToId: string }[];
      await portalPage.goto(`${base}/verify/${sent.GiayToId}`);
      const verifyText = await portalPage.locator('body').innerText();
      assert.match(verifyText, /hợp lệ/i);
      assert.match(verifyText, /chứng thư số của Ủy ban nhân dân phường Hồng Hà/);
      await screenshot(portalPage, 'portal-walk-06-result-verified');
      await portalPage.close();

      // The citizen signs in with VNeID and finds the dossier as his own, with the signed result.
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', acceptDownloads: true });
      const page = await context.newPage();
      await page.goto(`${base}/portal`);
      await page.getByRole('banner').getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL(/\/realms\/mot-cua\/login-actions\//);
      await page.getByRole('button', { name: 'Đăng nhập bằng VNeID' }).click();
      await page.waitForURL((url) => url.href.startsWith(vneid.issuer));
      await page.getByRole('button', { name: new RegExp(citizen.name) }).click();
      await page.waitForURL((url) => url.origin === base && url.pathname === '/portal' && !url.hash);
      await page.goto(`${base}/portal/ho-so`);
      await page.getByRole('link', { name: receiptCode }).first().click();
      await page.getByRole('heading', { name: receiptCode }).waitFor();
      await page.getByText('Đã trả kết quả').first().waitFor();
      await screenshot(page, 'portal-walk-07-citizen-dossier');
      await page.getByRole('tab', { name: /^Văn bản/ }).click();
      const result = page.locator('li[data-kind="result"]');
      await result.waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), result.getByRole('button', { name: 'Tải về' }).click()]);
      const pdf = await readFile(await download.path());
      const form = new FormData();
      form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'ket-qua.pdf');
      const verification = (await (await fetch(`${base}/api/verify`, { method: 'POST', body: form })).json()) as { valid: boolean; signatures: unknown[] };
      assert.equal(verification.valid, true, 'every signature of the result is valid');
      assert.ok(verification.signatures.length >= 2, 'signed by the leader and with the agency seal');
      await screenshot(page, 'portal-walk-08-citizen-result');
      await context.close();

      assert.deepEqual(sandbox.calls.filter((c) => !c.accepted), [], 'the portal refused no call');
    });
  });
});

/** Reloads and reads until the page shows what is awaited (the platform syncs through its outbox). */
async function waitOnPage<T>(read: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('The portal page did not show it in time');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
