import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';

export interface PdfBrowserOptions {
  readonly executablePath: string;
  /** fonts.conf listing the fonts documents may use (see font-config.ts). */
  readonly fontConfigFile: string;
  /** The browser's own TMPDIR and profile folder. */
  readonly tmpDir: string;
  /** Pages kept open for rendering; documents beyond that wait their turn. */
  readonly pages: number;
}

/**
 * Flags for printing trusted templates as root in a container. The sandbox needs user namespaces
 * that containers rarely grant; the page has no network and no script (see preparePage), which is
 * what keeps template data from reaching anything. Unlike @sparticuz/chromium's serverless flags,
 * no --single-process (one crash would take every page down) and no --disable-web-security.
 */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--font-render-hinting=none',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-dev-shm-usage',
];

const RENDER_TIMEOUT_MS = 30_000;

/**
 * One long-lived headless Chromium with a small pool of pages: launching a browser per document
 * costs ten times the rendering itself. A crashed browser is started again on the next document.
 */
export class PdfBrowser {
  private browser?: Promise<Browser>;
  private current?: Browser;
  private profileDir?: string;
  /** Incremented when the browser dies, so pages of the old one are not counted or reused. */
  private generation = 0;
  private readonly generationOf = new WeakMap<Page, number>();
  private idle: Page[] = [];
  private open = 0;
  private readonly waiting: Array<{ resolve: (page: Page) => void; reject: (error: unknown) => void }> = [];
  private closed = false;

  constructor(private readonly options: PdfBrowserOptions) {}

  /** Starts the browser now rather than on the first document; returns its version string. */
  async start(): Promise<string> {
    return (await this.connect()).version();
  }

  /** Prints a complete HTML document to a PDF, A4 unless its @page rule says otherwise. */
  async print(html: string): Promise<Buffer> {
    const page = await this.acquire();
    let healthy = false;
    try {
      await page.setContent(html, { waitUntil: 'load', timeout: RENDER_TIMEOUT_MS });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, timeout: RENDER_TIMEOUT_MS });
      healthy = true;
      return Buffer.from(pdf);
    } finally {
      this.release(page, healthy);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('The PDF browser is closed'));
    const browser = this.browser;
    this.browser = undefined;
    this.idle = [];
    if (browser) await (await browser.catch(() => undefined))?.close().catch(() => undefined);
    if (this.profileDir) await rm(this.profileDir, { recursive: true, force: true });
  }

  private acquire(): Promise<Page> {
    if (this.closed) return Promise.reject(new Error('The PDF browser is closed'));
    const page = this.idle.pop();
    if (page) return Promise.resolve(page);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.serveWaiters();
    });
  }

  private release(page: Page, healthy: boolean): void {
    const current = this.generationOf.get(page) === this.generation;
    if (healthy && current && !this.closed) {
      const waiter = this.waiting.shift();
      if (waiter) waiter.resolve(page);
      else this.idle.push(page);
      return;
    }
    // A page that failed may be stuck mid-navigation: replace it rather than reuse it.
    if (current) this.open -= 1;
    void page.close().catch(() => undefined);
    this.serveWaiters();
  }

  /** Opens pages for waiting documents while the pool has room. */
  private serveWaiters(): void {
    while (!this.closed && this.waiting.length > 0 && this.open < this.options.pages) {
      const waiter = this.waiting.shift()!;
      this.open += 1;
      const generation = this.generation;
      this.newPage().then(waiter.resolve, (error: unknown) => {
        if (generation === this.generation) this.open -= 1;
        waiter.reject(error);
      });
    }
  }

  private async newPage(): Promise<Page> {
    const browser = await this.connect();
    const generation = this.generation;
    const page = await browser.newPage();
    this.generationOf.set(page, generation);
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    // Templates are self-contained (styles inline, images as data: URIs): nothing leaves the machine.
    page.on('request', (request: HTTPRequest) => {
      const url = request.url();
      if (url.startsWith('data:') || url === 'about:blank') void request.continue();
      else void request.abort('blockedbyclient');
    });
    return page;
  }

  private connect(): Promise<Browser> {
    this.browser ??= this.launch().catch((error: unknown) => {
      this.browser = undefined;
      throw error;
    });
    return this.browser;
  }

  private async launch(): Promise<Browser> {
    await mkdir(this.options.tmpDir, { recursive: true });
    this.profileDir ??= await mkdtemp(join(this.options.tmpDir, 'profile-'));
    // Loaded on first use: a platform that renders no document does not pay for it at start.
    const { default: puppeteer } = await import('puppeteer-core');
    const browser = await puppeteer.launch({
      executablePath: this.options.executablePath,
      headless: 'shell',
      args: FLAGS,
      userDataDir: this.profileDir,
      env: { ...process.env, FONTCONFIG_FILE: this.options.fontConfigFile, TMPDIR: this.options.tmpDir, HOME: this.options.tmpDir },
      // The application closes the browser in its own shutdown order.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      // Over a pipe, Chromium ends when its parent does, even one killed with SIGKILL (a WebSocket
      // would leave it running in its own process group).
      pipe: true,
    });
    this.current = browser;
    browser.once('disconnected', () => {
      if (this.closed || this.current !== browser) return;
      // Pages of a dead browser are useless; the next document starts a new one.
      this.generation += 1;
      this.browser = undefined;
      this.idle = [];
      this.open = 0;
      this.serveWaiters();
    });
    return browser;
  }
}
