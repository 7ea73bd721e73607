import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { count } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/database/database.js';
import { EmbeddedWorkflowEngine } from '../../src/workflow/embedded/embedded-workflow-engine.js';
import { wfTimers } from '../../src/workflow/embedded/workflow.schema.js';
import { createServerDatabase, dropServerDatabase, serverUrl } from '../support/database.js';
import { ManualClock, bpmn, flow, serviceTask } from '../support/workflow.js';

const skip = serverUrl ? false : 'needs a PostgreSQL server: set TEST_DATABASE_URL (PGlite has one process per data directory)';

describe('embedded engine: two engines on one PostgreSQL server', { skip }, () => {
  let url: string;
  const handles: DatabaseHandle[] = [];
  before(async () => {
    url = await createServerDatabase(serverUrl!);
    for (let i = 0; i < 2; i++) handles.push(await openDatabase({ url, dataDir: mkdtempSync(join(tmpdir(), 'mot-cua-two-')), poolSize: 8 }));
  });
  after(async () => {
    for (const handle of handles) await handle.close();
    // A closed pool's sockets finish closing asynchronously: drop the database once they are gone,
    // or the forced drop terminates them and the pools report it as an error.
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    const name = new URL(url).pathname.slice(1);
    // Polled against a deadline, not a count of tries: a busy machine closes sockets slowly.
    const until = Date.now() + 30_000;
    for (;;) {
      const { rows } = await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
      if (rows[0].n === 0 || Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await admin.end();
    await dropServerDatabase(serverUrl!, url);
  });

  it('share jobs and timers without executing any step twice', async () => {
    const clock = new ManualClock();
    const engines = handles.map((h) => new EmbeddedWorkflowEngine({ db: h.db, clock, workerPollIntervalMs: 50 }));
    await engines[0].deploy([
      {
        name: 'shared.bpmn',
        content: bpmn(
          'shared',
          `<bpmn:startEvent id="start" />${serviceTask('a', 'shared-a')}
           <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
           ${serviceTask('b', 'shared-b')}<bpmn:endEvent id="end" />
           ${flow('f1', 'start', 'a')} ${flow('f2', 'a', 'wait')} ${flow('f3', 'wait', 'b')} ${flow('f4', 'b', 'end')}`,
        ),
      },
    ]);
    const n = 200;
    const keys = await Promise.all(
      Array.from({ length: n }, (_, i) => engines[i % 2].createProcessInstance({ processDefinitionId: 'shared' })),
    );
    const handled: string[] = [];
    const workers = engines.flatMap((engine, i) =>
      ['shared-a', 'shared-b'].map((type) =>
        engine.createJobWorker({
          type,
          worker: `engine-${i}`,
          maxJobsToActivate: 16,
          handler: async (job) => {
            handled.push(job.jobKey);
            return { kind: 'complete', variables: { [`by_${job.elementId}`]: i } };
          },
        }),
      ),
    );
    try {
      const waitFor = async (check: () => boolean) => {
        const until = Date.now() + 60_000;
        while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
      };
      // Every instance waits on its timer once the first jobs' completions have committed.
      let waiting = 0;
      const until = Date.now() + 60_000;
      while (waiting < n && Date.now() < until) {
        [{ waiting }] = await handles[0].db.select({ waiting: count() }).from(wfTimers);
        await new Promise((r) => setTimeout(r, 25));
      }
      assert.equal(waiting, n);
      clock.advance(60_000);
      // Both engines run the scheduler at once: each timer must fire exactly once.
      await Promise.all(engines.map((e) => e.runDueWork()));
      await waitFor(() => handled.length >= 2 * n);
      const active = async () => (await engines[0].searchProcessInstances({ processDefinitionId: 'shared', state: 'ACTIVE' })).length;
      const deadline = Date.now() + 30_000;
      while ((await active()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    } finally {
      for (const worker of workers) await worker.close();
      for (const engine of engines) await engine.close();
    }
    assert.equal(handled.length, 2 * n, 'every job handled once');
    assert.equal(new Set(handled).size, handled.length, 'no job executed twice');
    const instances = await engines[0].searchProcessInstances({ processDefinitionId: 'shared' });
    assert.equal(instances.filter((i) => i.state === 'COMPLETED').length, n);
    const sample = await engines[1].getElementInstances(keys[0].processInstanceKey);
    // Each element of the path once. Not in key order: each engine takes keys from its own block of
    // the shared sequence, so an element activated by the other engine may carry a lower key.
    assert.deepEqual(sample.map((e) => e.elementId).sort(), ['a', 'b', 'end', 'start', 'wait']);
  });
});
