import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot, startBrowserPlatform, type BrowserPlatform } from './browser-platform.js';
import { appraisal, CASES, CRITERIA, RECEIVE } from '@mot-cua/engine/test-fixtures/dossiers.js';
import { DossierApi } from './dossier-api.js';
import { screenshotsOnFailure, signedInPage } from './dossier-steps.js';
import { publishWithNote } from './studio-steps.js';

const PROCEDURE = 'cap-phieu-ly-lich-tu-phap';
const TABLE = 'decisions/phi-ly-lich-tu-phap.dmn';
/** The output cell of the ordinary applicant's rule (Điều 4 khoản 1 Thông tư 16/2025/TT-BTC). */
const ORDINARY_FEE_CELL = '[data-element-id="LiteralExpression_ThongThuong"]';

/** Opens the procedure in the studio, then its decision tables tab; dmn-js must load only then. */
async function openDecisionTab(page: Page, baseUrl: string): Promise<void> {
  const editorChunk = (url: string) => /\/assets\/DecisionEditor-[^/]+\.js$/.test(url);
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto(`${baseUrl}/studio/${PROCEDURE}`);
  await page.locator('.bio-properties-panel').waitFor();
  assert.equal(requested.filter(editorChunk).length, 0, 'the modeler page does not download the decision table editor');
  await page.getByRole('tab', { name: 'Bảng quyết định' }).click();
  await page.locator(ORDINARY_FEE_CELL).waitFor();
  assert.equal(requested.filter(editorChunk).length, 1, 'the decision table editor comes in its own chunk');
}

/** Replaces the text of a decision table cell as the analyst does: click into it, select all, type. */
async function typeInCell(page: Page, cell: string, text: string): Promise<void> {
  await page.locator(cell).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
  // Leaving the cell commits the edit to dmn-js's command stack.
  await page.locator('.decision-table-name').click();
}

