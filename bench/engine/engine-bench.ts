/**
 * Throughput and latency of the embedded workflow engine on a 6-step procedure
 * (2 service tasks, 3 user tasks, 1 exclusive gateway), driven only through the workflow port,
 * as the platform drives it: job workers for the service tasks, officers completing user tasks.
 *
 *   npm run bench                       # from the repository root (builds first)
 *   BENCH_INSTANCES=2000 BENCH_CONCURRENCY=64 BENCH_BACKENDS=postgres npm run bench
 *
 * Backends: `memory` (PGlite without a data directory: the interpreter and SQL with no file I/O),
 * `pglite` (PGlite files in a temporary folder) and `postgres` (a fresh database created on
 * BENCH_DATABASE_URL's server and dropped afterwards).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { openDatabase, type Database, type DatabaseHandle } from '@mot-cua/engine/database/database.js';
import { EmbeddedWorkflowEngine } from '@mot-cua/engine/workflow/embedded/embedded-workflow-engine.js';
import type { JobWorker, WorkflowEngine } from '@mot-cua/engine/workflow/workflow-engine.port.js';
import { createServerDatabase, dropServerDatabase } from '@mot-cua/engine/test-support/database.js';

/** Compiled to bench/dist/engine/: the model stays next to the source. */
const MODEL_PATH = fileURLToPath(new URL('../../engine/procedure-6-steps.bpmn', import.meta.url));
/** The engine's migrations, found from its compiled database module (engine/dist/src/database/). */
const MIGRATIONS = fileURLToPath(new URL('../../../migrations', import.meta.resolve('@mot-cua/engine/database/database.js')));
const PROCESS_ID = 'bench-procedure-6-steps';
const TASKS_PER_INSTANCE = 5;

type Backend = 'memory' | 'pglite' | 'postgres';

const settings = {
  instances: Number(process.env.BENCH_INSTANCES ?? 1000),
  concurrency: Number(process.env.BENCH_CONCURRENCY ?? 64),
  backends: (process.env.BENCH_BACKENDS ?? 'memory,pglite,postgres').split(',') as Backend[],
  databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  poolSize: Number(process.env.BENCH_POOL_SIZE ?? 20),
};

interface Result {
  backend: Backend;
  instances: number;
  seconds: number;
  instancesPerSecond: number;
  completionsPerSecond: number;
  handoverP50: number;
  handoverP99: number;
  handoverMax: number;
  completionP50: number;
  completionP99: number;
  /** CPU time of this Node process (interpreter, SQL client, driver) per wall second: 1.0 = one core busy. */
  nodeCpu: number;
}

/** Wall-clock milliseconds with sub-millisecond resolution. */
const now = () => performance.now();

async function openBackend(backend: Backend): Promise<DatabaseHandle> {
  if (backend === 'memory') {
    const client = new PGlite();
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: MIGRATIONS });
    return { db: db as unknown as Database, backend: 'pglite', close: () => client.close() };
  }
  if (backend === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'mot-cua-bench-'));
    const handle = await openDatabase({ dataDir });
    return { ...handle, close: async () => { await handle.close(); rmSync(dataDir, { recursive: true, force: true }); } };
  }
  const url = await createServerDatabase(settings.databaseUrl);
  const handle = await openDatabase({ url, dataDir: tmpdir(), poolSize: settings.poolSize });
  return { ...handle, close: async () => { await handle.close(); await dropServerDatabase(settings.databaseUrl, url); } };
}

/**
 * Hand-over times: from the moment a task's completion is sent to the moment the next task is
 * visible to whoever does it (the officer's worklist query, or the job worker's handler).
 */
class Tracker {
  readonly handovers: number[] = [];
  readonly completions: number[] = [];
  /** When the worker completed the service task that precedes a user task, per process instance. */
  readonly jobCompletedAt = new Map<string, number>();
  /** When the completion of the user task that precedes a service task was sent, per process instance. */
  private readonly awaitingJob = new Map<string, number>();

  awaitJob(processInstanceKey: string, since: number): void {
    this.awaitingJob.set(processInstanceKey, since);
  }

  /** A worker's handler got the job: the hand-over to the service task ends here. */
  jobSeen(processInstanceKey: string): void {
    const since = this.awaitingJob.get(processInstanceKey);
    if (since === undefined) return;
    this.handovers.push(now() - since);
    this.awaitingJob.delete(processInstanceKey);
  }
}

async function nextUserTask(engine: WorkflowEngine, processInstanceKey: string, elementId: string) {
  for (;;) {
    const [task] = await engine.searchUserTasks({ processInstanceKey, state: 'CREATED', elementId });
    if (task) return task;
    await sleep(1);
  }
}

/** Waits until `count` instances of the bench process have completed (the last service task ends them). */
async function waitCompleted(engine: WorkflowEngine, count: number): Promise<void> {
  for (;;) {
    const done = await engine.searchProcessInstances({ processDefinitionId: PROCESS_ID, state: 'COMPLETED' });
    if (done.length >= count) return;
    await sleep(5);
  }
}

