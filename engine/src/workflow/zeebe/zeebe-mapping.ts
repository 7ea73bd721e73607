import type { Camunda8 } from '@camunda8/sdk';
import type {
  ActivatedJob,
  ElementInstance,
  Incident,
  ListenerUserTask,
  ProcessInstance,
  UserTask,
  UserTaskState,
} from '../workflow-engine.port.js';

/** The SDK's Orchestration Cluster API client; its keys are branded strings, plain strings in the port. */
export type ClusterClient = ReturnType<Camunda8['getOrchestrationClusterApiClient']>;

type ResultOf<M extends keyof ClusterClient> = ClusterClient[M] extends (...args: never[]) => PromiseLike<infer R>
  ? R
  : never;
type ItemOf<M extends keyof ClusterClient> = ResultOf<M> extends { items?: Array<infer I> } ? I : never;

export type ClusterJob = ResultOf<'activateJobs'>['jobs'][number];
export type ClusterProcessInstance = ResultOf<'getProcessInstance'>;
export type ClusterUserTask = ResultOf<'getUserTask'>;
export type ClusterElementInstance = ItemOf<'searchElementInstances'>;
export type ClusterIncident = ItemOf<'searchIncidents'>;

/** Custom headers are strings in BPMN; the REST API types them loosely. */
function stringRecord(value: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(value ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
}

function toListenerUserTask(task: NonNullable<ClusterJob['userTask']>): ListenerUserTask {
  return {
    userTaskKey: String(task.userTaskKey ?? ''),
    action: task.action ?? '',
    ...(task.assignee ? { assignee: task.assignee } : {}),
    candidateGroups: task.candidateGroups ?? [],
    candidateUsers: task.candidateUsers ?? [],
    ...(task.dueDate ? { dueDate: task.dueDate } : {}),
    ...(task.followUpDate ? { followUpDate: task.followUpDate } : {}),
    ...(task.formKey ? { formKey: String(task.formKey) } : {}),
    changedAttributes: task.changedAttributes ?? [],
  };
}

export function toActivatedJob(job: ClusterJob): ActivatedJob {
  return {
    jobKey: job.jobKey,
    type: job.type,
    kind: job.kind,
    listenerEventType: job.listenerEventType,
    ...(job.userTask ? { userTask: toListenerUserTask(job.userTask) } : {}),
    processInstanceKey: job.processInstanceKey,
    processDefinitionId: job.processDefinitionId,
    processDefinitionVersion: job.processDefinitionVersion,
    processDefinitionKey: job.processDefinitionKey,
    elementId: job.elementId,
    elementInstanceKey: job.elementInstanceKey,
    customHeaders: stringRecord(job.customHeaders),
    worker: job.worker,
    retries: job.retries,
    deadline: Number(job.deadline),
    variables: { ...job.variables },
  };
}

export function toProcessInstance(instance: ClusterProcessInstance): ProcessInstance {
  return {
    processInstanceKey: instance.processInstanceKey,
    processDefinitionKey: instance.processDefinitionKey,
    processDefinitionId: instance.processDefinitionId,
    processDefinitionVersion: instance.processDefinitionVersion,
    state: instance.state,
    startDate: instance.startDate,
    ...(instance.endDate ? { endDate: instance.endDate } : {}),
    ...(instance.parentProcessInstanceKey ? { parentProcessInstanceKey: instance.parentProcessInstanceKey } : {}),
    hasIncident: instance.hasIncident,
  };
}

/** Zeebe's transitional states the port names pass through; the others (CREATING, UPDATING) still mean an open task. */
function toUserTaskState(state: ClusterUserTask['state']): UserTaskState {
  switch (state) {
    case 'COMPLETED':
    case 'ASSIGNING':
    case 'COMPLETING':
      return state;
    case 'CANCELING':
    case 'CANCELED':
      return 'CANCELED';
    default:
      return 'CREATED';
  }
}

export function toUserTask(task: ClusterUserTask): UserTask {
  const formKey = task.formKey ?? task.externalFormReference;
  return {
    userTaskKey: task.userTaskKey,
    processInstanceKey: task.processInstanceKey ?? '',
    processDefinitionId: task.processDefinitionId ?? '',
    processDefinitionKey: task.processDefinitionKey ?? '',
    elementId: task.elementId ?? '',
    elementInstanceKey: task.elementInstanceKey ?? '',
    ...(task.name ? { name: task.name } : {}),
    state: toUserTaskState(task.state),
    ...(task.assignee ? { assignee: task.assignee } : {}),
    candidateGroups: task.candidateGroups ?? [],
    candidateUsers: task.candidateUsers ?? [],
    ...(task.dueDate ? { dueDate: task.dueDate } : {}),
    ...(task.followUpDate ? { followUpDate: task.followUpDate } : {}),
    ...(formKey ? { formKey } : {}),
    customHeaders: stringRecord(task.customHeaders),
    creationDate: task.creationDate ?? '',
    ...(task.completionDate ? { completionDate: task.completionDate } : {}),
  };
}

export function toElementInstance(element: ClusterElementInstance): ElementInstance {
  return {
    elementInstanceKey: element.elementInstanceKey,
    processInstanceKey: element.processInstanceKey,
    elementId: element.elementId,
    ...(element.elementName ? { elementName: element.elementName } : {}),
    type: element.type,
    state: element.state,
    startDate: element.startDate,
    ...(element.endDate ? { endDate: element.endDate } : {}),
    ...(element.incidentKey ? { incidentKey: element.incidentKey } : {}),
  };
}

export function toIncident(incident: ClusterIncident): Incident {
  return {
    incidentKey: incident.incidentKey ?? '',
    processInstanceKey: incident.processInstanceKey ?? '',
    elementId: incident.elementId ?? '',
    elementInstanceKey: incident.elementInstanceKey ?? '',
    ...(incident.jobKey ? { jobKey: incident.jobKey } : {}),
    errorType: incident.errorType ?? 'UNKNOWN',
    errorMessage: incident.errorMessage ?? '',
    // A migrated incident belongs to another definition now: it is no longer open here.
    state: incident.state === 'RESOLVED' || incident.state === 'MIGRATED' ? 'RESOLVED' : 'ACTIVE',
    creationTime: incident.creationTime ?? '',
  };
}
