import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  WorkflowError,
  type ActivateJobsRequest,
  type ActivatedJob,
  type FailJobRequest,
  type JobKind,
  type JobResult,
  type ThrowErrorRequest,
  type Variables,
} from '../workflow-engine.port.js';
import { checkVariables, parseKey } from './arguments.js';
import type { CommandRunner } from './command-runner.js';
import { listenerUserTasks } from './listener-user-tasks.js';
import { throwError } from './runtime/behaviors/errors.js';
import { listenerCompleted } from './runtime/behaviors/execution-listeners.js';
import { raiseIncident } from './runtime/behaviors/incidents.js';
import { taskListenerCompleted } from './runtime/behaviors/task-listeners.js';
import { complete } from './runtime/behaviors/transitions.js';
import { setLocal } from './runtime/behaviors/variables.js';
import type { Execution } from './runtime/execution.js';
import { holdJob, releaseJob } from './runtime/processors/job-worker-task.js';
import type { ElementInstanceState } from './runtime/state.js';
import { wfJobs } from './workflow.schema.js';
import { literal } from '../../database/sql-literal.js';

type JobRow = typeof wfJobs.$inferSelect;
/** Jobs a worker may complete, fail or throw an error for. */
const openJobStates: JobRow['state'][] = ['ACTIVATABLE', 'ACTIVATED'];

/**
 * Claims up to `maxJobsToActivate` due jobs of a type and reads the variables their elements see, in
 * ONE statement committed on its own: a worker polls often, mostly finding nothing, and a claim
 * needs no lock held beyond it (rows locked by another claim are skipped). The statement is the
 * function `wf_activate_jobs` (migration 0028), planned once per connection.
 */
export async function activateJobs(runner: CommandRunner, request: ActivateJobsRequest): Promise<ActivatedJob[]> {
  if (!request.type) throw new WorkflowError('INVALID_ARGUMENT', 'activateJobs needs a job type');
  const max = Math.max(0, Math.floor(request.maxJobsToActivate));
  if (max === 0) return [];
  const now = runner.clock.now();
  const deadline = new Date(now.getTime() + Math.max(0, request.timeout));
  const fetch = request.fetchVariable?.length ? `array[${request.fetchVariable.map(literal).join(', ')}]::text[]` : 'null';
  const result = await runner.db.execute(
    sql.raw(`select * from wf_activate_jobs(${literal(request.type)}, ${literal(request.worker)}, ${literal(now)}::timestamptz,
      ${literal(deadline)}::timestamptz, ${literal(max)}, ${fetch})`),
  );
  const [claimed] = (result as unknown as { rows: ClaimedRows[] }).rows;
  if (claimed.jobs.length === 0) return [];
  const jobs = claimed.jobs.map(toJobRow);
  const variables = jobVariables(jobs, claimed.elements, claimed.variables);
  const userTasks = await listenerUserTasks(runner.db, jobs);
  return jobs.map((job) => ({
    jobKey: String(job.key),
    type: job.type,
    kind: job.kind,
    listenerEventType: job.listenerEventType,
    processInstanceKey: String(job.processInstanceKey),
    processDefinitionId: job.bpmnProcessId,
    processDefinitionVersion: job.processDefinitionVersion,
    processDefinitionKey: String(job.processDefinitionKey),
    elementId: job.elementId,
    elementInstanceKey: String(job.elementInstanceKey),
    customHeaders: job.customHeaders as Record<string, string>,
    worker: request.worker,
    retries: job.retries,
    deadline: deadline.getTime(),
    variables: variables.get(job.key) ?? {},
    ...(userTasks.has(job.key) ? { userTask: userTasks.get(job.key)! } : {}),
  }));
}

/** The row set of the activation statement, as json_agg renders it (keys stay below 2^53). */
interface ClaimedRows {
  jobs: Record<string, unknown>[];
  elements: { key: number; scope_key: number | null }[];
  variables: { scope_key: number; name: string; value: unknown }[];
}

function toJobRow(row: Record<string, unknown>): JobRow {
  const at = (value: unknown) => new Date(value as string);
  return {
    key: row.key as number,
    type: row.type as string,
    state: row.state as JobRow['state'],
    retries: row.retries as number,
    worker: row.worker as string | null,
    availableAt: at(row.available_at),
    customHeaders: row.custom_headers as JobRow['customHeaders'],
    errorMessage: row.error_message as string | null,
    kind: row.kind as JobKind,
    listenerEventType: row.listener_event_type as JobRow['listenerEventType'],
    processInstanceKey: row.process_instance_key as number,
    rootKey: row.root_key as number,
    elementInstanceKey: row.element_instance_key as number,
    elementId: row.element_id as string,
    processDefinitionKey: row.process_definition_key as number,
    bpmnProcessId: row.bpmn_process_id as string,
    processDefinitionVersion: row.process_definition_version as number,
    createdAt: at(row.created_at),
  };
}

