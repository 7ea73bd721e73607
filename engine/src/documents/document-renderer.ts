import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from '../config/environment.js';
import { resolveChromiumExecutable } from './chromium-binary.js';
import { writeFontConfig } from './font-config.js';
import { PdfBrowser } from './pdf-browser.js';
import { TemplateEngine, type TemplateRef } from './template-engine.js';

/** The repository's templates/ folder (procedure bundles and templates/common). */
export const DEFAULT_TEMPLATES_DIR = resolve(fileURLToPath(import.meta.url), '../../../../../templates');

export interface DocumentRendererOptions {
  /** Holds the unpacked browser, its TMPDIR and the generated fonts.conf. */
  readonly workDir: string;
  readonly chromiumPath?: string;
  readonly pages: number;
  readonly templatesDir: string;
  readonly utcOffsetMinutes: number;
}

/**
 * Handlebars templates to A4 PDFs. The browser starts with the first document, not with the
 * application (most instances and tests never render), and is then kept for every later one.
 */
export class DocumentRenderer implements OnApplicationShutdown {
  private readonly logger = new Logger('Documents');
  private readonly templates: TemplateEngine;
  private browser?: Promise<PdfBrowser>;

  constructor(private readonly options: DocumentRendererOptions) {
    this.templates = new TemplateEngine(options.templatesDir, options.utcOffsetMinutes);
  }

  static fromConfig(config: AppConfig): DocumentRenderer {
    return new DocumentRenderer({
      workDir: resolve(config.DATA_DIR, 'renderer'),
      chromiumPath: config.CHROMIUM_PATH,
      pages: config.DOCUMENT_RENDER_PAGES,
      templatesDir: DEFAULT_TEMPLATES_DIR,
      utcOffsetMinutes: config.CALENDAR_UTC_OFFSET_MINUTES,
    });
  }

  /** Renders a template (inline source, or `{ bundle, name }` under templates/) to PDF bytes. */
  async render(template: TemplateRef, data: object): Promise<Buffer> {
    const html = await this.templates.html(template, data);
    return (await this.startBrowser()).print(html);
  }

  /** The HTML a render would print (previews in the modeler, template tests). */
  html(template: TemplateRef, data: object): Promise<string> {
    return this.templates.html(template, data);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await (await browser.catch(() => undefined))?.close();
  }

  private startBrowser(): Promise<PdfBrowser> {
    this.browser ??= this.launch().catch((error: unknown) => {
      this.browser = undefined;
      throw error;
    });
    return this.browser;
  }

  private async launch(): Promise<PdfBrowser> {
    const { workDir } = this.options;
    const [executablePath, fontConfigFile] = await Promise.all([
      resolveChromiumExecutable({ override: this.options.chromiumPath, cacheDir: workDir }),
      writeFontConfig(resolve(workDir, 'fonts')),
    ]);
    const browser = new PdfBrowser({ executablePath, fontConfigFile, tmpDir: resolve(workDir, 'tmp'), pages: this.options.pages });
    try {
      const version = await browser.start();
      this.logger.log(`PDF renderer ready: ${version} (${executablePath}), ${this.options.pages} page(s)`);
    } catch (error) {
      await browser.close();
      throw new Error(`Cannot start Chromium at ${executablePath}: ${(error as Error).message}`, { cause: error });
    }
    return browser;
  }
}
