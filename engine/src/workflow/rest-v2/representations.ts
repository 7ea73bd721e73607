import { createHash } from 'node:crypto';
import type {
  ActivatedJob,
  DecisionEvaluation,
  Deployment,
  ElementInstance,
  Incident,
  ProcessInstance,
  ProcessInstanceRef,
  UserTask,
} from '../workflow-engine.port.js';
import type { SearchResult } from './search.js';

/**
 * Port records as the Camunda 8 REST API v2 returns them, in the shapes of one Camunda version
 * (see ApiDialect). The embedded engine is single-tenant: every record belongs to Zeebe's default
 * tenant. Field lists follow the OpenAPI spec the official clients are generated from
 * (@camunda8/orchestration-cluster-api 8.8.x for 8.8, 9.x for 8.9).
 */
export const DEFAULT_TENANT = '<default>';

/** The Camunda versions whose REST API v2 shapes /v2 can answer in. */
export const REST_API_VERSIONS = ['8.8', '8.9'] as const;
export type RestApiVersion = (typeof REST_API_VERSIONS)[number];

/**
 * How one API version writes a record. 8.8 leaves a field without a value out; 8.9 sends every
 * field it defines, null when there is no value, and adds fields 8.8 does not have
 * (`rootProcessInstanceKey`, `businessId`, `clusterId`, user task `tags`…). Neither shape passes
 * the other version's strict client validation (8.8 refuses null where 8.9 requires the field),
 * so a server speaks one version, as a Camunda cluster does.
 */
export class ApiDialect {
  constructor(readonly version: RestApiVersion) {}

  /** What topology reports as gateway and broker version. */
  get gatewayVersion(): string {
    return `${this.version}.0`;
  }

  /** A field that may have no value: null in 8.9, left out in 8.8. */
  maybe<T>(value: T | null | undefined): T | null | undefined {
    return value ?? (this.version === '8.8' ? undefined : null);
  }

  /** A field that 8.9 added (null allowed): left out in 8.8. */
  since89<T>(value: T | null | undefined): T | null | undefined {
    return this.version === '8.8' ? undefined : (value ?? null);
  }
}

/** The version /v2 answers in unless configured otherwise (REST_V2_API_VERSION). */
export const DEFAULT_DIALECT = new ApiDialect('8.8');

/** Injection token of the ApiDialect the /v2 controllers answer in. */
export const REST_V2_DIALECT = Symbol('REST_V2_DIALECT');

/** One `deployments` entry per deployed process, decision and decision requirements graph, as Zeebe answers. */
export function deploymentResult(deployment: Deployment, d: ApiDialect) {
  const entry = (kind: 'processDefinition' | 'decisionDefinition' | 'decisionRequirements', value: Record<string, unknown>) => ({
    processDefinition: d.maybe(undefined),
    decisionDefinition: d.maybe(undefined),
    decisionRequirements: d.maybe(undefined),
    form: d.maybe(undefined),
    resource: d.maybe(undefined),
    [kind]: value,
  });
  return {
    deploymentKey: deployment.deploymentKey,
    tenantId: DEFAULT_TENANT,
    deployments: [
      ...deployment.processes.map((p) =>
        entry('processDefinition', {
          processDefinitionId: p.processDefinitionId,
          processDefinitionVersion: p.processDefinitionVersion,
          resourceName: p.resourceName,
          tenantId: DEFAULT_TENANT,
          processDefinitionKey: p.processDefinitionKey,
        }),
      ),
      ...deployment.decisions.map((decision) =>
        entry('decisionDefinition', {
          decisionDefinitionId: decision.decisionDefinitionId,
          version: decision.version,
          name: decision.name,
          tenantId: DEFAULT_TENANT,
          decisionRequirementsId: decision.decisionRequirementsId,
          decisionDefinitionKey: decision.decisionDefinitionKey,
          decisionRequirementsKey: decision.decisionRequirementsKey,
        }),
      ),
      ...deployment.decisionRequirements.map((r) =>
        entry('decisionRequirements', {
          decisionRequirementsId: r.decisionRequirementsId,
          version: r.version,
          decisionRequirementsName: r.decisionRequirementsName,
          tenantId: DEFAULT_TENANT,
          resourceName: r.resourceName,
          decisionRequirementsKey: r.decisionRequirementsKey,
        }),
      ),
    ],
  };
}

