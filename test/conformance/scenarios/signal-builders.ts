/**
 * XML builders for signal events, as Camunda Modeler (and Zeebe's Bpmn builder) writes them: a
 * `bpmn:signal` outside the process and a `bpmn:signalEventDefinition` referring to it. A
 * reference left out makes the definition Zeebe refuses ("Must reference a signal").
 */

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const ext = (extensions: string) => (extensions ? `<bpmn:extensionElements>${extensions}</bpmn:extensionElements>` : '');

/** A `bpmn:signal` (goes in the `extra` part of `bpmn(...)`); its name may be a FEEL expression ("=…"). */
export const signalDef = (id: string, name: string) => `<bpmn:signal id="${id}" name="${attr(name)}" />`;

const definition = (id: string, signalRef?: string) =>
  `<bpmn:signalEventDefinition id="${id}_def"${signalRef ? ` signalRef="${signalRef}"` : ''} />`;

/** A signal start event: of the process, or of an event sub-process (interrupting unless told). */
export const signalStart = (id: string, signalRef?: string, o: { interrupting?: boolean; ext?: string } = {}) =>
  `<bpmn:startEvent id="${id}"${o.interrupting === false ? ' isInterrupting="false"' : ''}>${ext(o.ext ?? '')}${definition(id, signalRef)}</bpmn:startEvent>`;

/** A signal intermediate catch event. */
export const signalCatch = (id: string, signalRef?: string, extensions = '') =>
  `<bpmn:intermediateCatchEvent id="${id}">${ext(extensions)}${definition(id, signalRef)}</bpmn:intermediateCatchEvent>`;

/** A signal intermediate throw event. */
export const signalThrow = (id: string, signalRef?: string, extensions = '') =>
  `<bpmn:intermediateThrowEvent id="${id}">${ext(extensions)}${definition(id, signalRef)}</bpmn:intermediateThrowEvent>`;

/** A signal end event. */
export const signalEnd = (id: string, signalRef?: string, extensions = '') =>
  `<bpmn:endEvent id="${id}">${ext(extensions)}${definition(id, signalRef)}</bpmn:endEvent>`;

/** A signal boundary event (interrupting unless told). */
export const signalBoundary = (id: string, attachedTo: string, signalRef?: string, interrupting = true, extensions = '') =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}" cancelActivity="${interrupting}">${ext(extensions)}${definition(id, signalRef)}</bpmn:boundaryEvent>`;
