import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listRepositoryProcedures, readRepositoryProcedure } from '../../src/procedures/bundle-io.js';
import { seedShippedProcedures } from '../../src/procedures/procedure-seeder.js';
import { openHarness, REPOSITORY_ROOT, type ProceduresHarness } from './support.js';

describe('shipped procedures', () => {
  let h: ProceduresHarness;
  before(async () => {
    h = await openHarness();
  });
  after(() => h.close());

  test('the repository ships five procedures and each lints without errors', async () => {
    const slugs = await listRepositoryProcedures(REPOSITORY_ROOT);
    assert.equal(slugs.length, 5, `found ${slugs.join(', ')}`);
    for (const slug of slugs) {
      const bundle = await readRepositoryProcedure(REPOSITORY_ROOT, slug);
      assert.equal(bundle.catalogue.slug, slug);
      const report = await h.service.lint(bundle);
      const errors = report.issues.filter((i) => i.severity === 'error').map((i) => `${i.file} ${i.elementId ?? ''}: ${i.message}`);
      assert.deepEqual(errors, [], `${slug} has lint errors`);
    }
  });

  test('seeding publishes every shipped procedure once; a second seed publishes nothing', async () => {
    const first = await seedShippedProcedures(h.service, REPOSITORY_ROOT);
    assert.equal(first.length, 5);
    for (const result of first) assert.deepEqual([result.slug, result.version, result.created, result.error], [result.slug, 1, true, undefined]);
    const second = await seedShippedProcedures(h.service, REPOSITORY_ROOT);
    assert.deepEqual(second.map((r) => [r.version, r.created]), first.map(() => [1, false]));
    const catalogue = await h.service.publishedCatalogue();
    assert.deepEqual(catalogue.map((p) => p.slug).sort(), first.map((r) => r.slug).sort());
    for (const { slug } of first) {
      const resolved = await h.service.resolveForNewDossier(slug);
      const instance = await h.engine.createProcessInstance({ processDefinitionId: resolved.processDefinitionId, processDefinitionVersion: resolved.processDefinitionVersion });
      assert.equal(instance.processDefinitionKey, resolved.processDefinitionKey);
    }
  });
});
