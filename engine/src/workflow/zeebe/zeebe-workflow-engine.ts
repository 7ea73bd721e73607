import { Camunda8, OrchestrationLifters as Keys } from '@camunda8/sdk';
import {
  type ActivatedJob,
  type ActivateJobsRequest,
  type BroadcastSignalRequest,
  type CorrelateMessageRequest,
  type CreateInstanceRequest,
  type DecisionEvaluation,
  type EvaluateDecisionRequest,
  type DeployResource,
  type Deployment,
  type ElementInstance,
  type FailJobRequest,
  type Incident,
  type JobResult,
  type JobWorker,
  type JobWorkerOptions,
  type MessageCorrelation,
  type MigrateInstanceRequest,
  type ProcessInstance,
  type ProcessInstanceFilter,
  type ProcessInstanceRef,
  type PublishMessageRequest,
  type SignalBroadcast,
  type ThrowErrorRequest,
  type UserTask,
  type UserTaskFilter,
  type Variables,
  type WorkflowEngine,
  WorkflowError,
} from '../workflow-engine.port.js';
import { callCluster } from './zeebe-errors.js';
import { createClusterJobWorker } from './zeebe-job-worker.js';
import {
  toActivatedJob,
  toElementInstance,
  toIncident,
  toProcessInstance,
  toUserTask,
  type ClusterClient,
} from './zeebe-mapping.js';
import type { ZeebeSettings } from './zeebe-settings.js';

export interface ZeebeEngineOptions {
  /**
   * How long a read by key waits for the cluster's secondary storage to show a record that the
   * engine has already written (Camunda 8 searches are eventually consistent). Default 5 s.
   */
  readWaitMs?: number;
  /** Page size of searches; every page is fetched. */
  pageSize?: number;
}

/**
 * The workflow port on a Camunda 8 cluster, through the official SDK's Orchestration Cluster REST
 * API client (`/v2`). Commands are answered by the engine itself; reads go to the cluster's
 * secondary storage, which lags commands by up to about a second.
 */
export class ZeebeWorkflowEngine implements WorkflowEngine {
  readonly kind = 'zeebe' as const;
  private readonly camunda: Camunda8;
  private readonly client: ClusterClient;
  private readonly workers = new Set<JobWorker>();
  private readonly readWaitMs: number;
  private readonly pageSize: number;
  private readonly tenantId?: string;

  constructor(settings: ZeebeSettings, options: ZeebeEngineOptions = {}) {
    this.camunda = new Camunda8({ ...settings });
    this.client = this.camunda.getOrchestrationClusterApiClient();
    this.readWaitMs = options.readWaitMs ?? 5_000;
    this.pageSize = options.pageSize ?? 100;
    this.tenantId = settings.CAMUNDA_TENANT_ID;
  }

  /** Fails fast at start when the cluster is unreachable or refuses the credentials. */
  async start(): Promise<void> {
    await this.client.getTopology();
  }

  async deploy(resources: DeployResource[]): Promise<Deployment> {
    const files = resources.map(
      (r) => new File([typeof r.content === 'string' ? r.content : new Uint8Array(r.content)], r.name, { type: 'application/xml' }),
    );
    const result = await callCluster(
      'Deployment refused',
      () => this.client.createDeployment({ resources: files, ...this.tenant() }),
      'INVALID_MODEL',
    );
    return {
      deploymentKey: result.deploymentKey,
      processes: result.processes.map((p) => ({
        processDefinitionKey: p.processDefinitionKey,
        processDefinitionId: p.processDefinitionId,
        processDefinitionVersion: p.processDefinitionVersion,
        resourceName: p.resourceName,
      })),
      decisions: result.decisions.map((d) => ({
        decisionDefinitionKey: String(d.decisionDefinitionKey ?? ''),
        decisionDefinitionId: String(d.decisionDefinitionId ?? ''),
        name: d.name ?? '',
        version: d.version ?? 0,
        decisionRequirementsId: d.decisionRequirementsId ?? '',
        decisionRequirementsKey: String(d.decisionRequirementsKey ?? ''),
      })),
      decisionRequirements: result.decisionRequirements.map((r) => ({
        decisionRequirementsKey: String(r.decisionRequirementsKey ?? ''),
        decisionRequirementsId: r.decisionRequirementsId ?? '',
        decisionRequirementsName: r.decisionRequirementsName ?? '',
        version: r.version ?? 0,
        resourceName: r.resourceName ?? '',
      })),
    };
  }

