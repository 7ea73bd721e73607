import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/environment.js';
import { DossiersRepository } from '../../src/dossiers/dossiers.repository.js';
import { InstanceMigration } from '../../src/dossiers/instance-migration.js';
import type { ProcedureBundle } from '../../src/procedures/bundle.js';
import { assembleBundle } from '../../src/procedures/bundle.js';
import { ProceduresRepository } from '../../src/procedures/procedures.repository.js';
import { ProceduresService } from '../../src/procedures/procedures.service.js';
import { EmbeddedWorkflowEngine } from '../../src/workflow/embedded/embedded-workflow-engine.js';
import type { WorkflowEngine } from '../../src/workflow/workflow-engine.port.js';
import { openTestDatabase, type TestDatabase } from '../support/database.js';

export const FIXTURE = resolve(fileURLToPath(import.meta.url), '../../../../test/procedures/fixtures/land-use-extract');
export const REPOSITORY_ROOT = resolve(fileURLToPath(import.meta.url), '../../../../..');

export interface ProceduresHarness {
  db: TestDatabase;
  engine: WorkflowEngine;
  service: ProceduresService;
  close(): Promise<void>;
}

/** The service on a fresh database with the embedded engine: the real adapter, no mocks. */
export async function openHarness(): Promise<ProceduresHarness> {
  const db = await openTestDatabase();
  const engine = new EmbeddedWorkflowEngine({ db: db.db });
  const migration = new InstanceMigration(db.db, engine, new DossiersRepository(db.db));
  const service = new ProceduresService(new ProceduresRepository(db.db), engine, loadConfig({ NODE_ENV: 'test' }), migration);
  return {
    db,
    engine,
    service,
    close: async () => {
      await engine.close();
      await db.close();
    },
  };
}

/** A copy of a bundle with some files edited. */
export function edit(bundle: ProcedureBundle, changes: Record<string, (text: string) => string>): ProcedureBundle {
  const files = { ...bundle.files };
  for (const [path, change] of Object.entries(changes)) {
    const next = change(files[path] ?? '');
    if (next === files[path]) throw new Error(`the edit of ${path} changed nothing`);
    files[path] = next;
  }
  return assembleBundle(files);
}

/** Completes every job of a type waiting in the engine (a stand-in worker: the workers feature owns the real ones). */
export async function completeJobs(engine: WorkflowEngine, type: string, variables: Record<string, unknown> = {}): Promise<number> {
  const jobs = await engine.activateJobs({ type, worker: 'test', maxJobsToActivate: 100, timeout: 60_000 });
  for (const job of jobs) await engine.completeJob(job.jobKey, variables);
  return jobs.length;
}

export async function completeTask(engine: WorkflowEngine, processInstanceKey: string, elementId: string, variables: Record<string, unknown> = {}): Promise<void> {
  const [task] = await engine.searchUserTasks({ processInstanceKey, elementId, state: 'CREATED' });
  if (!task) throw new Error(`no open user task '${elementId}' in instance ${processInstanceKey}`);
  await engine.completeUserTask(task.userTaskKey, variables);
}
