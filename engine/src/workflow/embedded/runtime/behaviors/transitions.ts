import type { Variables } from '../../../workflow-engine.port.js';
import type { ElementDef, ElementType } from '../../model/definition.js';
import type { AgendaItem, Execution } from '../execution.js';
import { calledProcessCompleted } from '../processors/call-activity.js';
import { processorFor } from '../processors/index.js';
import { collectOutputElement, createInnerInstance } from '../processors/multi-instance-body.js';
import type { ElementInstanceState, ProcessInstanceState, RetryStep } from '../state.js';
import { compensationHandlerCompleted, recordCompensable, terminateCompensationHandlers } from './compensation.js';
import { closeWaits } from './event-subscriptions.js';
import { awaitingEndListeners, listenersOf, startListeners } from './execution-listeners.js';
import { retryTaskListener } from './task-listeners.js';
import { clearIncident, guard, raiseIncident } from './incidents.js';
import { applyInputs, applyOutputs, propagate, setLocals, visibleVariables } from './variables.js';

/**
 * The lifecycle every element goes through (Zeebe's BpmnStateTransitionBehavior): a taken flow
 * puts an activation on the agenda; activating creates the instance, applies input mappings and
 * hands it to its element processor; completing applies output mappings, ends the instance and
 * takes the outgoing flows; the flow scope completes when no token is left in it.
 */

const containers = new Set<ElementType>(['PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS']);

export function newElementWithKey(
  x: Execution,
  key: number,
  instance: ProcessInstanceState,
  scope: ElementInstanceState | null,
  def: ElementDef,
  type: ElementType = def.type,
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
    startDate: x.now,
    endDate: null,
  };
  x.tree.addElement(element, true);
  return element;
}

export async function newElement(x: Execution, scope: ElementInstanceState, def: ElementDef, type: ElementType = def.type) {
  return newElementWithKey(x, await x.key(), x.processInstance(scope), scope, def, type);
}

/** A token moves to `def` inside `scope`; it is activated when the agenda reaches it. */
export function activateLater(x: Execution, def: ElementDef, scope: ElementInstanceState): void {
  x.schedule({ kind: 'activate', def, scope });
}

/** Activations between two turns of the event loop: a long command never keeps other requests waiting. */
const STEPS_BETWEEN_TURNS = 10;

/**
 * Runs the agenda to its end. An element activated more often in one command than its limit, or an
 * activation beyond the command's limit for all elements together, stops there with a
 * CONDITION_ERROR incident naming the element and the limit: a model that loops without a wait
 * state cannot hold the instance, and the request, forever; resolving the incident goes on for
 * another budget. Every few activations the event loop takes a turn, so that the process answers
 * other requests meanwhile (docs/decisions/0011-bounded-commands.md).
 */
