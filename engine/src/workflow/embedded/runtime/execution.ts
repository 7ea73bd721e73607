import { and, asc, eq, gt, notExists, sql } from 'drizzle-orm';
import type { Transaction } from '../../../database/database.js';
import type { Variables } from '../../workflow-engine.port.js';
import type { ElementDef, ElementType, ProcessDefinitionModel } from '../model/definition.js';
import { wfMessageCorrelations, wfMessages } from '../workflow.schema.js';
import type { DefinitionCache, LoadedDefinition } from './definitions.js';
import { Effects, type NewSubscription } from './effects.js';
import {
  ExpressionError,
  assignTarget,
  evaluateBoolean,
  evaluateExpression,
  evaluateString,
  evaluateStringList,
} from './feel.js';
import type { KeyAllocator } from './keys.js';
import type { ElementInstanceState, InstanceTree, ProcessInstanceState, RetryStep, WaitKind } from './state.js';
import { scheduleTimer } from './timer-spec.js';

export interface ExecutionContext {
  keys: KeyAllocator;
  definitions: DefinitionCache;
}

const containers = new Set<ElementType>(['PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS']);

/** An incident the interpreter raised while advancing: the step stops there, the rest of the command goes on. */
class StepIncident extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Advances the tokens of one instance tree for one command, synchronously with respect to the
 * database transaction: every token runs until it waits (job, user task, timer, message) or ends.
 * Only memory is changed here; the caller flushes tree and effects in the same transaction.
 */
export class Execution {
  readonly effects = new Effects();
  /** Message subscriptions opened by this command: buffered messages may correlate to them at once. */
  private readonly openedSubscriptions: NewSubscription[] = [];

  constructor(
    private readonly tx: Transaction,
    readonly tree: InstanceTree,
    private readonly context: ExecutionContext,
    readonly now: Date,
  ) {}

  // ---------------------------------------------------------------- lookups

  processInstance(element: ElementInstanceState): ProcessInstanceState {
    return this.tree.processInstances.get(element.processInstanceKey)!;
  }

  definitionOf(instance: ProcessInstanceState): LoadedDefinition {
    return this.context.definitions.cached(instance.processDefinitionKey);
  }

  model(element: ElementInstanceState): ProcessDefinitionModel {
    return this.definitionOf(this.processInstance(element)).model;
  }

  def(element: ElementInstanceState): ElementDef {
    return this.model(element).elements[element.elementId]!;
  }

  private scopeOf(element: ElementInstanceState): ElementInstanceState | undefined {
    return element.scopeKey === null ? undefined : this.tree.elements.get(element.scopeKey);
  }

  /** The variables an element sees: its own scope over its ancestors', up to the process instance. */
  visibleVariables(element: ElementInstanceState): Variables {
    const chain: number[] = [];
    for (let e: ElementInstanceState | undefined = element; e; e = this.scopeOf(e)) chain.push(e.key);
    const result: Variables = {};
    for (const key of chain.reverse()) {
      for (const [name, value] of this.tree.variables.get(key) ?? []) result[name] = value;
    }
    return result;
  }

  private setLocal(element: ElementInstanceState, name: string, value: unknown): void {
    this.tree.setVariable(element.key, name, value);
  }

  /** Zeebe's propagation: a variable is set in the nearest scope that has it, else in the process instance scope. */
  propagate(from: ElementInstanceState, variables: Variables): void {
    for (const [name, value] of Object.entries(variables)) {
      let target = from.processInstanceKey;
      for (let e: ElementInstanceState | undefined = from; e; e = this.scopeOf(e)) {
        if (this.tree.hasVariable(e.key, name)) {
          target = e.key;
          break;
        }
      }
      this.tree.setVariable(target, name, value);
    }
  }

  // ---------------------------------------------------------------- process instances

  async createProcessInstance(
    definition: LoadedDefinition,
    variables: Variables,
    options: {
      startEventId?: string;
      parent?: { element: ElementInstanceState };
      startCorrelationKey?: string;
      /** Key of a new root instance, allocated by the caller as the key of the tree. */
      key?: number;
    } = {},
  ): Promise<ProcessInstanceState> {
    const key = options.key ?? (await this.context.keys.take(this.tx));
    const parent = options.parent?.element;
    const instance: ProcessInstanceState = {
      key,
      rootKey: parent ? parent.rootKey : key,
      parentProcessInstanceKey: parent ? parent.processInstanceKey : null,
      parentElementInstanceKey: parent ? parent.key : null,
      processDefinitionKey: definition.key,
      bpmnProcessId: definition.bpmnProcessId,
      version: definition.version,
      state: 'ACTIVE',
      startCorrelationKey: options.startCorrelationKey ?? null,
      incidentCount: 0,
      startDate: this.now,
      endDate: null,
    };
    this.tree.addProcessInstance(instance, true);
    const model = definition.model;
    const processElement = this.newElementWithKey(key, instance, null, model.elements[model.id]!, 'PROCESS');
    for (const [name, value] of Object.entries(variables)) this.setLocal(processElement, name, value);
    const startId = options.startEventId ?? model.elements[model.id]!.noneStartEvent;
    if (!startId) {
      throw new StepIncident('UNKNOWN', `process '${model.id}' has no none start event to start an instance from`);
    }
    await this.openEventSubProcesses(processElement);
    await this.activate(model.elements[startId]!, processElement);
    return instance;
  }

