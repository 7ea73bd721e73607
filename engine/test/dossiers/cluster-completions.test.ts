/**
 * Officers' completions when the engine is a cluster (WORKFLOW_ENGINE=zeebe): the completion
 * outbox and the projection that settles it from the task's state in the cluster.
 *
 * A real Zeebe cluster cannot run here (no container runtime, no JVM broker). The cluster side is
 * the embedded engine's Camunda 8 REST API v2 on a database of its own, served over real HTTP; the
 * platform under test talks to it through its Zeebe adapter (the official SDK), exactly as to a
 * cluster. What the tests expect of the cluster's user task states (CREATED, COMPLETED) follows
 * the REST API's user task search (docs.camunda.io, "Search user tasks", state enum).
 */
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Module, ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { and, eq, sql } from 'drizzle-orm';
import { ConfigModule } from '../../src/config/config.module.js';
import { loadConfig } from '../../src/config/environment.js';
import { DatabaseModule } from '../../src/database/database.module.js';
import { ClusterCompletions } from '../../src/dossiers/cluster-completions.js';
import { dossierHistory } from '../../src/dossiers/dossier.schema.js';
import { stepCompletions } from '../../src/dossiers/step-completion.schema.js';
import { DATABASE } from '../../src/database/database.module.js';
import type { Database } from '../../src/database/database.js';
import { WorkflowModule } from '../../src/workflow/workflow.module.js';
import { backendName, openTestDatabase, type TestDatabase } from '../support/database.js';
import { CASES, RECEIVE } from './fixtures.js';
import { DossierPlatform } from './support.js';

const c = CASES['dang-ky-khai-sinh'];
const reception = `reception.${c.staff}`;
const FAR_FUTURE = new Date('2100-01-01T00:00:00Z');

/** The embedded engine and its REST API v2, alone, on its own database: the cluster. */
async function startCluster(): Promise<{ address: string; close(): Promise<void> }> {
  const database: TestDatabase = await openTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error', DATA_DIR: database.dataDir, WORKFLOW_ENGINE: 'embedded' });
  @Module({ imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot({ ...database, close: async () => undefined }), WorkflowModule.forRoot(config)] })
  class ClusterModule {}
  const app: INestApplication = await NestFactory.create(ClusterModule, { logger: ['error'] });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return {
    address: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

describe(`completions on a cluster engine: outbox and projection (${backendName})`, () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let p: DossierPlatform;
  let db: Database;
  let completions: ClusterCompletions;

  before(async () => {
    cluster = await startCluster();
    p = await DossierPlatform.start({ WORKFLOW_ENGINE: 'zeebe', ZEEBE_REST_ADDRESS: cluster.address, CAMUNDA_AUTH_STRATEGY: 'NONE' });
    db = p.platform.app.get<Database>(DATABASE);
    completions = p.platform.app.get(ClusterCompletions);
  });
  after(async () => {
    await p?.close();
    await cluster?.close();
  });

  const entry = async (userTaskKey: string) => (await db.select().from(stepCompletions).where(eq(stepCompletions.userTaskKey, userTaskKey)))[0];
  const receivedRows = async (dossierId: string) =>
    (await db.select().from(dossierHistory).where(and(eq(dossierHistory.dossierId, dossierId), eq(dossierHistory.toStatus, 'received')))).length;

  test('a completion the cluster accepts is recorded once: the dossier is received and the step closed on the control sheet', async () => {
    const submitted = await p.submit('citizen1', c.slug, c.application);
    const task = await p.task(reception, submitted.id, 'Task_TiepNhan');
    const received = await p.completeStep(reception, submitted.id, 'Task_TiepNhan', RECEIVE);
    assert.equal(received.status, 'received');
    assert.ok(received.dueDate, 'the appointment is set at receipt');
    assert.equal((await entry(task.userTaskKey))?.state, 'applied');
    assert.equal((await p.engine.getUserTask(task.userTaskKey)).state, 'COMPLETED');
    const sheet = await p.call<{ entries: { userTaskKey: string; completedAt: string | null }[] }>(reception, `/api/dossiers/${submitted.id}/control-sheet`);
    assert.ok(sheet.entries.find((s) => s.userTaskKey === task.userTaskKey)?.completedAt, 'the reception step is closed on the control sheet');
    assert.equal(await receivedRows(submitted.id), 1);
  });

  test('accepted by the cluster but not committed here: the projection applies the records once, from the task the cluster shows completed', async () => {
    const submitted = await p.submit('citizen1', c.slug, c.application);
    const task = await p.task(reception, submitted.id, 'Task_TiepNhan');
    // A commit that fails after the cluster answered (as a crash or a lost connection would):
    // a deferred constraint trigger refuses every commit that marks a completion applied.
    await db.execute(sql`create or replace function refuse_applied() returns trigger language plpgsql as $$
      begin if new.state = 'applied' then raise exception 'commit lost'; end if; return new; end $$`);
    await db.execute(sql`create constraint trigger refuse_applied after update on step_completions deferrable initially deferred for each row execute function refuse_applied()`);
    try {
      const answer = await p.request(reception, `/api/tasks/${task.userTaskKey}/complete`, { method: 'POST', json: { variables: RECEIVE } });
      assert.equal(answer.status, 500, await answer.text());
    } finally {
      await db.execute(sql`drop trigger refuse_applied on step_completions`);
    }
    assert.equal((await p.engine.getUserTask(task.userTaskKey)).state, 'COMPLETED', 'the cluster completed the task');
    assert.equal((await entry(task.userTaskKey))?.state, 'pending');
    assert.equal((await p.dossier('citizen1', submitted.id)).status, 'new', 'nothing recorded yet');

    const first = await completions.settleDue(FAR_FUTURE);
    assert.equal(first.get(task.userTaskKey), 'applied');
    const again = await completions.settleDue(FAR_FUTURE);
    assert.equal(again.has(task.userTaskKey), false, 'a settled completion is not looked at again');
    const dossier = await p.dossier('citizen1', submitted.id);
    assert.equal(dossier.status, 'received');
    assert.equal(await receivedRows(submitted.id), 1, 'received once');
  });

  test('a completion that never reached the cluster is discarded by the projection: the task stays open for the officer', async () => {
    const submitted = await p.submit('citizen1', c.slug, c.application);
    const task = await p.task(reception, submitted.id, 'Task_TiepNhan');
    // What a crash between writing the outbox and asking the cluster leaves behind.
    const records = { dossierId: submitted.id, userTaskKey: task.userTaskKey, completedAt: new Date().toISOString(), receiver: { id: 'x', name: 'x' }, actor: {}, reception: true };
    await db.insert(stepCompletions).values({ userTaskKey: task.userTaskKey, dossierId: submitted.id, records, state: 'pending', createdAt: new Date() });

    const settled = await completions.settleDue(FAR_FUTURE);
    assert.equal(settled.get(task.userTaskKey), 'discarded');
    assert.match((await entry(task.userTaskKey))?.note ?? '', /CREATED/);
    assert.equal((await p.dossier('citizen1', submitted.id)).status, 'new');
    // The officer completes it afterwards as usual.
    const received = await p.completeStep(reception, submitted.id, 'Task_TiepNhan', RECEIVE);
    assert.equal(received.status, 'received');
    assert.equal(await receivedRows(submitted.id), 1);
  });
});