/** The variables each job's element sees: its scope chain's, the nearest scope winning. */
function jobVariables(jobs: JobRow[], elements: ClaimedRows['elements'], rows: ClaimedRows['variables']): Map<number, Variables> {
  const parent = new Map(elements.map((e) => [e.key, e.scope_key]));
  const byScope = new Map<number, [string, unknown][]>();
  for (const row of rows) {
    let list = byScope.get(row.scope_key);
    if (!list) byScope.set(row.scope_key, (list = []));
    list.push([row.name, row.value]);
  }
  const result = new Map<number, Variables>();
  for (const job of jobs) {
    const chain: number[] = [];
    for (let k: number | null | undefined = job.elementInstanceKey; k !== null && k !== undefined; k = parent.get(k)) {
      chain.push(k);
    }
    if (chain.at(-1) !== job.processInstanceKey) chain.push(job.processInstanceKey);
    const variables: Variables = {};
    for (const scope of chain.reverse()) for (const [n, v] of byScope.get(scope) ?? []) variables[n] = v;
    result.set(job.key, variables);
  }
  return result;
}

/** What a job command changes on the job's row. */
interface JobTransition {
  state: JobRow['state'];
  retries?: number;
  errorMessage?: string | null;
  availableAt?: Date;
}

/** The conditional UPDATE that moves an open job (as text: every job command sends it); it returns nothing for a job no longer open. */
function jobUpdate(key: number, transition: JobTransition): string {
  const set = [`state = ${literal(transition.state)}`, 'worker = null'];
  if (transition.retries !== undefined) set.push(`retries = ${literal(transition.retries)}`);
  if (transition.errorMessage !== undefined) set.push(`error_message = ${literal(transition.errorMessage)}`);
  if (transition.availableAt) set.push(`available_at = ${literal(transition.availableAt)}::timestamptz`);
  const open = openJobStates.map((state) => literal(state)).join(', ');
  return `update wf_jobs set ${set.join(', ')} where key = ${literal(key)} and state in (${open}) returning element_instance_key, kind, type`;
}

/** The job a command acts on, as its row was when the command took it. */
interface OpenedJob {
  key: number;
  kind: JobKind;
  type: string;
}

/** The incident a job failed without retries makes, by the kind of job (Zeebe's ErrorType). */
const noRetriesError: Record<JobKind, string> = {
  BPMN_ELEMENT: 'JOB_NO_RETRIES',
  EXECUTION_LISTENER: 'EXECUTION_LISTENER_NO_RETRIES',
  TASK_LISTENER: 'TASK_LISTENER_NO_RETRIES',
  AD_HOC_SUB_PROCESS: 'AD_HOC_SUB_PROCESS_NO_RETRIES',
};

/**
 * Runs a job command on its locked instance tree (found from the job in the locking statement).
 * The job's state changes with one conditional UPDATE loaded together with the tree, which is also
 * the check that it is still open: a second completion finds nothing to update and is refused.
 */
async function onJob(
  runner: CommandRunner,
  jobKey: string,
  verb: string,
  transition: (now: Date) => JobTransition,
  run: (execution: Execution, job: OpenedJob, element: ElementInstanceState) => Promise<void>,
): Promise<void> {
  const key = parseKey(jobKey, 'job');
  const now = runner.clock.now();
  await runner.lockedCommand(
    `select root_key from wf_jobs where key = ${literal(key)}`,
    { with: jobUpdate(key, transition(now)) },
    async (tx, loaded) => {
      const updated = loaded?.rows[0] as { element_instance_key: number; kind: JobKind; type: string } | undefined;
      const element = updated && loaded!.tree.elements.get(updated.element_instance_key);
      if (!element) {
        const [job] = await tx.select({ state: wfJobs.state }).from(wfJobs).where(eq(wfJobs.key, key));
        if (!job) throw new WorkflowError('NOT_FOUND', `Job ${jobKey} not found`);
        if (!loaded && openJobStates.includes(job.state)) {
          throw new WorkflowError('NOT_FOUND', `Cannot ${verb} job ${jobKey}: its process instance is no longer active`);
        }
        throw new WorkflowError('NOT_FOUND', `Cannot ${verb} job ${jobKey}: it is ${describeJobState(job.state)}`);
      }
      const job = { key, kind: updated.kind, type: updated.type };
      return runner.command(tx, loaded!.tree, (execution) => run(execution, job, element), now, { deferWrites: true });
    },
  );
}

