import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { screenshot, startBrowserPlatform, type BrowserPlatform } from './browser-platform.js';
import { screenshotsOnFailure, signedInPage } from './dossier-steps.js';

/**
 * The provincial centre's counter in a real browser: any centre receives for any agency of the
 * province (Decree 118/2025/NĐ-CP — article to verify, docs/legal-basis.md), so the officer of the
 * provincial public-administration service centre (demo account reception.ttpvhcc,
 * engine/src/identity/demo-accounts.ts) sees every procedure and chooses the competent commune
 * among those processes/agencies.json lists for a commune procedure.
 */
describe('the provincial centre’s counter chooses the competent commune', () => {
  let platform: BrowserPlatform;
  before(async () => {
    platform = await startBrowserPlatform();
  });
  after(async () => {
    await platform?.close();
  });

  test('a commune procedure at the provincial centre: no commune chosen in advance, both communes offered', async () => {
    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, 'reception.ttpvhcc');
    await screenshotsOnFailure(platform.browser, 'two-tier-counter', async () => {
      await page.goto(`${platform.baseUrl}/counter`);
      const birth = page.getByRole('button', { name: /Đăng ký khai sinh/ });
      await birth.waitFor();
      assert.match(await birth.innerText(), /Ủy ban nhân dân phường Hồng Hà, Ủy ban nhân dân phường Bãi Cháy/);
      await page.getByRole('button', { name: /Cấp Phiếu lý lịch tư pháp/ }).waitFor();
      await screenshot(page, 'two-tier-counter-01-procedures');

      await birth.click();
      const commune = page.getByLabel('Cơ quan giải quyết');
      await commune.waitFor();
      // The centre itself does not offer the birth registration: nothing is chosen for the officer.
      assert.equal(await commune.inputValue(), '');
      assert.deepEqual(await commune.locator('option').allInnerTexts(), ['— Chọn phường, xã hoặc cơ quan —', 'Ủy ban nhân dân phường Hồng Hà', 'Ủy ban nhân dân phường Bãi Cháy']);
      await commune.selectOption('UBND-XA-BC');
      assert.equal(await commune.inputValue(), 'UBND-XA-BC');
      await screenshot(page, 'two-tier-counter-02-commune');
    });
    await context.close();
  });
});
