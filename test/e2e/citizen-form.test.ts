import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { SCREENSHOTS, screenshot, startBrowserPlatform, type BrowserPlatform } from './browser-platform.js';
import { field, samplePdf, SAMPLE_PNG, screenshotsOnFailure, signedInPage } from './dossier-steps.js';

const PROCEDURE = { slug: 'dang-ky-khai-sinh', name: 'Đăng ký khai sinh' };
const DECLARATION = 'Tờ khai đăng ký khai sinh theo mẫu';
const BIRTH_CERTIFICATE = 'Giấy chứng sinh (hoặc văn bản của người làm chứng, giấy cam đoan về việc sinh nếu không có giấy chứng sinh)';

/**
 * form-js 1.23's own English texts (dist/index.es.js of @bpmn-io/form-js-viewer: the Validator's
 * messages, the select, search and file widgets) and flatpickr's English month and day names: none
 * may reach a Vietnamese page.
 */
const FORM_JS_ENGLISH =
  /Field is required|Field must|\bSelect\b|\bSearch\b|No results|All values selected|Nothing to show|No content to show|\bBrowse\b|No files selected|files selected|Date and time must|Powered by|Previous page|Next page|\b(January|February|March|April|June|July|August|September|October|November|December)\b|\b(Sun|Mon|Tue|Wed|Thu|Fri|Sat)\b/;

/** Every text a person meets on the page: what is shown, and placeholders, titles and accessible names. */
async function textsOnScreen(page: Page): Promise<string> {
  // A string: the test project has no DOM types.
  const texts = await page.evaluate(`(() => {
    const attributes = Array.from(document.querySelectorAll('[placeholder], [title], [aria-label]')).flatMap((element) =>
      ['placeholder', 'title', 'aria-label'].map((name) => element.getAttribute(name) ?? ''));
    return [document.body.innerText, ...attributes].join('\\n');
  })()`);
  return String(texts);
}

async function assertNoEnglish(page: Page, where: string): Promise<void> {
  const texts = await textsOnScreen(page);
  const found = FORM_JS_ENGLISH.exec(texts);
  assert.equal(found, null, `English library text "${found?.[0]}" on ${where}`);
}

async function horizontalOverflow(page: Page): Promise<number> {
  return Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
}

/** The citizen's actions, counted as the journey page reports them: clicks (and key presses that act) and typed entries. */
class Walk {
  clicks = 0;
  entries = 0;
  async click(target: Locator): Promise<void> {
    this.clicks += 1;
    await target.click();
  }
  async check(target: Locator): Promise<void> {
    this.clicks += 1;
    await target.check();
  }
  async fill(target: Locator, value: string): Promise<void> {
    this.entries += 1;
    await target.fill(value);
  }
  /** Choosing a file is one click on the picker and one in the system dialog. */
  async upload(page: Page, document: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    this.clicks += 2;
    const item = page.locator(`li[data-document="${document}"]`);
    await item.locator('input[type=file]').setInputFiles(file);
    await item.getByText('Đã tải lên').waitFor();
  }
}