/**
 * Camunda's EvaluateDecisionResult: values as JSON text. A successful evaluation has no failed
 * decision: empty strings in 8.8 (required there), null in 8.9. The decision instance key (8.9
 * requires it) is the evaluation's key.
 */
export function decisionEvaluationResult(evaluation: DecisionEvaluation, d: ApiDialect) {
  const noFailure = d.version === '8.8' ? '' : null;
  const json = (value: unknown) => JSON.stringify(value ?? null);
  return {
    decisionDefinitionId: evaluation.decisionDefinitionId,
    decisionDefinitionName: evaluation.decisionDefinitionName,
    decisionDefinitionVersion: evaluation.decisionDefinitionVersion,
    decisionRequirementsId: evaluation.decisionRequirementsId,
    output: json(evaluation.output),
    failedDecisionDefinitionId: evaluation.failedDecisionDefinitionId ?? noFailure,
    failureMessage: evaluation.failureMessage ?? noFailure,
    tenantId: DEFAULT_TENANT,
    decisionDefinitionKey: evaluation.decisionDefinitionKey,
    decisionRequirementsKey: evaluation.decisionRequirementsKey,
    decisionEvaluationKey: evaluation.decisionEvaluationKey,
    decisionInstanceKey: evaluation.decisionEvaluationKey,
    evaluatedDecisions: evaluation.evaluatedDecisions.map((decision, i) => ({
      decisionDefinitionId: decision.decisionDefinitionId,
      decisionDefinitionName: decision.decisionDefinitionName,
      decisionDefinitionVersion: decision.decisionDefinitionVersion,
      decisionDefinitionType: decision.decisionDefinitionType,
      output: json(decision.output),
      tenantId: DEFAULT_TENANT,
      matchedRules: decision.matchedRules.map((rule) => ({
        ruleId: rule.ruleId,
        ruleIndex: rule.ruleIndex,
        // 8.9 repeats the rule on each output.
        evaluatedOutputs: rule.evaluatedOutputs.map((o) => ({
          outputId: o.outputId,
          outputName: o.outputName,
          outputValue: json(o.outputValue),
          ruleId: d.since89(rule.ruleId),
          ruleIndex: d.since89(rule.ruleIndex),
        })),
      })),
      evaluatedInputs: decision.evaluatedInputs.map((input) => ({ inputId: input.inputId, inputName: input.inputName, inputValue: json(input.inputValue) })),
      decisionDefinitionKey: decision.decisionDefinitionKey,
      decisionEvaluationInstanceKey: `${evaluation.decisionEvaluationKey}-${i + 1}`,
    })),
  };
}

export function createdInstanceResult(created: ProcessInstanceRef, d: ApiDialect) {
  return {
    processDefinitionId: created.processDefinitionId,
    processDefinitionVersion: created.processDefinitionVersion,
    processDefinitionKey: created.processDefinitionKey,
    processInstanceKey: created.processInstanceKey,
    tenantId: DEFAULT_TENANT,
    // As a cluster answers without awaitCompletion (which is refused here).
    variables: {},
    tags: [] as string[],
    businessId: d.since89(undefined),
  };
}

export function activatedJobResult(job: ActivatedJob, root: string | undefined, d: ApiDialect) {
  return {
    jobKey: job.jobKey,
    type: job.type,
    processInstanceKey: job.processInstanceKey,
    rootProcessInstanceKey: d.since89(root),
    processDefinitionId: job.processDefinitionId,
    processDefinitionVersion: job.processDefinitionVersion,
    processDefinitionKey: job.processDefinitionKey,
    elementId: job.elementId,
    elementInstanceKey: job.elementInstanceKey,
    customHeaders: job.customHeaders,
    worker: job.worker,
    retries: job.retries,
    deadline: job.deadline,
    variables: job.variables,
    tenantId: DEFAULT_TENANT,
    kind: 'BPMN_ELEMENT' as const,
    listenerEventType: 'UNSPECIFIED' as const,
    // Only task-listener jobs carry user task properties; there are no task listeners here.
    userTask: d.maybe(undefined),
    tags: [] as string[],
  };
}

