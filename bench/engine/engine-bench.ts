/**
 * Throughput and latency of the embedded workflow engine on a 6-step procedure
 * (2 service tasks, 3 user tasks, 1 exclusive gateway), driven only through the workflow port,
 * as the platform drives it: job workers for the service tasks, officers completing user tasks.
 *
 *   npm run bench                       # from the repository root (builds first)
 *   BENCH_INSTANCES=2000 BENCH_CONCURRENCY=32 BENCH_BACKENDS=postgres BENCH_REPEAT=2 npm run bench
 *
 * Backends: `interpreter` (the ceiling: the interpreter alone, instance trees kept in memory, no
 * SQL at all), `memory` (PGlite without a data directory: interpreter and SQL, no file I/O),
 * `pglite` (PGlite files in a temporary folder) and `postgres` (a fresh database created on
 * BENCH_DATABASE_URL's server and dropped afterwards). Measured against it, each on a fresh
 * database of the same server: `floor` (one prepared statement per completion) and `bpmn-engine`
 * (that library with its state saved to PostgreSQL after every command, bpmn-engine-arm.ts).
 *
 *   BENCH_BACKENDS=postgres,floor,bpmn-engine BENCH_INSTANCES=1000 BENCH_REPEAT=3 npm run bench:engine
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseHandle } from '@mot-cua/engine/database/database.js';
import { EmbeddedWorkflowEngine } from '@mot-cua/engine/workflow/embedded/embedded-workflow-engine.js';
import { compileBpmn } from '@mot-cua/engine/workflow/embedded/model/compile.js';
import { DecisionCache } from '@mot-cua/engine/workflow/embedded/runtime/decisions.js';
import { DefinitionCache } from '@mot-cua/engine/workflow/embedded/runtime/definitions.js';
import { correlateBufferedMessage } from '@mot-cua/engine/workflow/embedded/runtime/behaviors/event-subscriptions.js';
import { complete, runAgenda } from '@mot-cua/engine/workflow/embedded/runtime/behaviors/transitions.js';
import { Execution } from '@mot-cua/engine/workflow/embedded/runtime/execution.js';
import { releaseJob } from '@mot-cua/engine/workflow/embedded/runtime/processors/job-worker-task.js';
import { startProcessInstance } from '@mot-cua/engine/workflow/embedded/runtime/processors/process.js';
import { KeyAllocator } from '@mot-cua/engine/workflow/embedded/runtime/keys.js';
import { InstanceTree } from '@mot-cua/engine/workflow/embedded/runtime/state.js';
import type { JobWorker, WorkflowEngine } from '@mot-cua/engine/workflow/workflow-engine.port.js';
import { createServerDatabase, dropServerDatabase } from '@mot-cua/engine/test-support/database.js';
import { bpmnEngineDossiers } from './bpmn-engine-arm.js';
import type { Dossiers } from './dossiers.js';

/** Compiled to bench/dist/engine/: the model stays next to the source. */
const MODEL_PATH = fileURLToPath(new URL('../../engine/procedure-6-steps.bpmn', import.meta.url));
/** The engine's migrations, found from its compiled database module (engine/dist/src/database/). */
const MIGRATIONS = fileURLToPath(new URL('../../../migrations', import.meta.resolve('@mot-cua/engine/database/database.js')));
const PROCESS_ID = 'bench-procedure-6-steps';
const TASKS_PER_INSTANCE = 5;

type Backend = 'interpreter' | 'memory' | 'pglite' | 'postgres' | 'floor' | 'bpmn-engine';

const settings = {
  instances: Number(process.env.BENCH_INSTANCES ?? 1000),
  concurrency: Number(process.env.BENCH_CONCURRENCY ?? 32),
  backends: (process.env.BENCH_BACKENDS ?? 'interpreter,memory,pglite,postgres,floor,bpmn-engine').split(',') as Backend[],
  databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  poolSize: Number(process.env.BENCH_POOL_SIZE ?? 20),
  /** Runs per backend: the machine is shared, so one run alone says little. */
  repeat: Number(process.env.BENCH_REPEAT ?? 1),
};

