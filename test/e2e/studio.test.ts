import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator } from 'playwright-core';
import { screenshot, startBrowserPlatform, type BrowserPlatform } from './browser-platform.js';
import { DossierApi } from './dossier-api.js';
import { screenshotsOnFailure, signedInPage, token } from './dossier-steps.js';
import { publishWithNote, select } from './studio-steps.js';

const OWN = { slug: 'dang-ky-khai-sinh', name: 'Đăng ký khai sinh', agency: 'UBND-XA-HH' };
const OTHER = { slug: 'cap-phieu-ly-lich-tu-phap', name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam' };
/** analyst.hongha in the demo accounts (engine/src/identity/demo-accounts.ts). */
const ANALYST = { username: 'analyst.hongha', name: 'Hồ Thị Oanh' };

/**
 * English labels that bpmn-js 18, bpmn-js-properties-panel 6 (Zeebe), bpmn-js-element-templates and
 * @bpmn-io/element-template-chooser pass to their `translate` service (their sources, e.g.
 * bpmn-js/lib/features/popup-menu/PopupEntries.js and the properties panel's group and entry
 * labels). On a Vietnamese page none of them may be shown as a line of its own.
 */
const ENGLISH = new Set([
  'General', 'Name', 'ID', 'Documentation', 'Element documentation', 'Assignment', 'Assignee', 'Candidate groups', 'Candidate users',
  'Due date', 'Follow up date', 'Priority', 'Form', 'Form ID', 'Type', 'Implementation', 'Implementation type', 'Camunda user task',
  'Job worker', 'Task definition', 'Job type', 'Retries', 'Headers', 'Input mapping', 'Output mapping', 'Inputs', 'Outputs',
  'Execution listeners', 'Task listeners', 'Extension properties', 'Multi-instance', 'Template', 'Select', 'Binding', 'Version tag',
  'Local variable assignment', 'Assign to process variable', 'Key', 'Value', 'Create', 'Delete',
  'Task', 'User task', 'Service task', 'Send task', 'Receive task', 'Manual task', 'Business rule task', 'Script task', 'Call activity',
  'Sub-process (collapsed)', 'Sub-process (expanded)', 'Ad-hoc sub-process (collapsed)', 'Ad-hoc sub-process (expanded)', 'Transaction',
  'Event sub-process', 'Start event', 'End event', 'Exclusive gateway', 'Parallel gateway', 'Inclusive gateway', 'Event-based gateway',
  'Change element', 'Create element', 'Append element', 'Templates', 'Tasks', 'Events', 'Gateways', 'Sub-processes', 'Participants', 'Data',
  'Parallel multi-instance', 'Sequential multi-instance', 'Loop', 'Choose element template', 'Search in diagram',
  'Activate hand tool', 'Activate lasso tool', 'Activate create/remove space tool', 'Activate global connect tool',
  'Create start event', 'Create intermediate/boundary event', 'Create end event', 'Create gateway', 'Create task',
  'Create data object reference', 'Create data store reference', 'Create expanded sub-process', 'Create pool/participant', 'Create group',
  'User Task', 'Service Task', 'Process', 'Select an element to edit its properties.', 'Token Simulation', 'No Issues',
]);

/** The English library labels among an element's visible text lines and titles. */
async function englishIn(locator: Locator): Promise<string[]> {
  const lines = (await locator.innerText()).split('\n').map((line) => line.trim());
  const titles = await locator.locator('[title]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('title') ?? ''));
  const labels = await locator.locator('[aria-label]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label') ?? ''));
  return [...new Set([...lines, ...titles, ...labels].filter((text) => ENGLISH.has(text)))];
}

/** Opens every collapsed group of the properties panel that has content, so that its labels are on screen. */
async function expandPanel(panel: Locator): Promise<void> {
  const headers = panel.locator('.bio-properties-panel-group-header');
  const count = await headers.count();
  for (let i = 0; i < count; i += 1) {
    const header = headers.nth(i);
    // An empty list group (no mapping yet) has no arrow and does not open.
    const opens = (await header.locator('.bio-properties-panel-arrow').count()) > 0;
    if (opens && !(await header.evaluate((node) => node.classList.contains('open')))) await header.click();
  }
}