export async function completeJob(runner: CommandRunner, jobKey: string, variables?: Variables, result?: JobResult): Promise<void> {
  checkVariables(variables);
  await onJob(runner, jobKey, 'complete', () => ({ state: 'COMPLETED' }), async (execution, job, element) => {
    releaseJob(execution, element);
    if (job.kind === 'EXECUTION_LISTENER') await listenerCompleted(execution, element, variables);
    else if (job.kind === 'TASK_LISTENER') await taskListenerCompleted(execution, element, job, variables, result);
    else await complete(execution, element, variables);
  });
}

export async function failJob(runner: CommandRunner, jobKey: string, request: FailJobRequest): Promise<void> {
  checkVariables(request.variables);
  if (!Number.isInteger(request.retries) || request.retries < 0) {
    throw new WorkflowError('INVALID_ARGUMENT', 'retries must be a whole number of zero or more');
  }
  const errorMessage = request.errorMessage ?? null;
  await onJob(
    runner,
    jobKey,
    'fail',
    (now) =>
      request.retries > 0
        ? {
            state: 'ACTIVATABLE',
            retries: request.retries,
            errorMessage,
            availableAt: new Date(now.getTime() + Math.max(0, request.retryBackOff ?? 0)),
          }
        : { state: 'FAILED', retries: 0, errorMessage },
    async (execution, job, element) => {
      for (const [name, value] of Object.entries(request.variables ?? {})) setLocal(execution, element, name, value);
      if (request.retries > 0) return;
      await raiseIncident(execution, element, noRetriesError[job.kind], errorMessage ?? 'No more retries left.', undefined, job.key);
    },
  );
}

export async function throwJobError(runner: CommandRunner, jobKey: string, request: ThrowErrorRequest): Promise<void> {
  checkVariables(request.variables);
  if (!request.errorCode) throw new WorkflowError('INVALID_ARGUMENT', 'throwError needs an errorCode');
  await onJob(
    runner,
    jobKey,
    'throw an error for',
    () => ({ state: 'ERROR_THROWN', errorMessage: request.errorMessage ?? null }),
    async (execution, job, element) => {
      if (job.kind !== 'BPMN_ELEMENT') {
        // Zeebe rejects it and the job stays open (refusing rolls the command back):
        // ExecutionListenerTest#shouldRejectErrorThrowingFromExecutionListenerJob, its message.
        throw new WorkflowError(
          'INVALID_STATE',
          `Cannot throw BPMN error from ${job.kind} job with key '${job.key}', type '${job.type}' and processInstanceKey '${element.processInstanceKey}'`,
        );
      }
      releaseJob(execution, element);
      const caught = await throwError(execution, element, request.errorCode, request.variables);
      if (!caught) {
        holdJob(execution, element);
        await raiseIncident(
          execution,
          element,
          'UNHANDLED_ERROR_EVENT',
          `Expected to throw an error event with the code '${request.errorCode}'${request.errorMessage ? ` with message '${request.errorMessage}'` : ''}, but it was not caught. No error events are available in the scope.`,
          undefined,
          job.key,
        );
      }
    },
  );
}

export async function updateJobRetries(runner: CommandRunner, jobKey: string, retries: number): Promise<void> {
  if (!Number.isInteger(retries) || retries < 1) throw new WorkflowError('INVALID_ARGUMENT', 'retries must be a whole number of at least 1');
  const key = parseKey(jobKey, 'job');
  const updated = await runner.db
    .update(wfJobs)
    .set({ retries })
    .where(and(eq(wfJobs.key, key), inArray(wfJobs.state, ['ACTIVATABLE', 'ACTIVATED', 'FAILED', 'ERROR_THROWN'])))
    .returning({ key: wfJobs.key });
  if (updated.length === 0) throw new WorkflowError('NOT_FOUND', `Job ${jobKey} not found or no longer open`);
}

function describeJobState(state: string | undefined): string {
  switch (state) {
    case 'COMPLETED':
      return 'already completed';
    case 'CANCELED':
      return 'cancelled (its element was left or its process instance ended)';
    case 'FAILED':
      return 'failed without retries (an incident is open)';
    case 'ERROR_THROWN':
      return 'in error (an error was thrown for it)';
    default:
      return 'no longer open';
  }
}
