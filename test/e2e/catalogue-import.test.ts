import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repositoryRoot } from '../support/paths.js';
import { screenshot, startBrowserPlatform, type BrowserPlatform } from './browser-platform.js';
import { screenshotsOnFailure, signedInPage } from './dossier-steps.js';

/** The record of "Đăng ký khai tử" (1.000656) the engine's tests use; its source is named beside it. */
const RECORD = resolve(repositoryRoot, 'engine/test/procedures/fixtures/national-catalogue/1.000656.json');
/** analyst.hongha in the demo accounts (engine/src/identity/demo-accounts.ts) manages the birth registration. */
const ANALYST = 'analyst.hongha';

describe('the studio starts a procedure from a national catalogue record', () => {
  let platform: BrowserPlatform;
  before(async () => {
    platform = await startBrowserPlatform();
  });
  after(async () => {
    await platform?.close();
  });

  test('an analyst is told in Vietnamese why a record cannot be read, then loads a record file and lands in the new draft', { timeout: 300_000 }, async () => {
    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, ANALYST);
    await screenshotsOnFailure(platform.browser, 'catalogue-import', async () => {
      await page.goto(`${platform.baseUrl}/studio`);
      await page.getByRole('button', { name: 'Tạo từ CSDL quốc gia về TTHC' }).click();
      const form = page.getByRole('form', { name: 'Tạo thủ tục mới từ Cơ sở dữ liệu quốc gia về thủ tục hành chính' });
      await form.waitFor();

      // A processing time in calendar days is refused rather than guessed; nothing is created.
      await form.getByLabel('Bản ghi thủ tục (JSON)').fill(JSON.stringify({ MaTTHC: '1.000656', TenTTHC: 'Đăng ký khai tử', CapThucHien: 'Cấp Xã', LinhVuc: 'Hộ tịch', ThoiHanGiaiQuyet: '30 ngày', ThanhPhanHoSo: [{ TenGiayTo: 'Tờ khai', SoBanChinh: 1 }], KetQuaThucHien: 'Trích lục khai tử' }, null, 2));
      await form.getByLabel('Mã định danh (slug)').fill('dang-ky-khai-tu');
      await form.getByRole('button', { name: 'Tạo bản nháp' }).click();
      await form.getByRole('alert').getByText('Thời hạn giải quyết "30 ngày" không ghi rõ là ngày hay giờ làm việc', { exact: false }).waitFor();
      await screenshot(page, 'catalogue-import-01-refused');

      await form.getByLabel('Hoặc chọn tệp .json').setInputFiles(RECORD);
      // The file is read asynchronously: wait until its text is in the box.
      await page.waitForFunction(`document.querySelector('textarea')?.value.includes('"MaTTHC": "1.000656"')`);
      await form.getByLabel('Quy trình mẫu (5 bước)').selectOption('dang-ky-khai-sinh');
      await screenshot(page, 'catalogue-import-02-record');
      await form.getByRole('button', { name: 'Tạo bản nháp' }).click();

      await page.waitForURL(`${platform.baseUrl}/studio/dang-ky-khai-tu`);
      await page.getByRole('tab', { name: 'Dữ liệu danh mục' }).click();
      const name = page.getByLabel('Tên thủ tục');
      await name.waitFor();
      assert.equal(await name.inputValue(), 'Đăng ký khai tử');
      await screenshot(page, 'catalogue-import-03-draft');
    });
    await context.close();
  });
});