  /** The cluster evaluates; its JSON-text outputs become values, as the port carries them. */
  async evaluateDecision(request: EvaluateDecisionRequest): Promise<DecisionEvaluation> {
    const target = request.decisionDefinitionKey
      ? { decisionDefinitionKey: lift(Keys.DecisionDefinitionKey, 'Decision definition', request.decisionDefinitionKey) }
      : { decisionDefinitionId: Keys.DecisionDefinitionId.assumeExists(request.decisionDefinitionId ?? '') };
    const result = await callCluster(`Cannot evaluate decision ${request.decisionDefinitionId ?? request.decisionDefinitionKey}`, () =>
      this.client.evaluateDecision({ ...target, variables: request.variables ?? {}, ...this.tenant() }),
    );
    return {
      decisionEvaluationKey: String(result.decisionEvaluationKey),
      decisionDefinitionKey: String(result.decisionDefinitionKey),
      decisionDefinitionId: String(result.decisionDefinitionId),
      decisionDefinitionName: result.decisionDefinitionName,
      decisionDefinitionVersion: result.decisionDefinitionVersion,
      decisionRequirementsId: result.decisionRequirementsId,
      decisionRequirementsKey: String(result.decisionRequirementsKey),
      output: parseJson(result.output),
      ...(result.failedDecisionDefinitionId ? { failedDecisionDefinitionId: String(result.failedDecisionDefinitionId), failureMessage: result.failureMessage } : {}),
      evaluatedDecisions: result.evaluatedDecisions.map((d) => ({
        decisionDefinitionKey: String(d.decisionDefinitionKey ?? ''),
        decisionDefinitionId: String(d.decisionDefinitionId ?? ''),
        decisionDefinitionName: d.decisionDefinitionName ?? '',
        decisionDefinitionVersion: d.decisionDefinitionVersion ?? 0,
        decisionDefinitionType: d.decisionDefinitionType === 'LITERAL_EXPRESSION' ? 'LITERAL_EXPRESSION' : 'DECISION_TABLE',
        output: parseJson(d.output),
        evaluatedInputs: (d.evaluatedInputs ?? []).map((i) => ({ inputId: i.inputId ?? '', inputName: i.inputName ?? '', inputValue: parseJson(i.inputValue) })),
        matchedRules: (d.matchedRules ?? []).map((r) => ({
          ruleId: r.ruleId ?? '',
          ruleIndex: r.ruleIndex ?? 0,
          evaluatedOutputs: (r.evaluatedOutputs ?? []).map((o) => ({ outputId: o.outputId ?? '', outputName: o.outputName ?? '', outputValue: parseJson(o.outputValue) })),
        })),
      })),
    };
  }

  async createProcessInstance(request: CreateInstanceRequest): Promise<ProcessInstanceRef> {
    const created = await callCluster(`Cannot start process ${request.processDefinitionId}`, () =>
      this.client.createProcessInstance({
        processDefinitionId: Keys.ProcessDefinitionId.assumeExists(request.processDefinitionId),
        ...(request.processDefinitionVersion !== undefined
          ? { processDefinitionVersion: request.processDefinitionVersion }
          : {}),
        variables: request.variables ?? {},
        ...this.tenant(),
      }),
    );
    return {
      processInstanceKey: created.processInstanceKey,
      processDefinitionKey: created.processDefinitionKey,
      processDefinitionId: created.processDefinitionId,
      processDefinitionVersion: created.processDefinitionVersion,
    };
  }

  async cancelProcessInstance(processInstanceKey: string): Promise<void> {
    await callCluster(`Cannot cancel process instance ${processInstanceKey}`, () =>
      this.client.cancelProcessInstance({ processInstanceKey: lift(Keys.ProcessInstanceKey, 'Process instance', processInstanceKey) }),
    );
  }

