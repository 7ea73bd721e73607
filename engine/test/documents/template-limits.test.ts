import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { LimitExceededError } from '../../src/limits/bounded.js';
import { TemplateEngine, templateLimits } from '../../src/documents/template-engine.js';

/**
 * Document templates come from procedure bundles and their data from dossiers (issue "Hardening",
 * finding 3 and "What to build": template evaluation runs with limits). A rendering that would run
 * for minutes or build an enormous page stops with a LimitExceededError naming the limit.
 */
describe('document template limits', () => {
  const dir = mkdtempSync(join(tmpdir(), 'templates-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const engine = new TemplateEngine(dir, 7 * 60);

  test('an {{#each}} nested three deep over 2,000 items (8 billion steps) stops at the time limit', async () => {
    const items = Array.from({ length: 2000 }, (_, i) => i);
    const template = '{{#each items}}{{#each ../items}}{{#each ../../items}}.{{/each}}{{/each}}{{/each}}';
    await assert.rejects(engine.html(template, { items }), (error: unknown) => {
      assert.ok(error instanceof LimitExceededError);
      assert.equal(error.message, `rendering the template took longer than ${templateLimits.milliseconds} ms and was stopped`);
      return true;
    });
  });

  test('a page of 10 million characters is refused', async () => {
    const template = '{{#each items}}{{../text}}{{/each}}';
    await assert.rejects(engine.html(template, { items: Array.from({ length: 1000 }), text: 'x'.repeat(10_000) }), /rendered 10000000 characters, more than the limit of 5000000/);
  });

  test('an ordinary letter renders, in the default page', async () => {
    const html = await engine.html('<p>Kính gửi {{hoTen}}</p>', { hoTen: 'Nguyễn Văn An' });
    assert.match(html, /<p>Kính gửi Nguyễn Văn An<\/p>/);
    assert.match(html, /<html/);
  });
});
