import { and, asc, eq, gt, notExists, sql } from 'drizzle-orm';
import type { Variables } from '../../../workflow-engine.port.js';
import type { ElementDef } from '../../model/definition.js';
import { wfMessageCorrelations, wfMessages } from '../../workflow.schema.js';
import type { NewSubscription } from '../effects.js';
import type { Execution } from '../execution.js';
import { evaluateExpression, evaluateString } from '../feel.js';
import { processorFor } from '../processors/index.js';
import type { ElementInstanceState, WaitKind } from '../state.js';
import { scheduleTimer } from '../timer-spec.js';
import { StepIncident } from './incidents.js';
import { visibleVariables } from './variables.js';

/**
 * Timer, message and signal subscriptions of waiting elements (Zeebe's BpmnEventSubscriptionBehavior):
 * opened when an element starts waiting, closed when it is left, and the way a fired timer, a
 * correlated message or a broadcast signal reaches the element that waits for it.
 */

/** Events that wait on a subscription of their own (errors, escalations and compensation are found by walking out). */
const waitingKinds = new Set(['timer', 'message', 'signal']);

/** A message is correlated at most once per BPMN process id (Zeebe's rule), start events included. */
export function correlationTarget(bpmnProcessId: string): string {
  return `process:${bpmnProcessId}`;
}

export function addWait(x: Execution, element: ElementInstanceState, kind: WaitKind): void {
  const waits = (element.data.waits ??= []);
  if (!waits.includes(kind)) waits.push(kind);
  x.tree.touch(element);
}

export function closeWaits(x: Execution, element: ElementInstanceState, elementIds?: string[]): void {
  const waits = element.data.waits;
  if (!waits?.length) return;
  for (const kind of waits) x.effects.close(kind, { elementInstanceKey: element.key, ...(elementIds ? { elementIds } : {}) });
  if (!elementIds) delete element.data.waits;
  x.tree.touch(element);
}

/** Timer, message and signal boundary events of an activity wait alongside it (a multi-instance's on its body). */
export async function openBoundaries(x: Execution, element: ElementInstanceState): Promise<void> {
  if (element.data.inner) return;
  const model = x.model(element);
  for (const id of x.def(element).boundaryEvents) {
    const boundary = model.elements[id];
    if (waitingKinds.has(boundary.event?.kind ?? 'none')) await openWait(x, element, boundary);
  }
}

export async function openEventSubProcesses(x: Execution, scope: ElementInstanceState): Promise<void> {
  const model = x.model(scope);
  for (const id of x.def(scope).eventSubProcesses) {
    const start = model.elements[model.elements[id].startEvent!];
    if (waitingKinds.has(start.event?.kind ?? 'none')) await openWait(x, scope, start);
  }
}

/** Opens the timer, message or signal subscription of `event`, owned by `owner` (the waiting element instance). */
export async function openWait(x: Execution, owner: ElementInstanceState, event: ElementDef): Promise<void> {
  const instance = x.processInstance(owner);
  const definition = x.definitionOf(instance);
  const spec = event.event!;
  const context = visibleVariables(x, owner);
  if (spec.kind === 'timer') {
    const schedule = scheduleTimer(spec.timer, context, x.now);
    x.effects.timers.push({
      key: await x.key(),
      dueDate: schedule.dueDate,
      elementInstanceKey: owner.key,
      processInstanceKey: instance.key,
      rootKey: instance.rootKey,
      elementId: event.id,
      processDefinitionKey: definition.key,
      repetitions: schedule.repetitions,
      interval: schedule.interval ?? null,
    });
    addWait(x, owner, 'timer');
    return;
  }
  if (spec.kind === 'signal') {
    x.effects.signalSubscriptions.push({
      key: await x.key(),
      signalName: evaluateString(spec.signalName, context, 'the signal name'),
      elementInstanceKey: owner.key,
      processInstanceKey: instance.key,
      rootKey: instance.rootKey,
      elementId: event.id,
      processDefinitionKey: definition.key,
      bpmnProcessId: definition.bpmnProcessId,
    });
    addWait(x, owner, 'signal');
    return;
  }
  if (spec.kind !== 'message') throw new Error(`cannot wait for a ${spec.kind} event`);
  const subscription: NewSubscription = {
    key: await x.key(),
    messageName: evaluateString(spec.messageName, context, 'the message name'),
    correlationKey: spec.correlationKey ? correlationKey(spec.correlationKey, context) : '',
    elementInstanceKey: owner.key,
    processInstanceKey: instance.key,
    rootKey: instance.rootKey,
    elementId: event.id,
    processDefinitionKey: definition.key,
    bpmnProcessId: definition.bpmnProcessId,
  };
  x.effects.subscriptions.push(subscription);
  x.openedSubscriptions.push(subscription);
  addWait(x, owner, 'message');
}

