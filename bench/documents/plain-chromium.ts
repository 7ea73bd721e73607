import type { Browser, Page } from 'puppeteer-core';
import puppeteer from 'puppeteer-core';

/**
 * The floor for document rendering: puppeteer-core's own launch of the same Chromium binary with
 * the same fonts, printing ready-made HTML with the same PDF options, one page per document in
 * flight, and nothing else: no template, no request filtering, no page pool bookkeeping.
 */
export class PlainChromium {
  private constructor(
    private readonly browser: Browser,
    private readonly pages: Page[],
  ) {}

  static async launch(executablePath: string, fontConfigFile: string, pages: number): Promise<PlainChromium> {
    const browser = await puppeteer.launch({
      executablePath,
      headless: 'shell',
      // Running as root: Chromium refuses to start with its sandbox.
      args: ['--no-sandbox'],
      env: { ...process.env, FONTCONFIG_FILE: fontConfigFile },
    });
    return new PlainChromium(browser, await Promise.all(Array.from({ length: pages }, () => browser.newPage())));
  }

  /** Prints `html` on page `slot` (0 ≤ slot < pages). */
  async print(slot: number, html: string): Promise<Uint8Array> {
    const page = this.pages[slot];
    await page.setContent(html, { waitUntil: 'load' });
    return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  }

  close(): Promise<void> {
    return this.browser.close();
  }
}