/** One dossier from submission to returned result, timed at every hand-over. */
async function runInstance(engine: WorkflowEngine, tracker: Tracker, applicant: number): Promise<void> {
  const { processInstanceKey } = await engine.createProcessInstance({
    processDefinitionId: PROCESS_ID,
    variables: { applicant: `CD-${applicant}`, fee: 150_000 },
  });
  const steps: Array<[string, Record<string, unknown>]> = [
    ['Task_Receive', { received: true }],
    ['Task_Appraise', { approved: true }],
    ['Task_Approve', { decision: 'cấp phép' }],
  ];
  let sentAt = 0;
  for (const [index, [elementId, variables]] of steps.entries()) {
    const task = await nextUserTask(engine, processInstanceKey, elementId);
    // The receipt task follows the service task: its hand-over began when the worker completed the job.
    const since = index === 0 ? tracker.jobCompletedAt.get(processInstanceKey)! : sentAt;
    tracker.handovers.push(now() - since);
    sentAt = now();
    if (index === steps.length - 1) tracker.awaitJob(processInstanceKey, sentAt);
    await engine.completeUserTask(task.userTaskKey, variables);
    tracker.completions.push(now() - sentAt);
  }
  tracker.jobCompletedAt.delete(processInstanceKey);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function runBackend(backend: Backend): Promise<Result> {
  const handle = await openBackend(backend);
  const engine = new EmbeddedWorkflowEngine({ db: handle.db });
  engine.start();
  const tracker = new Tracker();
  const workers: JobWorker[] = [];
  try {
    await engine.deploy([{ name: 'procedure-6-steps.bpmn', content: readFileSync(MODEL_PATH, 'utf8') }]);
    workers.push(
      engine.createJobWorker({
        type: 'bench.assign-code',
        maxJobsToActivate: 32,
        handler: async (job) => {
          // The worker sends the completion as soon as the handler returns.
          tracker.jobCompletedAt.set(job.processInstanceKey, now());
          return { kind: 'complete', variables: { dossierCode: `QN-${job.jobKey}` } };
        },
      }),
      engine.createJobWorker({
        type: 'bench.return-result',
        maxJobsToActivate: 32,
        handler: async (job) => {
          tracker.jobSeen(job.processInstanceKey);
          return { kind: 'complete', variables: { returned: true } };
        },
      }),
    );

    // A short warm-up, not measured: definition cache, connection pool, JIT.
    const warmUp = Math.min(20, settings.concurrency);
    await Promise.all(Array.from({ length: warmUp }, (_, i) => runInstance(engine, tracker, -1 - i)));
    await waitCompleted(engine, warmUp);
    tracker.handovers.length = 0;
    tracker.completions.length = 0;

    let next = 0;
    const cpuBefore = process.cpuUsage();
    const started = now();
    await Promise.all(
      Array.from({ length: settings.concurrency }, async () => {
        while (next < settings.instances) await runInstance(engine, tracker, next++);
      }),
    );
    await waitCompleted(engine, warmUp + settings.instances);
    const seconds = (now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const handovers = [...tracker.handovers].sort((a, b) => a - b);
    const completions = [...tracker.completions].sort((a, b) => a - b);
    return {
      backend,
      instances: settings.instances,
      seconds,
      instancesPerSecond: settings.instances / seconds,
      completionsPerSecond: (settings.instances * TASKS_PER_INSTANCE) / seconds,
      handoverP50: percentile(handovers, 50),
      handoverP99: percentile(handovers, 99),
      handoverMax: handovers.at(-1) ?? Number.NaN,
      completionP50: percentile(completions, 50),
      completionP99: percentile(completions, 99),
      nodeCpu: (cpu.user + cpu.system) / 1e6 / seconds,
    };
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await engine.close();
    await handle.close();
  }
}

async function main(): Promise<void> {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `Machine: ${cpus().length} × ${cpu}, RAM ${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} free), Node ${process.version}`,
  );
  // Other processes on the machine skew every figure: the load average says how busy it was.
  console.log(`Load average before the run: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`Instances ${settings.instances}, concurrency ${settings.concurrency}, PostgreSQL pool ${settings.poolSize}\n`);
  const results: Result[] = [];
  for (const backend of settings.backends) {
    process.stdout.write(`${backend}… `);
    const result = await runBackend(backend);
    results.push(result);
    console.log(`${result.seconds.toFixed(1)} s (load average now ${loadavg()[0]!.toFixed(2)})`);
  }
  const ms = (v: number) => v.toFixed(1);
  console.log('\n| backend | instances | wall s | instances/s | task completions/s | hand-over p50 ms | hand-over p99 ms | hand-over max ms | completeUserTask p50 ms | p99 ms | Node CPU (cores) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(
      `| ${r.backend} | ${r.instances} | ${r.seconds.toFixed(1)} | ${r.instancesPerSecond.toFixed(1)} | ${r.completionsPerSecond.toFixed(0)} | ${ms(r.handoverP50)} | ${ms(r.handoverP99)} | ${ms(r.handoverMax)} | ${ms(r.completionP50)} | ${ms(r.completionP99)} | ${r.nodeCpu.toFixed(2)} |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