  async cancel(instance: ProcessInstanceState): Promise<void> {
    await this.terminate(this.tree.elements.get(instance.key)!);
  }

  // ---------------------------------------------------------------- element lifecycle

  private newElementWithKey(
    key: number,
    instance: ProcessInstanceState,
    scope: ElementInstanceState | null,
    def: ElementDef,
    type: ElementType,
  ): ElementInstanceState {
    const element: ElementInstanceState = {
      key,
      processInstanceKey: instance.key,
      rootKey: instance.rootKey,
      scopeKey: scope ? scope.key : null,
      elementId: def.id,
      elementName: def.name ?? null,
      elementType: type,
      state: 'ACTIVE',
      data: {},
      loopCounter: null,
      incidentKey: null,
      startDate: this.now,
      endDate: null,
    };
    this.tree.addElement(element, true);
    return element;
  }

  private async newElement(scope: ElementInstanceState, def: ElementDef, type: ElementType = def.type) {
    const key = await this.context.keys.take(this.tx);
    return this.newElementWithKey(key, this.processInstance(scope), scope, def, type);
  }

  /** A token arrives at an element: create its instance (or its multi-instance body) and run it. */
  async activate(def: ElementDef, scope: ElementInstanceState): Promise<void> {
    const element = await this.newElement(scope, def, def.multiInstance ? 'MULTI_INSTANCE_BODY' : def.type);
    await this.runActivation(element);
  }

  private async runActivation(element: ElementInstanceState): Promise<void> {
    const def = this.def(element);
    if (element.elementType !== 'MULTI_INSTANCE_BODY' && def.inputs.length > 0) {
      const ok = await this.guard(element, 'activate', 'IO_MAPPING_ERROR', () => {
        const context = this.visibleVariables(element);
        const values = def.inputs.map((m) => ({ m, value: evaluateExpression(m.source, context) }));
        for (const { m, value } of values) {
          const { name, value: assigned } = assignTarget(m.target, value, (n) => this.tree.getVariable(element.key, n));
          this.setLocal(element, name, assigned);
        }
      });
      if (!ok) return;
    }
    await this.enter(element);
  }

  /** Runs a step; an expression failure becomes an incident on the element, to be retried on resolution. */
  private async guard(
    element: ElementInstanceState,
    step: RetryStep,
    errorType: string,
    run: () => void | Promise<void>,
  ): Promise<boolean> {
    try {
      await run();
      return true;
    } catch (error) {
      if (!(error instanceof ExpressionError) && !(error instanceof StepIncident)) throw error;
      const type = error instanceof StepIncident ? error.errorType : errorType;
      await this.raiseIncident(element, type, error.message, step);
      return false;
    }
  }

  async raiseIncident(
    element: ElementInstanceState,
    errorType: string,
    errorMessage: string,
    retry?: RetryStep,
    jobKey?: number,
  ): Promise<void> {
    const key = await this.context.keys.take(this.tx);
    const instance = this.processInstance(element);
    this.effects.incidents.push({
      key,
      processInstanceKey: instance.key,
      rootKey: instance.rootKey,
      elementInstanceKey: element.key,
      elementId: element.elementId,
      jobKey: jobKey ?? null,
      errorType,
      errorMessage,
      state: 'ACTIVE',
      creationTime: this.now,
    });
    element.incidentKey = key;
    if (retry) element.data.retry = retry;
    this.tree.touch(element);
    instance.incidentCount++;
    this.tree.touchProcessInstance(instance);
  }

  /** Resolution of an element incident: clear it and redo the step that failed. */
  async resolveIncident(element: ElementInstanceState, incidentKey: number, hasJob: boolean): Promise<void> {
    const instance = this.processInstance(element);
    this.effects.resolvedIncidents.push(incidentKey);
    if (element.incidentKey === incidentKey) element.incidentKey = null;
    instance.incidentCount = Math.max(0, instance.incidentCount - 1);
    this.tree.touchProcessInstance(instance);
    const retry = element.data.retry;
    delete element.data.retry;
    this.tree.touch(element);
    if (hasJob || !retry) return;
    if (retry === 'activate') await this.runActivation(element);
    else if (retry === 'enter') await this.enter(element);
    else await this.complete(element);
  }

