import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { appraisal, CASES, CRITERIA, RECEIVE } from '@mot-cua/engine/test-fixtures/dossiers.js';
import { screenshot, startBrowserPlatform, type BrowserPlatform } from './browser-platform.js';
import { DossierApi } from './dossier-api.js';
import { completeStep, field, openStep, samplePdf, screenshotsOnFailure, signedInPage } from './dossier-steps.js';

const BIRTH = CASES['dang-ky-khai-sinh'];
/*
 * Two of the birth registration's documents (its catalogue, processes/dang-ky-khai-sinh/procedure.json):
 * the birth certificate the applicant must hand in ("nộp tờ khai theo mẫu quy định và giấy chứng
 * sinh", Luật Hộ tịch 2014 as quoted at thuvienphapluat.vn/hoi-dap-phap-luat/7274; article to verify)
 * and the power of attorney, needed only when someone registers on another's behalf.
 */
const BIRTH_CERTIFICATE = 'Giấy chứng sinh (hoặc văn bản của người làm chứng, giấy cam đoan về việc sinh nếu không có giấy chứng sinh)';
const POWER_OF_ATTORNEY = 'Văn bản ủy quyền có chứng thực (khi ủy quyền đăng ký khai sinh)';
/** An instant as ISO 8601 writes it: officers read dates as dd/MM/yyyy HH:mm, never this. */
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

describe('the supplement loop and the officers’ forms in a real browser', () => {
  let platform: BrowserPlatform;
  let api: DossierApi;

  before(async () => {
    platform = await startBrowserPlatform();
    api = new DossierApi(platform.baseUrl);
  });
  after(async () => {
    await platform?.close();
  });

  test('the officer names two missing documents; the citizen uploads exactly those, is told it was sent; the re-reception form is empty; the applicant handed it over', async () => {
    const submitted = await api.submit('citizen2', BIRTH.slug, BIRTH.application);
    const applicantName = (await api.call<{ applicantName: string }>('citizen2', `/api/dossiers/${submitted.id}`)).applicantName;
    const reception = await signedInPage(platform.browser, platform.baseUrl, 'reception.hongha');
    const citizen = await signedInPage(platform.browser, platform.baseUrl, 'citizen2');
    await screenshotsOnFailure(platform.browser, 'supplement-loop', async () => {
      // The request names everything missing, once (Decree 61/2018 art. 15; Circular 03/2025/TT-VPCP form 02; docs/legal-basis.md).
      await openStep(reception.page, platform.baseUrl, submitted.code);
      const form = reception.page.locator('.task-form');
      await field(reception.page, 'Field_receptionDecision-1').check();
      await form.getByRole('checkbox', { name: `${BIRTH_CERTIFICATE} (bắt buộc)` }).check();
      await form.getByRole('checkbox', { name: `${POWER_OF_ATTORNEY} (không bắt buộc)` }).check();
      await field(reception.page, 'Field_reasons').fill('Giấy chứng sinh chụp mờ; người nộp là bà ngoại nên cần văn bản ủy quyền của cha hoặc mẹ.');
      await form.getByText('Thành phần hồ sơ cần bổ sung').scrollIntoViewIfNeeded();
      await screenshot(reception.page, 'supplement-officer-request');
      await completeStep(reception.page);

      // The citizen sees exactly the two items, each with its own upload slot, and must answer both.
      await citizen.page.goto(`${platform.baseUrl}/portal/ho-so/${submitted.id}`);
      const request = citizen.page.locator('section.panel-attention');
      await request.getByRole('heading', { name: 'Cơ quan yêu cầu bổ sung hồ sơ' }).waitFor();
      const items = request.locator('ol.required-docs > li');
      await items.first().waitFor();
      assert.deepEqual(await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-document'))), [BIRTH_CERTIFICATE, POWER_OF_ATTORNEY]);
      for (const name of [BIRTH_CERTIFICATE, POWER_OF_ATTORNEY]) await request.locator(`li[data-document="${name}"]`).getByText('Bắt buộc').waitFor();
      const send = request.getByRole('button', { name: 'Gửi hồ sơ bổ sung' });
      await upload(request, BIRTH_CERTIFICATE, 'giay-chung-sinh-ro-net.pdf');
      assert.equal(await send.isDisabled(), true, 'one named document still has no file');
      await upload(request, POWER_OF_ATTORNEY, 'van-ban-uy-quyen.pdf');
      await screenshot(citizen.page, 'supplement-citizen-request');
      await send.click();
      await citizen.page.getByRole('status').filter({ hasText: 'Đã gửi hồ sơ bổ sung' }).waitFor();
      await request.waitFor({ state: 'detached' });
      await screenshot(citizen.page, 'supplement-citizen-sent');

      // Back at reception: nothing of the first pass is filled in.
      await openStep(reception.page, platform.baseUrl, submitted.code);
      for (let i = 0; i < 3; i += 1) assert.equal(await field(reception.page, `Field_receptionDecision-${i}`).isChecked(), false);
      assert.equal(await field(reception.page, 'Field_reasons').count(), 0, 'the reasons field is hidden until a decision needs it');
      await field(reception.page, 'Field_receptionDecision-1').check();
      assert.equal(await field(reception.page, 'Field_reasons').inputValue(), '');
      await field(reception.page, 'Field_receptionDecision-0').check();

      // The control sheet names the applicant as the one who handed the resubmission over (form 06: giver and receiver of each hand-over; columns to verify).
      await reception.page.getByRole('tab', { name: 'Phiếu kiểm soát quá trình' }).click();
      const rows = reception.page.locator('table tbody tr', { hasText: 'Tiếp nhận, kiểm tra hồ sơ' });
      await rows.nth(1).waitFor();
      assert.match(await rows.nth(1).innerText(), new RegExp(applicantName));
    });
    await reception.context.close();
    await citizen.context.close();
  });

  test('the leader reads the appraisal conclusion by its label and dates in Vietnam time', async () => {
    const submitted = await api.submit('citizen2', BIRTH.slug, BIRTH.application);
    await api.completeStep('reception.hongha', submitted.id, 'Task_TiepNhan', RECEIVE);
    await api.completeStep('specialist.hongha', submitted.id, 'Task_ThamDinh', appraisal(CRITERIA[BIRTH.slug]));
    const leader = await signedInPage(platform.browser, platform.baseUrl, 'leader.hongha');
    await screenshotsOnFailure(platform.browser, 'leader-labels', async () => {
      await openStep(leader.page, platform.baseUrl, submitted.code);
      const form = leader.page.locator('.task-form');
      // The option's label in forms/dang-ky-khai-sinh/tham-dinh.form, not its key "meets".
      await form.getByText('Kết luận thẩm định: Đạt yêu cầu, đề xuất giải quyết.').waitFor();
      const page = await leader.page.locator('main').innerText();
      assert.doesNotMatch(page, /\bmeets\b/);
      assert.doesNotMatch(page, ISO_INSTANT);
      await screenshot(leader.page, 'supplement-leader-approval');
    });
    await leader.context.close();
  });
});

async function upload(request: import('playwright-core').Locator, document: string, name: string): Promise<void> {
  const item = request.locator(`li[data-document="${document}"]`);
  await item.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/pdf', buffer: samplePdf(name) });
  await item.getByText('Đã tải lên').waitFor();
}
