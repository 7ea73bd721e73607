import type { EmbeddedWorkflowEngine } from '@mot-cua/engine/workflow/embedded/embedded-workflow-engine.js';
import type { ActivatedJob, ProcessInstance, Variables } from '@mot-cua/engine/workflow/workflow-engine.port.js';
import { activate, flow, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';

/**
 * XML fragments for the event scenarios, written the way Camunda Modeler (and Zeebe's
 * Bpmn.createExecutableProcess builder) writes them, plus a few read-only observers of an instance.
 * Every builder returns a string to splice into `bpmn(processId, content, extra)`.
 */

/** Text content or attribute value, escaped for XML. */
export function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A <bpmn:message>, optionally with a zeebe:subscription correlation key (e.g. "=key"); goes in `extra`. */
export function message(id: string, name: string, correlationKey?: string): string {
  const subscription = correlationKey
    ? `<bpmn:extensionElements><zeebe:subscription correlationKey="${xml(correlationKey)}" /></bpmn:extensionElements>`
    : '';
  return `<bpmn:message id="${id}" name="${xml(name)}">${subscription}</bpmn:message>`;
}

export const messageDef = (messageRef: string) => `<bpmn:messageEventDefinition messageRef="${messageRef}" />`;

export type TimerKind = 'duration' | 'date' | 'cycle';
const timerTags: Record<TimerKind, string> = { duration: 'timeDuration', date: 'timeDate', cycle: 'timeCycle' };

/** A timer definition: static text ("PT1M", "R2/PT1S") or a FEEL expression ("=now() + …"). */
export function timerDef(kind: TimerKind, value: string): string {
  const tag = timerTags[kind];
  return `<bpmn:timerEventDefinition><bpmn:${tag} xsi:type="bpmn:tFormalExpression">${xml(value)}</bpmn:${tag}></bpmn:timerEventDefinition>`;
}

export const terminateDef = '<bpmn:terminateEventDefinition />';
export const linkDef = (name: string) => `<bpmn:linkEventDefinition name="${xml(name)}" />`;

/** zeebe:ioMapping; each pair is [source expression, target variable]. */
export function io(inputs: [string, string][] = [], outputs: [string, string][] = []): string {
  const i = inputs.map(([s, t]) => `<zeebe:input source="${xml(s)}" target="${t}" />`).join('');
  const o = outputs.map(([s, t]) => `<zeebe:output source="${xml(s)}" target="${t}" />`).join('');
  return `<zeebe:ioMapping>${i}${o}</zeebe:ioMapping>`;
}

const ext = (extensions: string) => (extensions ? `<bpmn:extensionElements>${extensions}</bpmn:extensionElements>` : '');

export function startEvent(id: string, definition = '', options: { interrupting?: boolean; extensions?: string } = {}): string {
  const attribute = options.interrupting === false ? ' isInterrupting="false"' : '';
  return `<bpmn:startEvent id="${id}"${attribute}>${ext(options.extensions ?? '')}${definition}</bpmn:startEvent>`;
}

export const endEvent = (id: string, definition = '') => `<bpmn:endEvent id="${id}">${definition}</bpmn:endEvent>`;

export const catchEvent = (id: string, definition: string, extensions = '') =>
  `<bpmn:intermediateCatchEvent id="${id}">${ext(extensions)}${definition}</bpmn:intermediateCatchEvent>`;

export const throwEvent = (id: string, definition = '') =>
  `<bpmn:intermediateThrowEvent id="${id}">${definition}</bpmn:intermediateThrowEvent>`;

export function boundaryEvent(
  id: string,
  attachedTo: string,
  definition: string,
  options: { interrupting?: boolean; extensions?: string } = {},
): string {
  return `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}" cancelActivity="${options.interrupting !== false}">${ext(options.extensions ?? '')}${definition}</bpmn:boundaryEvent>`;
}

/** A receive task waiting for the message `messageRef`; `loop` is a multi-instance loop characteristics element. */
export const receiveTask = (id: string, messageRef: string, options: { extensions?: string; loop?: string } = {}) =>
  `<bpmn:receiveTask id="${id}" messageRef="${messageRef}">${ext(options.extensions ?? '')}${options.loop ?? ''}</bpmn:receiveTask>`;

export const subProcess = (id: string, content: string, extensions = '') =>
  `<bpmn:subProcess id="${id}">${ext(extensions)}${content}</bpmn:subProcess>`;

export const eventSubProcess = (id: string, content: string, extensions = '') =>
  `<bpmn:subProcess id="${id}" triggeredByEvent="true">${ext(extensions)}${content}</bpmn:subProcess>`;

export const parallelGateway = (id: string) => `<bpmn:parallelGateway id="${id}" />`;
export const exclusiveGateway = (id: string) => `<bpmn:exclusiveGateway id="${id}" />`;
export const eventBasedGateway = (id: string) => `<bpmn:eventBasedGateway id="${id}" />`;
export const manualTask = (id: string) => `<bpmn:manualTask id="${id}" />`;
/** A user task without zeebe:userTask: Zeebe runs it as a job of type io.camunda.zeebe:userTask. */
export const userTask = (id: string) => `<bpmn:userTask id="${id}" />`;

/** Sequence flows along a path: chain('a', 'b', 'c') connects a→b and b→c. */
export function chain(...ids: string[]): string {
  return ids
    .slice(1)
    .map((to, i) => flow(`${ids[i]}-to-${to}`, ids[i], to))
    .join('\n');
}

// ------------------------------------------------------------------ observers

/** The states of every element instance with this element id, in creation order. */
export async function statesOf(engine: EmbeddedWorkflowEngine, processInstanceKey: string, elementId: string): Promise<string[]> {
  return (await engine.getElementInstances(processInstanceKey)).filter((e) => e.elementId === elementId).map((e) => e.state);
}

export async function stateOf(engine: EmbeddedWorkflowEngine, processInstanceKey: string): Promise<ProcessInstance['state']> {
  return (await engine.getProcessInstance(processInstanceKey)).state;
}

/** The instances of a process id (all versions), oldest first. */
export async function instancesOf(engine: EmbeddedWorkflowEngine, processDefinitionId: string): Promise<ProcessInstance[]> {
  const instances = await engine.searchProcessInstances({ processDefinitionId });
  return instances.sort((a, b) => Number(BigInt(a.processInstanceKey) - BigInt(b.processInstanceKey)));
}

/** The value of a root-scope variable in each instance of the process, oldest instance first. */
export async function variableOfInstances(engine: EmbeddedWorkflowEngine, processDefinitionId: string, name: string): Promise<unknown[]> {
  const values = [];
  for (const instance of await instancesOf(engine, processDefinitionId)) {
    values.push((await engine.getVariables(instance.processInstanceKey))[name]);
  }
  return values;
}

/** Activates and completes every open job of a type; returns the jobs. */
export async function completeJobs(engine: EmbeddedWorkflowEngine, type: string, variables: Variables = {}): Promise<ActivatedJob[]> {
  const jobs = await activate(engine, type, 100);
  for (const job of jobs) await engine.completeJob(job.jobKey, variables);
  return jobs;
}

/** Moves the manual clock and lets the engine fire what became due (Zeebe's increaseTime). */
export async function advance(f: EngineFixture, ms: number): Promise<void> {
  f.clock.advance(ms);
  await f.engine.runDueWork();
}

export const second = 1_000;
export const minute = 60 * second;
export const hour = 60 * minute;
