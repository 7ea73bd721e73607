import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDatabase, type DatabaseHandle } from '../../src/database/database.js';
import { DossiersRepository } from '../../src/dossiers/dossiers.repository.js';
import { PendingStarts, type StartSettings } from '../../src/dossiers/pending-starts.js';
import { Periodic } from '../../src/dossiers/periodic.js';
import { EmbeddedWorkflowEngine } from '../../src/workflow/embedded/embedded-workflow-engine.js';
import type { WorkflowEngine } from '../../src/workflow/workflow-engine.port.js';
import { backendName, createServerDatabase, dropServerDatabase, openTestDatabase, serverUrl, type TestDatabase } from '../support/database.js';
import { deploy } from '../support/workflow.js';
import { PERMIT_V1, eventually, failingStarts, pendingDossier, withoutTransactions } from './start-fixtures.js';

const SETTINGS: StartSettings = { maxAttempts: 3, retryBaseMs: 50, retryMaxMs: 200, leaseMs: 60_000 };
const definitionOf = async () => ({ processDefinitionId: 'permit', processDefinitionVersion: 1 });
const realClock = { now: () => new Date() };

/** Every process instance carrying the dossier code: the business key of a dossier's start. */
async function instancesOf(engine: WorkflowEngine, code: string) {
  return engine.searchProcessInstances({ processDefinitionId: 'permit', variables: [{ name: 'dossierCode', value: code }] });
}

const paths = [
  { name: 'embedded engine (instance created in the claiming transaction)', adapt: (engine: WorkflowEngine) => engine },
  { name: 'engine outside the database (claim by lease, dossier code as business key)', adapt: withoutTransactions },
];

describe(`pending process starts (${backendName})`, () => {
  let database: TestDatabase;
  let engine: EmbeddedWorkflowEngine;
  let dossiers: DossiersRepository;
  before(async () => {
    database = await openTestDatabase();
    engine = new EmbeddedWorkflowEngine({ db: database.db });
    dossiers = new DossiersRepository(database.db);
    await deploy(engine, 'permit', PERMIT_V1);
  });
  after(async () => {
    await engine.close();
    await database.close();
  });

  for (const [index, path] of paths.entries()) {
    test(`${path.name}: a start that throws once is retried by the periodic check and succeeds, without a restart`, async () => {
      const code = `SXD-RETRY-${index}`;
      const flaky = failingStarts(path.adapt(engine), 1);
      const starts = new PendingStarts(database.db, flaky, dossiers, definitionOf, realClock, SETTINGS);
      const dossier = await pendingDossier(dossiers, database.db, code);

      const first = await starts.startOne(dossier.id);
      assert.equal(first?.started, false);
      assert.deepEqual(
        [first.dossier.startState, first.dossier.startAttempts, first.dossier.startLastError, first.dossier.processInstanceKey],
        ['pending', 1, 'Máy chủ quy trình không phản hồi', null],
      );
      assert.deepEqual(await instancesOf(engine, code), [], 'the failed attempt left no instance');

      const periodic = new Periodic('Process start check', 20, () => starts.startDue());
      periodic.start();
      try {
        const started = await eventually(async () => {
          const row = await dossiers.findById(dossier.id);
          return row?.startState === 'started' ? row : undefined;
        });
        const instances = await instancesOf(engine, code);
        assert.deepEqual(instances.map((i) => i.processInstanceKey), [started.processInstanceKey]);
        assert.deepEqual([started.startAttempts, started.startLastError, started.startNextAttemptAt], [2, null, null]);
        assert.equal(flaky.failures(), 1);
      } finally {
        await periodic.stop();
      }
    });

    test(`${path.name}: after the last allowed attempt the dossier shows that its start failed, with the error`, async () => {
      const code = `SXD-FAIL-${index}`;
      const broken = failingStarts(path.adapt(engine), Number.POSITIVE_INFINITY, 'Không tìm thấy định nghĩa quy trình');
      const starts = new PendingStarts(database.db, broken, dossiers, definitionOf, realClock, SETTINGS);
      const dossier = await pendingDossier(dossiers, database.db, code);
      await starts.startOne(dossier.id);
      const failed = await eventually(async () => {
        await starts.startDue();
        const row = await dossiers.findById(dossier.id);
        return row?.startState === 'failed' ? row : undefined;
      });
      assert.deepEqual([failed.startAttempts, failed.startLastError], [SETTINGS.maxAttempts, 'Không tìm thấy định nghĩa quy trình']);
      assert.deepEqual(await starts.startDue(), [], 'a failed start is not retried by itself');
      assert.equal(broken.failures(), SETTINGS.maxAttempts);
    });
  }

  test('an instance created just before a crash (dossier not yet updated) is adopted after the claim expires, not started twice', async () => {
    const code = 'SXD-CRASH';
    const dossier = await pendingDossier(dossiers, database.db, code, { startAttempts: 1, startClaimedUntil: new Date(Date.now() - 1000) });
    // What the crashed replica had done: the instance exists and carries the dossier's start variables.
    const created = await engine.createProcessInstance({ processDefinitionId: 'permit', variables: { dossierId: dossier.id, dossierCode: code } });
    const starts = new PendingStarts(database.db, withoutTransactions(engine), dossiers, definitionOf, realClock, SETTINGS);
    const [outcome] = await starts.startDue();
    assert.deepEqual([outcome?.started, outcome?.dossier.processInstanceKey], [true, created.processInstanceKey]);
    assert.equal((await instancesOf(engine, code)).length, 1);
  });

  test('a start claimed by another replica whose lease is still running is left to it', async () => {
    const dossier = await pendingDossier(dossiers, database.db, 'SXD-LEASED', { startClaimedUntil: new Date(Date.now() + 60_000) });
    const starts = new PendingStarts(database.db, withoutTransactions(engine), dossiers, definitionOf, realClock, SETTINGS);
    assert.equal(await starts.startOne(dossier.id), undefined);
    assert.equal((await dossiers.findById(dossier.id))?.startState, 'pending');
  });
});

