import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readRepositoryProcedure } from '../../src/procedures/bundle-io.js';
import { assembleBundle, type ProcedureBundle } from '../../src/procedures/bundle.js';
import { edit, openHarness, REPOSITORY_ROOT, type ProceduresHarness } from './support.js';

const SLUG = 'cap-phieu-ly-lich-tu-phap';
const DMN = 'decisions/phi-ly-lich-tu-phap.dmn';

/** DMN decisions in a procedure bundle: listed in procedure.json, linted against the models, deployed on publishing. */
describe('decisions in procedure bundles', () => {
  let h: ProceduresHarness;
  let bundle: ProcedureBundle;
  before(async () => {
    h = await openHarness();
    bundle = await readRepositoryProcedure(REPOSITORY_ROOT, SLUG);
  });
  after(() => h.close());

  const errors = async (b: ProcedureBundle) =>
    (await h.service.lint(b)).issues.filter((i) => i.severity === 'error').map((i) => [i.rule, i.file, i.elementId ?? '', i.message] as const);

  test('the shipped bundle lists its decision file and lints without errors', async () => {
    assert.deepEqual(bundle.catalogue.decisions, ['phi-ly-lich-tu-phap.dmn']);
    assert.ok(bundle.files[DMN]?.includes('id="phi-ly-lich-tu-phap"'));
    assert.deepEqual(await errors(bundle), []);
  });

  test('a decision file the catalogue does not list is refused, as any unlisted file', () => {
    const catalogue = JSON.parse(bundle.files['procedure.json']) as Record<string, unknown>;
    delete catalogue.decisions;
    assert.throws(() => assembleBundle({ ...bundle.files, 'procedure.json': JSON.stringify(catalogue) }), /decisions\/phi-ly-lich-tu-phap.dmn is not listed in procedure.json/);
  });

  test('a business rule task calling a decision the bundle does not contain is a lint error naming it', async () => {
    const files = { ...bundle.files };
    delete files[DMN];
    const catalogue = JSON.parse(files['procedure.json']) as Record<string, unknown>;
    delete catalogue.decisions;
    const without = assembleBundle({ ...files, 'procedure.json': JSON.stringify(catalogue) });
    const found = (await errors(without)).filter(([rule]) => rule === 'platform/called-decision');
    assert.equal(found.length, 1);
    assert.equal(found[0][2], 'Task_XacDinhPhi');
    assert.match(found[0][3], /calls the decision 'phi-ly-lich-tu-phap', which no decisions\/\*\.dmn of the bundle contains/);
  });

  test('a DMN file the engine cannot evaluate is a lint error', async () => {
    const broken = edit(bundle, { [DMN]: (xml) => xml.replace('<requiredDecision href="#phi-cap-them-phieu" />', '<requiredDecision href="#khong-co" />') });
    const found = (await errors(broken)).filter(([rule]) => rule === 'platform/dmn');
    assert.deepEqual(found.map(([, file]) => file), [DMN]);
    assert.match(found[0][3], /requires the decision 'khong-co'/);
  });

  test('publishing deploys the decisions with the models, in one deployment', async () => {
    const draft = await h.service.importDraft(bundle, 'analyst');
    assert.ok(draft);
    const published = await h.service.publish(SLUG, 'analyst');
    assert.equal(published.version.version, 1);
    const evaluation = await h.engine.evaluateDecision({ decisionDefinitionId: 'phi-ly-lich-tu-phap', variables: { doiTuongNopPhi: 'sinh-vien', soLuongPhieu: 1 } });
    assert.equal(evaluation.output, 100_000);
    assert.equal(evaluation.decisionRequirementsId, 'phi-ly-lich-tu-phap-drg');
  });
});