  private async enter(element: ElementInstanceState): Promise<void> {
    const def = this.def(element);
    const type = element.elementType;
    await this.guard(element, 'enter', 'EXTRACT_VALUE_ERROR', async () => {
      switch (type) {
        case 'MULTI_INSTANCE_BODY':
          return this.enterMultiInstance(element, def);
        case 'START_EVENT':
        case 'TASK':
        case 'MANUAL_TASK':
        case 'BOUNDARY_EVENT':
          return this.complete(element);
        case 'INTERMEDIATE_THROW_EVENT':
          if (def.event?.kind === 'link') {
            const model = this.model(element);
            const scope = this.scopeOf(element)!;
            await this.activate(model.elements[model.links[`${def.scopeId}/${def.event.linkName}`]!]!, scope);
            return this.complete(element, undefined, []);
          }
          return this.complete(element);
        case 'END_EVENT':
          return this.enterEndEvent(element, def);
        case 'SCRIPT_TASK':
          if (def.script) {
            let value: unknown;
            try {
              value = evaluateExpression(def.script.expression, this.visibleVariables(element));
            } catch (error) {
              throw new StepIncident('EXTRACT_VALUE_ERROR', (error as Error).message);
            }
            return this.complete(element, def.script.resultVariable ? { [def.script.resultVariable]: value } : undefined);
          }
          return this.createJob(element, def);
        case 'SERVICE_TASK':
        case 'SEND_TASK':
        case 'BUSINESS_RULE_TASK':
          return this.createJob(element, def);
        case 'USER_TASK':
          return def.userTask ? this.createUserTask(element, def) : this.createJob(element, def);
        case 'CALL_ACTIVITY':
          return this.enterCallActivity(element, def);
        case 'SUB_PROCESS': {
          await this.openBoundaries(element);
          await this.openEventSubProcesses(element);
          return this.activate(this.model(element).elements[def.noneStartEvent!]!, element);
        }
        case 'INTERMEDIATE_CATCH_EVENT':
          if (def.event?.kind === 'link') return this.complete(element);
          return this.openWait(element, def);
        case 'EXCLUSIVE_GATEWAY':
        case 'INCLUSIVE_GATEWAY':
          return this.complete(element, undefined, this.chooseFlows(element, def));
        case 'PARALLEL_GATEWAY':
          return this.complete(element);
        case 'EVENT_BASED_GATEWAY': {
          const model = this.model(element);
          for (const flowId of def.outgoing) await this.openWait(element, model.elements[model.flows[flowId]!.target]!);
          return;
        }
        default:
          throw new Error(`element type ${type} cannot be entered`);
      }
    });
  }

  private chooseFlows(element: ElementInstanceState, def: ElementDef): string[] {
    const model = this.model(element);
    if (def.outgoing.length === 1 && !model.flows[def.outgoing[0]!]!.condition) return def.outgoing;
    const context = this.visibleVariables(element);
    const taken: string[] = [];
    for (const flowId of def.outgoing) {
      if (flowId === def.defaultFlow) continue;
      const condition = model.flows[flowId]!.condition;
      let pass: boolean;
      try {
        pass = condition === undefined ? true : evaluateBoolean(condition, context);
      } catch (error) {
        throw new StepIncident('CONDITION_ERROR', (error as Error).message);
      }
      if (pass) {
        taken.push(flowId);
        if (def.type === 'EXCLUSIVE_GATEWAY') break;
      }
    }
    if (taken.length === 0 && def.defaultFlow) taken.push(def.defaultFlow);
    if (taken.length === 0) {
      throw new StepIncident(
        'CONDITION_ERROR',
        `Expected at least one condition of gateway '${def.id}' to evaluate to true, or a default flow, but none did`,
      );
    }
    return taken;
  }

  private async enterEndEvent(element: ElementInstanceState, def: ElementDef): Promise<void> {
    const event = def.event;
    if (event?.kind === 'error') {
      const caught = await this.throwError(element, event.errorCode!);
      if (!caught) {
        throw new StepIncident(
          'UNHANDLED_ERROR_EVENT',
          `Expected to throw an error event with the code '${event.errorCode}', but it was not caught. No error events are available in the scope.`,
        );
      }
      return;
    }
    if (event?.kind === 'terminate') {
      const scope = this.scopeOf(element)!;
      for (const sibling of this.tree.activeChildren(scope.key)) if (sibling !== element) await this.terminate(sibling);
      delete scope.data.joins;
      this.tree.touch(scope);
      return this.complete(element);
    }
    return this.complete(element);
  }