describe('decision tables in the studio, in a real browser', () => {
  let platform: BrowserPlatform;
  let api: DossierApi;

  before(async () => {
    platform = await startBrowserPlatform();
    api = new DossierApi(platform.baseUrl);
  });
  after(async () => {
    await platform?.close();
  });

  test('the analyst changes a fee in the decision table, publishes, and a citizen\'s new dossier is charged the new amount', async () => {
    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, 'analyst.ca');
    await screenshotsOnFailure(platform.browser, 'decision-tables', async () => {
      await openDecisionTab(page, platform.baseUrl);

      // The table in Vietnamese, and opening it changed nothing in the draft.
      const table = page.getByTestId('dmn-editor');
      await table.getByText('Chính sách khớp:').waitFor();
      await table.getByText('Mức phí cung cấp thông tin lý lịch tư pháp').waitFor();
      assert.equal(await page.getByText('Có thay đổi chưa lưu').count(), 0, 'opening the tab does not mark the draft changed');
      assert.equal(await page.getByRole('button', { name: 'Lưu bản nháp' }).isDisabled(), true);
      const font = await page.evaluate('document.fonts.check("16px \\"Noto Sans\\"", "Chính sách khớp – Mức phí")');
      assert.equal(font, true, 'Vietnamese glyphs are available to the table');
      assert.equal((await page.locator(ORDINARY_FEE_CELL).innerText()).trim(), '200000 + phiCapThemPhieu');
      await screenshot(page, 'dmn-01-decision-table');

      // The file's requirement graph, and back to the table.
      await page.getByRole('button', { name: 'Sơ đồ quyết định (DRD)' }).click();
      await page.locator('.dmn-drd-container [data-element-id="phi-cap-them-phieu"]').waitFor();
      await screenshot(page, 'dmn-02-drd');
      await page.getByRole('button', { name: 'Mức phí cung cấp thông tin lý lịch tư pháp' }).click();
      await page.locator(ORDINARY_FEE_CELL).waitFor();
      assert.equal(await page.getByText('Có thay đổi chưa lưu').count(), 0, 'switching views does not mark the draft changed');

      await typeInCell(page, ORDINARY_FEE_CELL, '250000 + phiCapThemPhieu');
      await page.getByText('Có thay đổi chưa lưu').waitFor();
      await screenshot(page, 'dmn-03-fee-edited');
      await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
      await page.getByText('Đã lưu bản nháp.').waitFor();

      await page.getByRole('tab', { name: 'Kiểm tra và xuất bản' }).click();
      await page.getByTestId('diff').getByText(TABLE).waitFor();
      await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
      const report = page.getByTestId('lint-report');
      await report.waitFor();
      assert.match(await report.innerText(), /Không có lỗi chặn xuất bản/);
      await publishWithNote(page, 'Điều chỉnh mức phí cung cấp thông tin lý lịch tư pháp');
      await page.getByText(/Đã xuất bản phiên bản 2\./).waitFor();
      await screenshot(page, 'dmn-04-published');
    });
    await context.close();

    const published = await api.call<{ files: Record<string, string> }>('analyst.ca', `/api/procedures/${PROCEDURE}/versions/2`);
    const xml = published.files[TABLE] ?? '';
    assert.match(xml, /<text>250000 \+ phiCapThemPhieu<\/text>/, 'the published version carries the edited rule');
    assert.doesNotMatch(xml, /200000 \+ phiCapThemPhieu/);

    // A citizen's new dossier runs version 2: after appraisal its business rule task takes the fee
    // from the edited table (ordinary applicant, one certificate).
    const application = { ...CASES[PROCEDURE].application, doiTuongNopPhi: 'thong-thuong', soLuongPhieu: 1 };
    const submitted = await api.submit('citizen1', PROCEDURE, application);
    await api.completeStep('reception.ca', submitted.id, 'Task_TiepNhan', RECEIVE);
    await api.completeStep('specialist.ca', submitted.id, 'Task_ThamDinh', appraisal(CRITERIA[PROCEDURE]));
    await api.waitForStatus('citizen1', submitted.id, 'waiting_for_fee');
    const due = await api.call<{ amount: number; fees: { code: string; amount: number }[] }>('citizen1', `/api/payments/due?dossierId=${submitted.id}`);
    assert.deepEqual([due.amount, due.fees.map((f) => [f.code, f.amount])], [250_000, [['PHI-LLTP', 250_000]]]);
  });

  test('a business rule task picks its called decision among the bundle\'s decisions', async () => {
    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, 'analyst.ca');
    await screenshotsOnFailure(platform.browser, 'decision-pick', async () => {
      await page.goto(`${platform.baseUrl}/studio/${PROCEDURE}`);
      await page.locator('[data-element-id="Task_XacDinhPhi"]').click();
      const panel = page.locator('.bio-properties-panel');
      await panel.locator('[data-group-id="group-calledDecision"] .bio-properties-panel-group-header').click();
      const pick = panel.getByLabel('Bảng quyết định của thủ tục');
      await pick.waitFor();
      assert.equal(await pick.inputValue(), 'phi-ly-lich-tu-phap', 'the task calls the fee table');
      assert.deepEqual(await pick.locator('option').allInnerTexts(), [
        '— Mã khác (nhập ở ô Decision ID) —',
        'Mức phí cung cấp thông tin lý lịch tư pháp (phi-ly-lich-tu-phap)',
        'Phí cấp thêm Phiếu (từ Phiếu thứ 3) (phi-cap-them-phieu)',
      ]);
      await screenshot(page, 'dmn-06-called-decision-pick');

      // Picking another decision writes its id into zeebe:calledDecision, as typing it would.
      await pick.selectOption('phi-cap-them-phieu');
      await page.getByText('Có thay đổi chưa lưu').waitFor();
      const decisionId = panel.locator('[data-entry-id="decisionId"] [contenteditable], [data-entry-id="decisionId"] input').first();
      assert.match((await decisionId.innerText().catch(() => '')) || (await decisionId.inputValue()), /phi-cap-them-phieu/);
    });
    await context.close();
  });

  test('the analyst adds a decision table that passes the check as it starts, renames and deletes it; add then delete leaves the draft unchanged', async () => {
    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, 'analyst.ca');
    await screenshotsOnFailure(platform.browser, 'decision-files', async () => {
      await openDecisionTab(page, platform.baseUrl);
      const files = page.getByRole('navigation', { name: 'Bảng quyết định' });
      const add = async (name: string) => {
        await files.getByRole('button', { name: 'Thêm bảng quyết định' }).click();
        await files.getByLabel('Tên tệp mới').fill(name);
        await files.getByRole('button', { name: 'Đồng ý' }).click();
      };

      await add('lệ phí');
      await files.getByRole('alert').getByText(/Tên tệp chỉ gồm chữ không dấu/).waitFor();
      await files.getByLabel('Tên tệp mới').fill('le-phi-thu-nghiem');
      await files.getByRole('button', { name: 'Đồng ý' }).click();
      await files.getByRole('button', { name: 'le-phi-thu-nghiem.dmn' }).waitFor();
      // The new file opens as an empty decision table named after it.
      await page.getByTestId('dmn-editor').locator('.decision-table-name', { hasText: 'le-phi-thu-nghiem' }).waitFor();
      await page.getByText('Có thay đổi chưa lưu').waitFor();
      await screenshot(page, 'dmn-05-new-table');

      // Saved as it starts, the new table passes the server's check (its decision is parsed and deployable).
      await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
      await page.getByText('Đã lưu bản nháp.').waitFor();
      await page.getByRole('tab', { name: 'Kiểm tra và xuất bản' }).click();
      await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
      const report = page.getByTestId('lint-report');
      await report.waitFor();
      assert.match(await report.innerText(), /Không có lỗi chặn xuất bản/);
      assert.equal(await report.locator('tr', { hasText: 'le-phi-thu-nghiem' }).filter({ hasText: 'Lỗi' }).count(), 0);
      await page.getByRole('tab', { name: 'Bảng quyết định' }).click();

      await files.getByRole('button', { name: 'Đổi tên' }).click();
      await files.getByLabel('Tên mới cho le-phi-thu-nghiem.dmn').fill('le-phi-moi');
      await files.getByRole('button', { name: 'Đồng ý' }).click();
      await files.getByRole('button', { name: 'le-phi-moi.dmn' }).waitFor();
      assert.equal(await files.getByRole('button', { name: 'le-phi-thu-nghiem.dmn' }).count(), 0);
      page.once('dialog', (dialog) => void dialog.accept());
      await files.getByRole('button', { name: 'Xoá' }).click();
      await files.getByRole('button', { name: 'le-phi-moi.dmn' }).waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
      await page.getByText('Đã lưu bản nháp.').waitFor();
      const draft = await api.call<{ files: Record<string, string> }>('analyst.ca', `/api/procedures/${PROCEDURE}/draft`);
      assert.deepEqual(Object.keys(draft.files).filter((path) => path.startsWith('decisions/')), [TABLE]);
      assert.deepEqual((JSON.parse(draft.files['procedure.json']) as { decisions: string[] }).decisions, ['phi-ly-lich-tu-phap.dmn']);

      // Added then deleted before saving: procedure.json is back byte for byte, nothing to save.
      await add('tam');
      await files.getByRole('button', { name: 'tam.dmn' }).waitFor();
      page.once('dialog', (dialog) => void dialog.accept());
      await files.getByRole('button', { name: 'Xoá' }).click();
      await files.getByRole('button', { name: 'tam.dmn' }).waitFor({ state: 'detached' });
      await page.getByText('Có thay đổi chưa lưu').waitFor({ state: 'detached' });
      assert.equal(await page.getByRole('button', { name: 'Lưu bản nháp' }).isDisabled(), true);

      // In English the table speaks dmn-js's own words; switching reloads it without changing it.
      await page.getByRole('button', { name: /English/ }).click();
      await page.getByTestId('dmn-editor').getByText('Hit policy:').waitFor();
      await page.getByRole('button', { name: 'Decision requirements diagram (DRD)' }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Save draft' }).isDisabled(), true);
      await page.getByRole('button', { name: /Tiếng Việt/ }).click();
      await page.getByTestId('dmn-editor').getByText('Chính sách khớp:').waitFor();
    });
    await context.close();
  });
});
