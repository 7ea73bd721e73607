import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { screenshot, startBrowserPlatform, type BrowserPlatform } from './browser-platform.js';
import { DossierApi } from './dossier-api.js';
import { screenshotsOnFailure, signedInPage } from './dossier-steps.js';
import { select } from './studio-steps.js';

/** analyst.hongha manages the birth registration of Hồng Hà (engine/src/identity/demo-accounts.ts). */
const ANALYST = 'analyst.hongha';
const SLUG = 'dang-ky-khai-sinh';
const MODEL = `models/${SLUG}.bpmn`;
const UNSAVED = 'Có thay đổi chưa lưu';
/** The confirmation's warning when the editors hold unsaved edits (issue 11, studio). */
const SAVED_WITH_PUBLISH = 'Các thay đổi chưa lưu sẽ được lưu vào bản nháp và xuất bản cùng.';

interface Bundle {
  files: Record<string, string>;
}

/** The name attribute the BPMN 2.0 XML gives a flow element (OMG BPMN 2.0.2, 8.3.13 FlowElement). */
function taskName(bundle: Bundle, id: string): string | undefined {
  return new RegExp(`id="${id}" name="([^"]*)"`).exec(bundle.files[MODEL] ?? '')?.[1];
}

describe('Check and Publish save unsaved edits first; opening a tab changes nothing', () => {
  let platform: BrowserPlatform;
  let api: DossierApi;
  before(async () => {
    platform = await startBrowserPlatform();
    api = new DossierApi(platform.baseUrl);
  });
  after(async () => {
    await platform?.close();
  });

  test('an analyst opens the forms tab, then checks and publishes edits he never saved', { timeout: 300_000 }, async () => {
    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, ANALYST);
    await screenshotsOnFailure(platform.browser, 'studio-unsaved', async () => {
      await page.goto(`${platform.baseUrl}/studio/${SLUG}`);
      await page.locator('[data-element-id="Task_TiepNhan"]').waitFor();
      const save = page.getByRole('button', { name: 'Lưu bản nháp' });

      // The forms tab, once its editor and preview have drawn the form, leaves the draft as it was.
      await page.getByRole('tab', { name: 'Biểu mẫu' }).click();
      await page.getByTestId('form-editor').locator('.fjs-editor-container').waitFor();
      await page.locator('.form-preview .fjs-form-field').first().waitFor();
      assert.equal(await page.getByText(UNSAVED).count(), 0, 'opening the forms tab does not mark the draft changed');
      assert.equal(await save.isDisabled(), true, 'nothing to save');
      // Publishing commits what the editors hold first: still nothing, so the confirmation has no warning.
      await page.getByRole('tab', { name: 'Kiểm tra và xuất bản' }).click();
      await page.getByRole('button', { name: 'Xuất bản phiên bản mới' }).click();
      const dialog = page.getByRole('dialog', { name: 'Xuất bản phiên bản mới?' });
      await dialog.waitFor();
      assert.equal(await dialog.getByText(SAVED_WITH_PUBLISH).count(), 0, 'no unsaved edits after the forms tab was opened');
      await dialog.getByRole('button', { name: 'Hủy' }).click();
      await dialog.waitFor({ state: 'detached' });

      // An edit, not saved: Check saves it, then lints the saved draft.
      const panel = page.locator('.bio-properties-panel');
      const name = panel.getByLabel('Tên', { exact: true });
      await page.getByRole('tab', { name: 'Quy trình (BPMN)' }).click();
      await select(page, 'Task_TiepNhan');
      if (!(await name.isVisible())) await panel.locator('.bio-properties-panel-group-header', { hasText: 'Chung' }).first().click();
      await name.fill('Tiếp nhận hồ sơ khai sinh');
      await page.getByText(UNSAVED).waitFor();
      await page.getByRole('tab', { name: 'Kiểm tra và xuất bản' }).click();
      const check = page.getByRole('button', { name: 'Kiểm tra', exact: true });
      assert.equal(await check.isDisabled(), false, 'Check is offered with unsaved edits');
      await check.click();
      await page.getByTestId('lint-report').waitFor();
      await page.getByText('Đã lưu bản nháp.').waitFor();
      assert.equal(await page.getByText(UNSAVED).count(), 0, 'the edit is saved');
      assert.equal(taskName(await api.call<Bundle>(ANALYST, `/api/procedures/${SLUG}/draft`), 'Task_TiepNhan'), 'Tiếp nhận hồ sơ khai sinh');

      // Another edit, not saved: Publish says it will be saved and published with the version.
      await page.getByRole('tab', { name: 'Quy trình (BPMN)' }).click();
      await select(page, 'Task_PheDuyet');
      if (!(await name.isVisible())) await panel.locator('.bio-properties-panel-group-header', { hasText: 'Chung' }).first().click();
      await name.fill('Phê duyệt, ký giấy khai sinh');
      await page.getByText(UNSAVED).waitFor();
      await page.getByRole('tab', { name: 'Kiểm tra và xuất bản' }).click();
      await page.getByRole('button', { name: 'Xuất bản phiên bản mới' }).click();
      await dialog.getByText(SAVED_WITH_PUBLISH).waitFor();
      await screenshot(page, 'studio-unsaved-publish-confirm');
      await dialog.getByLabel('Ghi chú phiên bản (lý do, nội dung thay đổi)').fill('Đổi tên các bước tiếp nhận và phê duyệt');
      await dialog.getByRole('button', { name: 'Xác nhận xuất bản' }).click();
      await page.getByText(/Đã xuất bản phiên bản 2\./).waitFor();
      assert.equal(await page.getByText(UNSAVED).count(), 0);

      const published = await api.call<Bundle>(ANALYST, `/api/procedures/${SLUG}/versions/2`);
      assert.equal(taskName(published, 'Task_PheDuyet'), 'Phê duyệt, ký giấy khai sinh', 'the unsaved edit is in the published version');
      assert.equal(taskName(published, 'Task_TiepNhan'), 'Tiếp nhận hồ sơ khai sinh', 'with the edit saved by Check');
      assert.equal(taskName(await api.call<Bundle>(ANALYST, `/api/procedures/${SLUG}/draft`), 'Task_PheDuyet'), 'Phê duyệt, ký giấy khai sinh', 'and in the draft');
    });
    await context.close();
  });
});