  private async enterCallActivity(element: ElementInstanceState, def: ElementDef): Promise<void> {
    const called = def.calledElement!;
    const processId = evaluateString(called.processId, this.visibleVariables(element), 'the called process id');
    const definition = await this.context.definitions.find(this.tx, processId);
    if (!definition) {
      throw new StepIncident(
        'CALLED_ELEMENT_ERROR',
        `Expected process with BPMN process id '${processId}' to be deployed, but not found.`,
      );
    }
    const variables = called.propagateAllParentVariables
      ? this.visibleVariables(element)
      : Object.fromEntries(this.tree.variables.get(element.key) ?? []);
    await this.openBoundaries(element);
    await this.createProcessInstance(definition, variables, { parent: { element } });
  }

  private async enterMultiInstance(body: ElementInstanceState, def: ElementDef): Promise<void> {
    const mi = def.multiInstance!;
    const items = evaluateExpression(mi.inputCollection, this.visibleVariables(body));
    if (!Array.isArray(items)) {
      throw new StepIncident(
        'EXTRACT_VALUE_ERROR',
        `Expected the input collection '${mi.inputCollection}' of '${def.id}' to be a list, but it was ${JSON.stringify(items)}`,
      );
    }
    body.data.mi = { items, next: 0, completed: 0 };
    this.tree.touch(body);
    if (mi.outputCollection) this.setLocal(body, mi.outputCollection, items.map(() => null));
    await this.openBoundaries(body);
    if (items.length === 0) return this.complete(body);
    const count = mi.sequential ? 1 : items.length;
    for (let i = 0; i < count && body.state === 'ACTIVE'; i++) await this.activateInner(body, def);
  }

  private async activateInner(body: ElementInstanceState, def: ElementDef): Promise<void> {
    const progress = body.data.mi!;
    const index = progress.next++;
    this.tree.touch(body);
    const inner = await this.newElement(body, def, def.type);
    inner.data.inner = true;
    inner.loopCounter = index + 1;
    if (def.multiInstance!.inputElement) this.setLocal(inner, def.multiInstance!.inputElement, progress.items[index]);
    this.setLocal(inner, 'loopCounter', index + 1);
    await this.runActivation(inner);
  }

  /**
   * Completes an element instance: merges the variables it completes with (propagated, or local when
   * output mappings exist), applies output mappings, then continues the token along `flows`.
   */
  async complete(element: ElementInstanceState, variables?: Variables, flows?: string[]): Promise<void> {
    const def = this.def(element);
    const isBody = element.elementType === 'MULTI_INSTANCE_BODY';
    const outputs = isBody ? [] : def.outputs;
    if (variables && Object.keys(variables).length > 0) {
      if (outputs.length > 0) for (const [n, v] of Object.entries(variables)) this.setLocal(element, n, v);
      else this.propagate(element, variables);
    }
    const scope = this.scopeOf(element);
    if (outputs.length > 0 || (element.data.inner && def.multiInstance?.outputElement)) {
      const ok = await this.guard(element, 'complete', 'IO_MAPPING_ERROR', () => {
        const context = this.visibleVariables(element);
        const results = outputs.map((m) => ({ m, value: evaluateExpression(m.source, context) }));
        const target = scope ?? element;
        const targetVariables = this.visibleVariables(target);
        for (const { m, value } of results) {
          const { name, value: assigned } = assignTarget(m.target, value, (n) => targetVariables[n]);
          targetVariables[name] = assigned;
          this.propagate(target, { [name]: assigned });
        }
        if (element.data.inner && def.multiInstance?.outputElement) {
          const value = evaluateExpression(def.multiInstance.outputElement, context);
          const body = scope!;
          const collection = [...((this.tree.getVariable(body.key, def.multiInstance.outputCollection!) as unknown[]) ?? [])];
          collection[element.loopCounter! - 1] = value;
          this.setLocal(body, def.multiInstance.outputCollection!, collection);
        }
      });
      if (!ok) return;
    }
    if (isBody && def.multiInstance?.outputCollection && scope) {
      this.propagate(scope, { [def.multiInstance.outputCollection]: this.tree.getVariable(element.key, def.multiInstance.outputCollection) });
    }
    this.closeWaits(element);
    this.tree.end(element, 'COMPLETED', this.now);
    if (element.elementType !== 'PROCESS') this.tree.dropScope(element.key);

    if (element.data.inner) return this.innerCompleted(scope!, def);
    if (element.elementType === 'PROCESS') return this.processCompleted(element);
    await this.takeFlows(element, flows ?? def.outgoing);
    if (scope) await this.settle(scope);
  }