export async function runAgenda(x: Execution): Promise<void> {
  let steps = 0;
  for (let next = x.nextItem(); next; next = x.nextItem()) {
    if (++steps % STEPS_BETWEEN_TURNS === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const element = await instantiate(x, next.item);
    if (!element) continue;
    if (next.overBudget) {
      await raiseIncident(x, element, 'CONDITION_ERROR', overBudgetMessage(x, element.elementId, next.overBudget), 'activate');
      continue;
    }
    await activate(x, element);
  }
}

function overBudgetMessage(x: Execution, elementId: string, budget: 'element' | 'command'): string {
  const resolve = 'Resolve the incident to go on.';
  if (budget === 'element') {
    return `The element '${elementId}' was activated more than ${x.context.maxElementActivations} times in one step of the instance without reaching a wait state (a loop without a task, timer or message?). ${resolve}`;
  }
  return `The element '${elementId}' was reached after more than ${x.context.maxCommandSteps} element activations in one step of the instance without reaching a wait state (a loop through many elements?). ${resolve}`;
}

async function instantiate(x: Execution, item: AgendaItem): Promise<ElementInstanceState | undefined> {
  if (item.kind === 'inner') {
    if (item.body.state !== 'ACTIVE') return undefined;
    return createInnerInstance(x, item.body);
  }
  if (item.scope.state !== 'ACTIVE') return undefined;
  return newElement(x, item.scope, item.def, item.def.multiInstance ? 'MULTI_INSTANCE_BODY' : item.def.type);
}

/**
 * Applies the input mappings, runs the start execution listeners, then lets the element's processor
 * act (a failure is an incident).
 */
export async function activate(x: Execution, element: ElementInstanceState): Promise<void> {
  const def = x.def(element);
  if (element.elementType !== 'MULTI_INSTANCE_BODY' && def.inputs.length > 0) {
    if (!(await guard(x, element, 'activate', 'IO_MAPPING_ERROR', () => applyInputs(x, element, def)))) return;
  }
  if (await startListeners(x, element, 'start')) return;
  await enter(x, element);
}

export async function enter(x: Execution, element: ElementInstanceState): Promise<void> {
  const def = x.def(element);
  await guard(x, element, 'enter', 'EXTRACT_VALUE_ERROR', () => processorFor(element.elementType).onActivate(x, element, def));
}

export interface CompleteOptions {
  /** Flows to take instead of all outgoing ones (gateways). */
  flows?: string[];
  /** Keep the variables local to the element (error catch events), instead of propagating them. */
  localVariables?: boolean;
}

/**
 * Completes an element instance with the variables it completes with (propagated, or local when it
 * has output mappings), applies output mappings, then continues the token.
 */
export async function complete(
  x: Execution,
  element: ElementInstanceState,
  variables?: Variables,
  options: CompleteOptions = {},
): Promise<void> {
  const def = x.def(element);
  const isBody = element.elementType === 'MULTI_INSTANCE_BODY';
  const outputs = isBody ? [] : def.outputs;
  if (variables && Object.keys(variables).length > 0) {
    if (outputs.length > 0 || options.localVariables) setLocals(x, element, variables);
    else propagate(x, element, variables);
  }
  const inner = element.data.inner === true;
  if (outputs.length > 0 || (inner && def.multiInstance?.outputElement)) {
    const ok = await guard(x, element, 'complete', 'IO_MAPPING_ERROR', () => {
      if (outputs.length > 0) applyOutputs(x, element, def);
      if (inner) collectOutputElement(x, element, def);
    });
    if (!ok) return;
  }
  await processorFor(element.elementType).onLeave?.(x, element, def);
  if (listenersOf(x, element, 'end').length > 0) {
    // What the element waited for closes now (Zeebe leaves boundary events at COMPLETING); it then
    // waits for its end listeners only.
    closeWaits(x, element);
    await startListeners(x, element, 'end');
    return;
  }
  await finishCompletion(x, element, options);
}

/** Ends a completed element and moves its token on (after its end listeners, if it has any). */
export async function finishCompletion(x: Execution, element: ElementInstanceState, options: CompleteOptions = {}): Promise<void> {
  const def = x.def(element);
  const inner = element.data.inner === true;
  recordCompensable(x, element);
  const seen = inner ? visibleVariables(x, element) : undefined;
  end(x, element, 'COMPLETED');
  processorFor(element.elementType).onCompleted?.(x, element, def);
  const scope = x.scopeOf(element);
  if (inner) return processorFor('MULTI_INSTANCE_BODY').onChildCompleted!(x, scope!, element, seen!);
  if (element.elementType === 'PROCESS') return processCompleted(x, element);
  takeFlows(x, element, options.flows ?? def.outgoing);
  if (scope) await processorFor(scope.elementType).onChildCompleted?.(x, scope, element, {});
  if (element.data.compensates !== undefined) await compensationHandlerCompleted(x, element);
}

function end(x: Execution, element: ElementInstanceState, state: 'COMPLETED' | 'TERMINATED'): void {
  closeWaits(x, element);
  delete element.data.joins;
  x.tree.end(element, state, x.now);
  if (element.elementType !== 'PROCESS') x.tree.dropScope(element.key);
}

/** Moves a completed element's token along sequence flows; joins collect tokens until they may fire. */
export function takeFlows(x: Execution, element: ElementInstanceState, flowIds: string[]): void {
  const model = x.model(element);
  const scope = x.scopeOf(element)!;
  for (const flowId of flowIds) {
    const target = model.elements[model.flows[flowId].target];
    const isJoin = (target.type === 'PARALLEL_GATEWAY' || target.type === 'INCLUSIVE_GATEWAY') && target.incoming.length > 1;
    if (!isJoin) {
      activateLater(x, target, scope);
      continue;
    }
    const arrived = ((scope.data.joins ??= {})[target.id] ??= {});
    arrived[flowId] = (arrived[flowId] ?? 0) + 1;
    x.tree.touch(scope);
    if (target.type === 'PARALLEL_GATEWAY' && target.incoming.every((f) => (arrived[f] ?? 0) > 0)) fireJoin(x, scope, target);
  }
}

/** A join consumes one token of each incoming flow that has one, and is activated. */
function fireJoin(x: Execution, scope: ElementInstanceState, gateway: ElementDef): void {
  const arrived = scope.data.joins![gateway.id];
  for (const f of gateway.incoming) {
    if ((arrived[f] ?? 0) > 1) arrived[f]--;
    else delete arrived[f];
  }
  if (Object.keys(arrived).length === 0) delete scope.data.joins![gateway.id];
  x.tree.touch(scope);
  activateLater(x, gateway, scope);
}

/**
 * After a token moved in a container: fire inclusive joins no other token can reach any more (tokens
 * in flight and waiting at other joins count), then complete the container when nothing is left in it.
 */
export async function settleScope(x: Execution, scope: ElementInstanceState): Promise<void> {
  if (scope.state !== 'ACTIVE' || !containers.has(scope.elementType) || awaitingEndListeners(scope)) return;
  const model = x.model(scope);
  const joins = scope.data.joins ?? {};
  const children = x.tree.activeChildren(scope.key);
  const inFlight = x.tokensInFlight(scope.key);
  for (const gatewayId of Object.keys(joins)) {
    const gateway = model.elements[gatewayId];
    if (gateway.type !== 'INCLUSIVE_GATEWAY') continue;
    const arrived = joins[gatewayId];
    const upstream = new Set(gateway.upstream ?? []);
    const reachable =
      !gateway.incoming.every((f) => (arrived[f] ?? 0) > 0) &&
      (children.some((c) => upstream.has(c.elementId)) ||
        inFlight.some((id) => upstream.has(id) || id === gatewayId) ||
        Object.keys(joins).some((other) => other !== gatewayId && upstream.has(other)));
    if (!reachable) fireJoin(x, scope, gateway);
  }
  if (children.length === 0 && x.tokensInFlight(scope.key).length === 0 && Object.keys(scope.data.joins ?? {}).length === 0) {
    await complete(x, scope);
  }
}

async function processCompleted(x: Execution, processElement: ElementInstanceState): Promise<void> {
  const instance = x.processInstance(processElement);
  instance.state = 'COMPLETED';
  instance.endDate = x.now;
  x.tree.touchProcessInstance(instance);
  instanceEnded(x, instance);
  if (instance.parentElementInstanceKey === null) return;
  const callActivity = x.tree.elements.get(instance.parentElementInstanceKey);
  if (!callActivity || callActivity.state !== 'ACTIVE') return;
  await calledProcessCompleted(x, callActivity, instance);
}

/** A root instance started by a message with a correlation key frees the key for the next buffered message. */
function instanceEnded(x: Execution, instance: ProcessInstanceState): void {
  if (instance.parentElementInstanceKey === null && instance.startCorrelationKey) {
    x.followUps.push({ kind: 'bufferedMessageStart', bpmnProcessId: instance.bpmnProcessId, correlationKey: instance.startCorrelationKey });
  }
}

/** Ends an element instance and everything inside it (sub-processes, bodies, called processes). */
export async function terminate(x: Execution, element: ElementInstanceState): Promise<void> {
  if (element.state !== 'ACTIVE') return;
  for (const child of x.tree.activeChildren(element.key)) await terminate(x, child);
  if (element.elementType === 'CALL_ACTIVITY') {
    for (const child of x.tree.processInstances.values()) {
      if (child.parentElementInstanceKey === element.key && child.state === 'ACTIVE') {
        await terminate(x, x.tree.elements.get(child.key)!);
      }
    }
  }
  if (element.elementType === 'PROCESS') {
    const instance = x.processInstance(element);
    instance.state = 'TERMINATED';
    instance.endDate = x.now;
    x.tree.touchProcessInstance(instance);
    instanceEnded(x, instance);
  }
  if (element.incidentKey !== null) clearIncident(x, element, element.incidentKey);
  if (element.data.compensating) await terminateCompensationHandlers(x, element);
  if (element.data.inner) {
    const body = x.scopeOf(element);
    if (body?.data.mi) {
      body.data.mi.terminated = (body.data.mi.terminated ?? 0) + 1;
      x.tree.touch(body);
    }
  }
  end(x, element, 'TERMINATED');
}

/** Terminates every active child of a scope and forgets the tokens waiting at its joins. */
export async function terminateChildren(x: Execution, scope: ElementInstanceState): Promise<void> {
  for (const child of x.tree.activeChildren(scope.key)) await terminate(x, child);
  x.discardTokens(scope.key);
  delete scope.data.joins;
  x.tree.touch(scope);
}

/** Resolution of an element incident: clear it and redo the step that failed. */
export async function resolveElementIncident(
  x: Execution,
  element: ElementInstanceState,
  incidentKey: number,
  hasJob: boolean,
): Promise<void> {
  const retry: RetryStep | undefined = clearIncident(x, element, incidentKey);
  if (hasJob || !retry) return;
  // Zeebe activates the element again: its start listeners run again before its work
  // (ExecutionListenerTaskElementsTest.ExtraTests#shouldCreateIncidentForMissingCorrelationKeyOnMessageBoundaryWithServiceTask).
  const again = retry === 'activate' || (retry === 'enter' && listenersOf(x, element, 'start').length > 0);
  if (again) await activate(x, element);
  else if (retry === 'enter') await enter(x, element);
  else if (retry === 'taskListener') await retryTaskListener(x, element);
  else await complete(x, element);
}