describe('the citizen’s application form in a real browser', () => {
  let platform: BrowserPlatform;
  before(async () => {
    platform = await startBrowserPlatform();
  });
  after(async () => {
    await platform?.close();
  });

  test('a signed-out visitor is told why the submit page needs an account', async () => {
    const context = await platform.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${platform.baseUrl}/portal/thu-tuc/${PROCEDURE.slug}/nop`);
    await page.getByText(/Để nộp hồ sơ trực tuyến, bạn cần đăng nhập/).waitFor();
    await page.getByRole('main').getByRole('button', { name: 'Đăng nhập' }).waitFor();
    assert.equal(await horizontalOverflow(page), 0);
    await screenshot(page, 'citizen-form-signed-out-390');
    await context.close();
  });

  test('the upload limits are published before any upload', async () => {
    const limits = (await (await fetch(`${platform.baseUrl}/api/files/limits`)).json()) as { maxBytes: number; mediaTypes: string[]; extensions: string[] };
    // UPLOAD_MAX_MB defaults to 20 (.env.example); PDF, PNG and JPEG are what media-types.ts recognises.
    assert.deepEqual(limits, {
      maxBytes: 20 * 1024 * 1024,
      mediaTypes: ['application/pdf', 'image/png', 'image/jpeg'],
      extensions: ['.pdf', '.png', '.jpg', '.jpeg'],
    });
  });

  test('birth registration: Vietnamese form-js, prefill from the account, error summary with focus, size limit checked before upload, submit; the dossier list fits 390 px', async () => {
    const { baseUrl, browser } = platform;
    await screenshotsOnFailure(browser, 'citizen-form', async () => {
      const { context, page } = await signedInPage(browser, baseUrl, 'citizen1');
      const uploadsSent: string[] = [];
      page.on('request', (request) => request.method() === 'POST' && request.url().endsWith('/api/files') && uploadsSent.push(request.url()));
      const walk = new Walk();

      // From the portal home to the form: search, open the procedure, start the submission.
      await walk.fill(page.getByRole('searchbox'), 'khai sinh');
      await walk.click(page.getByRole('link', { name: /^Nộp hồ sơ trực tuyến\W+Đăng ký khai sinh$/ }));
      await page.locator('.fjs-container').waitFor();

      // Every commune offers the birth registration (processes/dang-ky-khai-sinh/procedure.json,
      // offeredBy): the citizen chooses the one competent for the dossier, among the communes of
      // processes/agencies.json.
      const commune = page.getByLabel('Cơ quan giải quyết');
      assert.deepEqual(await commune.locator('option').allInnerTexts(), ['— Chọn phường, xã hoặc cơ quan —', 'Ủy ban nhân dân phường Hồng Hà', 'Ủy ban nhân dân phường Bãi Cháy']);
      // Which commune is competent, as the bundle's offeredBy.choiceHint says after Luật Hộ tịch 2014,
      // Điều 13: "Ủy ban nhân dân cấp xã nơi cư trú của người cha hoặc người mẹ thực hiện đăng ký khai sinh".
      await page.locator('.agency-choice .hint', { hasText: 'nơi cư trú của người cha hoặc người mẹ (Luật Hộ tịch 2014, Điều 13)' }).waitFor();
      walk.clicks += 2;
      await commune.selectOption('UBND-XA-HH');
      await screenshot(page, 'citizen-form-00-commune');

      // The account's name and identity number (demo account citizen1, engine/src/identity/demo-accounts.ts) are already in the form.
      assert.equal(await field(page, 'Field_nguoiYeuCauHoTen').inputValue(), 'Nguyễn Văn An');
      assert.equal(await field(page, 'Field_nguoiYeuCauSoDinhDanh').inputValue(), '022090001234');
      await page.getByText('Họ tên và số định danh được điền sẵn từ tài khoản của bạn.').waitFor();

      // The limits are stated next to the uploads, before choosing a file.
      assert.equal((await page.getByTestId('upload-limits').innerText()).trim(), 'Nhận tệp PDF, PNG, JPG, JPEG, tối đa 20 MB mỗi tệp.');
      await page.locator('.fjs-form-field-select .fjs-select-display', { hasText: 'Chọn' }).first().waitFor();
      await assertNoEnglish(page, 'the empty application form');

      // A failed submit (a detour: not counted in the walk): a summary at the top, and the cursor in the first field to correct.
      await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
      const summary = page.locator('.error-summary');
      await summary.waitFor();
      assert.match(await summary.locator('h2').innerText(), /^Chưa gửi được: còn \d+ mục cần sửa$/);
      await summary.getByRole('link', { name: 'Người yêu cầu – Nơi cư trú' }).waitFor();
      await summary.getByRole('link', { name: 'Thông tin người mẹ – Họ, chữ đệm và tên' }).waitFor();
      await summary.getByText(`${BIRTH_CERTIFICATE}: chưa tải lên tệp`).waitFor();
      const focused = String(await page.evaluate("document.activeElement?.id ?? ''"));
      assert.match(focused, /-Field_nguoiYeuCauNoiCuTru$/, `focus is in the first invalid field, not on ${focused}`);
      const box = await field(page, 'Field_nguoiYeuCauNoiCuTru').boundingBox();
      const inView = !!box && box.y >= 0 && box.y + box.height <= (page.viewportSize()?.height ?? 0);
      assert.ok(inView, 'the first invalid field is scrolled into view');
      await page.getByText('Vui lòng nhập thông tin này.').first().waitFor();
      await assertNoEnglish(page, 'the form after a failed submit');
      await page.evaluate('window.scrollTo(0, 0)');
      await screenshot(page, 'citizen-form-errors-1440');

      // A pattern error says what is wrong without the raw expression.
      await field(page, 'Field_meSoDinhDanh').fill('12345');
      await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
      await page.getByText('Giá trị chưa đúng định dạng.').first().waitFor();
      await assertNoEnglish(page, 'the form with a pattern error');

      // The date picker: Vietnamese month and day names, weeks from Monday.
      await field(page, 'Field_ngaySinh-date').click();
      const calendar = page.locator('.flatpickr-calendar.open');
      await calendar.waitFor();
      assert.equal((await calendar.locator('.flatpickr-weekday').first().innerText()).trim(), 'T2', 'the week starts on Monday');
      assert.match(await calendar.locator('.flatpickr-monthDropdown-months option').first().innerText(), /^Tháng 1$/);
      assert.equal(await field(page, 'Field_ngaySinh-date').getAttribute('placeholder'), 'ngày/tháng/năm');
      await assertNoEnglish(page, 'the open date picker');
      await calendar.scrollIntoViewIfNeeded();
      await screenshot(page, 'citizen-form-date-picker-1440');
      await page.keyboard.press('Escape');

      // A file over the limit is refused in the browser: nothing is sent.
      const tooLarge = Buffer.concat([samplePdf('qua lon'), Buffer.alloc(21 * 1024 * 1024)]);
      const birthItem = page.locator(`li[data-document="${BIRTH_CERTIFICATE}"]`);
      // 21 MB cross the browser protocol in one message: on a busy machine that outlasts the default 30 s.
      await birthItem.locator('input[type=file]').setInputFiles({ name: 'giay-chung-sinh-qua-lon.pdf', mimeType: 'application/pdf', buffer: tooLarge }, { timeout: 120_000 });
      await birthItem.getByText('Tệp quá lớn: tối đa 20 MB.').waitFor();
      assert.deepEqual(uploadsSent, [], 'the oversized file was not sent');
      await birthItem.getByRole('button', { name: 'Xóa tệp giay-chung-sinh-qua-lon.pdf' }).click();

      // The declaration is this form: it is not asked for again as a file.
      const declarationItem = page.locator(`li[data-document="${DECLARATION}"]`);
      await declarationItem.getByText('Đã khai trực tuyến').waitFor();
      assert.equal(await declarationItem.locator('input[type=file]').count(), 0, 'no file picker for the declaration filled in online');
      await declarationItem.scrollIntoViewIfNeeded();
      await screenshot(page, 'citizen-form-declaration-online-1440');

      // The rest of the declaration, typed once.
      await walk.fill(field(page, 'Field_nguoiYeuCauNoiCuTru'), 'Số 12 phố Cao Thắng, phường Hồng Hà, tỉnh Quảng Ninh');
      await walk.click(page.locator('.fjs-form-field-select', { has: field(page, 'Field_quanHe') }).locator('.fjs-input-group'));
      await walk.click(page.locator('.fjs-dropdownlist-item', { hasText: 'Cha' }).first());
      await walk.fill(field(page, 'Field_hoTen'), 'Nguyễn Minh Khôi');
      await walk.fill(field(page, 'Field_ngaySinh-date'), '02/11/2026');
      await field(page, 'Field_ngaySinh-date').press('Enter');
      await field(page, 'Field_ngaySinh-date').press('Escape');
      await walk.check(page.getByLabel('Nam', { exact: true }));
      await walk.fill(field(page, 'Field_noiSinh'), 'Bệnh viện Sản Nhi Quảng Ninh');
      await walk.fill(field(page, 'Field_queQuan'), 'Phường Hồng Hà, tỉnh Quảng Ninh');
      await walk.fill(field(page, 'Field_meHoTen'), 'Lê Thị Hương');
      await walk.fill(field(page, 'Field_meSoDinhDanh'), '022195001122');
      await walk.fill(field(page, 'Field_meNamSinh'), '1995');
      await walk.fill(field(page, 'Field_meDanToc'), 'Kinh');
      await walk.fill(field(page, 'Field_meNoiCuTru'), 'Số 12 phố Cao Thắng, phường Hồng Hà, tỉnh Quảng Ninh');
      await walk.check(field(page, 'Field_camDoan'));
      await walk.upload(page, BIRTH_CERTIFICATE, { name: 'giay-chung-sinh.png', mimeType: 'image/png', buffer: SAMPLE_PNG });
      await walk.click(page.getByRole('button', { name: 'Nộp hồ sơ' }));
      await page.getByRole('heading', { name: 'Đã nộp hồ sơ' }).waitFor();
      const code = (await page.locator('dd.mono').innerText()).trim();
      await screenshot(page, 'citizen-form-submitted-1440');

      // Counted walk, for docs/user-journeys.md.
      writeFileSync(join(SCREENSHOTS, 'birth-registration-walk.json'), `${JSON.stringify({ clicks: walk.clicks, entries: walk.entries }, null, 2)}\n`);
      console.log(`birth registration walk: ${walk.clicks} clicks, ${walk.entries} entries`);

      // The citizen's dossiers at 1440 px, then on a 390 px phone: cards, no sideways scrolling, 44 px targets.
      await page.goto(`${baseUrl}/portal/ho-so`);
      await page.getByRole('link', { name: code }).waitFor();
      await screenshot(page, 'citizen-dossiers-1440');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByRole('link', { name: code }).waitFor();
      assert.equal(await horizontalOverflow(page), 0, 'no horizontal scrolling on the dossier list at 390 px');
      const link = await page.getByRole('link', { name: code }).boundingBox();
      assert.ok(link && link.height >= 44, `the dossier link is a 44 px tap target (${link?.height})`);
      await screenshot(page, 'citizen-dossiers-390');

      await page.goto(`${baseUrl}/portal/thu-tuc/${PROCEDURE.slug}/nop`);
      await page.locator('.fjs-container').waitFor();
      await page.getByTestId('upload-limits').waitFor();
      assert.equal(await horizontalOverflow(page), 0, 'no horizontal scrolling on the submit page at 390 px');
      await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
      await page.locator('.error-summary').waitFor();
      await assertNoEnglish(page, 'the submit page at 390 px');
      assert.equal(await horizontalOverflow(page), 0, 'no horizontal scrolling with the error summary at 390 px');
      await screenshot(page, 'citizen-form-errors-390');
      await page.evaluate('window.scrollTo(0, 0)');
      await screenshot(page, 'citizen-form-summary-390');
      await context.close();
    });
  });
});