  private async innerCompleted(body: ElementInstanceState, def: ElementDef): Promise<void> {
    const progress = body.data.mi!;
    progress.completed++;
    this.tree.touch(body);
    const mi = def.multiInstance!;
    if (mi.completionCondition) {
      const active = this.tree.activeChildren(body.key).length;
      const context = {
        ...this.visibleVariables(body),
        numberOfInstances: progress.items.length,
        numberOfActiveInstances: active,
        numberOfCompletedInstances: progress.completed,
      };
      let done: boolean;
      try {
        done = evaluateBoolean(mi.completionCondition, context);
      } catch (error) {
        await this.raiseIncident(body, 'EXTRACT_VALUE_ERROR', (error as Error).message);
        return;
      }
      if (done) {
        for (const child of this.tree.activeChildren(body.key)) await this.terminate(child);
        return this.complete(body);
      }
    }
    if (mi.sequential && progress.next < progress.items.length) return this.activateInner(body, def);
    if (this.tree.activeChildren(body.key).length === 0 && progress.completed >= progress.items.length) {
      return this.complete(body);
    }
  }

  private async processCompleted(processElement: ElementInstanceState): Promise<void> {
    const instance = this.processInstance(processElement);
    instance.state = 'COMPLETED';
    instance.endDate = this.now;
    this.tree.touchProcessInstance(instance);
    if (instance.parentElementInstanceKey === null) return;
    const callActivity = this.tree.elements.get(instance.parentElementInstanceKey);
    if (!callActivity || callActivity.state !== 'ACTIVE') return;
    const def = this.def(callActivity);
    const childVariables = Object.fromEntries(this.tree.variables.get(instance.key) ?? []);
    const passOn = def.outputs.length > 0 || def.calledElement!.propagateAllChildVariables;
    if (def.outputs.length > 0) for (const [n, v] of Object.entries(childVariables)) this.setLocal(callActivity, n, v);
    await this.complete(callActivity, passOn && def.outputs.length === 0 ? childVariables : undefined);
  }

  /** Moves a completed element's token along sequence flows; joins wait for their other tokens. */
  private async takeFlows(element: ElementInstanceState, flowIds: string[]): Promise<void> {
    const model = this.model(element);
    const scope = this.scopeOf(element)!;
    for (const flowId of flowIds) {
      if (scope.state !== 'ACTIVE') return;
      const target = model.elements[model.flows[flowId]!.target]!;
      const isJoin =
        (target.type === 'PARALLEL_GATEWAY' || target.type === 'INCLUSIVE_GATEWAY') && target.incoming.length > 1;
      if (!isJoin) {
        await this.activate(target, scope);
        continue;
      }
      const joins = (scope.data.joins ??= {});
      const arrived = (joins[target.id] ??= {});
      arrived[flowId] = (arrived[flowId] ?? 0) + 1;
      this.tree.touch(scope);
      if (target.type === 'PARALLEL_GATEWAY' && target.incoming.every((f) => (arrived[f] ?? 0) > 0)) {
        this.consumeJoin(scope, target);
        await this.activate(target, scope);
      }
    }
  }

  private consumeJoin(scope: ElementInstanceState, gateway: ElementDef): void {
    const arrived = scope.data.joins![gateway.id]!;
    for (const f of gateway.incoming) {
      if ((arrived[f] ?? 0) > 1) arrived[f]!--;
      else delete arrived[f];
    }
    if (Object.keys(arrived).length === 0) delete scope.data.joins![gateway.id];
    this.tree.touch(scope);
  }

  /**
   * After a token moved in a scope: fire inclusive joins no other token can reach any more, and
   * complete the scope when nothing is left running in it.
   */
  private async settle(scope: ElementInstanceState): Promise<void> {
    if (scope.state !== 'ACTIVE' || !containers.has(scope.elementType)) return;
    const model = this.model(scope);
    const joins = scope.data.joins ?? {};
    const children = this.tree.activeChildren(scope.key);
    for (const gatewayId of Object.keys(joins)) {
      const gateway = model.elements[gatewayId]!;
      if (gateway.type !== 'INCLUSIVE_GATEWAY') continue;
      const upstream = new Set(gateway.upstream ?? []);
      const reachable =
        children.some((c) => upstream.has(c.elementId)) ||
        Object.keys(joins).some((other) => other !== gatewayId && upstream.has(other));
      if (reachable) continue;
      this.consumeJoin(scope, gateway);
      await this.activate(gateway, scope);
      return;
    }
    if (children.length === 0 && Object.keys(joins).length === 0) await this.complete(scope);
  }

