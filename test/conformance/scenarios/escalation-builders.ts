/**
 * XML builders for escalation events, as Camunda Modeler writes them. An escalation reference left
 * out makes a catch event that catches every escalation (and a throw event Zeebe refuses).
 */

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A `bpmn:escalation` (goes in the `extra` part of `bpmn(...)`, outside the process); no code when `code` is undefined. */
export const escalationDef = (id: string, code?: string) =>
  `<bpmn:escalation id="${id}" name="${id}"${code === undefined ? '' : ` escalationCode="${attr(code)}"`} />`;

const definition = (id: string, escalationRef?: string) =>
  `<bpmn:escalationEventDefinition id="${id}_def"${escalationRef ? ` escalationRef="${escalationRef}"` : ''} />`;

/** An escalation intermediate throw event. */
export const escalationThrow = (id: string, escalationRef?: string) =>
  `<bpmn:intermediateThrowEvent id="${id}">${definition(id, escalationRef)}</bpmn:intermediateThrowEvent>`;

/** An escalation end event. */
export const escalationEnd = (id: string, escalationRef?: string) => `<bpmn:endEvent id="${id}">${definition(id, escalationRef)}</bpmn:endEvent>`;

/** An escalation boundary event (interrupting unless told); `ext` holds extension elements such as `io(...)`. */
export function escalationBoundary(id: string, attachedTo: string, escalationRef?: string, interrupting = true, ext = ''): string {
  const extension = ext ? `<bpmn:extensionElements>${ext}</bpmn:extensionElements>` : '';
  return `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}" cancelActivity="${interrupting}">${extension}${definition(id, escalationRef)}</bpmn:boundaryEvent>`;
}

/** An escalation start event of an event sub-process (interrupting unless told). */
export const escalationStart = (id: string, escalationRef?: string, interrupting = true) =>
  `<bpmn:startEvent id="${id}" isInterrupting="${interrupting}">${definition(id, escalationRef)}</bpmn:startEvent>`;
