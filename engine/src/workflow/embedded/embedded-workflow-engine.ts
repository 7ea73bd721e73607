import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { and, asc, desc, eq, gt, inArray, isNull, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Database, Transaction } from '../../database/database.js';
import {
  WorkflowError,
  type ActivateJobsRequest,
  type ActivatedJob,
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
  type ThrowErrorRequest,
  type UserTask,
  type UserTaskFilter,
  type Variables,
  type WorkflowEngine,
} from '../workflow-engine.port.js';
import { evaluationTime } from './feel/evaluate.js';
import { PollingJobWorker } from './job-worker.js';
import { compileBpmn } from './model/compile.js';
import type { ProcessDefinitionModel } from './model/definition.js';
import { DefinitionCache, type LoadedDefinition } from './runtime/definitions.js';
import { throwError } from './runtime/behaviors/errors.js';
import { correlate, correlateBufferedMessage, correlationTarget, triggerEvent } from './runtime/behaviors/event-subscriptions.js';
import { raiseIncident } from './runtime/behaviors/incidents.js';
import { complete, resolveElementIncident, runAgenda, terminate } from './runtime/behaviors/transitions.js';
import { setLocal } from './runtime/behaviors/variables.js';
import { Execution } from './runtime/execution.js';
import { holdJob, releaseJob } from './runtime/processors/job-worker-task.js';
import { startProcessInstance } from './runtime/processors/process.js';
import { KeyAllocator } from './runtime/keys.js';
import { migrateInstance } from './runtime/migration.js';
import { InstanceTree, type ElementInstanceState } from './runtime/state.js';
import { flush, loadTree } from './runtime/store.js';
import { scheduleTimer } from './runtime/timer-spec.js';
import {
  wfDeployments,
  wfElementInstances,
  wfIncidents,
  wfJobs,
  wfMessageCorrelations,
  wfMessageSubscriptions,
  wfMessages,
  wfPendingCorrelations,
  wfProcessDefinitions,
  wfProcessInstances,
  wfTimers,
  wfUserTasks,
  wfVariables,
} from './workflow.schema.js';

export interface Clock {
  now(): Date;
}

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
}

/** Zeebe's limit on the size of a variables document. */
const maxVariablesBytes = 4 * 1024 * 1024;
const systemClock: Clock = { now: () => new Date() };
/** Far above what a real procedure loops through in one step, far below a stalled server. */
const defaultMaxElementActivations = 1_000;
/** PostgreSQL errors after which a command is simply run again. */
const retryableCodes = new Set(['40001', '40P01']);

type JobRow = typeof wfJobs.$inferSelect;
/** Jobs a worker may complete, fail or throw an error for. */
const openJobStates: JobRow['state'][] = ['ACTIVATABLE', 'ACTIVATED'];

/**
 * The embedded adapter of the workflow port: a BPMN interpreter whose whole state lives in
 * PostgreSQL/PGlite. Each command runs in one transaction that locks the process instance tree,
 * advances every token to its next wait state and commits before the caller is answered.
 */
export class EmbeddedWorkflowEngine implements WorkflowEngine {
  readonly kind = 'embedded' as const;
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly keys = new KeyAllocator();
  private readonly definitions = new DefinitionCache();
  private readonly signals = new EventEmitter();
  private readonly workers = new Set<JobWorker>();
  private schedulerTimer: NodeJS.Timeout | undefined;
  private schedulerRun: Promise<unknown> | undefined;
  private closed = false;

  constructor(private readonly options: EmbeddedWorkflowEngineOptions) {
    this.db = options.db;
    this.clock = options.clock ?? systemClock;
    this.signals.setMaxListeners(0);
  }

