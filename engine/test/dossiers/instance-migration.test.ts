import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DossiersRepository } from '../../src/dossiers/dossiers.repository.js';
import { InstanceMigration, type VersionMove } from '../../src/dossiers/instance-migration.js';
import { EmbeddedWorkflowEngine } from '../../src/workflow/embedded/embedded-workflow-engine.js';
import type { WorkflowEngine } from '../../src/workflow/workflow-engine.port.js';
import { backendName, openTestDatabase, type TestDatabase } from '../support/database.js';
import { deploy } from '../support/workflow.js';
import { PERMIT_V1, PERMIT_V2, pendingDossier, withoutTransactions } from './start-fixtures.js';

/**
 * A migration plan moves all its dossiers and their instances or none. Reference: docs.camunda.io,
 * "Process instance migration" — Internal Execution: a migration "is migrating all active elements or
 * nothing", a rejected one leaves the instance "in its current state"; Limitations: only active
 * process instances can be migrated (hence the cancelled instance below is refused). The platform
 * extends the all-or-nothing rule from one instance to the whole plan.
 */
describe(`migrating running dossiers to a new version (${backendName})`, () => {
  let database: TestDatabase;
  let engine: EmbeddedWorkflowEngine;
  let dossiers: DossiersRepository;
  let v1Key: string;
  let v2Key: string;
  before(async () => {
    database = await openTestDatabase();
    engine = new EmbeddedWorkflowEngine({ db: database.db });
    dossiers = new DossiersRepository(database.db);
    v1Key = (await deploy(engine, 'permit', PERMIT_V1)).processes[0].processDefinitionKey;
    v2Key = (await deploy(engine, 'permit', PERMIT_V2)).processes[0].processDefinitionKey;
  });
  after(async () => {
    await engine.close();
    await database.close();
  });

  /** Running dossiers on version 1, each with its instance. */
  async function runningDossiers(prefix: string, count: number) {
    const rows = [];
    for (let i = 0; i < count; i++) {
      const code = `${prefix}-${i}`;
      const { processInstanceKey } = await engine.createProcessInstance({ processDefinitionId: 'permit', processDefinitionVersion: 1, variables: { dossierCode: code } });
      rows.push(await pendingDossier(dossiers, database.db, code, { startState: 'started', processInstanceKey }));
    }
    return rows;
  }

  async function versionsOf(keys: string[]) {
    const instances = await Promise.all(keys.map((k) => engine.getProcessInstance(k)));
    const rows = await dossiers.findByProcessInstances(keys);
    return { instances: instances.map((i) => i.processDefinitionVersion), dossiers: rows.map((r) => r.procedureVersion) };
  }

  const plan = (keys: string[]): VersionMove => ({
    processInstanceKeys: keys,
    sourceProcessDefinitionKey: v1Key,
    targetProcessDefinitionKey: v2Key,
    mappingInstructions: [{ sourceElementId: 'receive', targetElementId: 'receive' }],
    toVersion: 2,
  });

  const paths: { name: string; adapt: (engine: WorkflowEngine) => WorkflowEngine }[] = [
    { name: 'embedded engine (one transaction)', adapt: (e) => e },
    { name: 'engine outside the database (moved back on refusal)', adapt: withoutTransactions },
  ];

  for (const [index, path] of paths.entries()) {
    test(`${path.name}: an instance refused half way leaves every dossier and instance on the old version`, async () => {
      const migration = new InstanceMigration(database.db, path.adapt(engine), dossiers);
      const running = await runningDossiers(`SXD-HALF-${index}`, 3);
      const keys = running.map((d) => d.processInstanceKey!);
      // The last instance ends before the migration reaches it: the engine refuses it after moving the first two.
      await engine.cancelProcessInstance(keys[2]);

      const result = await migration.moveAll(plan(keys));
      assert.deepEqual(result.migrated, []);
      assert.deepEqual(result.refused.map((r) => r.processInstanceKey), [keys[2]]);
      assert.match(result.refused[0].reason, /not a running root instance/);
      assert.deepEqual(await versionsOf(keys.slice(0, 2)), { instances: [1, 1], dossiers: [1, 1] });
      const [receive] = await engine.searchUserTasks({ processInstanceKey: keys[0], state: 'CREATED' });
      assert.equal(receive?.elementId, 'receive', 'the instance still waits where it was');
    });

    test(`${path.name}: a plan the engine accepts moves every dossier with its instance`, async () => {
      const migration = new InstanceMigration(database.db, path.adapt(engine), dossiers);
      const keys = (await runningDossiers(`SXD-ALL-${index}`, 2)).map((d) => d.processInstanceKey!);
      const result = await migration.moveAll(plan(keys));
      assert.deepEqual([result.migrated, result.refused], [keys, []]);
      assert.deepEqual(await versionsOf(keys), { instances: [2, 2], dossiers: [2, 2] });
    });
  }
});
