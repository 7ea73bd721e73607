import { createHash } from 'node:crypto';
import type {
  ActivatedJob,
  Deployment,
  ElementInstance,
  Incident,
  ProcessInstance,
  UserTask,
} from '../workflow-engine.port.js';

/**
 * Port records as the Camunda 8 REST API v2 (8.8) returns them. The embedded engine is
 * single-tenant: every record belongs to Zeebe's default tenant.
 */
export const DEFAULT_TENANT = '<default>';

export function deploymentResult(deployment: Deployment) {
  return {
    deploymentKey: deployment.deploymentKey,
    tenantId: DEFAULT_TENANT,
    deployments: deployment.processes.map((p) => ({
      processDefinition: {
        processDefinitionId: p.processDefinitionId,
        processDefinitionVersion: p.processDefinitionVersion,
        resourceName: p.resourceName,
        tenantId: DEFAULT_TENANT,
        processDefinitionKey: p.processDefinitionKey,
      },
    })),
  };
}

export function activatedJobResult(job: ActivatedJob) {
  return {
    jobKey: job.jobKey,
    type: job.type,
    processInstanceKey: job.processInstanceKey,
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
  };
}

export type ProcessInstanceResult = ReturnType<typeof processInstanceResult>;

export function processInstanceResult(instance: ProcessInstance) {
  return {
    processInstanceKey: instance.processInstanceKey,
    processDefinitionKey: instance.processDefinitionKey,
    processDefinitionId: instance.processDefinitionId,
    // The port carries no process name; Operate shows the id for unnamed processes too.
    processDefinitionName: instance.processDefinitionId,
    processDefinitionVersion: instance.processDefinitionVersion,
    state: instance.state,
    startDate: instance.startDate,
    ...(instance.endDate ? { endDate: instance.endDate } : {}),
    hasIncident: instance.hasIncident,
    tenantId: DEFAULT_TENANT,
    ...(instance.parentProcessInstanceKey ? { parentProcessInstanceKey: instance.parentProcessInstanceKey } : {}),
  };
}

export type UserTaskResult = ReturnType<typeof userTaskResult>;

export function userTaskResult(task: UserTask) {
  return {
    userTaskKey: task.userTaskKey,
    ...(task.name ? { name: task.name } : {}),
    state: task.state,
    ...(task.assignee ? { assignee: task.assignee } : {}),
    elementId: task.elementId,
    elementInstanceKey: task.elementInstanceKey,
    candidateGroups: task.candidateGroups,
    candidateUsers: task.candidateUsers,
    processDefinitionId: task.processDefinitionId,
    processDefinitionKey: task.processDefinitionKey,
    processInstanceKey: task.processInstanceKey,
    creationDate: task.creationDate,
    ...(task.completionDate ? { completionDate: task.completionDate } : {}),
    ...(task.dueDate ? { dueDate: task.dueDate } : {}),
    ...(task.followUpDate ? { followUpDate: task.followUpDate } : {}),
    tenantId: DEFAULT_TENANT,
    customHeaders: task.customHeaders,
    // A linked Camunda form has a numeric key; anything else is an external form reference.
    ...(task.formKey && /^\d+$/.test(task.formKey) ? { formKey: task.formKey } : {}),
    ...(task.formKey && !/^\d+$/.test(task.formKey) ? { externalFormReference: task.formKey } : {}),
  };
}

const ELEMENT_TYPES = new Set([
  'PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS', 'AD_HOC_SUB_PROCESS', 'START_EVENT', 'INTERMEDIATE_CATCH_EVENT',
  'INTERMEDIATE_THROW_EVENT', 'BOUNDARY_EVENT', 'END_EVENT', 'SERVICE_TASK', 'RECEIVE_TASK', 'USER_TASK', 'MANUAL_TASK',
  'TASK', 'EXCLUSIVE_GATEWAY', 'INCLUSIVE_GATEWAY', 'PARALLEL_GATEWAY', 'EVENT_BASED_GATEWAY', 'SEQUENCE_FLOW',
  'MULTI_INSTANCE_BODY', 'CALL_ACTIVITY', 'BUSINESS_RULE_TASK', 'SCRIPT_TASK', 'SEND_TASK',
]);

export type ElementInstanceResult = ReturnType<typeof elementInstanceResult>;

export function elementInstanceResult(element: ElementInstance, instance: ProcessInstance) {
  return {
    elementInstanceKey: element.elementInstanceKey,
    processInstanceKey: element.processInstanceKey,
    processDefinitionKey: instance.processDefinitionKey,
    processDefinitionId: instance.processDefinitionId,
    elementId: element.elementId,
    elementName: element.elementName ?? element.elementId,
    type: ELEMENT_TYPES.has(element.type) ? element.type : 'UNKNOWN',
    state: element.state,
    startDate: element.startDate,
    ...(element.endDate ? { endDate: element.endDate } : {}),
    hasIncident: element.incidentKey !== undefined,
    ...(element.incidentKey ? { incidentKey: element.incidentKey } : {}),
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

export function incidentResult(incident: Incident, instance: ProcessInstance | undefined) {
  return {
    incidentKey: incident.incidentKey,
    processInstanceKey: incident.processInstanceKey,
    ...(instance
      ? { processDefinitionKey: instance.processDefinitionKey, processDefinitionId: instance.processDefinitionId }
      : {}),
    elementId: incident.elementId,
    elementInstanceKey: incident.elementInstanceKey,
    ...(incident.jobKey ? { jobKey: incident.jobKey } : {}),
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
export function variableResult(processInstanceKey: string, name: string, value: unknown) {
  const digest = createHash('sha256').update(`${processInstanceKey}\u0000${name}`).digest();
  const variableKey = (digest.readBigUInt64BE(0) & 0x1fffffffffffffn).toString();
  return {
    variableKey,
    name,
    value: JSON.stringify(value ?? null),
    isTruncated: false,
    scopeKey: processInstanceKey,
    processInstanceKey,
    tenantId: DEFAULT_TENANT,
  };
}

/** A one-node, one-partition cluster: what the embedded engine is, in Zeebe's terms. */
export function topologyResult(host: string, port: number) {
  return {
    brokers: [
      { nodeId: 0, host, port, partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }], version: GATEWAY_VERSION },
    ],
    clusterSize: 1,
    partitionsCount: 1,
    replicationFactor: 1,
    gatewayVersion: GATEWAY_VERSION,
    lastCompletedChangeId: '-1',
  };
}

/** The API version whose subset this server implements. */
export const GATEWAY_VERSION = '8.8.0';