  /** Ends an element instance and everything inside it (sub-processes, bodies, called processes). */
  async terminate(element: ElementInstanceState): Promise<void> {
    if (element.state !== 'ACTIVE') return;
    for (const child of this.tree.activeChildren(element.key)) await this.terminate(child);
    if (element.elementType === 'CALL_ACTIVITY') {
      for (const child of this.tree.processInstances.values()) {
        if (child.parentElementInstanceKey === element.key && child.state === 'ACTIVE') {
          await this.terminate(this.tree.elements.get(child.key)!);
        }
      }
    }
    if (element.elementType === 'PROCESS') {
      const instance = this.processInstance(element);
      instance.state = 'TERMINATED';
      instance.endDate = this.now;
      this.tree.touchProcessInstance(instance);
    }
    if (element.incidentKey !== null) {
      this.effects.resolvedIncidents.push(element.incidentKey);
      const instance = this.processInstance(element);
      instance.incidentCount = Math.max(0, instance.incidentCount - 1);
      this.tree.touchProcessInstance(instance);
      element.incidentKey = null;
    }
    delete element.data.joins;
    this.closeWaits(element);
    this.tree.end(element, 'TERMINATED', this.now);
    if (element.elementType !== 'PROCESS') this.tree.dropScope(element.key);
  }

  private closeWaits(element: ElementInstanceState, elementIds?: string[]): void {
    const waits = element.data.waits;
    if (!waits?.length) return;
    for (const kind of waits) this.effects.close(kind, { elementInstanceKey: element.key, ...(elementIds ? { elementIds } : {}) });
    if (!elementIds) delete element.data.waits;
    this.tree.touch(element);
  }

  /** The element's job reached a final state by this command: leaving the element must not cancel it. */
  releaseJob(element: ElementInstanceState): void {
    element.data.waits = element.data.waits?.filter((w) => w !== 'job');
    this.tree.touch(element);
  }

  /** The job stays the element's (an incident keeps it): leaving the element cancels it again. */
  holdJob(element: ElementInstanceState): void {
    this.addWait(element, 'job');
  }

  private addWait(element: ElementInstanceState, kind: WaitKind): void {
    const waits = (element.data.waits ??= []);
    if (!waits.includes(kind)) waits.push(kind);
    this.tree.touch(element);
  }

  // ---------------------------------------------------------------- waits

  private async createJob(element: ElementInstanceState, def: ElementDef): Promise<void> {
    const job = def.job!;
    const context = this.visibleVariables(element);
    const type = evaluateString(job.type, context, 'the job type');
    const retriesValue = evaluateExpression(job.retries, context);
    const retries = Number(retriesValue);
    if (!Number.isInteger(retries) || retries < 0) {
      throw new StepIncident('EXTRACT_VALUE_ERROR', `Expected the job retries '${job.retries}' to be a whole number, but it was ${JSON.stringify(retriesValue)}`);
    }
    await this.openBoundaries(element);
    const instance = this.processInstance(element);
    const definition = this.definitionOf(instance);
    this.effects.jobs.push({
      key: await this.context.keys.take(this.tx),
      type,
      state: 'ACTIVATABLE',
      retries,
      availableAt: this.now,
      customHeaders: job.headers,
      processInstanceKey: instance.key,
      rootKey: instance.rootKey,
      elementInstanceKey: element.key,
      elementId: element.elementId,
      processDefinitionKey: definition.key,
      bpmnProcessId: definition.bpmnProcessId,
      processDefinitionVersion: definition.version,
      createdAt: this.now,
    });
    this.effects.jobTypes.add(type);
    this.addWait(element, 'job');
  }

  private async createUserTask(element: ElementInstanceState, def: ElementDef): Promise<void> {
    const task = def.userTask!;
    const context = this.visibleVariables(element);
    const optionalString = (expression: string | undefined, what: string) =>
      expression ? evaluateString(expression, context, what) : null;
    const date = (expression: string | undefined, what: string) => {
      const text = optionalString(expression, what);
      if (text === null) return null;
      const value = new Date(text);
      if (Number.isNaN(value.getTime())) throw new ExpressionError(`Expected ${what} '${expression}' to be an ISO-8601 date-time, but it was '${text}'`);
      return value;
    };
    const row = {
      assignee: optionalString(task.assignee, 'the assignee'),
      candidateGroups: task.candidateGroups ? evaluateStringList(task.candidateGroups, context, 'the candidate groups') : [],
      candidateUsers: task.candidateUsers ? evaluateStringList(task.candidateUsers, context, 'the candidate users') : [],
      dueDate: date(task.dueDate, 'the due date'),
      followUpDate: date(task.followUpDate, 'the follow-up date'),
    };
    await this.openBoundaries(element);
    const instance = this.processInstance(element);
    const definition = this.definitionOf(instance);
    this.effects.userTasks.push({
      key: await this.context.keys.take(this.tx),
      state: 'CREATED',
      processInstanceKey: instance.key,
      rootKey: instance.rootKey,
      elementInstanceKey: element.key,
      elementId: element.elementId,
      name: def.name ?? null,
      processDefinitionKey: definition.key,
      bpmnProcessId: definition.bpmnProcessId,
      ...row,
      formKey: task.formKey ?? null,
      customHeaders: task.headers,
      creationDate: this.now,
    });
    this.addWait(element, 'userTask');
  }

