import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startBrowserPlatform, type BrowserPlatform } from './browser-platform.js';
import { DossierApi, waitFor } from './dossier-api.js';
import { signedInPage } from './dossier-steps.js';
import { textFindings, visibleTexts } from './screen-text.js';

/** A page of a role's walk: how to reach it from where the previous one left the browser, and when it is shown. */
interface Stop {
  name: string;
  open(page: Page, baseUrl: string): Promise<void>;
}

const WIDTHS = [1440, 390] as const;

/** Goes to an address and waits for the page's main heading. */
const at = (name: string, path: string, ready: (page: Page) => Promise<unknown> = (page) => page.locator('main h1').first().waitFor()): Stop => ({
  name,
  async open(page, baseUrl) {
    await page.goto(`${baseUrl}${path}`);
    await ready(page);
  },
});

/** Follows the first link of a table (a dossier or a step), as a user opening the top row would. */
const firstRow = (name: string, list: string, ready: (page: Page) => Promise<unknown>): Stop => ({
  name,
  async open(page, baseUrl) {
    await page.goto(`${baseUrl}${list}`);
    const link = page.locator('main table tbody tr a').first();
    await link.waitFor();
    await link.click();
    await ready(page);
  },
});

const taskPage = (page: Page) => page.locator('.task-form .fjs-container').waitFor();
const dossierPage = (page: Page) => page.getByRole('tab', { name: 'Lịch sử xử lý' }).waitFor();
const studioTab = (name: string, tab: string, ready: (page: Page) => Promise<unknown>): Stop => ({
  name,
  async open(page) {
    await page.getByRole('tab', { name: tab }).click();
    await ready(page);
  },
});

const OFFICER = [
  at('worklist', '/worklist', (page) => page.locator('table.worklist tbody tr').first().waitFor()),
  firstRow('task', '/worklist', taskPage),
  firstRow('agency-dossier', '/worklist/ho-so', dossierPage),
  at('consultations', '/worklist/lay-y-kien'),
];

/** Each demo role and the pages its navigation leads to (admin-ui/src/App.tsx and the areas' routes). */
const WALKS: readonly { role: string; username: string; citizen?: boolean; stops: Stop[] }[] = [
  {
    role: 'citizen',
    username: 'citizen1',
    citizen: true,
    stops: [
      at('catalogue', '/portal', (page) => page.locator('main a[href^="/portal/thu-tuc/"]').first().waitFor()),
      at('procedure', '/portal/thu-tuc/dang-ky-khai-sinh', (page) => page.getByRole('heading', { name: 'Thành phần hồ sơ' }).waitFor()),
      at('submit', '/portal/thu-tuc/dang-ky-khai-sinh/nop', (page) => page.locator('.fjs-container').waitFor()),
      at('my-dossiers', '/portal/ho-so', (page) => page.locator('main table tbody tr').first().waitFor()),
      firstRow('my-dossier', '/portal/ho-so', (page) => page.locator('main h1').waitFor()),
      at('lookup', '/portal/tra-cuu', (page) => page.getByLabel('Mã hồ sơ').waitFor()),
    ],
  },
  {
    role: 'reception',
    username: 'reception.hongha',
    stops: [
      ...OFFICER,
      at('counter', '/counter', (page) => page.locator('main [data-area="counter"] button').first().waitFor()),
      at('counter-return', '/counter/tra-ket-qua', (page) => page.locator('main .lead').waitFor()),
    ],
  },
  { role: 'specialist', username: 'specialist.hongha', stops: OFFICER },
  {
    role: 'leader',
    username: 'leader.hongha',
    stops: [...OFFICER, at('dashboard', '/dashboard', (page) => page.locator('.kpi').first().waitFor())],
  },
  { role: 'clerk', username: 'clerk.hongha', stops: [at('worklist', '/worklist'), firstRow('agency-dossier', '/worklist/ho-so', dossierPage)] },
  {
    role: 'supervisor',
    username: 'supervisor',
    stops: [
      at('dashboard', '/dashboard', (page) => page.locator('main tbody tr').first().waitFor()),
      at('dashboard-agency', '/dashboard?co-quan=UBND-XA-HH', (page) => page.getByRole('table', { name: 'Theo thủ tục' }).waitFor()),
      firstRow('dashboard-dossier', '/dashboard?co-quan=UBND-XA-HH&thu-tuc=1.001193', dossierPage),
    ],
  },
  {
    role: 'analyst',
    username: 'analyst.hongha',
    stops: [
      at('studio', '/studio', (page) => page.locator('main table tbody tr').first().waitFor()),
      at('studio-model', '/studio/dang-ky-khai-sinh', (page) => page.locator('.bio-properties-panel').waitFor()),
      {
        name: 'studio-model-task',
        async open(page) {
          await page.locator('g.djs-element[data-element-id="Task_ThamDinh"]').click();
          await page.locator('.djs-context-pad').waitFor();
        },
      },
      studioTab('studio-forms', 'Biểu mẫu', (page) => page.locator('.fjs-editor-container').waitFor()),
      studioTab('studio-decisions', 'Bảng quyết định', (page) => page.locator('#panel-decisions').waitFor()),
      studioTab('studio-templates', 'Mẫu văn bản', (page) => page.locator('.templates-editor').waitFor()),
      {
        name: 'studio-template-preview',
        async open(page) {
          await page.getByRole('button', { name: 'Xem trước với dữ liệu mẫu' }).click();
          await page.frameLocator('.template-preview iframe').locator('h1').first().waitFor();
        },
      },
      studioTab('studio-catalogue', 'Dữ liệu danh mục', (page) => page.locator('#panel-catalogue input').first().waitFor()),
      studioTab('studio-publish', 'Kiểm tra và xuất bản', (page) => page.locator('#panel-publish button').first().waitFor()),
    ],
  },
  {
    role: 'administrator',
    username: 'admin',
    stops: [at('studio', '/studio', (page) => page.locator('main table tbody tr').first().waitFor())],
  },
];

