/**
 * The compiled form of one executable BPMN process: what the interpreter runs. It is plain JSON so that
 * it is stored with the process definition and never re-parsed from XML on the hot path.
 * Element type names follow Zeebe's BpmnElementType.
 */
export type ElementType =
  | 'PROCESS'
  | 'SUB_PROCESS'
  | 'EVENT_SUB_PROCESS'
  | 'START_EVENT'
  | 'END_EVENT'
  | 'INTERMEDIATE_CATCH_EVENT'
  | 'INTERMEDIATE_THROW_EVENT'
  | 'BOUNDARY_EVENT'
  | 'SERVICE_TASK'
  | 'SEND_TASK'
  | 'SCRIPT_TASK'
  | 'BUSINESS_RULE_TASK'
  | 'USER_TASK'
  | 'RECEIVE_TASK'
  | 'MANUAL_TASK'
  | 'TASK'
  | 'EXCLUSIVE_GATEWAY'
  | 'PARALLEL_GATEWAY'
  | 'INCLUSIVE_GATEWAY'
  | 'EVENT_BASED_GATEWAY'
  | 'CALL_ACTIVITY'
  | 'MULTI_INSTANCE_BODY';

/** A FEEL expression ("=…") or a static value, kept as written. */
export type Expression = string;

export interface Mapping {
  source: Expression;
  target: string;
}

export interface TimerDef {
  kind: 'duration' | 'date' | 'cycle';
  expression: Expression;
}

export type EventDef =
  | { kind: 'none' }
  | { kind: 'terminate' }
  | { kind: 'timer'; timer: TimerDef }
  | { kind: 'message'; messageName: Expression; correlationKey?: Expression }
  /** errorCode undefined on a catch event = catch every error; on an end event it may be an expression. */
  | { kind: 'error'; errorCode?: string }
  | { kind: 'link'; linkName: string }
  /** A compensation throw event compensates its scope, or only `activityRef` when given. */
  | { kind: 'compensation'; activityRef?: string }
  /** escalationCode undefined on a catch event = catch every escalation; on a throw event it may be an expression. */
  | { kind: 'escalation'; escalationCode?: string };

export interface JobDef {
  type: Expression;
  retries: Expression;
  headers: Record<string, string>;
}

export interface UserTaskDef {
  assignee?: Expression;
  candidateGroups?: Expression;
  candidateUsers?: Expression;
  dueDate?: Expression;
  followUpDate?: Expression;
  formKey?: string;
  headers: Record<string, string>;
}

export interface MultiInstanceDef {
  sequential: boolean;
  inputCollection: Expression;
  inputElement?: string;
  outputCollection?: string;
  outputElement?: Expression;
  completionCondition?: Expression;
}

export interface CalledElementDef {
  processId: Expression;
  /** Which version is called (Camunda 8.6+): the latest (default), the caller's deployment, or a version tag. */
  bindingType?: 'latest' | 'deployment' | 'versionTag';
  versionTag?: string;
  propagateAllChildVariables: boolean;
  propagateAllParentVariables: boolean;
}

/** A business rule task's zeebe:calledDecision: evaluated by the engine, no job. */
export interface CalledDecisionDef {
  decisionId: Expression;
  resultVariable: string;
  /** Which version is evaluated: the latest (default), the caller's deployment, or a version tag. */
  bindingType: 'latest' | 'deployment' | 'versionTag';
  versionTag?: string;
}

export interface ElementDef {
  id: string;
  name?: string;
  type: ElementType;
  /** Id of the enclosing process / sub-process / event sub-process. Null for the process itself. */
  scopeId: string | null;
  incoming: string[];
  outgoing: string[];
  defaultFlow?: string;
  inputs: Mapping[];
  outputs: Mapping[];
  event?: EventDef;
  job?: JobDef;
  userTask?: UserTaskDef;
  script?: { expression: Expression; resultVariable?: string };
  calledElement?: CalledElementDef;
  calledDecision?: CalledDecisionDef;
  multiInstance?: MultiInstanceDef;
  /** Boundary events: the activity they are attached to and whether they interrupt it. */
  attachedTo?: string;
  interrupting?: boolean;
  boundaryEvents: string[];
  /** Activities with a compensation boundary event: the event and the handler associated with it. */
  compensation?: { boundaryEvent: string; handler: string };
  /** A compensation handler (isForCompensation): started only by a compensation throw event. */
  isForCompensation?: boolean;
  /** Containers (process, sub-processes): their none start event and event sub-processes. */
  noneStartEvent?: string;
  eventSubProcesses: string[];
  /** Event sub-process: its (single) start event. */
  startEvent?: string;
  /** Inclusive gateway join: elements of the same scope from which a token can still reach it. */
  upstream?: string[];
}

export interface FlowDef {
  id: string;
  source: string;
  target: string;
  condition?: Expression;
}

export interface ProcessDefinitionModel {
  id: string;
  name?: string;
  /** zeebe:versionTag of the process, for call activities bound by version tag. */
  versionTag?: string;
  elements: Record<string, ElementDef>;
  flows: Record<string, FlowDef>;
  /** Top-level start events triggered by messages or timers (not by createProcessInstance). */
  messageStartEvents: { elementId: string; messageName: string }[];
  timerStartEvents: { elementId: string; timer: TimerDef }[];
  /** Link catch events by link name, per scope id. */
  links: Record<string, string>;
}
