import type { Database, Transaction } from '../../database/database.js';
import {
  WorkflowError,
  type DecisionEvaluation,
  type EvaluateDecisionRequest,
  type ActivateJobsRequest,
  type ActivatedJob,
  type BroadcastSignalRequest,
  type CreateInstanceRequest,
  type DeployResource,
  type Deployment,
  type ElementInstance,
  type FailJobRequest,
  type Incident,
  type JobWorker,
  type JobWorkerOptions,
  type MigrateInstanceRequest,
  type ProcessInstance,
  type ProcessInstanceFilter,
  type ProcessInstanceRef,
  type PublishMessageRequest,
  type SignalBroadcast,
  type ThrowErrorRequest,
  type UserTask,
  type UserTaskFilter,
  type JobResult,
  type Variables,
  type WorkflowEngine,
  type JoinedTransaction,
} from '../workflow-engine.port.js';
import { CommandRunner, type Clock } from './command-runner.js';
import { evaluateDecisionStandalone } from './decision-evaluation.js';
import { deploy } from './deployment.js';
import { DueWorkScheduler, runDueWork } from './due-work.js';
import { resolveIncident, searchIncidents } from './incidents.js';
import { PollingJobWorker } from './job-worker.js';
import { activateJobs, completeJob, failJob, throwJobError, updateJobRetries } from './jobs.js';
import { correlateMessage, publish } from './messages.js';
import { cancelProcessInstance, createProcessInstance, migrateProcessInstance } from './process-instances.js';
import { getElementInstances, getProcessInstance, getVariables, searchProcessInstances } from './queries.js';
import { broadcastSignal } from './signals.js';
import { assignUserTask, completeUserTask, getUserTask, searchUserTasks } from './user-tasks.js';

export type { Clock } from './command-runner.js';

export interface EmbeddedWorkflowEngineOptions {
  db: Database;
  clock?: Clock;
  /** How often the background loop looks for due timers and pending correlations (ms). */
  schedulerIntervalMs?: number;
  /** How often an idle job worker polls when nobody in this process woke it (ms). */
  workerPollIntervalMs?: number;
  log?: (message: string) => void;
  /** Activations of one element in one command before it stops with an incident (a loop without a wait state). */
  maxElementActivations?: number;
  /** Element activations of one command, all elements together, before it stops with an incident. */
  maxCommandSteps?: number;
}

const systemClock: Clock = { now: () => new Date() };
/** Far above what a real procedure loops through in one step, far below a stalled server. */
const defaultMaxElementActivations = 1_000;
/**
 * A loop through many elements stops after this many activations in all; a loop through two or three
 * elements still stops at the per-element limit, on the looping element, as Zeebe's loop detection does.
 */
const defaultMaxCommandSteps = 5_000;

/**
 * The embedded adapter of the workflow port: a BPMN interpreter whose whole state lives in
 * PostgreSQL/PGlite. Each command runs in one transaction that locks the process instance tree,
 * advances every token to its next wait state and commits before the caller is answered.
 *
 * This class holds the adapter's lifecycle (background loop, job workers) and hands each port
 * method to the module of its concern: deployment, process instances, messages, jobs, incidents,
 * user tasks, queries and due work, all sharing one CommandRunner.
 */
export class EmbeddedWorkflowEngine implements WorkflowEngine {
  readonly kind = 'embedded' as const;
  private readonly runner: CommandRunner;
  private readonly scheduler: DueWorkScheduler;
  private readonly workers = new Set<JobWorker>();
  private closed = false;

  constructor(private readonly options: EmbeddedWorkflowEngineOptions) {
    this.runner = new CommandRunner(
      options.db,
      options.clock ?? systemClock,
      {
        maxElementActivations: options.maxElementActivations ?? defaultMaxElementActivations,
        maxCommandSteps: options.maxCommandSteps ?? defaultMaxCommandSteps,
      },
    );
    this.scheduler = new DueWorkScheduler(this.runner, options.schedulerIntervalMs ?? 200, options.log);
  }

  /** Starts the background loop that fires due timers and finishes interrupted message correlations and signal deliveries. */
  start(): void {
    this.scheduler.start();
  }

  async close(): Promise<void> {
    this.closed = true;
    const scheduler = this.scheduler.stop();
    await Promise.all([...this.workers].map((w) => w.close()));
    await scheduler;
  }

  deploy(resources: DeployResource[]): Promise<Deployment> {
    return deploy(this.runner, resources);
  }

  evaluateDecision(request: EvaluateDecisionRequest): Promise<DecisionEvaluation> {
    return evaluateDecisionStandalone(this.runner, request);
  }

