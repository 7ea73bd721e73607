import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { screenshot, signIn, startBrowserPlatform, type BrowserPlatform } from './browser-platform.js';
import { screenshotsOnFailure } from './dossier-steps.js';

/** A Chromium set to American English: its native date inputs would read mm/dd/yyyy and start the week on Sunday. */
async function englishBrowserPage(browser: Browser, baseUrl: string, username: string, width = 1440): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-US', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, baseUrl, username);
  return { context, page };
}

/**
 * Dates read day/month/year in Vietnam: the platform's own dates (vi-VN, dd/MM/yyyy), form-js's
 * date field ("ngày/tháng/năm") and the administrative forms. The filters show and read that,
 * whatever the browser's language, and keep the ISO day (yyyy-MM-dd) in the address and requests.
 */
describe('date fields read dd/mm/yyyy in an English browser', () => {
  let platform: BrowserPlatform;

  before(async () => {
    platform = await startBrowserPlatform();
  });
  after(async () => {
    await platform?.close();
  });

  test('the dashboard’s period: shown and typed as dd/mm/yyyy, sent as the ISO day, calendar from Monday', async () => {
    const { context, page } = await englishBrowserPage(platform.browser, platform.baseUrl, 'supervisor');
    await screenshotsOnFailure(platform.browser, 'date-fields-dashboard', async () => {
      await page.goto(`${platform.baseUrl}/dashboard?tu=2026-10-01`);
      await page.locator('.kpi').first().waitFor();
      const from = page.getByRole('textbox', { name: 'Từ ngày', exact: true });
      const to = page.getByRole('textbox', { name: 'Đến ngày', exact: true });
      assert.equal(await from.inputValue(), '01/10/2026', 'the day of ?tu=2026-10-01, day first');
      assert.equal(await to.getAttribute('placeholder'), 'ngày/tháng/năm');

      // Typed: 05/11/2026 is the 5th of November. The dashboard asks for the period up to the end of
      // that day on the office's clock (UTC+7), as the native date input's 2026-11-05 did.
      const asked = page.waitForRequest((request) => {
        const url = new URL(request.url());
        return url.pathname === '/api/statistics/dossiers' && url.searchParams.get('to') === '2026-11-05T17:00:00.000Z';
      });
      await to.fill('05/11/2026');
      await to.press('Enter');
      const request = new URL((await asked).url());
      assert.equal(request.searchParams.get('from'), '2026-10-01T00:00:00+07:00');
      await page.waitForURL((url) => url.searchParams.get('den') === '2026-11-05');
      assert.equal(await to.inputValue(), '05/11/2026');

      // The calendar: Vietnamese names, Monday ("Thứ hai", T2) in the first column, on the typed month.
      await to.click();
      const calendar = page.locator('.flatpickr-calendar.open');
      await calendar.waitFor();
      assert.equal((await calendar.locator('.flatpickr-weekday').first().innerText()).trim(), 'T2');
      assert.equal((await calendar.locator('.flatpickr-monthDropdown-months option:checked').innerText()).trim(), 'Tháng 11');
      assert.equal(await calendar.locator('.flatpickr-day.selected').getAttribute('aria-label'), '5 Tháng 11 2026');
      await screenshot(page, 'date-fields-01-dashboard-calendar-vi-1440');
      // Picking a day in it writes the same as typing it.
      await calendar.locator('.flatpickr-day:not(.prevMonthDay):not(.nextMonthDay)', { hasText: /^20$/ }).click();
      await page.waitForURL((url) => url.searchParams.get('den') === '2026-11-20');
      assert.equal(await to.inputValue(), '20/11/2026');

      // Text that is not a day is refused, not moved to another one: 31/02 does not become 3 March.
      await from.fill('31/02/2026');
      await from.press('Enter');
      await page.waitForURL((url) => !url.searchParams.has('tu'));
      assert.equal(await from.inputValue(), '');

      // In English the calendar speaks English, still Monday first, and the field still reads day first.
      await page.getByRole('button', { name: /English/ }).click();
      const toEn = page.getByRole('textbox', { name: 'To', exact: true });
      assert.equal(await toEn.inputValue(), '20/11/2026');
      assert.equal(await toEn.getAttribute('placeholder'), 'dd/mm/yyyy');
      await toEn.click();
      await calendar.waitFor();
      assert.equal((await calendar.locator('.flatpickr-weekday').first().innerText()).trim(), 'Mon');
      assert.equal((await calendar.locator('.flatpickr-monthDropdown-months option:checked').innerText()).trim(), 'November');
      await screenshot(page, 'date-fields-02-dashboard-calendar-en-1440');
      await page.keyboard.press('Escape');
    });
    await context.close();
  });

  test('the counter’s register month: shown and typed as mm/yyyy, downloaded for that month', async () => {
    const { context, page } = await englishBrowserPage(platform.browser, platform.baseUrl, 'reception.hongha');
    await screenshotsOnFailure(platform.browser, 'date-fields-register', async () => {
      await page.goto(`${platform.baseUrl}/counter/so-theo-doi`);
      const month = page.getByRole('textbox', { name: 'Tháng', exact: true });
      await month.waitFor();
      // The current month on the office's clock (UTC+7), as the page opens it.
      const [year, current] = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7).split('-');
      assert.equal(await month.inputValue(), `${current}/${year}`);

      await month.fill('03/2026');
      await month.press('Enter');
      assert.equal(await month.inputValue(), '03/2026');
      await month.click();
      const calendar = page.locator('.flatpickr-calendar.open');
      await calendar.locator('.flatpickr-monthSelect-month.selected', { hasText: 'Th3' }).waitFor();
      await screenshot(page, 'date-fields-03-register-month-vi-1440');
      await page.keyboard.press('Escape');
      // The book downloaded is March 2026's (RegisterPage names it after the month).
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Sổ theo dõi hồ sơ (Excel)' }).click()]);
      assert.equal(download.suggestedFilename(), 'so-theo-doi-ho-so-2026-03.xlsx');
    });
    await context.close();
  });

  test('on a phone the date field is a 44 px target and opens the same calendar, not the phone’s own picker', async () => {
    const { context, page } = await englishBrowserPage(platform.browser, platform.baseUrl, 'supervisor', 390);
    await screenshotsOnFailure(platform.browser, 'date-fields-phone', async () => {
      await page.goto(`${platform.baseUrl}/dashboard`);
      await page.locator('.kpi').first().waitFor();
      const from = page.getByRole('textbox', { name: 'Từ ngày', exact: true });
      // WCAG 2.5.5 target size, as the other filters on a phone.
      const box = await from.boundingBox();
      assert.ok(box && box.height >= 44, `the field is ${box?.height} px high`);
      assert.equal(await from.getAttribute('type'), 'text');
      await from.click();
      await page.locator('.flatpickr-calendar.open').waitFor();
      await screenshot(page, 'date-fields-04-dashboard-calendar-vi-390');
    });
    await context.close();
  });
});
