import type { ElementType } from '../model/definition.js';

/** What an element instance opened while waiting, so that closing it touches only the tables concerned. */
export type WaitKind = 'job' | 'userTask' | 'timer' | 'message' | 'signal';

/** What must be redone when the incident blocking an element instance is resolved. */
export type RetryStep = 'activate' | 'enter' | 'complete' | 'taskListener';

/** A user task's assignment or completion waiting for its task listeners (see behaviors/task-listeners.ts). */
export interface TaskTransition {
  event: 'assigning' | 'completing';
  userTaskKey: number;
  /** The listener whose job the task waits for. */
  index: number;
  /** Assigning: the assignee asked for (the task keeps its own until the listeners accept). */
  assignee?: string | null;
  /** Completing: the variables the task completes with. */
  variables?: Record<string, unknown>;
  /** What the listeners corrected so far, applied when the transition is done. */
  corrections?: Record<string, unknown>;
}

/** The points of an element's lifecycle where execution listeners run. */
export type ListenerEvent = 'start' | 'end';

export interface ElementData {
  waits?: WaitKind[];
  /** The execution listener whose job the element waits for. */
  listener?: { event: ListenerEvent; index: number };
  taskTransition?: TaskTransition;
  /** The variables of the event that triggered an event sub-process, or started a process at a start event with output mappings, kept until its start listeners ran. */
  triggerVariables?: Record<string, unknown>;
  /** Process instances started at a message or timer start event: where the token starts once the start listeners ran. */
  startEventId?: string;
  /** Parallel/inclusive joins of this scope: gateway id → flow id → tokens waiting. */
  joins?: Record<string, Record<string, number>>;
  /** Multi-instance body progress. */
  mi?: { items: unknown[]; next: number; completed: number; terminated?: number };
  /** Inner instance of a multi-instance body. */
  inner?: boolean;
  retry?: RetryStep;
  /** Error thrown by this element that no boundary or event sub-process caught (resolution re-throws it). */
  error?: { code: string; message: string };
  /** Flow scopes: activities completed in it that can still be compensated (see behaviors/compensation.ts). */
  compensable?: CompensableActivity[];
  /** Compensation throw events: the handler instances they wait for. */
  compensating?: number[];
  /** Compensation handler instances: the key of the throw event that started them. */
  compensates?: number;
}

/**
 * A completed activity that can be compensated: one with a compensation boundary event, or a
 * sub-process (or multi-instance body) inside which such activities completed (`nested`).
 */
export interface CompensableActivity {
  elementId: string;
  key: number;
  nested: CompensableActivity[];
}

export interface ElementInstanceState {
  key: number;
  processInstanceKey: number;
  rootKey: number;
  scopeKey: number | null;
  elementId: string;
  elementName: string | null;
  elementType: ElementType;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  data: ElementData;
  loopCounter: number | null;
  incidentKey: number | null;
  startDate: Date;
  endDate: Date | null;
}

export interface ProcessInstanceState {
  key: number;
  rootKey: number;
  parentProcessInstanceKey: number | null;
  parentElementInstanceKey: number | null;
  processDefinitionKey: number;
  bpmnProcessId: string;
  version: number;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  startCorrelationKey: string | null;
  incidentCount: number;
  startDate: Date;
  endDate: Date | null;
}

/**
 * The running part of one call-activity tree, loaded under the root's row lock: active process
 * instances, active element instances and all variables. Changes are recorded and written in one flush.
 */
export class InstanceTree {
  readonly processInstances = new Map<number, ProcessInstanceState>();
  readonly elements = new Map<number, ElementInstanceState>();
  /** scope key → variable name → value. */
  readonly variables = new Map<number, Map<string, unknown>>();
  readonly changedProcessInstances = new Set<number>();
  readonly changedElements = new Set<number>();
  readonly changedVariables = new Map<number, Set<string>>();
  readonly droppedScopes = new Set<number>();
  private readonly children = new Map<number, Set<number>>();

  constructor(readonly rootKey: number) {}

  addProcessInstance(instance: ProcessInstanceState, isNew: boolean): void {
    this.processInstances.set(instance.key, instance);
    if (isNew) this.changedProcessInstances.add(instance.key);
  }

  touchProcessInstance(instance: ProcessInstanceState): void {
    this.changedProcessInstances.add(instance.key);
  }

  addElement(element: ElementInstanceState, isNew: boolean): void {
    this.elements.set(element.key, element);
    if (element.scopeKey !== null && element.state === 'ACTIVE') {
      let set = this.children.get(element.scopeKey);
      if (!set) this.children.set(element.scopeKey, (set = new Set()));
      set.add(element.key);
    }
    if (isNew) this.changedElements.add(element.key);
  }

  touch(element: ElementInstanceState): void {
    this.changedElements.add(element.key);
  }

  /** Marks an element instance ended and forgets it as a child of its scope. */
  end(element: ElementInstanceState, state: 'COMPLETED' | 'TERMINATED', at: Date): void {
    element.state = state;
    element.endDate = at;
    if (element.scopeKey !== null) this.children.get(element.scopeKey)?.delete(element.key);
    this.changedElements.add(element.key);
  }

  activeChildren(scopeKey: number): ElementInstanceState[] {
    return [...(this.children.get(scopeKey) ?? [])].map((k) => this.elements.get(k)!);
  }

  getVariable(scopeKey: number, name: string): unknown {
    return this.variables.get(scopeKey)?.get(name);
  }

  hasVariable(scopeKey: number, name: string): boolean {
    return this.variables.get(scopeKey)?.has(name) ?? false;
  }

  setVariable(scopeKey: number, name: string, value: unknown): void {
    let scope = this.variables.get(scopeKey);
    if (!scope) this.variables.set(scopeKey, (scope = new Map<string, unknown>()));
    scope.set(name, value === undefined ? null : value);
    let changed = this.changedVariables.get(scopeKey);
    if (!changed) this.changedVariables.set(scopeKey, (changed = new Set()));
    changed.add(name);
  }

  /** Local variables of an ended scope are removed (the process scope keeps its variables as history). */
  dropScope(scopeKey: number): void {
    if (!this.variables.has(scopeKey)) return;
    this.variables.delete(scopeKey);
    this.changedVariables.delete(scopeKey);
    this.droppedScopes.add(scopeKey);
  }
}
