import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot, startBrowserPlatform, type BrowserPlatform } from './browser-platform.js';
import { completeStep, diagramMarks, field, insertNotificationStep, fillBirthApplication, fillDate, openStep, SAMPLE_PNG, screenshotsOnFailure, signedInPage, token, uploadFor } from './dossier-steps.js';
import { publishWithNote } from './studio-steps.js';
import { demoAccount } from '@mot-cua/engine/identity/demo-accounts.js';
import { LEADER_PIN } from '@mot-cua/engine/test-fixtures/dossiers.js';

const PROCEDURE = { slug: 'dang-ky-khai-sinh', name: 'Đăng ký khai sinh' };
const ADDED_STEP = 'Thông báo đã nhận hồ sơ trực tuyến';

/** The analyst inserts a notification from the platform's element template before reception, saves and publishes. */
async function addNotificationAndPublish(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/studio/${PROCEDURE.slug}`);
  await page.locator('[data-element-id="Task_TiepNhan"]').waitFor();
  await page.locator('.bio-properties-panel').waitFor();
  await insertNotificationStep(page, ADDED_STEP);
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await page.getByText('Đã lưu bản nháp.').waitFor();
  await page.getByRole('tab', { name: 'Kiểm tra và xuất bản' }).click();
  await publishWithNote(page, 'Thêm bước thông báo đã nhận hồ sơ trực tuyến');
  await page.getByText(/Đã xuất bản phiên bản 2\./).waitFor();
}

describe('the issue’s scenario, end to end in a real browser', () => {
  let platform: BrowserPlatform;
  before(async () => {
    platform = await startBrowserPlatform();
  });
  after(async () => {
    await platform?.close();
  });

  test('analyst adds a step with an element template and publishes; citizen submits with uploads; officers work every step; citizen downloads the signed result, which verifies', async () => {
    const base = platform.baseUrl;
    const browser = platform.browser;
    await screenshotsOnFailure(browser, 'scenario', async () => {

    const analyst = await signedInPage(browser, base, 'analyst.hongha');
    await addNotificationAndPublish(analyst.page, base);
    await screenshot(analyst.page, 'scenario-01-analyst-published');
    await analyst.context.close();
    // The published model has the new task on the path from the start event to reception.
    const published = (await (
      await fetch(`${base}/api/procedures/${PROCEDURE.slug}/versions/2`, { headers: { authorization: `Bearer ${await token(base, 'analyst.hongha')}` } })
    ).json()) as { files: Record<string, string> };
    const xml = published.files[`models/${PROCEDURE.slug}.bpmn`] ?? '';
    const tag = new RegExp(`<bpmn:serviceTask [^>]*name="${ADDED_STEP}"[^>]*>`).exec(xml)?.[0];
    const added = tag && /\sid="([^"]+)"/.exec(tag)?.[1];
    assert.ok(added, `version 2 has the notification task: ${xml.slice(0, 1500)}`);
    assert.match(xml, new RegExp(`sourceRef="StartEvent_HoSoDaNop" targetRef="${added}"`));
    assert.match(xml, new RegExp(`sourceRef="${added}" targetRef="Task_TiepNhan"`));

    // The citizen finds the procedure without typing accents and submits online.
    const citizen = await signedInPage(browser, base, 'citizen1');
    assert.equal(new URL(citizen.page.url()).pathname, '/portal');
    await citizen.page.getByRole('searchbox').fill('dang ky khai sinh');
    await citizen.page.getByRole('heading', { name: PROCEDURE.name, exact: true }).waitFor();
    assert.equal(await citizen.page.locator('.card').count(), 1, 'the accent-free query finds exactly the procedure');
    const applicationForm = citizen.page.waitForResponse((r) => r.url().endsWith(`/api/public/procedures/${PROCEDURE.slug}/application-form`));
    await citizen.page.getByRole('link', { name: /^Nộp hồ sơ trực tuyến\W+Đăng ký khai sinh$/ }).click();
    assert.equal(((await (await applicationForm).json()) as { version: number }).version, 2, 'the submit page fills in the form of the version just published');
    await citizen.page.locator('.fjs-container').waitFor();
    // Every commune offers the birth registration (procedure.json, offeredBy): the citizen chooses Hồng Hà.
    await citizen.page.getByLabel('Cơ quan giải quyết').selectOption('UBND-XA-HH');
    await fillBirthApplication(citizen.page, { name: 'Nguyễn Văn An', idNumber: '022090001234' });
    await uploadFor(citizen.page, 'Giấy chứng sinh (hoặc văn bản của người làm chứng, giấy cam đoan về việc sinh nếu không có giấy chứng sinh)', {
      name: 'giay-chung-sinh.png',
      mimeType: 'image/png',
      buffer: SAMPLE_PNG,
    });
    await screenshot(citizen.page, 'scenario-02-citizen-submit');
    await citizen.page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await citizen.page.getByRole('heading', { name: 'Đã nộp hồ sơ' }).waitFor();
    const code = (await citizen.page.locator('dd.mono').innerText()).trim();
    // Hồng Hà's electronic identifier (processes/agencies.json), the day of submission and a sequence number.
    assert.match(code, /^000\.21\.00\.H40-\d{6}-\d{4}$/);
    await screenshot(citizen.page, 'scenario-03-citizen-submitted');
    await citizen.page.getByRole('link', { name: 'Theo dõi hồ sơ' }).click();
    await citizen.page.getByRole('heading', { name: code }).waitFor();
    const dossierUrl = citizen.page.url();

    // Reception checks and receives; the diagram shows where the dossier stands.
    const reception = await signedInPage(browser, base, 'reception.hongha');
    await openStep(reception.page, base, code);
    await reception.page.getByRole('heading', { name: /Tiếp nhận, kiểm tra hồ sơ/ }).first().waitFor();
    await field(reception.page, 'Field_thanhPhanDaNhan-0').check();
    await field(reception.page, 'Field_thanhPhanDaNhan-1').check();
    await field(reception.page, 'Field_receptionDecision-0').check();
    await screenshot(reception.page, 'scenario-04-reception-step');
    await reception.page.getByRole('tab', { name: 'Sơ đồ quy trình' }).click();
    // Version 2's added notification step ran before reception: passed, and reception holds the token.
    await diagramMarks(reception.page, { active: ['Task_TiepNhan'], completed: ['StartEvent_HoSoDaNop', added] });
    await screenshot(reception.page, 'scenario-05-reception-diagram');
    await reception.page.getByRole('tab', { name: 'Xử lý và hồ sơ' }).click();
    await reception.page.locator('.task-form .fjs-container').waitFor();
    await field(reception.page, 'Field_receptionDecision-0').check();
    await completeStep(reception.page);

    // The specialist appraises.
    const specialist = await signedInPage(browser, base, 'specialist.hongha');
    await openStep(specialist.page, base, code);
    for (let i = 0; i < 5; i += 1) await field(specialist.page, `Field_tieuChiThamDinh-${i}`).check();
    await field(specialist.page, 'Field_yKienThamDinh').fill('Hồ sơ đầy đủ, thông tin khớp giấy chứng sinh; đề nghị đăng ký khai sinh.');
    await field(specialist.page, 'Field_appraisalResult-0').check();
    await screenshot(specialist.page, 'scenario-06-specialist-step');
    await completeStep(specialist.page);
    await specialist.context.close();

    // The leader approves and signs the draft with her own key: the step asks for her signing PIN.
    const leader = await signedInPage(browser, base, 'leader.hongha');
    await openStep(leader.page, base, code);
    await field(leader.page, 'Field_approvalDecision-0').check();
    await leader.page.getByRole('button', { name: 'Hoàn thành và chuyển bước' }).click();
    const pinDialog = leader.page.getByRole('dialog', { name: 'Ký số bằng chứng thư số cá nhân' });
    await pinDialog.getByLabel('Mã PIN ký số').fill(LEADER_PIN);
    await screenshot(leader.page, 'scenario-06b-leader-signing-pin');
    await pinDialog.getByRole('button', { name: 'Ký số và hoàn thành' }).click();
    await leader.page.getByText(/^Đã hoàn thành bước/).waitFor();
    await leader.context.close();

    // The clerk numbers the result and applies the agency's signature.
    const clerk = await signedInPage(browser, base, 'clerk.hongha');
    await openStep(clerk.page, base, code);
    await field(clerk.page, 'Field_soVanBan').fill('125');
    await field(clerk.page, 'Field_quyenSo').fill('01/2026-KS');
    await fillDate(clerk.page, 'Field_ngayKy', '23/11/2026');
    await completeStep(clerk.page);
    await clerk.context.close();

    // Reception hands the result over.
    await openStep(reception.page, base, code);
    await field(reception.page, 'Field_hinhThucTra-0').check();
    await field(reception.page, 'Field_nguoiNhan').fill('Nguyễn Văn An');
    await completeStep(reception.page);
    await reception.context.close();

    // The citizen downloads the signed result and checks it.
    await citizen.page.goto(dossierUrl);
    await citizen.page.getByText('Đã trả kết quả').first().waitFor();
    await citizen.page.getByRole('tab', { name: /^Văn bản/ }).click();
    const result = citizen.page.locator('li[data-kind="result"]');
    await result.waitFor();
    await screenshot(citizen.page, 'scenario-07-citizen-result');
    const [download] = await Promise.all([citizen.page.waitForEvent('download'), result.getByRole('button', { name: 'Tải về' }).click()]);
    const pdf = await readFile((await download.path()));
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const form = new FormData();
    form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'ket-qua.pdf');
    const verification = (await (await fetch(`${base}/api/verify`, { method: 'POST', body: form })).json()) as {
      valid: boolean;
      signatures: unknown[];
      registeredDocument: { verifyUrl: string; kind: string } | null;
    };
    assert.equal(verification.valid, true, 'every signature of the downloaded result is valid');
    assert.ok(verification.signatures.length >= 2, 'signed by the leader and with the agency seal');
    assert.equal(verification.registeredDocument?.kind, 'result');

    const [verifyPage] = await Promise.all([citizen.context.waitForEvent('page'), result.getByRole('link', { name: 'Kiểm tra chữ ký số' }).click()]);
    await verifyPage.waitForLoadState();
    const verifyText = await verifyPage.locator('body').innerText();
    assert.match(verifyText, /hợp lệ/i);
    // Two signers by name and role: the leader with her own certificate, then the agency seal (Decree 30/2020/NĐ-CP, Appendix I).
    const leaderName = demoAccount('leader.hongha').displayName;
    assert.ok(verifyText.includes(`${leaderName} (Lãnh đạo phê duyệt): chứng thư số của ${leaderName}`), verifyText);
    assert.match(verifyText, /\(Văn thư \(ký số cơ quan\)\): chứng thư số của Ủy ban nhân dân phường Hồng Hà/);
    await screenshot(verifyPage, 'scenario-08-verification-page');
    await verifyPage.close();

    // The citizen rates the handling.
    await citizen.page.getByLabel('Rất hài lòng').check();
    await citizen.page.getByLabel('Góp ý (không bắt buộc)').fill('Nhanh, đúng hẹn.');
    await citizen.page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await citizen.page.getByText('Bạn đã đánh giá hồ sơ này: 5/5.').waitFor();
    await citizen.context.close();
    });
  });
});