/**
 * Two replicas on one database race over the same pending starts. On PostgreSQL each replica has its
 * own connection pool and engine, as two platform instances would; PGlite serves one process only,
 * so there the two starters share its database.
 */
describe(`two replicas racing over the same pending starts (${backendName})`, () => {
  const handles: DatabaseHandle[] = [];
  let url: string | undefined;
  let pglite: TestDatabase | undefined;
  before(async () => {
    if (serverUrl) {
      url = await createServerDatabase(serverUrl);
      for (let i = 0; i < 2; i++) handles.push(await openDatabase({ url, dataDir: mkdtempSync(join(tmpdir(), 'mot-cua-starts-')), poolSize: 4 }));
    } else {
      pglite = await openTestDatabase();
      handles.push(pglite, pglite);
    }
  });
  after(async () => {
    if (pglite) return pglite.close();
    for (const handle of handles) await handle.close();
    await dropServerDatabase(serverUrl!, url!);
  });

  for (const [index, path] of paths.entries()) {
    test(`${path.name}: each dossier's instance is started exactly once`, async () => {
      const engines = handles.map((h) => new EmbeddedWorkflowEngine({ db: h.db }));
      try {
        if (index === 0) await deploy(engines[0], 'permit', PERMIT_V1);
        const repositories = handles.map((h) => new DossiersRepository(h.db));
        const codes = Array.from({ length: 24 }, (_, i) => `SXD-RACE-${index}-${String(i).padStart(2, '0')}`);
        for (const code of codes) await pendingDossier(repositories[0], handles[0].db, code);
        const starters = engines.map(
          (engine, i) => new PendingStarts(handles[i].db, path.adapt(engine), repositories[i], definitionOf, realClock, SETTINGS),
        );
        // Both replicas run their check at the same moment, twice each.
        const outcomes = (await Promise.all(starters.flatMap((s) => [s.startDue(4), s.startDue(4)]))).flat();

        const startedCodes = outcomes.filter((o) => o.started).map((o) => o.dossier.code).sort();
        assert.deepEqual(startedCodes, codes, 'every dossier was started by exactly one of the checks');
        for (const code of codes) assert.equal((await instancesOf(engines[0], code)).length, 1, `${code}: one instance`);
        const rows = await Promise.all(outcomes.map((o) => repositories[0].findById(o.dossier.id)));
        assert.ok(rows.every((r) => r?.startState === 'started' && r.processInstanceKey));
      } finally {
        for (const engine of engines) await engine.close();
      }
    });
  }
});