interface Result {
  backend: Backend;
  instances: number;
  concurrency: number;
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
  /**
   * CPU milliseconds per task completion, of this Node process and of the PostgreSQL server's
   * backends serving the benchmark: unlike throughput, barely moved by other load on the machine.
   */
  nodeCpuMsPerCompletion: number;
  /** Share of that CPU spent in the kernel (sockets, mostly). */
  nodeSystemShare: number;
  serverCpuMsPerCompletion: number;
  /** Statements sent to PostgreSQL per task completion (BEGIN and COMMIT included). */
  statementsPerCompletion: number;
  loadAverage: number;
}

/** Counters of the server backend: statements sent, and CPU of the backends serving the benchmark. */
interface ServerProbe {
  statements(): number;
  /** CPU ticks (1/100 s) used so far by each backend process of the benchmark's database. */
  cpuTicks(): Promise<Map<number, number>>;
}

/** Wall-clock milliseconds with sub-millisecond resolution. */
const now = () => performance.now();

async function openBackend(backend: Exclude<Backend, 'interpreter' | 'floor' | 'bpmn-engine'>): Promise<DatabaseHandle & { probe?: ServerProbe; pool?: pg.Pool }> {
  if (backend === 'memory') {
    const client = new PGlite();
    const db = drizzlePglite(client);
    await migratePglite(db, { migrationsFolder: MIGRATIONS });
    return { db: db as unknown as Database, backend: 'pglite', close: () => client.close() };
  }
  if (backend === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'mot-cua-bench-'));
    const handle = await openDatabase({ dataDir });
    return { ...handle, close: async () => { await handle.close(); rmSync(dataDir, { recursive: true, force: true }); } };
  }
  const url = await createServerDatabase(settings.databaseUrl);
  const pool = new pg.Pool({ connectionString: url, max: settings.poolSize });
  // Ending the pool does not wait for the sockets to close: dropping the database then terminates
  // the last ones, which must not bring the benchmark down.
  pool.on('error', () => undefined);
  let statements = 0;
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      statements++;
      return query(...args);
    };
  });
  const db = drizzlePostgres(pool);
  await migratePostgres(db, { migrationsFolder: MIGRATIONS });
  const probe: ServerProbe = {
    statements: () => statements,
    cpuTicks: async () => {
      const { rows } = await pool.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database()');
      const ticks = new Map<number, number>();
      for (const { pid } of rows) {
        try {
          // Fields 14 and 15 of /proc/<pid>/stat: user and system time; the server runs on this machine.
          const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
          ticks.set(pid, Number(fields[11]) + Number(fields[12]));
        } catch {
          // A backend that ended meanwhile.
        }
      }
      return ticks;
    },
  };
  return {
    db: db as unknown as Database,
    backend: 'postgres',
    probe,
    pool,
    close: async () => {
      await pool.end();
      await dropServerDatabase(settings.databaseUrl, url);
    },
  };
}

/**
 * Hand-over times: from the moment a task's completion is sent to the moment the next task is
 * visible to whoever does it (the officer's worklist query, or the job worker's handler).
 */
class Tracker {
  readonly handovers: number[] = [];
  readonly completions: number[] = [];
  /** The first service task of each process instance: when the worker sent its completion, and when that committed. */
  private readonly firstJobs = new Map<string, { sentAt?: number; committed: Promise<void>; commit: () => void }>();
  /** Process instance of each job of the first service task whose completion is on its way. */
  readonly firstJobInstances = new Map<string, string>();
  /** When the completion of the user task that precedes a service task was sent, per process instance. */
  private readonly awaitingJob = new Map<string, number>();

  private firstJob(processInstanceKey: string) {
    let entry = this.firstJobs.get(processInstanceKey);
    if (!entry) {
      let commit!: () => void;
      const committed = new Promise<void>((resolve) => (commit = resolve));
      this.firstJobs.set(processInstanceKey, (entry = { committed, commit }));
    }
    return entry;
  }

