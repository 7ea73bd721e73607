import type { Transaction } from '../database/database.js';

/**
 * The one workflow interface the platform uses. Two adapters implement it: the embedded engine
 * (in-process, state in PostgreSQL/PGlite) and Zeebe (Camunda 8 via @camunda8/sdk). Names and
 * shapes follow the Camunda 8 REST API v2 so that both read the same; keys are strings (int64 on Zeebe).
 */
export type Variables = Record<string, unknown>;

export interface DeployResource {
  /** File name, e.g. "birth-registration.bpmn" or "fees.dmn". */
  name: string;
  content: string | Buffer;
}

export interface DeployedProcess {
  processDefinitionKey: string;
  processDefinitionId: string; // the BPMN process id
  processDefinitionVersion: number;
  resourceName: string;
}

/** A decision of a deployed DMN resource (Camunda's deployed decision definition). */
export interface DeployedDecision {
  decisionDefinitionKey: string;
  decisionDefinitionId: string;
  name: string;
  version: number;
  decisionRequirementsId: string;
  decisionRequirementsKey: string;
}

/** A deployed DMN resource: its decision requirements graph. */
export interface DeployedDecisionRequirements {
  decisionRequirementsKey: string;
  decisionRequirementsId: string;
  decisionRequirementsName: string;
  version: number;
  resourceName: string;
}

export interface Deployment {
  deploymentKey: string;
  processes: DeployedProcess[];
  decisions: DeployedDecision[];
  decisionRequirements: DeployedDecisionRequirements[];
}

/** Which decision to evaluate (the latest version of an id, or one definition by key) and with what. */
export interface EvaluateDecisionRequest {
  decisionDefinitionId?: string;
  decisionDefinitionKey?: string;
  variables?: Variables;
}

/** One decision evaluated on the way (required decisions first), values as JSON. */
export interface EvaluatedDecision {
  decisionDefinitionKey: string;
  decisionDefinitionId: string;
  decisionDefinitionName: string;
  decisionDefinitionVersion: number;
  decisionDefinitionType: 'DECISION_TABLE' | 'LITERAL_EXPRESSION';
  output: unknown;
  evaluatedInputs: { inputId: string; inputName: string; inputValue: unknown }[];
  matchedRules: { ruleId: string; ruleIndex: number; evaluatedOutputs: { outputId: string; outputName: string; outputValue: unknown }[] }[];
}

/** Camunda's EvaluateDecisionResult: a failed evaluation names the failed decision and why. */
export interface DecisionEvaluation {
  /** Key of this evaluation; each evaluated decision is `<key>-<n>` (Zeebe's decision evaluation instance keys). */
  decisionEvaluationKey: string;
  decisionDefinitionKey: string;
  decisionDefinitionId: string;
  decisionDefinitionName: string;
  decisionDefinitionVersion: number;
  decisionRequirementsId: string;
  decisionRequirementsKey: string;
  output: unknown;
  failedDecisionDefinitionId?: string;
  failureMessage?: string;
  evaluatedDecisions: EvaluatedDecision[];
}

export interface CreateInstanceRequest {
  processDefinitionId: string;
  /** Latest version when omitted. */
  processDefinitionVersion?: number;
  variables?: Variables;
}

/** One line of a migration plan: where a token in the source element goes in the target definition. */
export interface MappingInstruction {
  sourceElementId: string;
  targetElementId: string;
}

export interface MigrateInstanceRequest {
  processInstanceKey: string;
  targetProcessDefinitionKey: string;
  mappingInstructions: MappingInstruction[];
}

export interface ProcessInstanceRef {
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processDefinitionVersion: number;
}

export type ProcessInstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

export interface ProcessInstance extends ProcessInstanceRef {
  state: ProcessInstanceState;
  startDate: string;
  endDate?: string;
  parentProcessInstanceKey?: string;
  hasIncident: boolean;
}

export interface ElementInstance {
  elementInstanceKey: string;
  processInstanceKey: string;
  elementId: string;
  elementName?: string;
  type: string; // BPMN element type, e.g. "USER_TASK", "SERVICE_TASK", "EXCLUSIVE_GATEWAY"
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  startDate: string;
  endDate?: string;
  incidentKey?: string;
}

export interface PublishMessageRequest {
  name: string;
  correlationKey?: string;
  variables?: Variables;
  /** How long an uncorrelated message waits for a subscription. 0 = only current subscriptions. */
  timeToLive?: number;
  /** Duplicate messages with the same id within their TTL are rejected. */
  messageId?: string;
}

/** A message that must reach a waiting subscription now (Camunda's "correlate message"); never buffered. */
export interface CorrelateMessageRequest {
  name: string;
  correlationKey?: string;
  variables?: Variables;
  /** The embedded engine has only Zeebe's default tenant, '<default>'. */
  tenantId?: string;
}

export interface MessageCorrelation {
  messageKey: string;
  /** The first process instance the message correlated with (started, for a message start event). */
  processInstanceKey: string;
  tenantId: string;
}

