import type { ElementDef, ProcessDefinitionModel } from '../../model/definition.js';
import type { Execution } from '../execution.js';
import type { CompensableActivity, ElementInstanceState } from '../state.js';
import { activate, complete, newElement, terminate } from './transitions.js';

/**
 * Compensation as Zeebe 8.5+ runs it (CompensationEventExecutionTest; Camunda docs, "Compensation
 * events"):
 * - an activity with a compensation boundary event that completes is recorded in its flow scope; a
 *   sub-process or multi-instance body that completes carries the records made inside it up to its
 *   own flow scope. A scope that is terminated takes its records with it, so only activities whose
 *   enclosing scopes completed are ever compensated;
 * - a compensation throw event compensates what its scope recorded (an event sub-process also what
 *   the scope it belongs to recorded), or only the records of its `activityRef`. Each record is
 *   compensated once: its own handler and those of the activities nested in it start all at once,
 *   and the throw event completes when the last of them completed (waitForCompletion).
 * The records live in the scope's element-instance data, so they survive between commands.
 */

/** The activity completed: record it (or what completed inside it) in its flow scope. */
export function recordCompensable(x: Execution, element: ElementInstanceState): void {
  if (element.elementType === 'PROCESS' || element.data.compensates !== undefined) return;
  const scope = x.scopeOf(element);
  if (!scope) return;
  const nested = element.data.compensable ?? [];
  delete element.data.compensable;
  // The boundary events of a multi-instance activity belong to its body: an inner instance only
  // hands up what completed inside it.
  const records: CompensableActivity[] = element.data.inner
    ? nested
    : x.def(element).compensation || nested.length > 0
      ? [{ elementId: element.elementId, key: element.key, nested }]
      : [];
  if (records.length === 0) return;
  (scope.data.compensable ??= []).push(...records);
  x.tree.touch(scope);
}

interface HandlerStart {
  scope: ElementInstanceState;
  boundaryEvent: ElementDef;
  handler: ElementDef;
}

/**
 * A compensation throw or end event was reached: starts the handlers of what it compensates and
 * waits for them, or completes at once when there is nothing (left) to compensate.
 */
export async function throwCompensation(x: Execution, event: ElementInstanceState, def: ElementDef): Promise<void> {
  const activityRef = def.event?.kind === 'compensation' ? def.event.activityRef : undefined;
  const model = x.model(event);
  const starts: HandlerStart[] = [];
  for (const { scope, record } of takeRecords(x, event, activityRef)) collectHandlers(model, record, scope, starts);
  if (starts.length === 0) return complete(x, event);
  const handlers: ElementInstanceState[] = [];
  for (const start of starts) {
    // The boundary event occurs (activated and completed, as in Zeebe) before its handler starts.
    const boundary = await newElement(x, start.scope, start.boundaryEvent);
    x.tree.end(boundary, 'COMPLETED', x.now);
    const handler = await newElement(x, start.scope, start.handler, start.handler.multiInstance ? 'MULTI_INSTANCE_BODY' : start.handler.type);
    handler.data.compensates = event.key;
    handlers.push(handler);
  }
  event.data.compensating = handlers.map((h) => h.key);
  x.tree.touch(event);
  // All handlers exist before any runs, so one that completes at once cannot complete the event early.
  for (const handler of handlers) await activate(x, handler);
}

/** Removes and returns the records the event compensates, with the scope instance holding each. */
function takeRecords(x: Execution, event: ElementInstanceState, activityRef: string | undefined) {
  const scope = x.scopeOf(event)!;
  const parent = scope.elementType === 'EVENT_SUB_PROCESS' ? x.scopeOf(scope) : undefined;
  const taken: { scope: ElementInstanceState; record: CompensableActivity }[] = [];
  for (const holder of parent ? [parent, scope] : [scope]) {
    const records = holder.data.compensable ?? [];
    const chosen = records.filter((r) => !activityRef || r.elementId === activityRef);
    if (chosen.length === 0) continue;
    const left = records.filter((r) => !chosen.includes(r));
    if (left.length > 0) holder.data.compensable = left;
    else delete holder.data.compensable;
    x.tree.touch(holder);
    for (const record of chosen) taken.push({ scope: holder, record });
  }
  return taken;
}

/** The record's own handler first, then those of the activities completed inside it. */
function collectHandlers(model: ProcessDefinitionModel, record: CompensableActivity, scope: ElementInstanceState, into: HandlerStart[]) {
  const compensation = model.elements[record.elementId]?.compensation;
  if (compensation) {
    into.push({ scope, boundaryEvent: model.elements[compensation.boundaryEvent], handler: model.elements[compensation.handler] });
  }
  for (const nested of record.nested) collectHandlers(model, nested, scope, into);
}

/** A handler completed: its throw event completes once no handler it started is left. */
export async function compensationHandlerCompleted(x: Execution, handler: ElementInstanceState): Promise<void> {
  const event = x.tree.elements.get(handler.data.compensates!);
  if (!event || event.state !== 'ACTIVE' || !event.data.compensating) return;
  event.data.compensating = event.data.compensating.filter((key) => key !== handler.key);
  x.tree.touch(event);
  if (event.data.compensating.length > 0) return;
  delete event.data.compensating;
  await complete(x, event);
}

/** A throw event that is terminated terminates the handlers it still waits for. */
export async function terminateCompensationHandlers(x: Execution, event: ElementInstanceState): Promise<void> {
  for (const key of event.data.compensating ?? []) {
    const handler = x.tree.elements.get(key);
    if (handler) await terminate(x, handler);
  }
}