  /** The first service task's handler returned: the worker sends the completion now. */
  firstJobSent(jobKey: string, processInstanceKey: string): void {
    this.firstJob(processInstanceKey).sentAt = now();
    this.firstJobInstances.set(jobKey, processInstanceKey);
  }

  /** The engine answered the worker's completion: the next task is committed and can be looked up. */
  jobCommitted(jobKey: string): void {
    const processInstanceKey = this.firstJobInstances.get(jobKey);
    if (processInstanceKey === undefined) return;
    this.firstJobInstances.delete(jobKey);
    this.firstJob(processInstanceKey).commit();
  }

  /** Resolves, once the first service task's completion committed, with the time it was sent. */
  async firstJobDone(processInstanceKey: string): Promise<number> {
    const entry = this.firstJob(processInstanceKey);
    await entry.committed;
    this.firstJobs.delete(processInstanceKey);
    return entry.sentAt!;
  }

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

/**
 * The officer's worklist query, run when the task should be there (the command before it has been
 * answered); it is read again every millisecond in case it is not.
 */
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
    await sleep(20);
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
  // The receipt task follows the service task: its hand-over begins when the worker sends the completion.
  let since = await tracker.firstJobDone(processInstanceKey);
  for (const [index, [elementId, variables]] of steps.entries()) {
    const task = await nextUserTask(engine, processInstanceKey, elementId);
    tracker.handovers.push(now() - since);
    const sentAt = now();
    if (index === steps.length - 1) tracker.awaitJob(processInstanceKey, sentAt);
    await engine.completeUserTask(task.userTaskKey, variables);
    tracker.completions.push(now() - sentAt);
    since = sentAt;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summarise(
  backend: Backend,
  seconds: number,
  cpu: NodeJS.CpuUsage,
  tracker: Pick<Tracker, 'handovers' | 'completions'>,
  concurrency: number,
  server: { cpuMs: number; statements: number } = { cpuMs: Number.NaN, statements: Number.NaN },
): Result {
  const completions = settings.instances * TASKS_PER_INSTANCE;
  const handovers = [...tracker.handovers].sort((a, b) => a - b);
  const completionTimes = [...tracker.completions].sort((a, b) => a - b);
  const nodeCpuMs = (cpu.user + cpu.system) / 1e3;
  return {
    backend,
    instances: settings.instances,
    concurrency,
    seconds,
    instancesPerSecond: settings.instances / seconds,
    completionsPerSecond: completions / seconds,
    handoverP50: percentile(handovers, 50),
    handoverP99: percentile(handovers, 99),
    handoverMax: handovers.at(-1) ?? Number.NaN,
    completionP50: percentile(completionTimes, 50),
    completionP99: percentile(completionTimes, 99),
    nodeCpu: nodeCpuMs / 1e3 / seconds,
    nodeCpuMsPerCompletion: nodeCpuMs / completions,
    nodeSystemShare: cpu.system / (cpu.user + cpu.system),
    serverCpuMsPerCompletion: server.cpuMs / completions,
    statementsPerCompletion: server.statements / completions,
    loadAverage: loadavg()[0],
  };
}

async function runBackend(backend: Exclude<Backend, 'interpreter' | 'floor' | 'bpmn-engine'>): Promise<Result> {
  const handle = await openBackend(backend);
  const engine = new EmbeddedWorkflowEngine({ db: handle.db });
  engine.start();
  const tracker = new Tracker();
  // Tells the dossier's officer when the worker's completion is answered, instead of polling meanwhile:
  // a worklist polled every millisecond by every open dossier would load the database more than the engine.
  const completeJob = engine.completeJob.bind(engine);
  engine.completeJob = async (jobKey, variables) => {
    try {
      await completeJob(jobKey, variables);
    } finally {
      tracker.jobCommitted(jobKey);
    }
  };
  const workers: JobWorker[] = [];
  try {
    await engine.deploy([{ name: 'procedure-6-steps.bpmn', content: readFileSync(MODEL_PATH, 'utf8') }]);
    workers.push(
      engine.createJobWorker({
        type: 'bench.assign-code',
        maxJobsToActivate: 32,
        handler: async (job) => {
          // The worker sends the completion as soon as the handler returns.
          tracker.firstJobSent(job.jobKey, job.processInstanceKey);
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
    const probe = handle.probe;
    const ticksBefore = await probe?.cpuTicks();
    const statementsBefore = probe?.statements() ?? 0;
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
    let server;
    if (probe && ticksBefore) {
      const statements = probe.statements() - statementsBefore;
      let ticks = 0;
      for (const [pid, total] of await probe.cpuTicks()) ticks += total - (ticksBefore.get(pid) ?? 0);
      server = { cpuMs: ticks * 10, statements };
    }
    return summarise(backend, seconds, cpu, tracker, settings.concurrency, server);
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await engine.close();
    await handle.close();
  }
}

/**
 * The ceiling: the same five commands per instance run by the interpreter on instance trees kept in
 * memory, one after the other on one core, with no SQL (keys and the definition come from stubs).
 * The gap to the other backends is what storage, the driver and the port cost.
 */
async function runInterpreter(): Promise<Result> {
  const compiled = await compileBpmn('procedure-6-steps.bpmn', readFileSync(MODEL_PATH, 'utf8'));
  const model = compiled.processes.find((p) => p.id === PROCESS_ID)!;
  const row = { key: 1, bpmnProcessId: model.id, version: 1, definition: model };
  let block = 1_000;
  // Just enough of the query API for key blocks and one definition read.
  const stub = {
    execute: async () => ({ rows: [{ v: String((block += 100)) }] }),
    select: () => ({ from: () => ({ where: async () => [row] }) }),
  } as never;
  const definitions = new DefinitionCache();
  const definition = (await definitions.get(stub, 1))!;
  const keys = new KeyAllocator();
  // The benchmark's model calls no decision: the cache is never read.
  const context = { keys, definitions, decisions: new DecisionCache(), maxElementActivations: 1_000, maxCommandSteps: 5_000 };

  /** What loadTree rebuilds from the rows a command reads: the active part of the tree. */
  const reload = (previous: InstanceTree) => {
    const tree = new InstanceTree(previous.rootKey);
    for (const instance of previous.processInstances.values()) if (instance.state === 'ACTIVE') tree.addProcessInstance(instance, false);
    for (const element of previous.elements.values()) if (element.state === 'ACTIVE') tree.addElement(element, false);
    for (const [scope, variables] of previous.variables) tree.variables.set(scope, variables);
    return tree;
  };
  const active = (tree: InstanceTree, elementId: string) =>
    [...tree.elements.values()].find((e) => e.elementId === elementId && e.state === 'ACTIVE')!;
  const command = async (tree: InstanceTree, run: (execution: Execution) => Promise<void>) => {
    const execution = new Execution(stub, tree, context, new Date());
    await run(execution);
    do await runAgenda(execution);
    while (await correlateBufferedMessage(execution));
    return tree;
  };
  const completeJob = (tree: InstanceTree, elementId: string, variables: Record<string, unknown>) =>
    command(reload(tree), async (execution) => {
      const element = active(execution.tree, elementId);
      releaseJob(execution, element);
      await complete(execution, element, variables);
    });
  const completeTask = (tree: InstanceTree, elementId: string, variables: Record<string, unknown>) =>
    command(reload(tree), (execution) => complete(execution, active(execution.tree, elementId), variables));

  const runOne = async (applicant: number) => {
    const key = await keys.take(stub);
    let tree = await command(new InstanceTree(key), async (execution) => {
      await startProcessInstance(execution, definition, { applicant: `CD-${applicant}`, fee: 150_000 }, { key });
    });
    tree = await completeJob(tree, 'Task_AssignCode', { dossierCode: `QN-${applicant}` });
    tree = await completeTask(tree, 'Task_Receive', { received: true });
    tree = await completeTask(tree, 'Task_Appraise', { approved: true });
    tree = await completeTask(tree, 'Task_Approve', { decision: 'cấp phép' });
    tree = await completeJob(tree, 'Task_ReturnResult', { returned: true });
    if (tree.processInstances.get(key)!.state !== 'COMPLETED') throw new Error(`instance ${key} did not complete`);
  };

  for (let i = 0; i < 200; i++) await runOne(-1 - i);
  const cpuBefore = process.cpuUsage();
  const started = now();
  for (let i = 0; i < settings.instances; i++) await runOne(i);
  return summarise('interpreter', (now() - started) / 1000, process.cpuUsage(cpuBefore), { handovers: [], completions: [] }, 1);
}

/**
 * The floor: the least work a durable workflow on PostgreSQL can do for the same dossiers. A task is a
 * row; completing it and creating the next one is ONE prepared statement, one round trip, committed
 * on its own; the officer finds the next task with one prepared worklist query, as in the engine's
 * arms. The engine's CPU per completion is reported as a multiple of this arm's.
 */
async function floorDossiers(pool: pg.Pool): Promise<Dossiers> {
  await pool.query(`create table floor_tasks (key bigserial primary key, instance bigint not null, step int not null,
    state text not null, data jsonb not null default '{}')`);
  await pool.query(`create index floor_tasks_open on floor_tasks (instance) where state = 'CREATED'`);
  const start = { name: 'floor-start', text: `insert into floor_tasks (instance, step, state, data) values ($1, 1, 'CREATED', $2) returning instance` };
  const worklist = { name: 'floor-worklist', text: `select key from floor_tasks where instance = $1 and state = 'CREATED'` };
  const completeAndHandOver = {
    name: 'floor-complete',
    text: `with done as (update floor_tasks set state = 'COMPLETED', data = data || $2::jsonb where key = $1 and state = 'CREATED'
      returning instance, step, data)
      insert into floor_tasks (instance, step, state, data) select instance, step + 1, 'CREATED', data from done where step < ${TASKS_PER_INSTANCE}`,
  };
  return {
    async start(applicant) {
      const { rows } = await pool.query<{ instance: string }>({ ...start, values: [applicant, JSON.stringify({ applicant: `CD-${applicant}`, fee: 150_000 })] });
      return rows[0].instance;
    },
    async openTask(instance) {
      const { rows } = await pool.query<{ key: string }>({ ...worklist, values: [instance] });
      return rows[0]?.key;
    },
    async complete(_instance, task, step) {
      await pool.query({ ...completeAndHandOver, values: [task, JSON.stringify({ [`step${step}`]: true })] });
    },
  };
}

/**
 * The arms measured against the engine (the floor, bpmn-engine persisted), each on a fresh database
 * of the same server, driven alike: same dossiers, same concurrency, same hand-over measurement (a
 * completion is sent; the next task is looked for every millisecond until its worklist shows it),
 * same server probe.
 */
async function runDossierArm(backend: 'floor' | 'bpmn-engine', open: (pool: pg.Pool) => Promise<Dossiers>): Promise<Result> {
  const handle = await openBackend('postgres');
  const pool = handle.pool!;
  try {
    const dossiers = await open(pool);
    const tracker = { handovers: [] as number[], completions: [] as number[] };
    const runOne = async (applicant: number) => {
      const instance = await dossiers.start(applicant);
      let since: number | undefined;
      for (let step = 1; step <= TASKS_PER_INSTANCE; step++) {
        let task: string | undefined;
        while (!(task = await dossiers.openTask(instance, step))) await sleep(1);
        if (since !== undefined) tracker.handovers.push(now() - since);
        since = now();
        await dossiers.complete(instance, task, step);
        tracker.completions.push(now() - since);
      }
    };
    await Promise.all(Array.from({ length: Math.min(20, settings.concurrency) }, (_, i) => runOne(-1 - i)));
    tracker.handovers.length = 0;
    tracker.completions.length = 0;
    let next = 0;
    const probe = handle.probe!;
    const ticksBefore = await probe.cpuTicks();
    const statementsBefore = probe.statements();
    const cpuBefore = process.cpuUsage();
    const started = now();
    await Promise.all(
      Array.from({ length: settings.concurrency }, async () => {
        while (next < settings.instances) await runOne(next++);
      }),
    );
    const seconds = (now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const statements = probe.statements() - statementsBefore;
    let ticks = 0;
    for (const [pid, total] of await probe.cpuTicks()) ticks += total - (ticksBefore.get(pid) ?? 0);
    return summarise(backend, seconds, cpu, tracker, settings.concurrency, { cpuMs: ticks * 10, statements });
  } finally {
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
  console.log(
    `Instances ${settings.instances}, concurrency ${settings.concurrency}, PostgreSQL pool ${settings.poolSize}, runs per backend ${settings.repeat}\n`,
  );
  const results: Result[] = [];
  // Runs interleaved (every backend once, then again), so that a change of load hits all of them.
  for (let run = 1; run <= settings.repeat; run++) {
    for (const backend of settings.backends) {
      process.stdout.write(`${backend} run ${run}… `);
      const result =
        backend === 'interpreter'
          ? await runInterpreter()
          : backend === 'floor'
            ? await runDossierArm('floor', floorDossiers)
            : backend === 'bpmn-engine'
              ? await runDossierArm('bpmn-engine', (pool) => bpmnEngineDossiers(pool, readFileSync(MODEL_PATH, 'utf8')))
              : await runBackend(backend);
      results.push(result);
      console.log(`${result.seconds.toFixed(1)} s (load average now ${result.loadAverage.toFixed(2)})`);
    }
  }
  const ms = (v: number) => (Number.isNaN(v) ? '–' : v.toFixed(1));
  const ms2 = (v: number) => (Number.isNaN(v) ? '–' : v.toFixed(2));
  console.log(
    '\n| backend | instances | concurrency | wall s | instances/s | task completions/s | hand-over p50 ms | hand-over p99 ms | hand-over max ms | completeUserTask p50 ms | p99 ms | Node CPU (cores) | Node CPU ms/completion | of which kernel | server CPU ms/completion | statements/completion | load avg |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(
      `| ${r.backend} | ${r.instances} | ${r.concurrency} | ${r.seconds.toFixed(1)} | ${r.instancesPerSecond.toFixed(1)} | ${r.completionsPerSecond.toFixed(0)} | ${ms(r.handoverP50)} | ${ms(r.handoverP99)} | ${ms(r.handoverMax)} | ${ms(r.completionP50)} | ${ms(r.completionP99)} | ${r.nodeCpu.toFixed(2)} | ${r.nodeCpuMsPerCompletion.toFixed(2)} | ${(100 * r.nodeSystemShare).toFixed(0)}% | ${ms2(r.serverCpuMsPerCompletion)} | ${ms(r.statementsPerCompletion)} | ${r.loadAverage.toFixed(1)} |`,
    );
  }
  const cpuOf = (r: Result) => r.nodeCpuMsPerCompletion + r.serverCpuMsPerCompletion;
  const floors = results.filter((r) => r.backend === 'floor');
  if (floors.length > 0) {
    const floor = floors.reduce((sum, r) => sum + cpuOf(r), 0) / floors.length;
    console.log(`\nCPU per completion, Node + PostgreSQL, as a multiple of the floor's (${floor.toFixed(2)} ms, mean of ${floors.length} runs; in brackets, of the same round's floor):`);
    // Results come round by round, each round in BENCH_BACKENDS order.
    const perRound = results.length / settings.repeat;
    results.forEach((r, index) => {
      if (r.backend !== 'postgres' && r.backend !== 'bpmn-engine') return;
      const roundFloor = results.slice(index - (index % perRound), index - (index % perRound) + perRound).find((f) => f.backend === 'floor')!;
      console.log(
        `- ${r.backend}: ${cpuOf(r).toFixed(2)} ms = ${(cpuOf(r) / floor).toFixed(2)} × the floor (${(cpuOf(r) / cpuOf(roundFloor)).toFixed(2)} ×; load ${r.loadAverage.toFixed(1)})`,
      );
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