  async migrateProcessInstance(request: MigrateInstanceRequest): Promise<void> {
    await callCluster(`Cannot migrate process instance ${request.processInstanceKey}`, () =>
      this.client.migrateProcessInstance({
        processInstanceKey: lift(Keys.ProcessInstanceKey, 'Process instance', request.processInstanceKey),
        targetProcessDefinitionKey: lift(Keys.ProcessDefinitionKey, 'Process definition', request.targetProcessDefinitionKey),
        mappingInstructions: request.mappingInstructions.map((m) => ({
          sourceElementId: lift(Keys.ElementId, 'Element', m.sourceElementId),
          targetElementId: lift(Keys.ElementId, 'Element', m.targetElementId),
        })),
      }),
    );
  }

  async publishMessage(request: PublishMessageRequest): Promise<{ messageKey: string }> {
    const published = await callCluster(`Cannot publish message ${request.name}`, () =>
      this.client.publishMessage({
        name: request.name,
        correlationKey: request.correlationKey ?? '',
        timeToLive: request.timeToLive ?? 0,
        variables: request.variables ?? {},
        ...(request.messageId !== undefined ? { messageId: request.messageId } : {}),
        ...this.tenant(),
      }),
    );
    return { messageKey: published.messageKey ?? '' };
  }

  async correlateMessage(request: CorrelateMessageRequest): Promise<MessageCorrelation> {
    const correlated = await callCluster(`Cannot correlate message ${request.name}`, () =>
      this.client.correlateMessage({
        name: request.name,
        correlationKey: request.correlationKey ?? '',
        variables: request.variables ?? {},
        ...this.tenant(request.tenantId),
      }),
    );
    return {
      messageKey: correlated.messageKey ?? '',
      processInstanceKey: correlated.processInstanceKey ?? '',
      tenantId: correlated.tenantId ?? request.tenantId ?? this.tenantId ?? '<default>',
    };
  }

  async broadcastSignal(request: BroadcastSignalRequest): Promise<SignalBroadcast> {
    const broadcast = await callCluster(`Cannot broadcast signal ${request.signalName}`, () =>
      this.client.broadcastSignal({
        signalName: request.signalName,
        variables: request.variables ?? {},
        ...this.tenant(request.tenantId),
      }),
    );
    return { signalKey: broadcast.signalKey ?? '', tenantId: broadcast.tenantId ?? request.tenantId ?? this.tenantId ?? '<default>' };
  }

  async activateJobs(request: ActivateJobsRequest): Promise<ActivatedJob[]> {
    const activation = await callCluster(`Cannot activate jobs of type ${request.type}`, () =>
      this.client.activateJobs({
        type: request.type,
        worker: request.worker,
        maxJobsToActivate: request.maxJobsToActivate,
        timeout: request.timeout,
        // The port activates what is available now; long polling belongs to job workers.
        requestTimeout: -1,
        ...(request.fetchVariable ? { fetchVariable: request.fetchVariable } : {}),
      }),
    );
    return activation.jobs.map(toActivatedJob);
  }

  async completeJob(jobKey: string, variables?: Variables, result?: JobResult): Promise<void> {
    await callCluster(`Cannot complete job ${jobKey}`, () =>
      this.client.completeJob({
        jobKey: lift(Keys.JobKey, 'Job', jobKey),
        variables: variables ?? {},
        // A task listener's result goes to the cluster as it is; the cluster judges it.
        ...(result ? { result: { type: 'userTask' as const, ...result } } : {}),
      }),
    );
  }

  async failJob(jobKey: string, request: FailJobRequest): Promise<void> {
    await callCluster(`Cannot fail job ${jobKey}`, () =>
      this.client.failJob({
        jobKey: lift(Keys.JobKey, 'Job', jobKey),
        retries: request.retries,
        ...(request.errorMessage !== undefined ? { errorMessage: request.errorMessage } : {}),
        ...(request.retryBackOff !== undefined ? { retryBackOff: request.retryBackOff } : {}),
        ...(request.variables ? { variables: request.variables } : {}),
      }),
    );
  }