export type ProcessInstanceResult = ReturnType<typeof processInstanceResult>;

export function processInstanceResult(instance: ProcessInstance, root: string | undefined, d: ApiDialect) {
  return {
    processInstanceKey: instance.processInstanceKey,
    processDefinitionKey: instance.processDefinitionKey,
    processDefinitionId: instance.processDefinitionId,
    // The port carries no process name; Operate shows the id for unnamed processes too.
    processDefinitionName: instance.processDefinitionId,
    processDefinitionVersion: instance.processDefinitionVersion,
    processDefinitionVersionTag: d.maybe(undefined),
    state: instance.state,
    startDate: instance.startDate,
    endDate: d.maybe(instance.endDate),
    hasIncident: instance.hasIncident,
    tenantId: DEFAULT_TENANT,
    parentProcessInstanceKey: d.maybe(instance.parentProcessInstanceKey),
    // The port does not carry the call activity's element instance.
    parentElementInstanceKey: d.maybe(undefined),
    rootProcessInstanceKey: d.since89(root),
    tags: [] as string[],
    businessId: d.since89(undefined),
  };
}

export type UserTaskResult = ReturnType<typeof userTaskResult>;

/** `instance` is the task's process instance, for its version and call hierarchy. */
export function userTaskResult(task: UserTask, instance: ProcessInstance | undefined, root: string | undefined, d: ApiDialect) {
  // A linked Camunda form has a numeric key; anything else is an external form reference.
  const linkedForm = task.formKey !== undefined && /^\d+$/.test(task.formKey);
  return {
    userTaskKey: task.userTaskKey,
    name: d.maybe(task.name),
    state: task.state,
    assignee: d.maybe(task.assignee),
    elementId: task.elementId,
    elementInstanceKey: task.elementInstanceKey,
    candidateGroups: task.candidateGroups,
    candidateUsers: task.candidateUsers,
    processDefinitionId: task.processDefinitionId,
    processDefinitionKey: task.processDefinitionKey,
    processDefinitionVersion: instance?.processDefinitionVersion,
    // The port carries no process name.
    processName: d.maybe(undefined),
    processInstanceKey: task.processInstanceKey,
    rootProcessInstanceKey: d.since89(root),
    creationDate: task.creationDate,
    completionDate: d.maybe(task.completionDate),
    dueDate: d.maybe(task.dueDate),
    followUpDate: d.maybe(task.followUpDate),
    tenantId: DEFAULT_TENANT,
    customHeaders: task.customHeaders,
    formKey: d.maybe(linkedForm ? task.formKey : undefined),
    externalFormReference: d.maybe(linkedForm ? undefined : task.formKey),
    tags: d.since89([] as string[]),
  };
}

const ELEMENT_TYPES = new Set([
  'PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS', 'AD_HOC_SUB_PROCESS', 'START_EVENT', 'INTERMEDIATE_CATCH_EVENT',
  'INTERMEDIATE_THROW_EVENT', 'BOUNDARY_EVENT', 'END_EVENT', 'SERVICE_TASK', 'RECEIVE_TASK', 'USER_TASK', 'MANUAL_TASK',
  'TASK', 'EXCLUSIVE_GATEWAY', 'INCLUSIVE_GATEWAY', 'PARALLEL_GATEWAY', 'EVENT_BASED_GATEWAY', 'SEQUENCE_FLOW',
  'MULTI_INSTANCE_BODY', 'CALL_ACTIVITY', 'BUSINESS_RULE_TASK', 'SCRIPT_TASK', 'SEND_TASK',
]);

export type ElementInstanceResult = ReturnType<typeof elementInstanceResult>;

