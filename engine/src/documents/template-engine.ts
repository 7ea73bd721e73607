import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { LimitExceededError, runBounded } from '../limits/bounded.js';
import { groupThousands, vietnameseDate, vietnameseDateTime, vnd } from './vietnamese-format.js';

/** A template given inline, or by its procedure bundle (folder under templates/) and file name without `.hbs`. */
export type TemplateRef = string | { readonly bundle: string; readonly name: string };

const SLUG = /^[a-z0-9][a-z0-9-]*$/;
const CACHE_LIMIT = 256;

/**
 * What one rendering may use: templates come from procedure bundles an analyst publishes and data
 * from dossiers, so an `{{#each}}` nested over large lists or a partial that includes itself must
 * stop with an error instead of holding the process or filling its memory.
 */
export const templateLimits = {
  milliseconds: 2_000,
  /** Characters of HTML: an administrative document is a few pages. */
  outputLength: 5_000_000,
};

/**
 * Handlebars with the helpers and shared partials of the platform's documents. Helpers:
 * `{{vnDate x}}` "ngày 05 tháng 02 năm 2026", `{{vnDateTime x}}` "14 giờ 05 phút, ngày …",
 * `{{vnd x}}` "1.250.000 đồng", `{{number x}}` "1.250.000". Partials: every `partial-*.hbs` of
 * templates/common, by file name (`{{> partial-heading}}`).
 */
export class TemplateEngine {
  private readonly handlebars = Handlebars.create();
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();

  constructor(
    private readonly templatesDir: string,
    utcOffsetMinutes: number,
  ) {
    const h = this.handlebars;
    h.registerHelper('vnDate', (value: unknown) => vietnameseDate(value, utcOffsetMinutes));
    h.registerHelper('vnDateTime', (value: unknown) => vietnameseDateTime(value, utcOffsetMinutes));
    h.registerHelper('vnd', (value: unknown) => vnd(value));
    h.registerHelper('number', (value: unknown) => groupThousands(Number(value)));
    for (const file of listPartials(join(templatesDir, 'common'))) {
      h.registerPartial(basename(file, '.hbs'), readFileSync(file, 'utf8'));
    }
  }

  /**
   * The HTML of a template applied to data; a fragment without <html> is placed in the default A4
   * page. Rendering beyond templateLimits throws LimitExceededError.
   */
  async html(template: TemplateRef, data: object): Promise<string> {
    const source = typeof template === 'string' ? template : await this.source(template);
    const output = runBounded(templateLimits.milliseconds, 'rendering the template', () => this.compile(source)(data));
    if (output.length > templateLimits.outputLength) {
      throw new LimitExceededError(`the template rendered ${output.length} characters, more than the limit of ${templateLimits.outputLength}`);
    }
    return /<html[\s>]/i.test(output) ? output : page(output);
  }

  private async source(ref: { bundle: string; name: string }): Promise<string> {
    if (!SLUG.test(ref.bundle) || !SLUG.test(ref.name)) {
      throw new TemplateNotFoundError(`Invalid template reference ${ref.bundle}/${ref.name}: use lower-case slugs`);
    }
    try {
      return await readFile(join(this.templatesDir, ref.bundle, `${ref.name}.hbs`), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new TemplateNotFoundError(`No template ${ref.bundle}/${ref.name}.hbs under ${this.templatesDir}`);
      }
      throw error;
    }
  }

  private compile(source: string): Handlebars.TemplateDelegate {
    const key = createHash('sha256').update(source).digest('hex');
    let template = this.compiled.get(key);
    if (!template) {
      template = this.handlebars.compile(source);
      if (this.compiled.size >= CACHE_LIMIT) this.compiled.delete(this.compiled.keys().next().value!);
      this.compiled.set(key, template);
    }
    return template;
  }
}

export class TemplateNotFoundError extends Error {}

function listPartials(directory: string): string[] {
  try {
    return readdirSync(directory)
      .filter((name) => name.startsWith('partial-') && name.endsWith('.hbs'))
      .map((name) => join(directory, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function page(body: string): string {
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: "Noto Serif", serif; font-size: 13pt; line-height: 1.4; color: #000; }
</style></head><body>
${body}
</body></html>`;
}
