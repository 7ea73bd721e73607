/**
 * How fast the web app's pages load from the platform's own server: the whole platform (embedded
 * engine, PGlite, built-in OpenID provider, demo data) started as the browser tests start it, each
 * area's page opened in headless Chromium by the user who works there.
 *
 *   npm run bench:web                        # from the repository root (builds first)
 *   BENCH_LOADS=20 npm run bench:web
 *
 * Every page is loaded BENCH_LOADS times with the browser cache off (a first visit: every script
 * and style downloaded) and as many times with it on (the officer's tenth page of the day). A load
 * is timed from the navigation to the moment the page's own content is on screen (the list, the
 * diagram, the figures: not a spinner), which includes the sign-in session being restored and the
 * page's API calls; the navigation's load event and the bytes transferred are reported beside it.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { signIn, startBrowserPlatform } from '@mot-cua/test/e2e/browser-platform.js';
import { token } from '@mot-cua/test/e2e/dossier-steps.js';
import type { BrowserContext, Page } from 'playwright-core';

const LOADS = Number(process.env.BENCH_LOADS ?? 10);

interface PageCase {
  name: string;
  username?: string;
  path: (ids: Ids) => string;
  /** The page's own content: the first element matching the selector (and containing the text). */
  ready: { selector: string; text?: string };
}

interface Ids {
  officerDossier: string;
  citizenDossier: string;
}

const PAGES: PageCase[] = [
  { name: 'Portal: catalogue (public)', path: () => '/portal', ready: { selector: '.card' } },
  { name: 'Portal: procedure page (public)', path: () => '/portal/thu-tuc/dang-ky-khai-sinh', ready: { selector: 'main h1', text: 'Đăng ký khai sinh' } },
  { name: 'Portal: my dossiers', username: 'citizen1', path: () => '/portal/ho-so', ready: { selector: 'main tbody tr' } },
  { name: 'Portal: my dossier', username: 'citizen1', path: (ids) => `/portal/ho-so/${ids.citizenDossier}`, ready: { selector: '.meta' } },
  { name: 'Worklist', username: 'reception.hongha', path: () => '/worklist', ready: { selector: 'main tbody tr' } },
  { name: 'Dossier view (officer)', username: 'reception.hongha', path: (ids) => `/worklist/ho-so/${ids.officerDossier}`, ready: { selector: '.meta' } },
  { name: 'Counter: receive', username: 'reception.hongha', path: () => '/counter', ready: { selector: '.pick-list .pick' } },
  { name: 'Dashboard', username: 'supervisor', path: () => '/dashboard', ready: { selector: 'main table' } },
  { name: 'Studio: procedures', username: 'analyst.hongha', path: () => '/studio', ready: { selector: 'main a', text: 'Đăng ký khai sinh' } },
  { name: 'Studio: BPMN modeler', username: 'analyst.hongha', path: () => '/studio/dang-ky-khai-sinh', ready: { selector: '[data-element-id="Task_TiepNhan"]' } },
];

interface Sample {
  contentMs: number;
  loadEventMs: number;
  transferKiB: number;
}

async function main(): Promise<void> {
  const platform = await startBrowserPlatform();
  try {
    const ids = await dossierIds(platform.baseUrl);
    const contexts = new Map<string, { context: BrowserContext; page: Page }>();
    const rows: string[] = [];
    for (const pageCase of PAGES) {
      const key = pageCase.username ?? '';
      let session = contexts.get(key);
      if (!session) {
        const context = await platform.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
        const page = await context.newPage();
        if (pageCase.username) await signIn(page, platform.baseUrl, pageCase.username);
        contexts.set(key, (session = { context, page }));
      }
      const { page } = session;
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.enable');
      const url = `${platform.baseUrl}${pageCase.path(ids)}`;
      await load(page, url, pageCase); // once untimed: the server's first answer warms its caches
      const results: Record<'cold' | 'warm', Sample[]> = { cold: [], warm: [] };
      for (const mode of ['cold', 'warm'] as const) {
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: mode === 'cold' });
        for (let i = 0; i < LOADS; i += 1) results[mode].push(await load(page, url, pageCase));
      }
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
      await cdp.detach();
      const cell = (samples: Sample[]) => `${percentile(samples.map((s) => s.contentMs), 50)} / ${percentile(samples.map((s) => s.contentMs), 95)}`;
      rows.push(
        `| ${pageCase.name} | ${cell(results.cold)} | ${percentile(results.cold.map((s) => s.loadEventMs), 50)} | ${Math.round(percentile(results.cold.map((s) => s.transferKiB), 50))} | ${cell(results.warm)} | ${Math.round(percentile(results.warm.map((s) => s.transferKiB), 50))} |`,
      );
      console.error(rows.at(-1));
    }
    for (const { context } of contexts.values()) await context.close();
    console.log(`\nPage loads, ${LOADS} per page and cache mode; Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, load average ${loadavg()[0].toFixed(1)}\n`);
    console.log('| page | cold: content p50 / p95 ms | cold: load event p50 ms | cold: KiB transferred | warm: content p50 / p95 ms | warm: KiB transferred |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const row of rows) console.log(row);
  } finally {
    await platform.close();
  }
}

async function load(page: Page, url: string, pageCase: PageCase): Promise<Sample> {
  await page.goto(url, { waitUntil: 'commit' });
  // Checked on every animation frame in the page, timed by the page's own clock from the navigation's
  // start: waiting from the outside would add the waiter's polling interval to the figure.
  const content = await page.waitForFunction(
    ({ selector, text }) => {
      const inPage = globalThis as unknown as { document: { querySelectorAll(selector: string): Iterable<{ textContent: string | null }> } };
      const found = [...inPage.document.querySelectorAll(selector)].some((e) => text === undefined || (e.textContent ?? '').includes(text));
      return found ? performance.now() : false;
    },
    pageCase.ready,
    { polling: 'raf', timeout: 30_000 },
  );
  const contentMs = (await content.jsonValue()) as number;
  await page.waitForLoadState('load');
  const timing = (await page.evaluate(`(() => {
    const navigation = performance.getEntriesByType('navigation')[0];
    const bytes = [navigation, ...performance.getEntriesByType('resource')].reduce((sum, e) => sum + (e.transferSize || 0), 0);
    return { loadEventEnd: navigation.loadEventEnd, bytes };
  })()`)) as { loadEventEnd: number; bytes: number };
  return { contentMs, loadEventMs: timing.loadEventEnd, transferKiB: timing.bytes / 1024 };
}

/** A dossier of the reception officer's agency, and one of citizen1's: both from the demo data. */
async function dossierIds(baseUrl: string): Promise<Ids> {
  const first = async (username: string) => {
    const response = await fetch(`${baseUrl}/api/dossiers?limit=1`, { headers: { authorization: `Bearer ${await token(baseUrl, username)}` } });
    const page = (await response.json()) as { items: { id: string }[] };
    if (!page.items[0]) throw new Error(`${username} sees no dossier: the demo data did not load`);
    return page.items[0].id;
  };
  return { officerDossier: await first('reception.hongha'), citizenDossier: await first('citizen1') };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN);
}

await main();
