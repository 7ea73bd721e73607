import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { screenshot, startBrowserPlatform, type BrowserPlatform } from './browser-platform.js';
import { DossierApi } from './dossier-api.js';
import { screenshotsOnFailure, signedInPage } from './dossier-steps.js';
import { CASES, RECEIVE } from '@mot-cua/engine/test-fixtures/dossiers.js';

const BIRTH = CASES['dang-ky-khai-sinh'];

/**
 * The counter's dossier register (sổ theo dõi hồ sơ, form 07 of Circular 03/2025/TT-VPCP) in a
 * real browser: the reception officer picks the month and downloads the book as PDF and as Excel.
 */
describe('the counter downloads its dossier register, in a real browser', () => {
  let platform: BrowserPlatform;
  let api: DossierApi;

  before(async () => {
    platform = await startBrowserPlatform();
    api = new DossierApi(platform.baseUrl);
  });
  after(async () => {
    await platform?.close();
  });

  test('the month of the register and its two downloads', async () => {
    const dossier = await api.submit('citizen1', BIRTH.slug, BIRTH.application);
    await api.completeStep('reception.hongha', dossier.id, 'Task_TiepNhan', RECEIVE);

    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, 'reception.hongha');
    await screenshotsOnFailure(platform.browser, 'counter-register', async () => {
      await page.goto(`${platform.baseUrl}/counter/so-theo-doi`);
      await page.getByRole('link', { name: 'Sổ theo dõi hồ sơ' }).waitFor();
      await page.getByRole('textbox', { name: 'Tháng', exact: true }).waitFor();
      await screenshot(page, 'counter-register-01-month');
      for (const [button, extension, magic] of [
        ['Sổ theo dõi hồ sơ (PDF)', 'pdf', '%PDF'],
        ['Sổ theo dõi hồ sơ (Excel)', 'xlsx', 'PK'],
      ] as const) {
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
        assert.match(download.suggestedFilename(), new RegExp(`^so-theo-doi-ho-so-\\d{4}-\\d{2}\\.${extension}$`));
        const content = await readFile((await download.path())!);
        assert.equal(content.subarray(0, magic.length).toString('latin1'), magic, `a ${extension} file`);
      }
    });
    await context.close();
  });
});