  async throwJobError(jobKey: string, request: ThrowErrorRequest): Promise<void> {
    await callCluster(`Cannot throw error ${request.errorCode} on job ${jobKey}`, () =>
      this.client.throwJobError({
        jobKey: lift(Keys.JobKey, 'Job', jobKey),
        errorCode: request.errorCode,
        ...(request.errorMessage !== undefined ? { errorMessage: request.errorMessage } : {}),
        ...(request.variables ? { variables: request.variables } : {}),
      }),
    );
  }

  async updateJobRetries(jobKey: string, retries: number): Promise<void> {
    await callCluster(`Cannot update retries of job ${jobKey}`, () =>
      this.client.updateJob({ jobKey: lift(Keys.JobKey, 'Job', jobKey), changeset: { retries } }),
    );
  }

  createJobWorker(options: JobWorkerOptions): JobWorker {
    const worker = createClusterJobWorker(this.client, options);
    this.workers.add(worker);
    return {
      close: async () => {
        this.workers.delete(worker);
        await worker.close();
      },
    };
  }

  async searchIncidents(filter: { processInstanceKey?: string; state?: Incident['state'] }): Promise<Incident[]> {
    const items = await this.collect((page) =>
      this.client.searchIncidents(
        {
          filter: {
            ...(filter.processInstanceKey ? { processInstanceKey: Keys.ProcessInstanceKey.assumeExists(filter.processInstanceKey) } : {}),
            ...(filter.state ? { state: filter.state } : {}),
          },
          sort: [{ field: 'incidentKey' }],
          page,
        },
        this.noWait(),
      ),
    );
    return items.map(toIncident);
  }

  async resolveIncident(incidentKey: string): Promise<void> {
    await callCluster(`Cannot resolve incident ${incidentKey}`, () => this.client.resolveIncident({ incidentKey: lift(Keys.IncidentKey, 'Incident', incidentKey) }));
  }

  async searchUserTasks(filter: UserTaskFilter): Promise<UserTask[]> {
    const items = await this.collect((page) =>
      this.client.searchUserTasks(
        {
          filter: {
            ...(filter.state ? { state: filter.state } : {}),
            ...(filter.assignee ? { assignee: filter.assignee } : {}),
            ...(filter.candidateGroups?.length ? { candidateGroup: { $in: filter.candidateGroups } } : {}),
            ...(filter.candidateUser ? { candidateUser: filter.candidateUser } : {}),
            ...(filter.processInstanceKey ? { processInstanceKey: Keys.ProcessInstanceKey.assumeExists(filter.processInstanceKey) } : {}),
            ...(filter.elementId ? { elementId: Keys.ElementId.assumeExists(filter.elementId) } : {}),
          },
          sort: [{ field: 'creationDate' }],
          page,
        },
        this.noWait(),
      ),
    );
    return items.map(toUserTask);
  }

  async getUserTask(userTaskKey: string): Promise<UserTask> {
    const task = await callCluster(`User task ${userTaskKey}`, () =>
      this.client.getUserTask({ userTaskKey: lift(Keys.UserTaskKey, 'User task', userTaskKey) }, this.readWait()),
    );
    return toUserTask(task);
  }

  async assignUserTask(userTaskKey: string, assignee: string | null, allowOverride = true): Promise<void> {
    if (assignee === null) {
      await callCluster(`Cannot unassign user task ${userTaskKey}`, () => this.client.unassignUserTask({ userTaskKey: lift(Keys.UserTaskKey, 'User task', userTaskKey) }));
      return;
    }
    await callCluster(`Cannot assign user task ${userTaskKey} to ${assignee}`, () =>
      this.client.assignUserTask({ userTaskKey: lift(Keys.UserTaskKey, 'User task', userTaskKey), assignee, allowOverride }),
    );
  }

  async completeUserTask(userTaskKey: string, variables?: Variables): Promise<void> {
    await callCluster(`Cannot complete user task ${userTaskKey}`, () =>
      this.client.completeUserTask({ userTaskKey: lift(Keys.UserTaskKey, 'User task', userTaskKey), variables: variables ?? {} }),
    );
  }

