import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { assembleBundle, BundleError, contentHash, serialiseCatalogue } from '../../src/procedures/bundle.js';
import { bundleFromZip, bundleToZip, readBundleFolder, writeBundleFolder } from '../../src/procedures/bundle-io.js';
import { FIXTURE } from './support.js';

describe('bundle files', () => {
  test('export → import → export gives the same bytes, as a zip and as a folder', async () => {
    const bundle = await readBundleFolder(FIXTURE);
    const zip = bundleToZip(bundle);
    const reimported = bundleFromZip(zip);
    assert.deepEqual(reimported, bundle);
    assert.deepEqual(bundleToZip(reimported), zip);

    const folder = mkdtempSync(join(tmpdir(), 'bundle-'));
    try {
      const written = await writeBundleFolder(bundle, folder);
      assert.equal(written, join(folder, 'land-use-extract'));
      const again = await readBundleFolder(written);
      assert.equal(contentHash(again), contentHash(bundle));
      for (const [path, content] of Object.entries(bundle.files)) assert.equal(readFileSync(join(written, path), 'utf8'), content);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('procedure.json is written in the schema order with two-space indent and a trailing newline', async () => {
    const bundle = await readBundleFolder(FIXTURE);
    const text = bundle.files['procedure.json'];
    assert.equal(text, serialiseCatalogue(bundle.catalogue));
    assert.ok(text.startsWith('{\n  "slug": "land-use-extract",\n  "code": "1.004227",\n  "name": '));
    assert.ok(text.includes('"processingTime": {\n    "legal": {\n      "value": 5,\n      "unit": "workingDays"\n    },'));
    assert.ok(text.endsWith('}\n') && !text.endsWith('\n\n'));
    const shuffled = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(text) as object).reverse()));
    assert.equal(assembleBundle({ ...bundle.files, 'procedure.json': shuffled }).files['procedure.json'], text);
  });

  test('line ends, a byte-order mark and trailing blank lines do not change the content', async () => {
    const bundle = await readBundleFolder(FIXTURE);
    const model = 'models/land-use-extract.bpmn';
    const windows = assembleBundle({ ...bundle.files, [model]: `\uFEFF${bundle.files[model].replace(/\n/g, '\r\n')}\r\n\r\n` });
    assert.equal(windows.files[model], bundle.files[model]);
    assert.equal(contentHash(windows), contentHash(bundle));
    const changed = assembleBundle({ ...bundle.files, 'templates/result.hbs': `${bundle.files['templates/result.hbs']}<p>x</p>\n` });
    assert.notEqual(contentHash(changed), contentHash(bundle));
  });

  test('a zip with its files at the root imports like one with a top-level folder', async () => {
    const bundle = await readBundleFolder(FIXTURE);
    const flat = zipSync(Object.fromEntries(Object.entries(bundle.files).map(([p, c]) => [p, strToU8(c)])));
    assert.deepEqual(bundleFromZip(flat), bundle);
  });

  test('a decision table is part of the bundle when procedure.json lists it under decisions', async () => {
    const bundle = await readBundleFolder(FIXTURE);
    const catalogue = JSON.parse(bundle.files['procedure.json']) as Record<string, unknown>;
    const table = '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="n"/>\n';
    const listed = assembleBundle({ ...bundle.files, 'procedure.json': JSON.stringify({ ...catalogue, decisions: ['fee.dmn'] }), 'decisions/fee.dmn': table });
    assert.equal(listed.files['decisions/fee.dmn'], table);
    assert.deepEqual(listed.catalogue.decisions, ['fee.dmn']);
    assert.deepEqual(bundleFromZip(bundleToZip(listed)), listed, 'exported and imported with the rest');
    assert.throws(() => assembleBundle({ ...bundle.files, 'decisions/fee.dmn': table }), /decisions\/fee.dmn is not listed in procedure.json/);
    assert.throws(
      () => assembleBundle({ ...bundle.files, 'procedure.json': JSON.stringify({ ...catalogue, decisions: ['fee.bpmn'] }) }),
      /procedure.json: decisions.0 must match pattern/,
    );
  });

  test('unlisted, missing and invalid files are refused with every problem named', async () => {
    const bundle = await readBundleFolder(FIXTURE);
    const catalogue = JSON.parse(bundle.files['procedure.json']) as Record<string, unknown>;
    const { 'forms/approval.form': _approval, ...withoutApproval } = bundle.files;
    assert.throws(
      () => assembleBundle({ ...withoutApproval, 'models/draft-copy.bpmn': '<x/>' }),
      (error: unknown) => {
        assert.ok(error instanceof BundleError);
        assert.deepEqual(error.problems, [
          'models/draft-copy.bpmn is not listed in procedure.json (models, decisions, forms or templates)',
          'forms/approval.form is listed in procedure.json but missing',
        ]);
        return true;
      },
    );
    const invalid = JSON.stringify({ ...catalogue, onlineMode: 'online', fees: [{ name: 'Phí', amount: -1 }], color: 'red' });
    assert.throws(
      () => assembleBundle({ ...bundle.files, 'procedure.json': invalid }),
      (error: unknown) => {
        assert.ok(error instanceof BundleError);
        assert.deepEqual(error.problems.sort(), [
          "procedure.json: fees.0.amount must be >= 0",
          "procedure.json: has an unknown property 'color'",
          'procedure.json: onlineMode must be one of "full", "partial", "none"',
        ]);
        return true;
      },
    );
    assert.throws(() => bundleFromZip(strToU8('not a zip')), /not a readable zip archive/);
  });

  test('offeredBy may carry the hint on the competent agency, but not in place of who offers it', async () => {
    const bundle = await readBundleFolder(FIXTURE);
    const catalogue = JSON.parse(bundle.files['procedure.json']) as Record<string, unknown>;
    const withOffering = (offeredBy: unknown) => assembleBundle({ ...bundle.files, 'procedure.json': JSON.stringify({ ...catalogue, offeredBy }) });
    // The shipped land bundle's wording (Nghị định 151/2025/NĐ-CP, Phụ lục I: the commune where the land lies).
    const hint = 'Chọn Ủy ban nhân dân phường, xã nơi có đất.';
    assert.deepEqual(withOffering({ level: 'commune', choiceHint: hint }).catalogue.offeredBy, { level: 'commune', choiceHint: hint });
    const problems = (offeredBy: unknown) => {
      try {
        withOffering(offeredBy);
      } catch (error) {
        assert.ok(error instanceof BundleError);
        return error.problems;
      }
      return [];
    };
    assert.ok(problems({ choiceHint: hint }).includes("procedure.json: offeredBy must have required property 'level'"), 'a hint alone offers the procedure nowhere');
    assert.deepEqual(problems({ level: 'commune', choiceHint: '   ' }), ['procedure.json: offeredBy.choiceHint must match pattern "\\S"']);
    assert.deepEqual(problems({ level: 'commune', choiceHint: 'x'.repeat(301) }), ['procedure.json: offeredBy.choiceHint must NOT have more than 300 characters']);
    assert.deepEqual(problems({ level: 'commune', choiceHint: 7 }), ['procedure.json: offeredBy.choiceHint must be string']);
  });
});