function correlationKey(expression: string, context: Variables): string {
  const value = evaluateExpression(expression, context);
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw new StepIncident(
    'EXTRACT_VALUE_ERROR',
    `Failed to extract the correlation key for '${expression.trim()}': The value must be either a string or a number, but was ${JSON.stringify(value)}.`,
  );
}

/**
 * Correlates buffered messages to the subscriptions this command opened: the oldest live message of
 * that name and key not yet correlated to this process id. Returns whether one was correlated.
 */
export async function correlateBufferedMessage(x: Execution): Promise<boolean> {
  while (x.openedSubscriptions.length > 0) {
    const subscription = x.openedSubscriptions.shift()!;
    const stillOpen = x.effects.subscriptions.includes(subscription);
    const owner = x.tree.elements.get(subscription.elementInstanceKey!);
    if (!stillOpen || owner?.state !== 'ACTIVE') continue;
    await x.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${subscription.messageName}\u001f${subscription.correlationKey}`}))`);
    const target = correlationTarget(subscription.bpmnProcessId);
    const claimed = x.effects.correlations.filter((c) => c.target === target).map((c) => c.messageKey);
    const [message] = await x.tx
      .select()
      .from(wfMessages)
      .where(
        and(
          eq(wfMessages.name, subscription.messageName),
          eq(wfMessages.correlationKey, subscription.correlationKey!),
          gt(wfMessages.expiresAt, x.now),
          notExists(
            x.tx
              .select({ one: sql`1` })
              .from(wfMessageCorrelations)
              .where(and(eq(wfMessageCorrelations.messageKey, wfMessages.key), eq(wfMessageCorrelations.target, target))),
          ),
          ...(claimed.length > 0 ? [sql`${wfMessages.key} not in (${sql.join(claimed.map((k) => sql`${k}`), sql`, `)})`] : []),
        ),
      )
      .orderBy(asc(wfMessages.key))
      .limit(1);
    if (!message) continue;
    await correlate(x, owner, subscription.elementId, message.key, message.variables as Variables);
    return true;
  }
  return false;
}

/** A message reached the subscription of `owner` for event `eventId`. */
export async function correlate(
  x: Execution,
  owner: ElementInstanceState,
  eventId: string,
  messageKey: number,
  variables: Variables,
): Promise<void> {
  x.effects.correlations.push({ messageKey, target: correlationTarget(x.processInstance(owner).bpmnProcessId) });
  await triggerEvent(x, owner, x.model(owner).elements[eventId], variables);
}

/** A timer, message or signal fired for `event`, whose wait is owned by `owner`. */
export async function triggerEvent(x: Execution, owner: ElementInstanceState, event: ElementDef, variables: Variables): Promise<void> {
  if (owner.state !== 'ACTIVE') return;
  const processor = processorFor(event.type);
  if (!processor.onEventOccurred) throw new Error(`element '${event.id}' cannot be triggered`);
  await processor.onEventOccurred(x, owner, event, variables);
}