export function elementInstanceResult(element: ElementInstance, instance: ProcessInstance, root: string | undefined, d: ApiDialect) {
  return {
    elementInstanceKey: element.elementInstanceKey,
    processInstanceKey: element.processInstanceKey,
    rootProcessInstanceKey: d.since89(root),
    processDefinitionKey: instance.processDefinitionKey,
    processDefinitionId: instance.processDefinitionId,
    elementId: element.elementId,
    elementName: element.elementName ?? element.elementId,
    type: ELEMENT_TYPES.has(element.type) ? element.type : 'UNKNOWN',
    state: element.state,
    startDate: element.startDate,
    endDate: d.maybe(element.endDate),
    hasIncident: element.incidentKey !== undefined,
    incidentKey: d.maybe(element.incidentKey),
    tenantId: DEFAULT_TENANT,
  };
}

const ERROR_TYPES = new Set([
  'IO_MAPPING_ERROR', 'JOB_NO_RETRIES', 'EXECUTION_LISTENER_NO_RETRIES', 'TASK_LISTENER_NO_RETRIES',
  'AD_HOC_SUB_PROCESS_NO_RETRIES', 'CONDITION_ERROR', 'EXTRACT_VALUE_ERROR', 'CALLED_ELEMENT_ERROR',
  'UNHANDLED_ERROR_EVENT', 'MESSAGE_SIZE_EXCEEDED', 'CALLED_DECISION_ERROR', 'DECISION_EVALUATION_ERROR',
  'FORM_NOT_FOUND', 'RESOURCE_NOT_FOUND',
]);

export type IncidentResult = ReturnType<typeof incidentResult>;

export function incidentResult(incident: Incident, instance: ProcessInstance | undefined, root: string | undefined, d: ApiDialect) {
  return {
    incidentKey: incident.incidentKey,
    processInstanceKey: incident.processInstanceKey,
    rootProcessInstanceKey: d.since89(root),
    processDefinitionKey: instance?.processDefinitionKey,
    processDefinitionId: instance?.processDefinitionId,
    elementId: incident.elementId,
    elementInstanceKey: incident.elementInstanceKey,
    jobKey: d.maybe(incident.jobKey),
    errorType: ERROR_TYPES.has(incident.errorType) ? incident.errorType : 'UNKNOWN',
    errorMessage: incident.errorMessage,
    state: incident.state,
    creationTime: incident.creationTime,
    tenantId: DEFAULT_TENANT,
  };
}

export type VariableResult = ReturnType<typeof variableResult>;

/**
 * The embedded engine stores a variable by (scope, name) without a key of its own; the key
 * returned is a stable digest of both, good for sorting and paging but not for a lookup.
 */
export function variableResult(processInstanceKey: string, name: string, value: unknown, root: string | undefined, d: ApiDialect) {
  const digest = createHash('sha256').update(`${processInstanceKey}\u0000${name}`).digest();
  const variableKey = (digest.readBigUInt64BE(0) & 0x1fffffffffffffn).toString();
  return {
    variableKey,
    name,
    value: JSON.stringify(value ?? null),
    isTruncated: false,
    scopeKey: processInstanceKey,
    processInstanceKey,
    rootProcessInstanceKey: d.since89(root),
    tenantId: DEFAULT_TENANT,
  };
}

/** One page of a search, with the cursors of its first and last item (none on an empty page). */
export function searchResponse<T>(result: SearchResult<T>, d: ApiDialect) {
  return {
    items: result.items,
    page: {
      totalItems: result.page.totalItems,
      hasMoreTotalItems: result.page.hasMoreTotalItems,
      startCursor: d.maybe(result.page.startCursor),
      endCursor: d.maybe(result.page.endCursor),
    },
  };
}

/** A one-node, one-partition cluster: what the embedded engine is, in Zeebe's terms. */
export function topologyResult(host: string, port: number, d: ApiDialect) {
  return {
    brokers: [
      { nodeId: 0, host, port, partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }], version: d.gatewayVersion },
    ],
    // No cluster id is configured for the embedded engine.
    clusterId: d.since89(undefined),
    clusterSize: 1,
    partitionsCount: 1,
    replicationFactor: 1,
    gatewayVersion: d.gatewayVersion,
    lastCompletedChangeId: '-1',
  };
}