  /** Timer and message boundary events of an activity wait alongside it. */
  private async openBoundaries(element: ElementInstanceState): Promise<void> {
    if (element.data.inner) return;
    const model = this.model(element);
    for (const id of this.def(element).boundaryEvents) {
      const boundary = model.elements[id]!;
      if (boundary.event?.kind === 'timer' || boundary.event?.kind === 'message') await this.openWait(element, boundary);
    }
  }

  private async openEventSubProcesses(scope: ElementInstanceState): Promise<void> {
    const model = this.model(scope);
    for (const id of this.def(scope).eventSubProcesses) {
      const start = model.elements[model.elements[id]!.startEvent!]!;
      if (start.event?.kind === 'timer' || start.event?.kind === 'message') await this.openWait(scope, start);
    }
  }

  /** Opens the timer or message subscription of `event`, owned by `owner` (the waiting element instance). */
  private async openWait(owner: ElementInstanceState, event: ElementDef): Promise<void> {
    const instance = this.processInstance(owner);
    const definition = this.definitionOf(instance);
    const spec = event.event!;
    const context = this.visibleVariables(owner);
    if (spec.kind === 'timer') {
      const schedule = scheduleTimer(spec.timer, context, this.now);
      this.effects.timers.push({
        key: await this.context.keys.take(this.tx),
        dueDate: schedule.dueDate,
        elementInstanceKey: owner.key,
        processInstanceKey: instance.key,
        rootKey: instance.rootKey,
        elementId: event.id,
        processDefinitionKey: definition.key,
        repetitions: schedule.repetitions,
        interval: schedule.interval ?? null,
      });
      this.addWait(owner, 'timer');
      return;
    }
    if (spec.kind !== 'message') throw new Error(`cannot wait for a ${spec.kind} event`);
    const name = evaluateString(spec.messageName, context, 'the message name');
    const correlationKey = spec.correlationKey ? this.correlationKey(spec.correlationKey, context) : '';
    const subscription: NewSubscription = {
      key: await this.context.keys.take(this.tx),
      messageName: name,
      correlationKey,
      elementInstanceKey: owner.key,
      processInstanceKey: instance.key,
      rootKey: instance.rootKey,
      elementId: event.id,
      processDefinitionKey: definition.key,
      bpmnProcessId: definition.bpmnProcessId,
    };
    this.effects.subscriptions.push(subscription);
    this.openedSubscriptions.push(subscription);
    this.addWait(owner, 'message');
  }

  private correlationKey(expression: string, context: Variables): string {
    const value = evaluateExpression(expression, context);
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    throw new StepIncident(
      'EXTRACT_VALUE_ERROR',
      `Failed to extract the correlation key for '${expression.trim()}': The value must be either a string or a number, but was ${JSON.stringify(value)}.`,
    );
  }