  createProcessInstance(request: CreateInstanceRequest): Promise<ProcessInstanceRef> {
    return createProcessInstance(this.runner, request);
  }

  cancelProcessInstance(processInstanceKey: string): Promise<void> {
    return cancelProcessInstance(this.runner, processInstanceKey);
  }

  migrateProcessInstance(request: MigrateInstanceRequest): Promise<void> {
    return migrateProcessInstance(this.runner, request);
  }

  joinTransaction(tx: Transaction): JoinedTransaction {
    const { runner, afterCommit } = this.runner.joining(tx);
    return {
      commands: {
        createProcessInstance: (request) => createProcessInstance(runner, request),
        migrateProcessInstance: (request) => migrateProcessInstance(runner, request),
        completeUserTask: (userTaskKey, variables) => completeUserTask(runner, userTaskKey, variables),
      },
      afterCommit,
    };
  }

  async publishMessage(request: PublishMessageRequest): Promise<{ messageKey: string }> {
    const { messageKey } = await publish(this.runner, request);
    return { messageKey: String(messageKey) };
  }

  correlateMessage(request: Parameters<WorkflowEngine['correlateMessage']>[0]): ReturnType<WorkflowEngine['correlateMessage']> {
    return correlateMessage(this.runner, request);
  }

  broadcastSignal(request: BroadcastSignalRequest): Promise<SignalBroadcast> {
    return broadcastSignal(this.runner, request);
  }

  activateJobs(request: ActivateJobsRequest): Promise<ActivatedJob[]> {
    return activateJobs(this.runner, request);
  }

  completeJob(jobKey: string, variables?: Variables, result?: JobResult): Promise<void> {
    return completeJob(this.runner, jobKey, variables, result);
  }

  failJob(jobKey: string, request: FailJobRequest): Promise<void> {
    return failJob(this.runner, jobKey, request);
  }

  throwJobError(jobKey: string, request: ThrowErrorRequest): Promise<void> {
    return throwJobError(this.runner, jobKey, request);
  }

  updateJobRetries(jobKey: string, retries: number): Promise<void> {
    return updateJobRetries(this.runner, jobKey, retries);
  }

  createJobWorker(options: JobWorkerOptions): JobWorker {
    if (this.closed) throw new WorkflowError('INVALID_STATE', 'The workflow engine is closed');
    const worker = new PollingJobWorker(
      this,
      options,
      {
        waitForJobs: (type, ms) => this.runner.waitForJobs(type, ms),
        ...(this.options.log ? { log: this.options.log } : {}),
      },
      this.options.workerPollIntervalMs ?? 1000,
    );
    const handle: JobWorker = {
      close: async () => {
        this.workers.delete(handle);
        await worker.close();
      },
    };
    this.workers.add(handle);
    return handle;
  }

  searchIncidents(filter: { processInstanceKey?: string; state?: Incident['state'] }): Promise<Incident[]> {
    return searchIncidents(this.runner.db, filter);
  }

  resolveIncident(incidentKey: string): Promise<void> {
    return resolveIncident(this.runner, incidentKey);
  }

  searchUserTasks(filter: UserTaskFilter): Promise<UserTask[]> {
    return searchUserTasks(this.runner.db, filter);
  }

  getUserTask(userTaskKey: string): Promise<UserTask> {
    return getUserTask(this.runner.db, userTaskKey);
  }

  assignUserTask(userTaskKey: string, assignee: string | null, allowOverride = true): Promise<void> {
    return assignUserTask(this.runner, userTaskKey, assignee, allowOverride);
  }

  completeUserTask(userTaskKey: string, variables?: Variables): Promise<void> {
    return completeUserTask(this.runner, userTaskKey, variables);
  }

  getProcessInstance(processInstanceKey: string): Promise<ProcessInstance> {
    return getProcessInstance(this.runner.db, processInstanceKey);
  }

  searchProcessInstances(filter: ProcessInstanceFilter): Promise<ProcessInstance[]> {
    return searchProcessInstances(this.runner.db, filter);
  }

  getElementInstances(processInstanceKey: string): Promise<ElementInstance[]> {
    return getElementInstances(this.runner.db, processInstanceKey);
  }

  getVariables(processInstanceKey: string): Promise<Variables> {
    return getVariables(this.runner.db, processInstanceKey);
  }

  /** What one turn of the background loop does, on demand (see due-work.ts); answers the number of steps done. */
  runDueWork(): Promise<number> {
    return runDueWork(this.runner);
  }
}
