import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createApp } from '@mot-cua/engine/bootstrap.js';
import { loadConfig } from '@mot-cua/engine/config/environment.js';
import { DEMO_PASSWORD } from '@mot-cua/engine/identity/demo-accounts.js';
import { createServerDatabase, dropServerDatabase, freshDataDir, serverUrl } from '@mot-cua/engine/test-support/database.js';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repositoryRoot } from '../support/paths.js';

/** Debian's chromium package; CHROMIUM_PATH points elsewhere when needed. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = resolve(repositoryRoot, 'test/e2e/screenshots');
const WEB_APP = resolve(repositoryRoot, 'admin-ui/dist/index.html');

export interface BrowserPlatform {
  readonly baseUrl: string;
  readonly app: Awaited<ReturnType<typeof createApp>>;
  readonly browser: Browser;
  close(): Promise<void>;
}

/**
 * The whole platform (createApp, demo accounts and procedures, built-in OpenID provider) on a fresh
 * data folder, and a headless Chromium. The issuer contains the address, so the port is chosen
 * before the start; `settings` adds environment that depends on that address. The demo dossiers
 * only for a test that shows them: working them in the background renders and signs a dozen PDFs.
 */
export async function startBrowserPlatform(
  options: { demoDossiers?: boolean; settings?: (baseUrl: string) => Promise<Record<string, string>> } = {},
): Promise<BrowserPlatform> {
  if (!existsSync(WEB_APP)) throw new Error(`${WEB_APP} is missing: build the web app first (npm run build)`);
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  const dataDir = await freshDataDir('mot-cua-e2e-');
  const databaseUrl = serverUrl ? await createServerDatabase(serverUrl) : undefined;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    DATA_DIR: dataDir,
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    SEED_DEMO_DOSSIERS: String(options.demoDossiers ?? false),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(options.settings ? await options.settings(baseUrl) : {}),
  });
  const app = await createApp(config);
  await app.listen(port, '127.0.0.1');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const violations = watchContentSecurityPolicy(browser);
  return {
    baseUrl,
    app,
    browser,
    async close() {
      await browser.close();
      await app.close();
      if (databaseUrl) await dropServerDatabase(serverUrl!, databaseUrl);
      rmSync(dataDir, { recursive: true, force: true });
      // A blocked script, style or request fails the suite that caused it, even if no assertion looked there.
      if (violations.length > 0) throw new Error(`Content Security Policy violations:\n${violations.join('\n')}`);
    },
  };
}

/** Collects Chromium's console reports of Content Security Policy violations on every page the tests open. */
function watchContentSecurityPolicy(browser: Browser): string[] {
  const violations: string[] = [];
  const watch = (page: Page) =>
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(`${page.url()}: ${message.text()}`);
    });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => {
    const context = await newContext(...args);
    context.on('page', watch);
    return context;
  };
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (...args) => {
    const page = await newPage(...args);
    watch(page);
    return page;
  };
  return violations;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** Signs in through the provider's real login page, starting from the header's sign-in button. */
export async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/portal`);
  await page.getByRole('banner').getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(/\/realms\/mot-cua\/login-actions\//);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  // Exact: with VNeID configured the page also has "Đăng nhập bằng VNeID".
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL((url) => url.origin === baseUrl && !url.pathname.startsWith('/realms') && url.pathname !== '/' && !url.hash);
}

/**
 * How long the page took: navigation start to the load event, and to the moment the caller's
 * content was visible. Recorded for the report, not asserted (a loaded CI machine is slower).
 */
export interface LoadTime {
  page: string;
  loadEventMs: number;
  contentMs: number;
}

export async function timedGoto(page: Page, url: string, ready: () => Promise<unknown>, name: string): Promise<LoadTime> {
  const started = Date.now();
  await page.goto(url);
  await ready();
  const contentMs = Date.now() - started;
  const loadEventMs = Number(await page.evaluate('Math.round(performance.getEntriesByType("navigation")[0].loadEventEnd)'));
  return { page: name, loadEventMs, contentMs };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

export function writeTimings(timings: LoadTime[]): void {
  writeFileSync(join(SCREENSHOTS, 'load-times.json'), `${JSON.stringify(timings, null, 2)}\n`);
}
