import type { ElementDef, EventDef } from './definition.js';

/**
 * Zeebe's deployment rules for signal events (zeebe/bpmn-model, validation/zeebe:
 * SignalEventDefinitionValidator, SignalValidator and ModelUtil; the messages are Zeebe's).
 */

/** The signal event of a start, catch, boundary, throw or end event; its name may be a FEEL expression. */
export function signalEvent(signal: { name?: string } | undefined, invalid: (problem: string) => never): Extract<EventDef, { kind: 'signal' }> {
  if (!signal) invalid('Must reference a signal');
  const name = signal.name?.trim();
  if (!name || name === '=') invalid('Name must be present and not empty');
  return { kind: 'signal', signalName: name };
}

/**
 * The signal catch events that wait together — the boundary events of an activity, the events after
 * an event-based gateway, the start events of a process or the event sub-process starts of a scope —
 * may not share a name as written (ModelUtil#verifyNoDuplicatedEventDefinition).
 */
export function refuseDuplicateSignalNames(events: ElementDef[], invalid: (problem: string) => never): void {
  const seen = new Set<string>();
  for (const element of events) {
    if (element.event?.kind !== 'signal') continue;
    const name = element.event.signalName;
    if (seen.has(name)) invalid(`Multiple signal event definitions with the same name '${name}' are not allowed.`);
    seen.add(name);
  }
}
