import type { ElementDef, ElementType, EventDef } from './definition.js';

/**
 * Zeebe's deployment rules for escalation events (zeebe/bpmn-model, validation/zeebe:
 * EscalationEventDefinitionValidator, EscalationValidator and ModelUtil; the messages are Zeebe's).
 */

/** The escalation event of a throw (end, intermediate throw) or catch (boundary, start) event. */
export function escalationEvent(
  isThrow: boolean,
  escalation: { escalationCode?: string } | undefined,
  invalid: (problem: string) => never,
): Extract<EventDef, { kind: 'escalation' }> {
  const code = escalation?.escalationCode === undefined ? undefined : String(escalation.escalationCode);
  if (isThrow) {
    if (!escalation) invalid('Must reference an escalation');
    if (!code) invalid('EscalationCode must be present and not empty');
    return { kind: 'escalation', escalationCode: code };
  }
  if (code?.startsWith('=')) invalid('The escalationCode of the escalation catch event is not allowed to be an expression');
  // Without an escalation, or with an empty code, a catch event catches every escalation.
  return code ? { kind: 'escalation', escalationCode: code } : { kind: 'escalation' };
}

/** Escalation boundary events may only be attached to these activities. */
export function refuseEscalationBoundaryHost(hostType: ElementType, invalid: (problem: string) => never): void {
  if (hostType !== 'SUB_PROCESS' && hostType !== 'CALL_ACTIVITY') {
    invalid('An escalation boundary event should only be attached to a subprocess, or a call activity.');
  }
}

const duplicateCatchAll =
  'The same scope can not contain more than one escalation catch event without escalation code. ' +
  'An escalation catch event without escalation code catches all escalations.';

/**
 * The catch events of one scope (the boundary events of an activity, or the event sub-process start
 * events of a container) may hold one escalation catch event per code and one catch-all.
 */
export function refuseDuplicateEscalationCatches(catchEvents: ElementDef[], invalid: (problem: string) => never): void {
  const seen = new Set<string | undefined>();
  for (const element of catchEvents) {
    if (element.event?.kind !== 'escalation') continue;
    const code = element.event.escalationCode;
    if (seen.has(code)) {
      invalid(
        code === undefined
          ? duplicateCatchAll
          : `Multiple escalation catch events with the same escalation code '${code}' are not supported on the same scope.`,
      );
    }
    seen.add(code);
  }
}