describe('the procedure studio speaks Vietnamese, keeps drafts honest and publishes with a note', () => {
  let platform: BrowserPlatform;
  let api: DossierApi;
  before(async () => {
    platform = await startBrowserPlatform();
    api = new DossierApi(platform.baseUrl);
  });
  after(async () => {
    await platform?.close();
  });

  test('an analyst edits his agency’s procedure in Vietnamese, switches tabs without changing it, and publishes with a note after confirming', { timeout: 300_000 }, async () => {
    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, ANALYST.username);
    await screenshotsOnFailure(platform.browser, 'studio', async () => {
      // The list offers his agency's procedures only.
      await page.goto(`${platform.baseUrl}/studio`);
      await page.getByRole('link', { name: OWN.name, exact: true }).waitFor();
      assert.equal(await page.getByRole('link', { name: OTHER.name }).count(), 0, 'another agency’s procedure is not offered');
      await screenshot(page, 'studio-01-list');

      await page.goto(`${platform.baseUrl}/studio/${OWN.slug}`);
      await page.locator('[data-element-id="Task_TiepNhan"]').waitFor();
      const panel = page.locator('.bio-properties-panel');
      await panel.waitFor();

      // Palette and properties panel of a user task, every group open.
      assert.deepEqual(await englishIn(page.locator('.modeler')), [], 'palette, toggles and panel are in Vietnamese');
      await page.locator('.bts-toggle-mode', { hasText: 'Mô phỏng luồng' }).waitFor();
      await page.locator('.bjsl-button', { hasText: /\d+ lỗi, \d+ cảnh báo|Không có vấn đề/ }).waitFor();
      await select(page, 'Task_TiepNhan');
      await panel.locator('.bio-properties-panel-header-type', { hasText: 'Tác vụ người dùng' }).waitFor();
      await expandPanel(panel);
      assert.deepEqual(await englishIn(panel), [], 'the properties panel is in Vietnamese');
      await screenshot(page, 'studio-02-properties-panel');

      // The context pad and its "change element" menu.
      assert.deepEqual(await englishIn(page.locator('.djs-context-pad')), [], 'the context pad is in Vietnamese');
      await page.locator('.djs-context-pad [data-action="replace"]').click();
      const popup = page.locator('.djs-popup');
      await popup.getByText('Tác vụ dịch vụ', { exact: true }).waitFor();
      assert.deepEqual(await englishIn(popup), [], 'the change element menu is in Vietnamese');
      await screenshot(page, 'studio-03-change-element');
      await page.keyboard.press('Escape');
      await popup.waitFor({ state: 'detached' });

      // The template group's "+ Chọn" opens the chooser with the platform's templates.
      await panel.locator('.bio-properties-panel-group-header', { hasText: 'Mẫu phần tử' }).getByRole('button', { name: 'Chọn' }).click();
      const chooser = page.locator('.djs-popup');
      await chooser.getByText('Chọn mẫu phần tử').waitFor();
      await chooser.getByText('Thẩm định hồ sơ', { exact: true }).waitFor();
      assert.deepEqual(await englishIn(chooser), [], 'the template chooser is in Vietnamese');
      await screenshot(page, 'studio-04-template-chooser');
      await page.keyboard.press('Escape');
      await chooser.waitFor({ state: 'detached' });

      // Opening each tab and coming back changes nothing.
      for (const [tab, ready] of [
        ['Biểu mẫu', page.locator('.form-preview .fjs-container')],
        ['Mẫu văn bản', page.locator('.code-editor textarea')],
        ['Dữ liệu danh mục', page.getByLabel('Tên thủ tục')],
        ['Kiểm tra và xuất bản', page.getByTestId('diff')],
        ['Quy trình (BPMN)', page.locator('[data-element-id="Task_TiepNhan"]')],
      ] as const) {
        await page.getByRole('tab', { name: tab }).click();
        await ready.first().waitFor();
      }
      await page.getByRole('tab', { name: 'Biểu mẫu' }).click();
      await page.getByTestId('form-editor').locator('.fjs-editor-container').waitFor();
      await page.locator('.form-preview .fjs-form-field').first().waitFor();
      assert.equal(await page.getByText('Có thay đổi chưa lưu').count(), 0, 'opening the tabs does not mark the draft changed');
      // The form's own properties are headed by its kind, 'Form' in @bpmn-io/form-js-editor's PropertiesPanelHeaderProvider.
      assert.equal(await page.getByTestId('form-editor').locator('.bio-properties-panel-header-type').first().textContent(), 'Biểu mẫu');
      assert.equal(await page.getByRole('button', { name: 'Lưu bản nháp' }).isDisabled(), true);
      await screenshot(page, 'studio-05-forms-unchanged');

      // A real change: rename the reception step, save, publish with a note.
      await page.getByRole('tab', { name: 'Quy trình (BPMN)' }).click();
      await select(page, 'Task_TiepNhan');
      await panel.getByLabel('Tên', { exact: true }).fill('Tiếp nhận, kiểm tra hồ sơ khai sinh');
      await page.getByText('Có thay đổi chưa lưu').waitFor();
      await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
      await page.getByText('Đã lưu bản nháp.').waitFor();
      await page.getByRole('tab', { name: 'Kiểm tra và xuất bản' }).click();
      const diff = page.getByTestId('diff');
      await diff.getByText('Tiếp nhận, kiểm tra hồ sơ khai sinh').first().waitFor();
      // The diff names the element's kind and property as the panel does, not as BPMN's XML does.
      assert.match(await diff.innerText(), /\(Tác vụ người dùng, Task_TiepNhan\)[\s\S]*Tên: Tiếp nhận, kiểm tra hồ sơ → Tiếp nhận, kiểm tra hồ sơ khai sinh/);

      // Cancelling the confirmation publishes nothing.
      await page.getByRole('button', { name: 'Xuất bản phiên bản mới' }).click();
      const dialog = page.getByRole('dialog', { name: 'Xuất bản phiên bản mới?' });
      await dialog.waitFor();
      assert.equal(await dialog.getByRole('button', { name: 'Xác nhận xuất bản' }).isDisabled(), true, 'a note is required');
      await screenshot(page, 'studio-06-publish-confirm');
      await dialog.getByRole('button', { name: 'Hủy' }).click();
      await dialog.waitFor({ state: 'detached' });
      assert.equal((await api.call<unknown[]>(ANALYST.username, `/api/procedures/${OWN.slug}/versions`)).length, 1);

      const note = 'Đổi tên bước tiếp nhận cho rõ thủ tục';
      await publishWithNote(page, note);
      await page.getByText(/Đã xuất bản phiên bản 2\./).waitFor();
      const row = page.locator('tr', { hasText: note });
      await row.waitFor();
      const cells = await row.locator('td').allInnerTexts();
      assert.match(cells[1] ?? '', /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/, `published at dd/mm/yyyy HH:mm: ${cells[1]}`);
      assert.equal(cells[2], ANALYST.name, 'the publisher by name, not by login');
      await screenshot(page, 'studio-07-published-with-note');

      const versions = await api.call<{ version: number; note: string | null; publishedBy: string; publishedByName: string | null }[]>(
        ANALYST.username,
        `/api/procedures/${OWN.slug}/versions`,
      );
      assert.deepEqual(
        { version: versions[0]?.version, note: versions[0]?.note, by: versions[0]?.publishedBy, name: versions[0]?.publishedByName },
        { version: 2, note, by: ANALYST.username, name: ANALYST.name },
      );

      // Opened by its address, another agency's procedure answers with the refusal, not an editor.
      await page.goto(`${platform.baseUrl}/studio/${OTHER.slug}`);
      await page.getByRole('alert').waitFor();
      assert.equal(await page.locator('.bjs-container').count(), 0);
    });
    await context.close();
  });

  test('a user task’s form is picked from the bundle’s forms, and a document template is previewed on sample data', { timeout: 300_000 }, async () => {
    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, ANALYST.username);
    await screenshotsOnFailure(platform.browser, 'studio-form-pick', async () => {
      const draft = await api.call<{ files: Record<string, string> }>(ANALYST.username, `/api/procedures/${OWN.slug}/draft`);
      // Camunda Modeler's form linking offers the forms of the same project and writes the chosen
      // form's id into zeebe:formDefinition formId (docs.camunda.io, Modeler › Form linking).
      const formIds = Object.entries(draft.files)
        .filter(([path]) => path.startsWith('forms/'))
        .map(([, text]) => (JSON.parse(text) as { id: string }).id)
        .sort();
      await page.goto(`${platform.baseUrl}/studio/${OWN.slug}`);
      await page.locator('[data-element-id="Task_PheDuyet"]').waitFor();
      const panel = page.locator('.bio-properties-panel');
      const offeredBy = async (pick: Locator) =>
        (await pick.locator('option').evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value))).filter(Boolean).sort();
      // A plain user task: the Zeebe panel's form group.
      await select(page, 'Task_PheDuyet');
      const plain = panel.getByLabel('Biểu mẫu của thủ tục');
      if (!(await plain.isVisible())) await panel.locator('.bio-properties-panel-group-header', { hasText: /^Biểu mẫu/ }).first().click();
      assert.equal(await plain.inputValue(), `${OWN.slug}-phe-duyet`, 'the task’s current form is selected');
      assert.deepEqual(await offeredBy(plain), formIds, 'every form of the bundle, and only those');
      assert.equal(await panel.getByLabel('Mã biểu mẫu', { exact: true }).count(), 0, 'no free typing of the form id');
      // A task made from the appraisal template, whose property binds the form id: the same pick, under the template's label.
      await select(page, 'Task_ThamDinh');
      const pick = panel.getByLabel('Mã biểu mẫu thẩm định');
      if (!(await pick.isVisible())) await panel.locator('.bio-properties-panel-group-header', { hasText: /^Biểu mẫu/ }).first().click();
      assert.equal(await pick.inputValue(), `${OWN.slug}-tham-dinh`);
      assert.deepEqual(await offeredBy(pick), formIds);
      await screenshot(page, 'studio-08-form-pick');

      await pick.selectOption(`${OWN.slug}-phe-duyet`);
      await page.getByText('Có thay đổi chưa lưu').waitFor();
      await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
      await page.getByText('Đã lưu bản nháp.').waitFor();
      const saved = await api.call<{ files: Record<string, string> }>(ANALYST.username, `/api/procedures/${OWN.slug}/draft`);
      const model = saved.files[`models/${OWN.slug}.bpmn`];
      const task = model.slice(model.indexOf('id="Task_ThamDinh"'), model.indexOf('</bpmn:userTask>', model.indexOf('id="Task_ThamDinh"')));
      assert.match(task, new RegExp(`<zeebe:formDefinition formId="${OWN.slug}-phe-duyet" />`));

      // The birth certificate template, printed by the server on a sample dossier of the procedure.
      await page.getByRole('tab', { name: 'Mẫu văn bản' }).click();
      await page.getByRole('button', { name: 'giay-khai-sinh.hbs' }).click();
      await page.getByRole('button', { name: 'Xem trước với dữ liệu mẫu' }).click();
      const preview = page.frameLocator('iframe[title="Bản xem trước giay-khai-sinh.hbs"]');
      await preview.getByRole('heading', { name: 'Giấy khai sinh' }).waitFor();
      const text = await preview.locator('body').innerText();
      // The agency of procedure.json in the heading (Decree 30/2020/NĐ-CP layout, partial-heading.hbs),
      // and the application form's field "Họ, chữ đệm, tên" where the child's name goes.
      assert.match(text, /ỦY BAN NHÂN DÂN PHƯỜNG HỒNG HÀ|Ủy ban nhân dân phường Hồng Hà/);
      assert.match(text, /Họ, chữ đệm, tên: \[HỌ, CHỮ ĐỆM, TÊN\]/);
      await screenshot(page, 'studio-09-template-preview');
      // What is printed is the text being edited, not the saved file.
      const editor = page.locator('.code-editor textarea');
      await editor.fill((await editor.inputValue()).replace('<h1>Giấy khai sinh</h1>', '<h1>Giấy khai sinh</h1><p>Dòng thêm khi soạn mẫu</p>'));
      await page.getByRole('button', { name: 'Cập nhật bản xem trước' }).click();
      await preview.getByText('Dòng thêm khi soạn mẫu').waitFor();
    });
    await context.close();
  });

  test('a name typed just before clicking Save is in the saved draft', { timeout: 300_000 }, async () => {
    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, ANALYST.username);
    await screenshotsOnFailure(platform.browser, 'studio-save-at-once', async () => {
      await page.goto(`${platform.baseUrl}/studio/${OWN.slug}`);
      await page.locator('[data-element-id="Task_PheDuyet"]').waitFor();
      const panel = page.locator('.bio-properties-panel');
      await select(page, 'Task_PheDuyet');
      const name = panel.getByLabel('Tên', { exact: true });
      const general = panel.locator('.bio-properties-panel-group-header', { hasText: 'Chung' }).first();
      if (!(await name.isVisible())) await general.click();
      // A first edit, committed: the draft is changed and Save is offered.
      await name.fill('Phê duyệt kết quả khai sinh');
      await page.getByText('Có thay đổi chưa lưu').waitFor();
      // The properties panel commits a keystroke 300 ms after the last one, or when the field loses
      // the focus (@bpmn-io/properties-panel debounceInput). The click is dispatched without moving
      // the focus, at once: only Save's own commit of pending edits puts the last value in the model.
      await name.fill('Phê duyệt, ký giấy khai sinh');
      await page.getByRole('button', { name: 'Lưu bản nháp' }).dispatchEvent('click');
      await page.getByText('Đã lưu bản nháp.').waitFor();

      await page.reload();
      await page.locator('[data-element-id="Task_PheDuyet"]').waitFor();
      await select(page, 'Task_PheDuyet');
      assert.equal(await name.inputValue(), 'Phê duyệt, ký giấy khai sinh');
      const saved = await api.call<{ files: Record<string, string> }>(ANALYST.username, `/api/procedures/${OWN.slug}/draft`);
      assert.match(saved.files[`models/${OWN.slug}.bpmn`] ?? '', /id="Task_PheDuyet" name="Phê duyệt, ký giấy khai sinh"/);
    });
    await context.close();
  });

  test('the list names agencies, a new procedure has no version yet, and the diff shows catalogue values as the catalogue tab does', { timeout: 300_000 }, async () => {
    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, ANALYST.username);
    await screenshotsOnFailure(platform.browser, 'studio-catalogue-diff', async () => {
      await page.goto(`${platform.baseUrl}/studio`);
      // The agency of processes/agencies.json by its name, not its code.
      const row = page.locator('tr', { has: page.getByRole('link', { name: OWN.name, exact: true }) });
      await row.waitFor();
      assert.deepEqual((await row.locator('td').allInnerTexts()).slice(3, 4), ['Ủy ban nhân dân phường Hồng Hà']);
      // The account menu names his agency the same way.
      await page.getByRole('banner').getByRole('button', { name: ANALYST.name }).click();
      await page.getByRole('group', { name: 'Tài khoản' }).getByText('Ủy ban nhân dân phường Hồng Hà', { exact: true }).waitFor();
      await page.getByRole('banner').getByRole('button', { name: ANALYST.name }).click();

      // A procedure copied from the birth registration: its draft exists, no version yet.
      await page.getByRole('button', { name: 'Tạo từ thủ tục mẫu' }).click();
      const create = page.getByRole('form', { name: 'Tạo thủ tục mới từ thủ tục mẫu' });
      await create.getByLabel('Thủ tục mẫu').selectOption(OWN.slug);
      await create.getByLabel('Mã định danh (slug)').fill('dang-ky-khai-sinh-luu-dong');
      await create.getByLabel('Mã thủ tục quốc gia').fill('9.000001');
      await create.getByLabel('Tên thủ tục').fill('Đăng ký khai sinh lưu động');
      await create.getByRole('button', { name: 'Tạo bản nháp' }).click();
      await page.getByRole('heading', { name: 'Đăng ký khai sinh lưu động' }).waitFor();
      await page.getByRole('tab', { name: 'Kiểm tra và xuất bản' }).click();
      await page.getByText('Chưa có phiên bản nào: phiên bản đầu tiên được tạo khi xuất bản.').waitFor();
      assert.equal(await page.getByRole('columnheader', { name: 'Người xuất bản' }).count(), 0, 'no empty version table');

      // The construction permit as shipped (processes/cap-giay-phep-xay-dung-nha-o-rieng-le/procedure.json):
      // fully online, 10 working days as reduced by the province, a fee of 75,000 đồng.
      await page.goto(`${platform.baseUrl}/studio/cap-giay-phep-xay-dung-nha-o-rieng-le`);
      await page.getByRole('tab', { name: 'Dữ liệu danh mục' }).click();
      await page.getByLabel('Mức độ trực tuyến').selectOption({ label: 'Một phần' });
      await page.getByRole('spinbutton', { name: 'Tỉnh cắt giảm' }).fill('12');
      await page.getByLabel('Số tiền (đồng)').first().fill('100000');
      await page.getByRole('tab', { name: 'Kiểm tra và xuất bản' }).click();
      await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
      const diff = page.getByTestId('diff');
      await diff.getByText('Mức độ trực tuyến', { exact: false }).waitFor();
      const text = await diff.innerText();
      assert.match(text, /Mức độ trực tuyến: Toàn trình → Một phần/);
      assert.match(text, /Thời hạn giải quyết tỉnh cắt giảm: 10 → 12/);
      assert.match(text, /Phí, lệ phí: Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ: 75\.000\s₫ → Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ: 100\.000\s₫/);
      assert.doesNotMatch(text, /onlineMode|processingTime|fees|\{"/, 'no procedure.json paths or JSON');
      await screenshot(page, 'studio-11-catalogue-diff');
    });
    await context.close();
  });

  test('every message of the server’s lint report is shown in Vietnamese', { timeout: 300_000 }, async () => {
    const slug = 'dang-ky-ho-kinh-doanh';
    const model = `models/${slug}.bpmn`;
    const draft = await api.call<{ files: Record<string, string> }>(ANALYST.username, `/api/procedures/${slug}/draft`);
    // Mistakes an analyst can make, each caught by one of the platform's rules
    // (engine/src/procedures/lint/platform-rules.ts, form-rules.ts).
    const broken = draft.files[model]
      .replace('candidateGroups="reception"', 'candidateGroups="thu-ky"')
      .replace('<zeebe:header key="stepDuration" value="P1D" />', '<zeebe:header key="stepDuration" value="P1W" />')
      .replace('<zeebe:header key="template" value="phieu-tu-choi" />', '<zeebe:header key="template" value="khong-co-mau" />')
      .replace('value="LP-HKD"', 'value="LP-KHAC"')
      .replace('P30D</bpmn:timeDuration>', 'P30X</bpmn:timeDuration>')
      .replace('formId="dang-ky-ho-kinh-doanh-phe-duyet"', 'formId="khong-co-bieu-mau"')
      .replace('<zeebe:taskDefinition type="motcua.status" />', '<zeebe:taskDefinition type="motcua.khac" />');
    const files: Record<string, string> = { ...draft.files, [model]: broken, 'forms/khong-ma.form': JSON.stringify({ type: 'default', components: [{ type: 'textfield', label: 'Họ tên' }] }) };
    const catalogue = JSON.parse(files['procedure.json']) as { forms: string[] };
    files['procedure.json'] = JSON.stringify({ ...catalogue, forms: [...catalogue.forms, 'khong-ma.form'] }, null, 2);
    const saved = await fetch(`${platform.baseUrl}/api/procedures/${slug}/draft`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(platform.baseUrl, ANALYST.username)}` },
      body: JSON.stringify({ files }),
    });
    assert.equal(saved.status, 200, await saved.text());
    const report = await api.call<{ issues: { rule: string; message: string }[] }>(ANALYST.username, `/api/procedures/${slug}/lint`, {}, 200);
    const platformRules = new Set(report.issues.filter((i) => i.rule.startsWith('platform/')).map((i) => i.rule));
    for (const rule of ['user-task-candidate-groups', 'step-duration', 'template-exists', 'fee-code', 'timer', 'user-task-form', 'unused-form', 'job-type', 'form-schema']) {
      assert.ok(platformRules.has(`platform/${rule}`), `the broken draft trips platform/${rule}: ${[...platformRules].join(', ')}`);
    }

    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, ANALYST.username);
    await screenshotsOnFailure(platform.browser, 'studio-lint-vi', async () => {
      await page.goto(`${platform.baseUrl}/studio/${slug}`);
      await page.getByRole('tab', { name: 'Kiểm tra và xuất bản' }).click();
      await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
      const rows = page.getByTestId('lint-report').locator('tbody tr');
      await rows.first().waitFor();
      const shown = await rows.locator('td:nth-child(4)').allInnerTexts();
      assert.equal(shown.length, report.issues.length);
      const english = report.issues.filter((issue, i) => shown[i] === issue.message || /\b(?:the|is|has|which|must|of|not|lacks|reads|renders|requests|allowed)\b/.test(shown[i] ?? ''));
      assert.deepEqual(english.map((issue) => `${issue.rule}: ${issue.message}`), [], 'every message is in Vietnamese');
      await screenshot(page, 'studio-10-lint-vietnamese');
    });
    await context.close();
  });

  test('another agency’s analyst gets 403 on a procedure’s draft, lint and publish', async () => {
    for (const path of ['draft', 'versions']) await api.call(ANALYST.username, `/api/procedures/${OTHER.slug}/${path}`, undefined, 403);
    await api.call(ANALYST.username, `/api/procedures/${OTHER.slug}/lint`, {}, 403);
    await api.call(ANALYST.username, `/api/procedures/${OTHER.slug}/publish`, { note: 'không được phép' }, 403);
    // The procedure's own analyst is let in.
    await api.call('analyst.ca', `/api/procedures/${OTHER.slug}/lint`, {}, 200);
  });
});
