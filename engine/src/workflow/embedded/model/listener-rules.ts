import type { ElementDef, EventDef, ListenerDef } from './definition.js';

/** A moddle element read loosely (zeebe: extensions are not typed by bpmn-moddle). */
type Node = { $type: string; [property: string]: any };

const executionEventTypes = new Set(['start', 'end']);

/**
 * Reads `zeebe:executionListeners`: each listener with the element's task headers under its own
 * (Zeebe's ExecutionListenerTest#shouldCreateExecutionListenerJobWithMergedTaskHeaders). Problems are
 * reported through `invalid`, with Zeebe's validation messages where it has one.
 */
export function readExecutionListeners(
  listeners: Node | undefined,
  taskHeaders: Record<string, string>,
  invalid: (problem: string) => never,
): ListenerDef[] | undefined {
  const list = (listeners?.listeners ?? []) as Node[];
  if (list.length === 0) return undefined;
  return list.map((listener) => {
    const eventType = (listener.eventType as string | undefined) ?? 'start';
    if (!executionEventTypes.has(eventType)) {
      invalid(`the execution listener event type '${eventType}' is not one of 'start', 'end'`);
    }
    if (!listener.type) invalid('an execution listener needs a job type (type="…")');
    const own: Record<string, string> = {};
    for (const header of (listener.headers?.values ?? []) as Node[]) own[header.key] = header.value ?? '';
    return { eventType, type: listener.type, retries: listener.retries ?? '3', headers: { ...taskHeaders, ...own } };
  });
}

/**
 * The element kinds on which Zeebe's deployment refuses one event type (StartEventValidator,
 * BoundaryEventValidator, GatewayValidator, EndEventValidator, IntermediateThrowEventValidator):
 * such elements never reach that point of their lifecycle as a normal completion or activation.
 */
export function refuseUnsupportedListeners(element: ElementDef, invalid: (problem: string) => never): void {
  const listeners = element.executionListeners;
  if (!listeners) return;
  const has = (eventType: string) => listeners.some((l) => l.eventType === eventType);
  const event: EventDef | undefined = element.event;
  if (element.type === 'BOUNDARY_EVENT' && event?.kind === 'compensation') {
    invalid("Execution listeners of type 'start' and 'end' are not supported by [compensation] boundary events");
  }
  if (element.type === 'START_EVENT' && has('start')) invalid("Execution listeners of type 'start' are not supported by start events");
  if (element.type === 'BOUNDARY_EVENT' && has('start')) invalid("Execution listeners of type 'start' are not supported by boundary events");
  if (element.type.endsWith('_GATEWAY') && has('end')) invalid("Execution listeners of type 'end' are not supported by gateway element");
  if (element.type === 'END_EVENT' && event?.kind === 'error' && has('end')) {
    invalid("Execution listeners of type 'end' are not supported by [error] end events");
  }
  if (element.type === 'INTERMEDIATE_THROW_EVENT' && event?.kind === 'escalation' && has('end')) {
    invalid("Execution listeners of type 'end' are not supported by [escalation] intermediate throw events");
  }
}

/** Zeebe's task listener event types; the names before 8.8 are aliases (ZeebeTaskListenerEventType). */
const taskEventTypes: Record<string, string> = {
  creating: 'creating',
  create: 'creating',
  assigning: 'assigning',
  assignment: 'assigning',
  updating: 'updating',
  update: 'updating',
  completing: 'completing',
  complete: 'completing',
  canceling: 'canceling',
  cancel: 'canceling',
};
/** The task listener events the embedded engine runs; the others are refused at deployment. */
const servedTaskEvents = new Set(['assigning', 'completing']);

/**
 * Reads `zeebe:taskListeners` of a Camunda user task. `unsupported` reports an 8.8 event type the
 * embedded engine does not run yet (creating, updating, canceling).
 */
export function readTaskListeners(
  listeners: Node | undefined,
  taskHeaders: Record<string, string>,
  invalid: (problem: string) => never,
  unsupported: (feature: string) => never,
): ListenerDef[] | undefined {
  const list = (listeners?.listeners ?? []) as Node[];
  if (list.length === 0) return undefined;
  return list.map((listener) => {
    const eventType = taskEventTypes[listener.eventType as string];
    if (!eventType) invalid(`the task listener event type '${listener.eventType}' is not one of ${Object.keys(taskEventTypes).join(', ')}`);
    if (!servedTaskEvents.has(eventType)) unsupported(`a task listener of event type '${eventType}'`);
    if (!listener.type) invalid('a task listener needs a job type (type="…")');
    return { eventType, type: listener.type, retries: listener.retries ?? '3', headers: { ...taskHeaders } };
  });
}