  async getProcessInstance(processInstanceKey: string): Promise<ProcessInstance> {
    const instance = await callCluster(`Process instance ${processInstanceKey}`, () =>
      this.client.getProcessInstance(
        { processInstanceKey: lift(Keys.ProcessInstanceKey, 'Process instance', processInstanceKey) },
        this.readWait(),
      ),
    );
    return toProcessInstance(instance);
  }

  async searchProcessInstances(filter: ProcessInstanceFilter): Promise<ProcessInstance[]> {
    if (filter.processInstanceKeys && filter.processInstanceKeys.length === 0) return [];
    const items = await this.collect((page) =>
      this.client.searchProcessInstances(
        {
          filter: {
            ...(filter.processDefinitionId ? { processDefinitionId: filter.processDefinitionId } : {}),
            ...(filter.state ? { state: filter.state } : {}),
            ...(filter.processInstanceKeys ? { processInstanceKey: { $in: filter.processInstanceKeys.map((k) => Keys.ProcessInstanceKey.assumeExists(k)) } } : {}),
            // The cluster compares a variable's value as its JSON text.
            ...(filter.variables ? { variables: filter.variables.map((v) => ({ name: v.name, value: JSON.stringify(v.value) })) } : {}),
          },
          sort: [{ field: 'processInstanceKey' }],
          page,
        },
        this.noWait(),
      ),
    );
    return items.map(toProcessInstance);
  }

  async getElementInstances(processInstanceKey: string): Promise<ElementInstance[]> {
    const items = await this.collect((page) =>
      this.client.searchElementInstances(
        { filter: { processInstanceKey: Keys.ProcessInstanceKey.assumeExists(processInstanceKey) }, sort: [{ field: 'elementInstanceKey' }], page },
        this.noWait(),
      ),
    );
    return items.map(toElementInstance);
  }

  async getVariables(processInstanceKey: string): Promise<Variables> {
    const items = await this.collect((page) =>
      this.client.searchVariables(
        {
          filter: {
            processInstanceKey: Keys.ProcessInstanceKey.assumeExists(processInstanceKey),
            scopeKey: Keys.ScopeKey.assumeExists(processInstanceKey),
          },
          sort: [{ field: 'name' }],
          page,
          truncateValues: false,
        },
        this.noWait(),
      ),
    );
    return Object.fromEntries(items.map((v) => [v.name, JSON.parse(v.value) as unknown]));
  }

  async close(): Promise<void> {
    await Promise.all([...this.workers].map((w) => w.close()));
    this.workers.clear();
    await this.camunda.closeAllClients();
  }

  /** The tenant a command names: the request's, else the configured one, else none (the cluster's default). */
  private tenant(tenantId = this.tenantId) {
    return tenantId ? { tenantId: Keys.TenantId.assumeExists(tenantId) } : {};
  }

  private noWait() {
    return { consistency: { waitUpToMs: 0 } };
  }

  private readWait() {
    return { consistency: { waitUpToMs: this.readWaitMs, pollIntervalMs: 200 } };
  }

  /** Follows offset pages until the cluster has no more (searches return at most one page each). */
  private async collect<T>(
    search: (page: { from: number; limit: number }) => Promise<{ items?: T[]; page: { totalItems: number } }>,
  ): Promise<T[]> {
    const all: T[] = [];
    for (;;) {
      const result = await callCluster('Search failed', () => search({ from: all.length, limit: this.pageSize }));
      const items = result.items ?? [];
      all.push(...items);
      if (items.length < this.pageSize || all.length >= result.page.totalItems) return all;
    }
  }
}

interface KeyLifter<K> {
  isValid(value: string): boolean;
  assumeExists(value: string): K;
}

/** A key the cluster cannot have issued (not an int64) names nothing there: the port answers NOT_FOUND. */
function lift<K>(lifter: KeyLifter<K>, what: string, value: string): K {
  if (!lifter.isValid(value)) throw new WorkflowError('NOT_FOUND', `${what} ${value} does not exist`);
  return lifter.assumeExists(value);
}

/** Zeebe reports decision values as JSON text. */
function parseJson(text: string | undefined): unknown {
  if (text === undefined) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