  /** Starts the background loop that fires due timers and finishes interrupted message correlations. */
  start(): void {
    if (this.schedulerTimer || this.closed) return;
    const interval = this.options.schedulerIntervalMs ?? 200;
    const tick = () => {
      this.schedulerRun = this.runDueWork()
        .catch((error: Error) => this.options.log?.(`workflow scheduler: ${error.message}`))
        .finally(() => {
          if (!this.closed) this.schedulerTimer = setTimeout(tick, interval);
        });
    };
    this.schedulerTimer = setTimeout(tick, 0);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.schedulerTimer);
    await Promise.all([...this.workers].map((w) => w.close()));
    await this.schedulerRun;
  }

  // ------------------------------------------------------------------ transactions

  private async transaction<T>(run: (tx: Transaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(run);
      } catch (error) {
        const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
        if (attempt >= 5 || !code || !retryableCodes.has(code)) throw error;
      }
    }
  }

  /** Runs a command on a locked instance tree, then writes the tree and wakes workers of new jobs. */
  private async command<T>(
    tx: Transaction,
    tree: InstanceTree,
    run: (execution: Execution) => Promise<T>,
    now = this.clock.now(),
  ): Promise<{ result: T; jobTypes: Set<string> }> {
    const execution = new Execution(
      tx,
      tree,
      { keys: this.keys, definitions: this.definitions, maxElementActivations: this.options.maxElementActivations ?? defaultMaxElementActivations },
      now,
    );
    const result = await run(execution);
    do await runAgenda(execution);
    while (await correlateBufferedMessage(execution));
    await flush(tx, tree, execution.effects);
    const jobTypes = execution.effects.jobTypes;
    for (const followUp of execution.followUps) {
      for (const type of await this.startBufferedMessageInstance(tx, followUp.bpmnProcessId, followUp.correlationKey)) jobTypes.add(type);
    }
    return { result, jobTypes };
  }

  private async onTree<T>(
    rootKey: number,
    run: (execution: Execution, tx: Transaction) => Promise<T>,
    missing: () => WorkflowError,
  ): Promise<T> {
    const { result, jobTypes } = await this.transaction(async (tx) => {
      const loaded = await loadTree(tx, rootKey, this.definitions);
      if (!loaded) throw missing();
      return this.command(tx, loaded.tree, (execution) => run(execution, tx));
    });
    this.wake(jobTypes);
    return result;
  }

  private wake(jobTypes: Set<string>): void {
    for (const type of jobTypes) this.signals.emit(`jobs:${type}`);
  }

  // ------------------------------------------------------------------ deployment

  async deploy(resources: DeployResource[]): Promise<Deployment> {
    if (resources.length === 0) throw new WorkflowError('INVALID_ARGUMENT', 'A deployment needs at least one resource');
    const compiled: { resource: DeployResource; xml: string; checksum: string; processes: ProcessDefinitionModel[] }[] = [];
    for (const resource of resources) {
      if (!resource.name.endsWith('.bpmn') && !resource.name.endsWith('.xml')) {
        throw new WorkflowError('INVALID_ARGUMENT', `${resource.name}: only BPMN resources (.bpmn) can be deployed`);
      }
      const xml = typeof resource.content === 'string' ? resource.content : resource.content.toString('utf8');
      const checksum = createHash('sha256').update(xml).digest('hex');
      compiled.push({ resource, xml, checksum, processes: (await compileBpmn(resource.name, xml)).processes });
    }
    const ids = compiled.flatMap((c) => c.processes.map((p) => p.id));
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate) throw new WorkflowError('INVALID_ARGUMENT', `Process '${duplicate}' is defined twice in this deployment`);

    return this.transaction(async (tx) => {
      // Versions are numbered per process id: deployments are serialised across processes.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('wf:deploy'))`);
      const now = this.clock.now();
      const deploymentKey = await this.keys.take(tx);
      await tx.insert(wfDeployments).values({ key: deploymentKey, createdAt: now });
      const processes = [];
      for (const { resource, xml, checksum, processes: models } of compiled) {
        for (const model of models) {
          const [latest] = await tx
            .select()
            .from(wfProcessDefinitions)
            .where(eq(wfProcessDefinitions.bpmnProcessId, model.id))
            .orderBy(desc(wfProcessDefinitions.version))
            .limit(1);
          if (latest && latest.checksum === checksum && latest.resourceName === resource.name) {
            processes.push(this.deployed(latest.key, model.id, latest.version, resource.name));
            continue;
          }
          const key = await this.keys.take(tx);
          const version = (latest?.version ?? 0) + 1;
          await tx.insert(wfProcessDefinitions).values({
            key,
            bpmnProcessId: model.id,
            version,
            resourceName: resource.name,
            checksum,
            deploymentKey,
            xml,
            definition: model,
            createdAt: now,
          });
          await this.replaceStartEvents(tx, key, model, now);
          processes.push(this.deployed(key, model.id, version, resource.name));
        }
      }
      return { deploymentKey: String(deploymentKey), processes };
    });
  }

  private deployed(key: number, id: string, version: number, resourceName: string) {
    return { processDefinitionKey: String(key), processDefinitionId: id, processDefinitionVersion: version, resourceName };
  }

  /** Only the latest version of a process listens to its message and timer start events (as in Zeebe). */
  private async replaceStartEvents(tx: Transaction, key: number, model: ProcessDefinitionModel, now: Date) {
    await tx
      .delete(wfMessageSubscriptions)
      .where(and(eq(wfMessageSubscriptions.bpmnProcessId, model.id), isNull(wfMessageSubscriptions.elementInstanceKey)));
    await tx.delete(wfTimers).where(
      and(
        isNull(wfTimers.elementInstanceKey),
        inArray(
          wfTimers.processDefinitionKey,
          tx.select({ key: wfProcessDefinitions.key }).from(wfProcessDefinitions).where(eq(wfProcessDefinitions.bpmnProcessId, model.id)),
        ),
      ),
    );
    for (const start of model.messageStartEvents) {
      await tx.insert(wfMessageSubscriptions).values({
        key: await this.keys.take(tx),
        messageName: start.messageName,
        correlationKey: null,
        elementId: start.elementId,
        processDefinitionKey: key,
        bpmnProcessId: model.id,
      });
    }
    for (const start of model.timerStartEvents) {
      let schedule;
      try {
        schedule = scheduleTimer(start.timer, { [evaluationTime]: now }, now);
      } catch (error) {
        throw new WorkflowError('INVALID_MODEL', `Timer start event '${start.elementId}': ${(error as Error).message}`);
      }
      await tx.insert(wfTimers).values({
        key: await this.keys.take(tx),
        dueDate: schedule.dueDate,
        elementId: start.elementId,
        processDefinitionKey: key,
        repetitions: schedule.repetitions,
        interval: schedule.interval ?? null,
      });
    }
  }

  // ------------------------------------------------------------------ process instances

  async createProcessInstance(request: CreateInstanceRequest): Promise<ProcessInstanceRef> {
    checkVariables(request.variables);
    const { result, jobTypes } = await this.transaction(async (tx) => {
      const definition = await this.definitions.find(tx, request.processDefinitionId, request.processDefinitionVersion);
      if (!definition) {
        const version = request.processDefinitionVersion === undefined ? '' : ` version ${request.processDefinitionVersion}`;
        throw new WorkflowError('NOT_FOUND', `No process definition '${request.processDefinitionId}'${version} is deployed`);
      }
      if (!definition.model.elements[definition.model.id]!.noneStartEvent) {
        throw new WorkflowError(
          'INVALID_STATE',
          `Process '${definition.bpmnProcessId}' has no none start event; it starts by message or timer only`,
        );
      }
      return this.startInstance(tx, definition, request.variables ?? {});
    });
    this.wake(jobTypes);
    return result;
  }

  private async startInstance(
    tx: Transaction,
    definition: LoadedDefinition,
    variables: Variables,
    options: { startEventId?: string; startCorrelationKey?: string } = {},
  ) {
    const key = await this.keys.take(tx);
    const tree = new InstanceTree(key);
    return this.command(tx, tree, async (execution) => {
      await startProcessInstance(execution, definition, variables, { ...options, key });
      return {
        processInstanceKey: String(key),
        processDefinitionKey: String(definition.key),
        processDefinitionId: definition.bpmnProcessId,
        processDefinitionVersion: definition.version,
      };
    });
  }

  async cancelProcessInstance(processInstanceKey: string): Promise<void> {
    const key = parseKey(processInstanceKey, 'process instance');
    const [row] = await this.db.select().from(wfProcessInstances).where(eq(wfProcessInstances.key, key));
    if (!row) throw new WorkflowError('NOT_FOUND', `Process instance ${processInstanceKey} not found`);
    if (row.parentProcessInstanceKey !== null) {
      throw new WorkflowError(
        'INVALID_STATE',
        `Process instance ${processInstanceKey} was created by a call activity; cancel its root instance ${row.rootKey} instead`,
      );
    }
    await this.onTree(
      key,
      async (execution) => terminate(execution, execution.tree.elements.get(key)!),
      () => new WorkflowError('INVALID_STATE', `Process instance ${processInstanceKey} is not active (it is ${row.state})`),
    );
  }

  async migrateProcessInstance(request: MigrateInstanceRequest): Promise<void> {
    const key = parseKey(request.processInstanceKey, 'process instance');
    const targetKey = parseKey(request.targetProcessDefinitionKey, 'process definition');
    await this.transaction(async (tx) => {
      const target = await this.definitions.get(tx, targetKey);
      if (!target) throw new WorkflowError('NOT_FOUND', `Process definition ${request.targetProcessDefinitionKey} not found`);
      const tree = (await loadTree(tx, key, this.definitions))?.tree;
      const instance = tree?.processInstances.get(key);
      if (!tree || !instance) {
        const [row] = await tx.select({ state: wfProcessInstances.state }).from(wfProcessInstances).where(eq(wfProcessInstances.key, key));
        if (!row) throw new WorkflowError('NOT_FOUND', `Process instance ${request.processInstanceKey} not found`);
        throw new WorkflowError('INVALID_STATE', `Process instance ${request.processInstanceKey} is not a running root instance`);
      }
      const source = this.definitions.cached(instance.processDefinitionKey);
      await migrateInstance(tx, tree, key, source, target, request.mappingInstructions);
    });
  }

  // ------------------------------------------------------------------ messages

  async publishMessage(request: PublishMessageRequest): Promise<{ messageKey: string }> {
    const { messageKey } = await this.publish(request);
    return { messageKey: String(messageKey) };
  }

  /** Publishes a message and correlates it at once; answers the process instances it reached (started or waiting). */
  private async publish(request: PublishMessageRequest): Promise<{ messageKey: number; correlated: number[] }> {
    if (!request.name?.trim()) throw new WorkflowError('INVALID_ARGUMENT', 'A message needs a name');
    checkVariables(request.variables);
    // A negative time to live is accepted and means none, as in Zeebe (PublishMessageTest#shouldPublishMessageWithNegativeTTL).
    const ttl = Math.max(0, request.timeToLive ?? 0);
    if (!Number.isFinite(ttl)) throw new WorkflowError('INVALID_ARGUMENT', 'timeToLive must be a number of milliseconds');
    const correlationKey = request.correlationKey ?? '';
    const { messageKey, pending } = await this.transaction(async (tx) => {
      // Serialises with subscriptions opening for the same name and key (see Execution.correlateBufferedMessages).
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${request.name}\u001f${correlationKey}`}))`);
      const now = this.clock.now();
      if (request.messageId) {
        const [existing] = await tx
          .select({ key: wfMessages.key })
          .from(wfMessages)
          .where(and(eq(wfMessages.name, request.name), eq(wfMessages.messageId, request.messageId), gt(wfMessages.expiresAt, now)));
        if (existing) {
          throw new WorkflowError(
            'ALREADY_EXISTS',
            `A message with name '${request.name}' and id '${request.messageId}' was already published and is still buffered`,
          );
        }
      }
      const key = await this.keys.take(tx);
      await tx.insert(wfMessages).values({
        key,
        name: request.name,
        correlationKey,
        variables: request.variables ?? {},
        messageId: request.messageId ?? null,
        expiresAt: new Date(now.getTime() + ttl),
      });
      // Waiting catch events first, then start events; one subscription per BPMN process id (Zeebe's
      // MessageCorrelateBehavior: a message is correlated at most once per process).
      const candidates = await tx
        .select({ key: wfMessageSubscriptions.key, rootKey: wfMessageSubscriptions.rootKey, bpmnProcessId: wfMessageSubscriptions.bpmnProcessId })
        .from(wfMessageSubscriptions)
        .where(
          and(
            eq(wfMessageSubscriptions.messageName, request.name),
            sql`(${wfMessageSubscriptions.correlationKey} = ${correlationKey} or ${wfMessageSubscriptions.correlationKey} is null)`,
          ),
        )
        .orderBy(sql`${wfMessageSubscriptions.elementInstanceKey} is null`, asc(wfMessageSubscriptions.key));
      const processes = new Set<string>();
      const subscriptions = candidates.filter((s) => !processes.has(s.bpmnProcessId) && processes.add(s.bpmnProcessId));
      const rows = [];
      for (const s of subscriptions) {
        rows.push({ key: await this.keys.take(tx), messageKey: key, subscriptionKey: s.key, rootKey: s.rootKey, createdAt: now });
      }
      if (rows.length > 0) await tx.insert(wfPendingCorrelations).values(rows);
      return { messageKey: key, pending: rows };
    });
    const correlated: number[] = [];
    for (const row of pending) {
      const instance = await this.correlatePending(row);
      if (instance !== undefined) correlated.push(instance);
    }
    return { messageKey, correlated };
  }

  // ------------------------------------------------------------------ message correlation (Camunda's "correlate message")

  /**
   * A publish with no time to live, which reaches only the subscriptions waiting now (publishMessage
   * correlates before it returns), then a look-up of the instance it reached: the lowest-keyed
   * waiting instance, else the instance a message start event started. NOT_FOUND when none waited.
   */
  /** Publishes a message with no time to live and answers the first process instance it reached (Camunda's correlate). */
  async correlateMessage(
    request: Parameters<WorkflowEngine['correlateMessage']>[0],
  ): ReturnType<WorkflowEngine['correlateMessage']> {
    const tenantId = '<default>';
    if (request.tenantId !== undefined && request.tenantId !== tenantId) {
      throw new WorkflowError('INVALID_ARGUMENT', `tenantId must be '${tenantId}': the embedded engine is single-tenant`);
    }
    const correlationKey = request.correlationKey ?? '';
    const { messageKey, correlated } = await this.publish({ name: request.name, correlationKey, variables: request.variables ?? {}, timeToLive: 0 });
    if (correlated.length === 0) {
      throw new WorkflowError(
        'NOT_FOUND',
        `Expected to find a subscription for message with name '${request.name}' and correlation key '${correlationKey}', but none was found`,
      );
    }
    return { messageKey: String(messageKey), processInstanceKey: String(correlated[0]), tenantId };
  }

  /** Executes one correlation decided by a publish; idempotent, so the scheduler may retry it after a crash. */
  private async correlatePending(pending: typeof wfPendingCorrelations.$inferSelect): Promise<number | undefined> {
    const none = { jobTypes: new Set<string>(), instance: undefined };
    const { jobTypes, instance } = await this.transaction(async (tx): Promise<{ jobTypes: Set<string>; instance: number | undefined }> => {
      const done = () => tx.delete(wfPendingCorrelations).where(eq(wfPendingCorrelations.key, pending.key));
      const [message] = await tx.select().from(wfMessages).where(eq(wfMessages.key, pending.messageKey));
      if (!message) return done().then(() => none);
      if (pending.rootKey === null) return this.correlateStart(tx, pending, message).finally(done);
      const tree = (await loadTree(tx, pending.rootKey, this.definitions))?.tree;
      const [subscription] = await tx
        .select()
        .from(wfMessageSubscriptions)
        .where(eq(wfMessageSubscriptions.key, pending.subscriptionKey));
      if (!tree || !subscription) return done().then(() => none);
      const owner = tree.elements.get(subscription.elementInstanceKey!);
      const [already] = await tx
        .select()
        .from(wfMessageCorrelations)
        .where(
          and(
            eq(wfMessageCorrelations.messageKey, message.key),
            eq(wfMessageCorrelations.target, correlationTarget(subscription.bpmnProcessId)),
          ),
        );
      await done();
      if (!owner || already) return none;
      const { jobTypes } = await this.command(tx, tree, (execution) =>
        correlate(execution, owner, subscription.elementId, message.key, message.variables as Variables),
      );
      return { jobTypes, instance: owner.processInstanceKey };
    });
    this.wake(jobTypes);
    return instance;
  }

  /** A message start event: one instance per process id and message; one active instance per correlation key. */
  private async correlateStart(
    tx: Transaction,
    pending: typeof wfPendingCorrelations.$inferSelect,
    message: typeof wfMessages.$inferSelect,
  ): Promise<{ jobTypes: Set<string>; instance: number | undefined }> {
    const none = { jobTypes: new Set<string>(), instance: undefined };
    const [subscription] = await tx
      .select()
      .from(wfMessageSubscriptions)
      .where(eq(wfMessageSubscriptions.key, pending.subscriptionKey));
    if (!subscription) return none;
    const target = correlationTarget(subscription.bpmnProcessId);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`start\u001f${target}\u001f${message.correlationKey}`}))`);
    const [already] = await tx
      .select()
      .from(wfMessageCorrelations)
      .where(and(eq(wfMessageCorrelations.messageKey, message.key), eq(wfMessageCorrelations.target, target)));
    if (already) return none;
    if (message.correlationKey !== '') {
      const [active] = await tx
        .select({ key: wfProcessInstances.key })
        .from(wfProcessInstances)
        .where(
          and(
            eq(wfProcessInstances.bpmnProcessId, subscription.bpmnProcessId),
            eq(wfProcessInstances.state, 'ACTIVE'),
            eq(wfProcessInstances.startCorrelationKey, message.correlationKey),
          ),
        )
        .limit(1);
      if (active) return none;
    }
    const definition = await this.definitions.get(tx, subscription.processDefinitionKey);
    if (!definition) return none;
    await tx.insert(wfMessageCorrelations).values({ messageKey: message.key, target });
    const { result, jobTypes } = await this.startInstance(tx, definition, message.variables as Variables, {
      startEventId: subscription.elementId,
      ...(message.correlationKey !== '' ? { startCorrelationKey: message.correlationKey } : {}),
    });
    return { jobTypes, instance: Number(result.processInstanceKey) };
  }

  /**
   * An instance started by a message with a correlation key ended: the oldest buffered message for
   * that key, not yet correlated to the process, starts the next instance (Zeebe's
   * BpmnBufferedMessageStartEventBehavior).
   */
  private async startBufferedMessageInstance(tx: Transaction, bpmnProcessId: string, correlationKey: string): Promise<Set<string>> {
    const target = correlationTarget(bpmnProcessId);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`start\u001f${target}\u001f${correlationKey}`}))`);
    const [found] = await tx
      .select({ message: wfMessages, subscription: wfMessageSubscriptions })
      .from(wfMessages)
      .innerJoin(
        wfMessageSubscriptions,
        and(
          eq(wfMessageSubscriptions.messageName, wfMessages.name),
          eq(wfMessageSubscriptions.bpmnProcessId, bpmnProcessId),
          isNull(wfMessageSubscriptions.elementInstanceKey),
        ),
      )
      .where(
        and(
          eq(wfMessages.correlationKey, correlationKey),
          gt(wfMessages.expiresAt, this.clock.now()),
          sql`not exists (select 1 from ${wfMessageCorrelations} c where c.message_key = ${wfMessages.key} and c.target = ${target})`,
          sql`not exists (select 1 from ${wfProcessInstances} p where p.bpmn_process_id = ${bpmnProcessId} and p.state = 'ACTIVE' and p.start_correlation_key = ${correlationKey})`,
        ),
      )
      .orderBy(asc(wfMessages.key))
      .limit(1);
    if (!found) return new Set();
    const definition = await this.definitions.get(tx, found.subscription.processDefinitionKey);
    if (!definition) return new Set();
    await tx.insert(wfMessageCorrelations).values({ messageKey: found.message.key, target });
    const { jobTypes } = await this.startInstance(tx, definition, found.message.variables as Variables, {
      startEventId: found.subscription.elementId,
      startCorrelationKey: correlationKey,
    });
    return jobTypes;
  }

  // ------------------------------------------------------------------ jobs

  async activateJobs(request: ActivateJobsRequest): Promise<ActivatedJob[]> {
    if (!request.type) throw new WorkflowError('INVALID_ARGUMENT', 'activateJobs needs a job type');
    const max = Math.max(0, Math.floor(request.maxJobsToActivate));
    if (max === 0) return [];
    return this.transaction(async (tx) => {
      const now = this.clock.now();
      const deadline = new Date(now.getTime() + Math.max(0, request.timeout));
      const claimable = tx
        .select({ key: wfJobs.key })
        .from(wfJobs)
        .where(
          and(eq(wfJobs.type, request.type), inArray(wfJobs.state, ['ACTIVATABLE', 'ACTIVATED']), lte(wfJobs.availableAt, now)),
        )
        .orderBy(asc(wfJobs.availableAt), asc(wfJobs.key))
        .limit(max)
        .for('update', { skipLocked: true });
      const jobs = await tx
        .update(wfJobs)
        .set({ state: 'ACTIVATED', worker: request.worker, availableAt: deadline })
        .where(inArray(wfJobs.key, claimable))
        .returning();
      if (jobs.length === 0) return [];
      const variables = await this.jobVariables(tx, jobs, request.fetchVariable);
      return jobs
        .sort((a, b) => a.key - b.key)
        .map((job) => ({
          jobKey: String(job.key),
          type: job.type,
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
        }));
    });
  }

  /** The variables each job's element sees, read for all jobs of an activation in two queries. */
  private async jobVariables(tx: Transaction, jobs: JobRow[], fetch?: string[]): Promise<Map<number, Variables>> {
    const instanceKeys = [...new Set(jobs.map((j) => j.processInstanceKey))];
    const [elements, rows] = await Promise.all([
      tx
        .select({ key: wfElementInstances.key, scopeKey: wfElementInstances.scopeKey })
        .from(wfElementInstances)
        .where(and(inArray(wfElementInstances.processInstanceKey, instanceKeys), eq(wfElementInstances.state, 'ACTIVE'))),
      tx
        .select()
        .from(wfVariables)
        .where(
          and(
            inArray(wfVariables.processInstanceKey, instanceKeys),
            ...(fetch && fetch.length > 0 ? [inArray(wfVariables.name, fetch)] : []),
          ),
        ),
    ]);
    const parent = new Map(elements.map((e) => [e.key, e.scopeKey]));
    const byScope = new Map<number, [string, unknown][]>();
    for (const row of rows) {
      let list = byScope.get(row.scopeKey);
      if (!list) byScope.set(row.scopeKey, (list = []));
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

  /**
   * Runs a job command on its locked instance tree (found from the job in the locking statement).
   * The job's state changes with one conditional UPDATE loaded together with the tree, which is also
   * the check that it is still open: a second completion finds nothing to update and is refused.
   */
  private async onJob(
    jobKey: string,
    verb: string,
    transition: (now: Date) => Partial<typeof wfJobs.$inferInsert>,
    run: (execution: Execution, job: { key: number }, element: ElementInstanceState) => Promise<void>,
  ): Promise<void> {
    const key = parseKey(jobKey, 'job');
    const { jobTypes } = await this.transaction(async (tx) => {
      const now = this.clock.now();
      const loaded = await loadTree(tx, sql`select ${wfJobs.rootKey} from ${wfJobs} where ${wfJobs.key} = ${key}`, this.definitions, {
        with: tx
          .update(wfJobs)
          .set({ ...transition(now), worker: null })
          .where(and(eq(wfJobs.key, key), inArray(wfJobs.state, openJobStates)))
          .returning({ elementInstanceKey: wfJobs.elementInstanceKey })
          .getSQL(),
      });
      const updated = loaded?.rows[0] as { element_instance_key: number } | undefined;
      const element = updated && loaded!.tree.elements.get(updated.element_instance_key);
      if (!element) {
        const [job] = await tx.select({ state: wfJobs.state }).from(wfJobs).where(eq(wfJobs.key, key));
        if (!job) throw new WorkflowError('NOT_FOUND', `Job ${jobKey} not found`);
        if (!loaded && openJobStates.includes(job.state)) {
          throw new WorkflowError('NOT_FOUND', `Cannot ${verb} job ${jobKey}: its process instance is no longer active`);
        }
        throw new WorkflowError('NOT_FOUND', `Cannot ${verb} job ${jobKey}: it is ${describeJobState(job.state)}`);
      }
      return this.command(tx, loaded!.tree, (execution) => run(execution, { key }, element), now);
    });
    this.wake(jobTypes);
  }

  async completeJob(jobKey: string, variables?: Variables): Promise<void> {
    checkVariables(variables);
    await this.onJob(jobKey, 'complete', () => ({ state: 'COMPLETED' }), async (execution, _job, element) => {
      releaseJob(execution, element);
      await complete(execution, element, variables);
    });
  }

  async failJob(jobKey: string, request: FailJobRequest): Promise<void> {
    checkVariables(request.variables);
    if (!Number.isInteger(request.retries) || request.retries < 0) {
      throw new WorkflowError('INVALID_ARGUMENT', 'retries must be a whole number of zero or more');
    }
    const errorMessage = request.errorMessage ?? null;
    await this.onJob(
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
        await raiseIncident(execution, element, 'JOB_NO_RETRIES', errorMessage ?? 'No more retries left.', undefined, job.key);
      },
    );
  }

  async throwJobError(jobKey: string, request: ThrowErrorRequest): Promise<void> {
    checkVariables(request.variables);
    if (!request.errorCode) throw new WorkflowError('INVALID_ARGUMENT', 'throwError needs an errorCode');
    await this.onJob(
      jobKey,
      'throw an error for',
      () => ({ state: 'ERROR_THROWN', errorMessage: request.errorMessage ?? null }),
      async (execution, job, element) => {
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

  async updateJobRetries(jobKey: string, retries: number): Promise<void> {
    if (!Number.isInteger(retries) || retries < 1) throw new WorkflowError('INVALID_ARGUMENT', 'retries must be a whole number of at least 1');
    const key = parseKey(jobKey, 'job');
    const updated = await this.db
      .update(wfJobs)
      .set({ retries })
      .where(and(eq(wfJobs.key, key), inArray(wfJobs.state, ['ACTIVATABLE', 'ACTIVATED', 'FAILED', 'ERROR_THROWN'])))
      .returning({ key: wfJobs.key });
    if (updated.length === 0) throw new WorkflowError('NOT_FOUND', `Job ${jobKey} not found or no longer open`);
  }

  createJobWorker(options: JobWorkerOptions): JobWorker {
    if (this.closed) throw new WorkflowError('INVALID_STATE', 'The workflow engine is closed');
    const worker = new PollingJobWorker(
      this,
      options,
      {
        waitForJobs: (type, ms) =>
          new Promise<void>((resolve) => {
            const done = () => {
              clearTimeout(timer);
              this.signals.off(`jobs:${type}`, done);
              resolve();
            };
            const timer = setTimeout(done, ms);
            this.signals.on(`jobs:${type}`, done);
          }),
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

  // ------------------------------------------------------------------ incidents

  async searchIncidents(filter: { processInstanceKey?: string; state?: Incident['state'] }): Promise<Incident[]> {
    const where: SQL[] = [];
    if (filter.processInstanceKey) where.push(eq(wfIncidents.processInstanceKey, parseKey(filter.processInstanceKey, 'process instance')));
    if (filter.state) where.push(eq(wfIncidents.state, filter.state));
    const rows = await this.db.select().from(wfIncidents).where(and(...where)).orderBy(asc(wfIncidents.key));
    return rows.map((r) => ({
      incidentKey: String(r.key),
      processInstanceKey: String(r.processInstanceKey),
      elementId: r.elementId,
      elementInstanceKey: String(r.elementInstanceKey),
      ...(r.jobKey !== null ? { jobKey: String(r.jobKey) } : {}),
      errorType: r.errorType,
      errorMessage: r.errorMessage,
      state: r.state,
      creationTime: r.creationTime.toISOString(),
    }));
  }

  async resolveIncident(incidentKey: string): Promise<void> {
    const key = parseKey(incidentKey, 'incident');
    const [first] = await this.db.select().from(wfIncidents).where(eq(wfIncidents.key, key));
    if (!first) throw new WorkflowError('NOT_FOUND', `Incident ${incidentKey} not found`);
    await this.onTree(
      first.rootKey,
      async (execution, tx) => {
        const [incident] = await tx.select().from(wfIncidents).where(eq(wfIncidents.key, key));
        if (incident!.state !== 'ACTIVE') throw new WorkflowError('INVALID_STATE', `Incident ${incidentKey} is already resolved`);
        const element = execution.tree.elements.get(incident!.elementInstanceKey);
        if (!element) throw new WorkflowError('INVALID_STATE', `Incident ${incidentKey} belongs to an element that is no longer active`);
        if (incident!.jobKey !== null) {
          const [job] = await tx.select().from(wfJobs).where(eq(wfJobs.key, incident!.jobKey));
          if (job && job.retries <= 0) {
            throw new WorkflowError(
              'INVALID_STATE',
              `Cannot resolve incident ${incidentKey}: job ${job.key} has no retries left; update its retries first`,
            );
          }
          if (job) execution.effects.jobUpdates.push({ key: job.key, state: 'ACTIVATABLE', availableAt: execution.now });
          if (job) execution.effects.jobTypes.add(job.type);
        }
        await resolveElementIncident(execution, element, key, incident!.jobKey !== null);
      },
      () => new WorkflowError('INVALID_STATE', `Incident ${incidentKey} belongs to a process instance that is no longer active`),
    );
  }

  // ------------------------------------------------------------------ user tasks

  async searchUserTasks(filter: UserTaskFilter): Promise<UserTask[]> {
    const where: SQL[] = [];
    if (filter.state) where.push(eq(wfUserTasks.state, filter.state));
    if (filter.assignee) where.push(eq(wfUserTasks.assignee, filter.assignee));
    if (filter.candidateGroups?.length) {
      where.push(sql`${wfUserTasks.candidateGroups} ?| ${sql.raw(`array[${filter.candidateGroups.map(quote).join(',')}]`)}`);
    }
    if (filter.candidateUser) where.push(sql`${wfUserTasks.candidateUsers} ? ${filter.candidateUser}`);
    if (filter.processInstanceKey) where.push(eq(wfUserTasks.processInstanceKey, parseKey(filter.processInstanceKey, 'process instance')));
    if (filter.elementId) where.push(eq(wfUserTasks.elementId, filter.elementId));
    const rows = await this.db.select().from(wfUserTasks).where(and(...where)).orderBy(asc(wfUserTasks.key));
    return rows.map(toUserTask);
  }

  async getUserTask(userTaskKey: string): Promise<UserTask> {
    const [row] = await this.db.select().from(wfUserTasks).where(eq(wfUserTasks.key, parseKey(userTaskKey, 'user task')));
    if (!row) throw new WorkflowError('NOT_FOUND', `User task ${userTaskKey} not found`);
    return toUserTask(row);
  }

  async assignUserTask(userTaskKey: string, assignee: string | null, allowOverride = true): Promise<void> {
    const task = await this.getUserTask(userTaskKey);
    if (task.state !== 'CREATED') throw new WorkflowError('INVALID_STATE', `User task ${userTaskKey} is ${task.state}, it cannot be assigned`);
    const key = Number(userTaskKey);
    const conditions = [eq(wfUserTasks.key, key), eq(wfUserTasks.state, 'CREATED')];
    if (!allowOverride && assignee !== null) {
      conditions.push(sql`(${wfUserTasks.assignee} is null or ${wfUserTasks.assignee} = ${assignee})`);
    }
    const updated = await this.db
      .update(wfUserTasks)
      .set({ assignee })
      .where(and(...conditions))
      .returning({ key: wfUserTasks.key });
    if (updated.length === 0) {
      throw new WorkflowError('INVALID_STATE', `User task ${userTaskKey} is already assigned to ${task.assignee ?? 'someone else'}`);
    }
  }

  /**
   * Locks the task's tree (found from the task in the same statement) and marks the task completed
   * with a conditional UPDATE loaded together with the tree: one round-trip each. Any refusal rolls
   * the update back; the task is then read again only to say why.
   */
  async completeUserTask(userTaskKey: string, variables?: Variables): Promise<void> {
    checkVariables(variables);
    const key = parseKey(userTaskKey, 'user task');
    const { jobTypes } = await this.transaction(async (tx) => {
      const now = this.clock.now();
      const loaded = await loadTree(tx, sql`select ${wfUserTasks.rootKey} from ${wfUserTasks} where ${wfUserTasks.key} = ${key}`, this.definitions, {
        with: sql`update ${wfUserTasks} set state = 'COMPLETED', completion_date = ${now.toISOString()}::timestamptz
          where key = ${key} and state = 'CREATED' returning element_instance_key`,
      });
      const updated = loaded?.rows[0] as { element_instance_key: number } | undefined;
      const element = updated && loaded!.tree.elements.get(updated.element_instance_key);
      if (!element) {
        const [task] = await tx.select({ state: wfUserTasks.state }).from(wfUserTasks).where(eq(wfUserTasks.key, key));
        if (!task) throw new WorkflowError('NOT_FOUND', `User task ${userTaskKey} not found`);
        throw new WorkflowError('INVALID_STATE', `User task ${userTaskKey} is ${task.state}, it cannot be completed`);
      }
      return this.command(tx, loaded!.tree, (execution) => complete(execution, element, variables), now);
    });
    this.wake(jobTypes);
  }

  // ------------------------------------------------------------------ queries

  async getProcessInstance(processInstanceKey: string): Promise<ProcessInstance> {
    const [row] = await this.db
      .select()
      .from(wfProcessInstances)
      .where(eq(wfProcessInstances.key, parseKey(processInstanceKey, 'process instance')));
    if (!row) throw new WorkflowError('NOT_FOUND', `Process instance ${processInstanceKey} not found`);
    return toProcessInstance(row);
  }

  async searchProcessInstances(filter: ProcessInstanceFilter): Promise<ProcessInstance[]> {
    const where: SQL[] = [];
    if (filter.processDefinitionId) where.push(eq(wfProcessInstances.bpmnProcessId, filter.processDefinitionId));
    if (filter.state) where.push(eq(wfProcessInstances.state, filter.state));
    if (filter.processInstanceKeys) {
      if (filter.processInstanceKeys.length === 0) return [];
      where.push(inArray(wfProcessInstances.key, filter.processInstanceKeys.map((k) => parseKey(k, 'process instance'))));
    }
    const rows = await this.db.select().from(wfProcessInstances).where(and(...where)).orderBy(asc(wfProcessInstances.key));
    return rows.map(toProcessInstance);
  }

  async getElementInstances(processInstanceKey: string): Promise<ElementInstance[]> {
    const key = parseKey(processInstanceKey, 'process instance');
    await this.getProcessInstance(processInstanceKey);
    const rows = await this.db
      .select()
      .from(wfElementInstances)
      .where(and(eq(wfElementInstances.processInstanceKey, key), ne(wfElementInstances.elementType, 'PROCESS')))
      .orderBy(asc(wfElementInstances.key));
    return rows.map((r) => ({
      elementInstanceKey: String(r.key),
      processInstanceKey: String(r.processInstanceKey),
      elementId: r.elementId,
      ...(r.elementName ? { elementName: r.elementName } : {}),
      type: r.elementType,
      state: r.state,
      startDate: r.startDate.toISOString(),
      ...(r.endDate ? { endDate: r.endDate.toISOString() } : {}),
      ...(r.incidentKey !== null ? { incidentKey: String(r.incidentKey) } : {}),
    }));
  }

  /** The process instance's own (root scope) variables. */
  async getVariables(processInstanceKey: string): Promise<Variables> {
    const key = parseKey(processInstanceKey, 'process instance');
    await this.getProcessInstance(processInstanceKey);
    const rows = await this.db.select().from(wfVariables).where(eq(wfVariables.scopeKey, key));
    return Object.fromEntries(rows.map((r) => [r.name, r.value]));
  }

  // ------------------------------------------------------------------ background work

  /**
   * Fires every due timer and finishes pending correlations, each in its own transaction. Safe to
   * run in several processes at once: each step is claimed under a lock and done exactly once.
   * Returns the number of steps done.
   */
  async runDueWork(): Promise<number> {
    let done = 0;
    const pending = await this.db.select().from(wfPendingCorrelations).orderBy(asc(wfPendingCorrelations.key)).limit(100);
    for (const row of pending) {
      await this.correlatePending(row);
      done++;
    }
    for (;;) {
      const now = this.clock.now();
      const due = await this.db
        .select({ key: wfTimers.key, rootKey: wfTimers.rootKey })
        .from(wfTimers)
        .where(lte(wfTimers.dueDate, now))
        .orderBy(asc(wfTimers.dueDate), asc(wfTimers.key))
        .limit(100);
      if (due.length === 0) break;
      let fired = 0;
      for (const timer of due) if (await this.fireTimer(timer.key, timer.rootKey)) fired++;
      done += fired;
      if (fired === 0) break;
    }
    await this.db
      .delete(wfMessages)
      .where(
        and(
          lte(wfMessages.expiresAt, this.clock.now()),
          sql`not exists (select 1 from ${wfPendingCorrelations} where ${wfPendingCorrelations.messageKey} = ${wfMessages.key})`,
        ),
      );
    return done;
  }

  private async fireTimer(timerKey: number, rootKey: number | null): Promise<boolean> {
    const { result, jobTypes } = await this.transaction(async (tx) => {
      const none = { result: false, jobTypes: new Set<string>() };
      if (rootKey === null) {
        const [timer] = await tx.select().from(wfTimers).where(eq(wfTimers.key, timerKey)).for('update', { skipLocked: true });
        if (!timer || timer.dueDate > this.clock.now()) return none;
        await this.rearmOrDelete(tx, timer);
        const definition = await this.definitions.get(tx, timer.processDefinitionKey);
        if (!definition) return none;
        const started = await this.startInstance(tx, definition, {}, { startEventId: timer.elementId });
        return { result: true, jobTypes: started.jobTypes };
      }
      // Lock order is always instance tree first, then the timer: no deadlock with other commands.
      const tree = (await loadTree(tx, rootKey, this.definitions, { skipLocked: true }))?.tree;
      if (!tree) return none;
      const [timer] = await tx.select().from(wfTimers).where(eq(wfTimers.key, timerKey));
      if (!timer || timer.dueDate > this.clock.now()) return none;
      const owner = tree.elements.get(timer.elementInstanceKey!);
      if (!owner) {
        await tx.delete(wfTimers).where(eq(wfTimers.key, timerKey));
        return none;
      }
      return this.command(tx, tree, async (execution) => {
        const event = execution.model(owner).elements[timer.elementId]!;
        const repeats = event.type === 'BOUNDARY_EVENT' ? !event.interrupting : event.type === 'START_EVENT' && !execution.model(owner).elements[event.scopeId!]!.interrupting;
        if (repeats) await this.rearmOrDelete(tx, timer);
        else execution.effects.timerDeletes.push(timer.key);
        await triggerEvent(execution, owner, event, {});
        return true;
      });
    });
    this.wake(jobTypes);
    return result;
  }

  private async rearmOrDelete(tx: Transaction, timer: typeof wfTimers.$inferSelect): Promise<void> {
    if (timer.repetitions === 0 || !timer.interval) {
      await tx.delete(wfTimers).where(eq(wfTimers.key, timer.key));
      return;
    }
    const now = this.clock.now();
    // A cycle that fell behind (a start date in the past, downtime) fires once and goes on one
    // interval after that firing, as Zeebe does (TimerStartEventTest#
    // shouldTriggerImmediatelyAndSpaceCyclesCorrectlyWhenStartDateIsInThePast).
    let next = addInterval(timer.dueDate, timer.interval);
    if (next <= now) next = addInterval(now, timer.interval);
    await tx
      .update(wfTimers)
      .set({ dueDate: next, repetitions: timer.repetitions > 0 ? timer.repetitions - 1 : -1 })
      .where(eq(wfTimers.key, timer.key));
  }
}

function addInterval(date: Date, interval: string): Date {
  return scheduleTimer({ kind: 'duration', expression: interval }, {}, date).dueDate;
}

function parseKey(value: string, what: string): number {
  if (!/^\d{1,16}$/.test(String(value))) throw new WorkflowError('INVALID_ARGUMENT', `'${value}' is not a valid ${what} key`);
  return Number(value);
}

function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function checkVariables(variables: Variables | undefined): void {
  if (variables === undefined || variables === null) return;
  if (typeof variables !== 'object' || Array.isArray(variables)) {
    throw new WorkflowError('INVALID_ARGUMENT', 'Variables must be a JSON object');
  }
  const size = Buffer.byteLength(JSON.stringify(variables));
  if (size > maxVariablesBytes) {
    throw new WorkflowError('INVALID_ARGUMENT', `The variables document is ${size} bytes; the limit is ${maxVariablesBytes} bytes (4 MB)`);
  }
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

function toProcessInstance(row: typeof wfProcessInstances.$inferSelect): ProcessInstance {
  return {
    processInstanceKey: String(row.key),
    processDefinitionKey: String(row.processDefinitionKey),
    processDefinitionId: row.bpmnProcessId,
    processDefinitionVersion: row.version,
    state: row.state,
    startDate: row.startDate.toISOString(),
    ...(row.endDate ? { endDate: row.endDate.toISOString() } : {}),
    ...(row.parentProcessInstanceKey !== null ? { parentProcessInstanceKey: String(row.parentProcessInstanceKey) } : {}),
    hasIncident: row.incidentCount > 0,
  };
}

function toUserTask(row: typeof wfUserTasks.$inferSelect): UserTask {
  return {
    userTaskKey: String(row.key),
    processInstanceKey: String(row.processInstanceKey),
    processDefinitionId: row.bpmnProcessId,
    processDefinitionKey: String(row.processDefinitionKey),
    elementId: row.elementId,
    elementInstanceKey: String(row.elementInstanceKey),
    ...(row.name ? { name: row.name } : {}),
    state: row.state,
    ...(row.assignee ? { assignee: row.assignee } : {}),
    candidateGroups: row.candidateGroups,
    candidateUsers: row.candidateUsers,
    ...(row.dueDate ? { dueDate: row.dueDate.toISOString() } : {}),
    ...(row.followUpDate ? { followUpDate: row.followUpDate.toISOString() } : {}),
    ...(row.formKey ? { formKey: row.formKey } : {}),
    customHeaders: row.customHeaders,
    creationDate: row.creationDate.toISOString(),
    ...(row.completionDate ? { completionDate: row.completionDate.toISOString() } : {}),
  };
}