/** A signal for every subscription open now (Zeebe's broadcast signal); never buffered. */
export interface BroadcastSignalRequest {
  signalName: string;
  /** Given to the instances a signal start event starts and to the catch events it triggers. */
  variables?: Variables;
  /** The embedded engine has only Zeebe's default tenant, '<default>'. */
  tenantId?: string;
}

export interface SignalBroadcast {
  signalKey: string;
  tenantId: string;
}

export interface ActivateJobsRequest {
  type: string;
  worker: string;
  maxJobsToActivate: number;
  /** Milliseconds before an uncompleted job is handed to another worker. */
  timeout: number;
  fetchVariable?: string[];
}

/** Zeebe's JobKind: the element's own job, or a job of one of its listeners (AD_HOC_SUB_PROCESS: from a cluster only). */
export type JobKind = 'BPMN_ELEMENT' | 'EXECUTION_LISTENER' | 'TASK_LISTENER' | 'AD_HOC_SUB_PROCESS';
/** Zeebe's JobListenerEventType (UNSPECIFIED for BPMN_ELEMENT jobs). */
export type JobListenerEventType =
  | 'UNSPECIFIED'
  | 'START'
  | 'END'
  | 'CREATING'
  | 'ASSIGNING'
  | 'UPDATING'
  | 'COMPLETING'
  | 'CANCELING';

/** The user task a task listener job is about, as the transition would leave it (Zeebe's UserTaskProperties). */
export interface ListenerUserTask {
  userTaskKey: string;
  /** 'assign' or 'complete': the command the listener is asked about. */
  action: string;
  assignee?: string;
  candidateGroups: string[];
  candidateUsers: string[];
  dueDate?: string;
  followUpDate?: string;
  formKey?: string;
  /** The properties the transition changes (`assignee` when assigning). */
  changedAttributes: string[];
}

export interface ActivatedJob {
  jobKey: string;
  type: string;
  kind: JobKind;
  listenerEventType: JobListenerEventType;
  /** Task listener jobs only. */
  userTask?: ListenerUserTask;
  processInstanceKey: string;
  processDefinitionId: string;
  processDefinitionVersion: number;
  processDefinitionKey: string;
  elementId: string;
  elementInstanceKey: string;
  customHeaders: Record<string, string>;
  worker: string;
  retries: number;
  deadline: number;
  variables: Variables;
}

/** What a user task listener may correct (Zeebe's correctable properties). */
export interface TaskListenerCorrections {
  assignee?: string | null;
  dueDate?: string | null;
  followUpDate?: string | null;
  candidateUsers?: string[] | null;
  candidateGroups?: string[] | null;
  priority?: number | null;
}

/** The result a task listener job completes with: deny the transition, or correct the task. */
export interface JobResult {
  denied?: boolean;
  deniedReason?: string;
  corrections?: TaskListenerCorrections;
}

export interface FailJobRequest {
  retries: number;
  errorMessage?: string;
  /** Milliseconds before the job can be activated again. */
  retryBackOff?: number;
  variables?: Variables;
}

export interface ThrowErrorRequest {
  errorCode: string;
  errorMessage?: string;
  variables?: Variables;
}

export interface Incident {
  incidentKey: string;
  processInstanceKey: string;
  elementId: string;
  elementInstanceKey: string;
  jobKey?: string;
  errorType: string; // e.g. "JOB_NO_RETRIES", "UNHANDLED_ERROR_EVENT", "EXTRACT_VALUE_ERROR"
  errorMessage: string;
  state: 'ACTIVE' | 'RESOLVED';
  creationTime: string;
}

/** ASSIGNING and COMPLETING: the transition waits for the task listeners of that event. */
export type UserTaskState = 'CREATED' | 'ASSIGNING' | 'COMPLETING' | 'COMPLETED' | 'CANCELED';

export interface UserTask {
  userTaskKey: string;
  processInstanceKey: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  elementId: string;
  elementInstanceKey: string;
  name?: string;
  state: UserTaskState;
  assignee?: string;
  candidateGroups: string[];
  candidateUsers: string[];
  dueDate?: string;
  followUpDate?: string;
  formKey?: string;
  customHeaders: Record<string, string>;
  creationDate: string;
  completionDate?: string;
}

export interface UserTaskFilter {
  state?: UserTaskState;
  assignee?: string;
  candidateGroups?: string[];
  candidateUser?: string;
  processInstanceKey?: string;
  elementId?: string;
}

export interface ProcessInstanceFilter {
  processDefinitionId?: string;
  state?: ProcessInstanceState;
  processInstanceKeys?: string[];
  /** Instances whose root scope holds each of these variables with exactly this (JSON) value. */
  variables?: { name: string; value: unknown }[];
}

/**
 * Commands of an engine whose state lives in the platform's own database (the embedded engine),
 * run inside the caller's transaction: the instances and the caller's rows commit or roll back together.
 */