describe('a walk through every page of every role, in both widths', () => {
  let platform: BrowserPlatform;
  const folder = mkdtempSync(join(tmpdir(), 'mot-cua-walks-'));

  before(async () => {
    platform = await startBrowserPlatform({ demoDossiers: true });
    // The demo dossiers advance in the background: wait until the last demo step (the birth
    // registration handed back at the counter) is done, so every list has its rows.
    const api = new DossierApi(platform.baseUrl);
    await waitFor('the demo dossiers', async () => {
      const list = await api.call<{ items: { status: string }[] }>('citizen1', '/api/dossiers?limit=50');
      return list.items.some((d) => d.status === 'returned') ? true : undefined;
    });
    console.log(`screenshots of the walks: ${folder}`);
  });
  after(async () => {
    await platform?.close();
  });

  test('dashboard: the tiles add up on the demo data, and each says how it is counted', async () => {
    const api = new DossierApi(platform.baseUrl);
    const { total } = await api.call<{ total: Record<string, number> }>('supervisor', '/api/statistics/dossiers');
    // The channels split the received dossiers (engine/src/statistics: received = online + counter + post).
    assert.equal(total.received, total.online + total.counter + total.post);
    const { context, page } = await signedInPage(platform.browser, platform.baseUrl, 'supervisor');
    const tile = (label: string) => page.locator('.kpi', { has: page.locator('.kpi-label', { hasText: label }) });
    const received = tile('Hồ sơ đã tiếp nhận');
    await received.waitFor();
    assert.equal(await received.locator('.kpi-value').innerText(), String(total.received));
    assert.equal(await received.locator('small').innerText(), `${total.online} trực tuyến, ${total.counter + total.post} trực tiếp hoặc qua bưu chính`);
    // Decision 766/QĐ-TTg (23/6/2022), online services group: the share is taken of the dossiers received,
    // so the share tile's numerator and denominator are the first tile's numbers.
    const share = tile('Tỷ lệ trực tuyến');
    const percent = new Intl.NumberFormat('vi', { maximumFractionDigits: 1 }).format(Math.round((total.online / total.received) * 1000) / 10);
    assert.equal(await share.locator('.kpi-value').innerText(), `${percent}%`);
    assert.equal(await share.locator('small').innerText(), `${total.online} trên ${total.received} hồ sơ đã tiếp nhận`);
    const definition = share.locator('.kpi-definition');
    assert.equal(await definition.isVisible(), false);
    await share.getByRole('button', { name: 'Cách tính: Tỷ lệ trực tuyến' }).click();
    assert.match(await definition.innerText(), new RegExp(`= ${total.online} ÷ ${total.received}\\..*Quyết định 766/QĐ-TTg`));
    // Decision 766/QĐ-TTg: on-time handling is the progress indicator, worth up to 20 points.
    await tile('Tỷ lệ đúng hạn').getByRole('button', { name: 'Cách tính: Tỷ lệ đúng hạn' }).click();
    assert.match(
      await tile('Tỷ lệ đúng hạn').locator('.kpi-definition').innerText(),
      new RegExp(`= ${total.early + total.onTime} ÷ ${total.early + total.onTime + total.late}\\..*tối đa 20 điểm`),
    );
    await page.screenshot({ path: join(folder, 'dashboard-definitions-1440.png') });
    await context.close();
  });

  for (const walk of WALKS) {
    test(`${walk.role}: no English library text, raw value, ISO timestamp or console error on any page`, async () => {
      const { context, page } = await signedInPage(platform.browser, platform.baseUrl, walk.username);
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      const findings: string[] = [];
      mkdirSync(join(folder, walk.role), { recursive: true });
      for (const stop of walk.stops) {
        await page.setViewportSize({ width: WIDTHS[0], height: 900 });
        await stop.open(page, platform.baseUrl);
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
          // The layout of the new width is in place once two frames have been drawn.
          await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
          const where = `${walk.role} ${stop.name} ${width}px`;
          for (const finding of textFindings(await visibleTexts(page))) findings.push(`${where}: ${finding}`);
          if (walk.citizen && width === 390) {
            const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
            if (overflow > 0) findings.push(`${where}: scrolls sideways by ${overflow}px`);
          }
          for (const error of errors.splice(0)) findings.push(`${where}: console error ${error.slice(0, 200)}`);
          await page.screenshot({ path: join(folder, walk.role, `${stop.name}-${width}.png`) });
        }
      }
      await context.close();
      assert.deepEqual(findings, []);
    });
  }
});
