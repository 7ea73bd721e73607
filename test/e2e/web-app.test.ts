import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { screenshot, signIn, startBrowserPlatform, timedGoto, writeTimings, type BrowserPlatform, type LoadTime } from './browser-platform.js';
import { insertNotificationStep } from './dossier-steps.js';
import { publishWithNote } from './studio-steps.js';

const SHIPPED = { slug: 'dang-ky-khai-sinh', name: 'Đăng ký khai sinh' };
const timings: LoadTime[] = [];

async function contextFor(platform: BrowserPlatform): Promise<{ context: BrowserContext; page: Page }> {
  const context = await platform.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
  return { context, page: await context.newPage() };
}

describe('web app in a real browser', () => {
  let platform: BrowserPlatform;

  before(async () => {
    platform = await startBrowserPlatform();
  });
  after(async () => {
    writeTimings(timings);
    await platform?.close();
  });

  test('a visitor reads the public catalogue in Vietnamese, and can switch to English', async () => {
    const { context, page } = await contextFor(platform);
    timings.push(await timedGoto(page, `${platform.baseUrl}/`, () => page.getByRole('heading', { name: 'Thủ tục hành chính' }).waitFor(), 'portal (public)'));
    assert.equal(new URL(page.url()).pathname, '/portal', 'a visitor lands on the public portal');
    await page.getByRole('heading', { name: SHIPPED.name, exact: true }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'vi');
    const font = await page.evaluate('document.fonts.check("16px \\"Noto Sans\\"", "Đăng ký khai sinh – ạ ố ữ")');
    assert.equal(font, true, 'Noto Sans with Vietnamese glyphs is loaded');
    await screenshot(page, '01-portal-public');

    await page.getByRole('searchbox').fill('khai sinh');
    assert.equal(await page.locator('.card').count(), 1);

    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { name: 'Administrative procedures' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await screenshot(page, '02-portal-english');
    await page.getByRole('button', { name: /Tiếng Việt/ }).click();
    await page.getByRole('heading', { name: 'Thủ tục hành chính' }).waitFor();

    const response = await page.goto(`${platform.baseUrl}/khong-co-trang-nay`);
    assert.equal(response?.status(), 200, 'unknown paths get the app, which shows its own not-found page');
    await page.getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor();
    await context.close();
  });

  test('the API and provider paths are not swallowed by the app', async () => {
    const api = await fetch(`${platform.baseUrl}/api/no-such-route`, { headers: { accept: 'text/html' } });
    assert.equal(api.status, 404);
    assert.match(api.headers.get('content-type') ?? '', /json/);
    const asset = await fetch(`${platform.baseUrl}/assets/no-such-chunk.js`);
    assert.equal(asset.status, 404, 'a stale chunk name fails instead of loading index.html');
    const index = await fetch(`${platform.baseUrl}/studio`, { headers: { accept: 'text/html' } });
    assert.equal(index.headers.get('cache-control'), 'no-cache');
  });

  test('the analyst signs in, edits a shipped procedure in the modeler with an element template, saves, checks and publishes', async () => {
    const { context, page } = await contextFor(platform);
    await signIn(page, platform.baseUrl, 'analyst.hongha');
    assert.equal(new URL(page.url()).pathname, '/studio', 'an analyst lands in the studio');
    await page.getByRole('link', { name: SHIPPED.name }).waitFor();
    await screenshot(page, '03-studio-list');
    timings.push(await timedGoto(page, `${platform.baseUrl}/studio`, () => page.getByRole('link', { name: SHIPPED.name }).waitFor(), 'studio list (signed in)'));

    timings.push(
      await timedGoto(page, `${platform.baseUrl}/studio/${SHIPPED.slug}`, () => page.locator('[data-element-id="Task_TiepNhan"]').waitFor(), 'studio modeler (BPMN loaded)'),
    );
    const row = page.locator('tr', { hasText: SHIPPED.name });
    assert.equal(await row.count(), 0, 'the editor replaced the list');
    await page.locator('.bio-properties-panel').waitFor();
    // bpmnlint runs on the diagram (switched on once it is drawn): its button shows the outcome.
    await page.locator('.bjsl-button:not(.bjsl-button-inactive)').waitFor();
    await screenshot(page, '04-studio-modeler');

    // Insert a notification between the start event and reception: create from the platform's
    // template in the palette's "create element" menu and drop it onto the sequence flow.
    await insertNotificationStep(page, 'Thông báo đã nhận hồ sơ trực tuyến');
    await page.getByText('Có thay đổi chưa lưu').waitFor();
    await screenshot(page, '05-studio-template-inserted');

    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.getByText('Đã lưu bản nháp.').waitFor();

    // Token simulation runs on the saved diagram (toggle, then back to modelling).
    await page.locator('.bjs-container').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('t');
    await page.locator('.bts-toggle-mode.active, .bts-toggle-mode .bts-toggle').first().waitFor({ timeout: 5000 }).catch(() => undefined);
    await screenshot(page, '06-studio-token-simulation');
    await page.keyboard.press('t');

    await page.getByRole('tab', { name: 'Kiểm tra và xuất bản' }).click();
    const diff = page.getByTestId('diff');
    // The diff names the added step, and names it again as the new target of the flow it was put on.
    await diff.getByText('Thông báo đã nhận hồ sơ trực tuyến').first().waitFor();
    await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    const report = page.getByTestId('lint-report');
    await report.waitFor();
    const reportText = await report.innerText();
    assert.match(reportText, /Không có lỗi chặn xuất bản/, `the server's lint passes: ${reportText}`);
    await screenshot(page, '07-studio-check');

    await publishWithNote(page, 'Thêm bước thông báo đã nhận hồ sơ trực tuyến');
    await page.getByText(/Đã xuất bản phiên bản 2\./).waitFor();
    await page.getByRole('cell', { name: /^2\s*đang áp dụng/ }).waitFor();
    await screenshot(page, '08-studio-published');

    // The platform's own record: the published version carries the new notify task.
    const published = await page.evaluate(`fetch('/api/public/procedures/${SHIPPED.slug}').then((r) => r.json())`);
    assert.equal((published as { version: number }).version, 2);

    // Other tabs of the editor render: forms with preview, templates, catalogue data.
    await page.getByRole('tab', { name: 'Biểu mẫu' }).click();
    await page.getByTestId('form-editor').locator('.fjs-editor-container').waitFor();
    await page.locator('.form-preview .fjs-container').waitFor();
    await screenshot(page, '09-studio-forms');
    await page.getByRole('tab', { name: 'Mẫu văn bản' }).click();
    await page.locator('.code-editor textarea').waitFor();
    await screenshot(page, '10-studio-templates');
    await page.getByRole('tab', { name: 'Dữ liệu danh mục' }).click();
    await page.getByLabel('Tên thủ tục').waitFor();
    assert.equal(await page.getByLabel('Tên thủ tục').inputValue(), SHIPPED.name);
    await screenshot(page, '11-studio-catalogue');
    await context.close();
  });

  for (const { username, lands, also, shot } of [
    { username: 'reception.sxd', lands: '/worklist', also: ['/counter'], shot: '12-worklist-reception' },
    { username: 'leader.sxd', lands: '/worklist', also: [], shot: '13-worklist-leader' },
    { username: 'supervisor', lands: '/dashboard', also: [], shot: '14-dashboard-supervisor' },
    { username: 'citizen1', lands: '/portal', also: ['/portal/ho-so'], shot: '15-portal-citizen' },
  ]) {
    test(`${username} lands in ${lands} and sees only his areas`, async () => {
      const { context, page } = await contextFor(platform);
      await signIn(page, platform.baseUrl, username);
      await page.goto(`${platform.baseUrl}/`);
      await page.waitForURL((url) => url.pathname === lands);
      await page.locator('main h1').waitFor();
      await screenshot(page, shot);
      for (const path of also) {
        timings.push(await timedGoto(page, `${platform.baseUrl}${path}`, () => page.locator('main h1').waitFor(), `${path} (${username})`));
        assert.equal(await page.getByText('Bạn không có quyền truy cập khu vực này.').count(), 0);
      }
      await page.goto(`${platform.baseUrl}/studio`);
      await page.getByText('Bạn không có quyền truy cập khu vực này.').waitFor();
      assert.equal(await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Thiết kế thủ tục' }).count(), 0);

      await page.getByRole('banner').getByRole('button', { name: /./ }).last().click();
      await page.getByRole('group', { name: 'Tài khoản' }).waitFor();
      await screenshot(page, `${shot}-menu`);
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.waitForURL((url) => url.pathname === '/portal');
      await page.getByRole('banner').getByRole('button', { name: 'Đăng nhập' }).waitFor();
      await context.close();
    });
  }

  test('the shell works on a phone-sized screen', async () => {
    const context = await platform.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${platform.baseUrl}/portal`);
    await page.getByRole('heading', { name: SHIPPED.name, exact: true }).waitFor();
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    assert.equal(overflow, 0, 'no horizontal scrolling on a phone');
    await screenshot(page, '16-portal-phone');
    await context.close();
  });
});
