import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../src/database/database.js';
import { EmbeddedWorkflowEngine } from '../../src/workflow/embedded/embedded-workflow-engine.js';
import { wfJobs } from '../../src/workflow/embedded/workflow.schema.js';

const child = fileURLToPath(new URL('./fixtures/drive-instances.js', import.meta.url));

describe('embedded engine: durability across a crash (PGlite, SIGKILL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mot-cua-wf-crash-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every instance and completed step a killed process reported, and the instances run to the end', async () => {
    const instances = 20;
    const created: string[] = [];
    const completed: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const process_ = spawn(process.execPath, [child, dataDir, String(instances)], { stdio: ['ignore', 'pipe', 'inherit'] });
      let buffer = '';
      process_.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) {
          const [verb, key] = line.split(' ');
          if (verb === 'created') created.push(key);
          if (verb === 'completed') completed.push(key);
          if (line === 'finished') reject(new Error('the child finished before it was killed'));
          // Kill in the middle of the job completions.
          if (completed.length === instances / 2 + 3 && !process_.killed) process_.kill('SIGKILL');
        }
      });
      process_.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited with ${signal ?? _code}`))));
    });
    assert.equal(created.length, instances);

    const handle = await openDatabase({ dataDir });
    const engine = new EmbeddedWorkflowEngine({ db: handle.db });
    try {
      const found = await engine.searchProcessInstances({ processDefinitionId: 'durability' });
      assert.deepEqual(found.map((i) => i.processInstanceKey).sort(), [...created].sort(), 'no instance lost');
      for (const jobKey of completed) {
        const [job] = await handle.db.select({ state: wfJobs.state }).from(wfJobs).where(eq(wfJobs.key, Number(jobKey)));
        assert.equal(job?.state, 'COMPLETED', `completed job ${jobKey} kept`);
      }
      // Drive the rest: a job activated by the killed process comes back after its timeout.
      const until = Date.now() + 30_000;
      for (;;) {
        const jobs = await engine.activateJobs({ type: 'step', worker: 'recovery', maxJobsToActivate: 50, timeout: 10_000 });
        for (const job of jobs) await engine.completeJob(job.jobKey);
        const active = await engine.searchProcessInstances({ processDefinitionId: 'durability', state: 'ACTIVE' });
        if (active.length === 0) break;
        assert.ok(Date.now() < until, 'instances did not finish');
        if (jobs.length === 0) await new Promise((r) => setTimeout(r, 200));
      }
      const all = await engine.searchProcessInstances({ processDefinitionId: 'durability' });
      assert.equal(all.filter((i) => i.state === 'COMPLETED').length, instances);
      for (const instance of all) {
        const elements = await engine.getElementInstances(instance.processInstanceKey);
        assert.deepEqual(
          elements.map((e) => `${e.elementId}:${e.state}`),
          ['start:COMPLETED', 'first:COMPLETED', 'second:COMPLETED', 'end:COMPLETED'],
          'each step ran exactly once',
        );
      }
    } finally {
      await engine.close();
      await handle.close();
    }
  });
});
