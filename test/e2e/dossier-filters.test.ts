import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot, startBrowserPlatform, type BrowserPlatform } from './browser-platform.js';
import { screenshotsOnFailure, signedInPage, token } from './dossier-steps.js';

const AGENCY = { code: 'UBND-XA-HH', name: 'Ủy ban nhân dân phường Hồng Hà' };

/**
 * Waits until the list's table shows rows and every one satisfies `holds`. The rows are read
 * through the browser protocol: the page's Content Security Policy forbids evaluating strings in
 * it, which a polling page.waitForFunction with an expression does.
 */
async function waitForRows(page: Page, holds: (row: string) => boolean, what: string): Promise<void> {
  // As long as the dossier tests' other waits: under three test lanes the first search can take over a minute.
  const deadline = Date.now() + 120_000;
  for (;;) {
    const rows = await page.locator('table tbody tr').allTextContents();
    if (rows.length > 0 && rows.every(holds)) return;
    if (Date.now() > deadline) {
      const reads = (await page.locator('main').innerText().catch(() => '')).replace(/\s+/g, ' ');
      throw new Error(`Timed out waiting for ${what}; the table shows: ${rows.join(' | ').slice(0, 300)}; the page reads: ${reads.slice(0, 400)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The officer's dossier list and the dashboard ask the server to filter, and show its names and counts. */
describe('dossier lists filtered by the server, in a real browser', () => {
  let platform: BrowserPlatform;

  before(async () => {
    platform = await startBrowserPlatform({ demoDossiers: true });
  });
  after(async () => {
    await platform?.close();
  });

  test('the agency’s list sends search, status and deadline to /api/dossiers and shows what it answers', async () => {
    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, 'reception.hongha');
    await screenshotsOnFailure(platform.browser, 'agency-dossiers', async () => {
      await page.goto(`${platform.baseUrl}/worklist/ho-so`);
      await page.locator('table tbody tr').first().waitFor();
      const searched = page.waitForRequest((r) => r.url().includes('/api/dossiers?') && new URL(r.url()).searchParams.get('q') === 'tran thi binh');
      await page.getByRole('searchbox', { name: 'Tìm hồ sơ' }).fill('tran thi binh');
      await searched;
      const rows = page.locator('table tbody tr');
      await waitForRows(page, (row) => row.includes('Trần Thị Bình'), 'rows of Trần Thị Bình only');
      assert.ok((await rows.count()) > 0, 'the demo dossiers of Trần Thị Bình are found without accents');

      // Both filters go to the server together, and every row it answers meets both.
      const filtered = page.waitForRequest((r) => {
        const params = new URL(r.url()).searchParams;
        return r.url().includes('/api/dossiers?') && params.get('status') === 'received' && params.get('q') === 'tran thi binh';
      });
      await page.getByRole('combobox', { name: 'Trạng thái' }).selectOption('received');
      await filtered;
      await waitForRows(page, (row) => row.includes('Trần Thị Bình') && row.includes('Đã tiếp nhận'), 'received rows of Trần Thị Bình only');
      await screenshot(page, 'filters-01-agency-dossiers');

      const due = page.waitForRequest((r) => r.url().includes('/api/dossiers?') && new URL(r.url()).searchParams.get('dueWithin') === 'late');
      await page.getByRole('combobox', { name: 'Hạn xử lý' }).selectOption('late');
      await due;
    });
    await context.close();
  });

  test('the dashboard shows agency and procedure names and the due-soon count of the statistics API', async () => {
    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, 'supervisor');
    await screenshotsOnFailure(platform.browser, 'dashboard-names', async () => {
      const bearer = { authorization: `Bearer ${await token(platform.baseUrl, 'supervisor')}` };
      const figures = (await (await fetch(`${platform.baseUrl}/api/statistics/dossiers?groupBy=agency`, { headers: bearer })).json()) as { total: { dueSoon: number } };
      const kpi = page.locator('.kpi', { hasText: 'Sắp đến hạn' });
      await kpi.waitFor();
      assert.equal((await kpi.locator('.kpi-value').innerText()).trim(), String(figures.total.dueSoon));
      const agencyRow = page.locator('tbody tr', { hasText: AGENCY.code });
      await agencyRow.getByRole('button', { name: AGENCY.name }).waitFor();
      await screenshot(page, 'filters-02-dashboard-names');
      await agencyRow.getByRole('button', { name: AGENCY.name }).click();
      await page.getByRole('table', { name: 'Theo thủ tục' }).waitFor();
      await page.getByRole('navigation', { name: 'Cấp xem' }).getByRole('button', { name: AGENCY.name }).waitFor();
      await page.locator('tbody tr', { hasText: 'Đăng ký khai sinh' }).first().waitFor();
      await screenshot(page, 'filters-03-dashboard-procedures');
    });
    await context.close();
  });
});
