import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SANDBOX_CITIZENS, SandboxVneid } from '@mot-cua/engine/national-portal/sandbox/sandbox-vneid.js';
import { screenshot, startBrowserPlatform, type BrowserPlatform } from './browser-platform.js';

/** A citizen signs in to the web app with VNeID (the sandbox VNeID), from the header's button. */
describe('VNeID sign-in in the browser', () => {
  let platform: BrowserPlatform;
  let vneid: SandboxVneid;

  before(async () => {
    platform = await startBrowserPlatform({
      settings: async (baseUrl) => {
        vneid = await SandboxVneid.start({
          clients: [{ clientId: 'mot-cua-e2e', clientSecret: 'vneid-e2e-secret', redirectUri: `${baseUrl}/realms/mot-cua/broker/vneid/endpoint` }],
        });
        return { VNEID_ISSUER: vneid.issuer, VNEID_CLIENT_ID: 'mot-cua-e2e', VNEID_CLIENT_SECRET: 'vneid-e2e-secret' };
      },
    });
  });
  after(async () => {
    await platform?.close();
    await vneid?.stop();
  });

  test('"Đăng nhập bằng VNeID" signs the citizen in to the portal under her personal identification number', async () => {
    const [citizen] = SANDBOX_CITIZENS;
    const context = await platform.browser.newContext({ locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${platform.baseUrl}/portal`);
    await page.getByRole('banner').getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/realms\/mot-cua\/login-actions\//);
    await screenshot(page, 'vneid-01-login-page');
    await page.getByRole('button', { name: 'Đăng nhập bằng VNeID' }).click();

    await page.waitForURL((url) => url.href.startsWith(vneid.issuer));
    await screenshot(page, 'vneid-02-sandbox');
    await page.getByRole('button', { name: new RegExp(citizen.name) }).click();

    await page.waitForURL((url) => url.origin === platform.baseUrl && url.pathname === '/portal' && !url.hash);
    await page.getByRole('banner').getByText(citizen.name).waitFor();
    await screenshot(page, 'vneid-03-signed-in');
    // A citizen's own area opens: the platform's token carries the role citizen.
    await page.goto(`${platform.baseUrl}/portal/ho-so`);
    await page.locator('main h1').waitFor();
    assert.equal(await page.getByText('Bạn không có quyền truy cập khu vực này.').count(), 0);

    // The birth registration form fills the applicant's number from the account (its field marked
    // `account.idNumber`, forms/dang-ky-khai-sinh/to-khai.form): the number VNeID vouched for.
    await page.goto(`${platform.baseUrl}/portal/thu-tuc/dang-ky-khai-sinh/nop`);
    await page.getByText('Họ tên và số định danh được điền sẵn từ tài khoản của bạn.').waitFor();
    // The applicant's group comes first on the form, before the mother's and father's numbers.
    const applicantNumber = page.getByLabel('Số định danh cá nhân').first();
    await applicantNumber.waitFor();
    assert.equal(await applicantNumber.inputValue(), citizen.personalId);
    await screenshot(page, 'vneid-04-prefilled-form');
    await context.close();
  });
});