  /** Correlates buffered messages to the subscriptions this command opened (repeats while new ones open). */
  async correlateBufferedMessages(): Promise<void> {
    while (this.openedSubscriptions.length > 0) {
      const subscription = this.openedSubscriptions.shift()!;
      const stillOpen = this.effects.subscriptions.includes(subscription);
      const owner = this.tree.elements.get(subscription.elementInstanceKey!);
      if (!stillOpen || owner?.state !== 'ACTIVE') continue;
      await this.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${subscription.messageName}\u001f${subscription.correlationKey}`}))`);
      const target = String(subscription.processInstanceKey);
      const [message] = await this.tx
        .select()
        .from(wfMessages)
        .where(
          and(
            eq(wfMessages.name, subscription.messageName),
            eq(wfMessages.correlationKey, subscription.correlationKey!),
            gt(wfMessages.expiresAt, this.now),
            notExists(
              this.tx
                .select({ one: sql`1` })
                .from(wfMessageCorrelations)
                .where(and(eq(wfMessageCorrelations.messageKey, wfMessages.key), eq(wfMessageCorrelations.target, target))),
            ),
          ),
        )
        .orderBy(asc(wfMessages.key))
        .limit(1);
      if (!message) continue;
      await this.correlate(owner, subscription.elementId, message.key, message.variables as Variables);
    }
  }

  /** A message reached the subscription of `owner` for event `eventId`. */
  async correlate(owner: ElementInstanceState, eventId: string, messageKey: number, variables: Variables): Promise<void> {
    this.effects.correlations.push({ messageKey, target: String(owner.processInstanceKey) });
    await this.triggerEvent(owner, this.model(owner).elements[eventId]!, variables);
  }

  /** A timer or message fired for `event`, whose wait is owned by `owner`. */
  async triggerEvent(owner: ElementInstanceState, event: ElementDef, variables: Variables): Promise<void> {
    if (owner.state !== 'ACTIVE') return;
    switch (event.type) {
      case 'INTERMEDIATE_CATCH_EVENT': {
        if (owner.elementId === event.id) {
          this.closeWaits(owner);
          return this.complete(owner, variables);
        }
        // After an event-based gateway: the first event wins, the gateway's other waits close.
        const scope = this.scopeOf(owner)!;
        const caught = await this.newElement(scope, event);
        await this.complete(owner, undefined, []);
        return this.complete(caught, variables);
      }
      case 'BOUNDARY_EVENT': {
        const scope = this.scopeOf(owner)!;
        if (event.interrupting) await this.terminate(owner);
        const boundary = await this.newElement(scope, event);
        return this.complete(boundary, variables);
      }
      case 'START_EVENT': {
        const eventSubProcess = this.model(owner).elements[event.scopeId!]!;
        return this.triggerEventSubProcess(owner, eventSubProcess, variables);
      }
      default:
        throw new Error(`element '${event.id}' cannot be triggered`);
    }
  }

  private async triggerEventSubProcess(scope: ElementInstanceState, eventSubProcess: ElementDef, variables: Variables) {
    const model = this.model(scope);
    if (eventSubProcess.interrupting) {
      for (const child of this.tree.activeChildren(scope.key)) await this.terminate(child);
      delete scope.data.joins;
      const starts = this.def(scope).eventSubProcesses.map((id) => model.elements[id]!.startEvent!);
      this.closeWaits(scope, starts);
    }
    const instance = await this.newElement(scope, eventSubProcess);
    await this.openEventSubProcesses(instance);
    const start = await this.newElement(instance, model.elements[eventSubProcess.startEvent!]!);
    await this.complete(start, variables);
  }

  // ---------------------------------------------------------------- errors

  /**
   * Throws a BPMN error from `source`: the innermost matching error boundary event or error event
   * sub-process catches it, across call activities. Returns false when nothing catches it.
   */
  async throwError(source: ElementInstanceState, code: string, variables?: Variables): Promise<boolean> {
    let current: ElementInstanceState | undefined = source;
    while (current) {
      const model = this.model(current);
      const def = this.def(current);
      // Boundary events of a multi-instance activity belong to its body, not to the inner instances.
      if (!current.data.inner) {
        const boundary = matchError(def.boundaryEvents.map((id) => model.elements[id]!), code, (e) => e);
        if (boundary) {
          const scope = this.scopeOf(current)!;
          await this.terminate(current);
          const caught = await this.newElement(scope, boundary);
          await this.complete(caught, variables);
          return true;
        }
      }
      if (containers.has(current.elementType)) {
        const eventSubProcess = matchError(
          def.eventSubProcesses.map((id) => model.elements[id]!),
          code,
          (e) => model.elements[e.startEvent!]!,
        );
        if (eventSubProcess) {
          await this.triggerEventSubProcess(current, eventSubProcess, variables ?? {});
          return true;
        }
      }
      if (current.scopeKey !== null) current = this.scopeOf(current);
      else {
        const parent = this.processInstance(current).parentElementInstanceKey;
        current = parent === null ? undefined : this.tree.elements.get(parent);
      }
    }
    return false;
  }
}

/** A catch event for the error code: a specific one wins over a catch-all. */
function matchError(candidates: ElementDef[], code: string, eventOf: (e: ElementDef) => ElementDef): ElementDef | undefined {
  const errors = candidates.filter((c) => eventOf(c).event?.kind === 'error');
  const code_ = (c: ElementDef) => {
    const event = eventOf(c).event;
    return event?.kind === 'error' ? event.errorCode : undefined;
  };
  return errors.find((c) => code_(c) === code) ?? errors.find((c) => code_(c) === undefined);
}