export interface TransactionalCommands {
  createProcessInstance(request: CreateInstanceRequest): Promise<ProcessInstanceRef>;
  migrateProcessInstance(request: MigrateInstanceRequest): Promise<void>;
  completeUserTask(userTaskKey: string, variables?: Variables): Promise<void>;
}

/** What joining a transaction gives: the commands, and the wake-ups to send once the caller committed. */
export interface JoinedTransaction {
  commands: TransactionalCommands;
  /** Delivers broadcast signals and wakes job workers; call it after the transaction committed. */
  afterCommit: () => Promise<void>;
}

/** What a job handler decides; the worker turns it into complete / fail / throwError. */
export type JobOutcome =
  | { kind: 'complete'; variables?: Variables }
  | { kind: 'fail'; errorMessage: string; retries?: number; retryBackOff?: number }
  | { kind: 'error'; errorCode: string; errorMessage?: string; variables?: Variables };

export type JobHandler = (job: ActivatedJob) => Promise<JobOutcome>;

export interface JobWorkerOptions {
  type: string;
  handler: JobHandler;
  worker?: string;
  /** Job lock time in ms. */
  timeout?: number;
  maxJobsToActivate?: number;
  fetchVariable?: string[];
  /** Runs once the job's outcome reached the engine, which may have moved the instance on (new user tasks). */
  afterOutcome?: (job: ActivatedJob) => Promise<void>;
}

export interface JobWorker {
  close(): Promise<void>;
}

export interface WorkflowEngine {
  readonly kind: 'embedded' | 'zeebe';

  /** BPMN (.bpmn) and DMN (.dmn) resources, in one deployment. */
  deploy(resources: DeployResource[]): Promise<Deployment>;
  /** Evaluates a deployed decision outside any process (Camunda's "evaluate decision"). */
  evaluateDecision(request: EvaluateDecisionRequest): Promise<DecisionEvaluation>;
  createProcessInstance(request: CreateInstanceRequest): Promise<ProcessInstanceRef>;
  cancelProcessInstance(processInstanceKey: string): Promise<void>;
  /** Moves a running instance to another deployed definition; refused (INVALID_STATE) where it is not safe. */
  migrateProcessInstance(request: MigrateInstanceRequest): Promise<void>;
  /** Embedded engine only: commands that join the caller's database transaction; Zeebe is another system no transaction spans. */
  joinTransaction?(tx: Transaction): JoinedTransaction;
  publishMessage(request: PublishMessageRequest): Promise<{ messageKey: string }>;
  /** Publishes without buffering and reports where the message went; NOT_FOUND when no subscription waits for it. */
  correlateMessage(request: CorrelateMessageRequest): Promise<MessageCorrelation>;
  /** Triggers every signal subscription open now: start events start instances, waiting catch events are triggered. */
  broadcastSignal(request: BroadcastSignalRequest): Promise<SignalBroadcast>;

  activateJobs(request: ActivateJobsRequest): Promise<ActivatedJob[]>;
  /** `result`: task listener jobs only (denial, corrections). */
  completeJob(jobKey: string, variables?: Variables, result?: JobResult): Promise<void>;
  failJob(jobKey: string, request: FailJobRequest): Promise<void>;
  throwJobError(jobKey: string, request: ThrowErrorRequest): Promise<void>;
  updateJobRetries(jobKey: string, retries: number): Promise<void>;
  createJobWorker(options: JobWorkerOptions): JobWorker;

  searchIncidents(filter: { processInstanceKey?: string; state?: Incident['state'] }): Promise<Incident[]>;
  resolveIncident(incidentKey: string): Promise<void>;

  searchUserTasks(filter: UserTaskFilter): Promise<UserTask[]>;
  getUserTask(userTaskKey: string): Promise<UserTask>;
  /** Claim (assignee set) or unclaim (null). `allowOverride` false refuses a task already held by someone else. */
  assignUserTask(userTaskKey: string, assignee: string | null, allowOverride?: boolean): Promise<void>;
  completeUserTask(userTaskKey: string, variables?: Variables): Promise<void>;

  getProcessInstance(processInstanceKey: string): Promise<ProcessInstance>;
  searchProcessInstances(filter: ProcessInstanceFilter): Promise<ProcessInstance[]>;
  getElementInstances(processInstanceKey: string): Promise<ElementInstance[]>;
  getVariables(processInstanceKey: string): Promise<Variables>;

  close(): Promise<void>;
}

/** Errors every adapter raises, so callers (and the HTTP layer) can answer precisely. */
export class WorkflowError extends Error {
  constructor(
    readonly code:
      | 'NOT_FOUND'
      | 'INVALID_STATE'
      | 'INVALID_ARGUMENT'
      | 'UNSUPPORTED_ELEMENT'
      | 'INVALID_MODEL'
      | 'ALREADY_EXISTS',
    message: string,
  ) {
    super(message);
    this.name = 'WorkflowError';
  }
}

export const WORKFLOW_ENGINE = Symbol('WORKFLOW_ENGINE');
