/**
 * Small XML builders and observers for the flow-and-data conformance scenarios. Each builder returns
 * the BPMN fragment Camunda Modeler would write for the element (Zeebe extension elements included),
 * so that a scenario reads like the `Bpmn.createExecutableProcess(...)` chain of the Zeebe test it
 * mirrors. Wrap the fragments with `bpmn(processId, content, extra)` from the engine's test support.
 */
import assert from 'node:assert/strict';
import type { ActivatedJob, Incident, Variables, WorkflowEngine } from '@mot-cua/engine/workflow/workflow-engine.port.js';
import { activate, bpmn, deploy, flow } from '@mot-cua/engine/test-support/workflow.js';

export { bpmn, flow };

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const text = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `zeebe:ioMapping` with inputs and outputs as [source, target] pairs, in modelling order. */
export function io(inputs: [string, string][] = [], outputs: [string, string][] = []): string {
  return `<zeebe:ioMapping>${inputs.map(([s, t]) => `<zeebe:input source="${attr(s)}" target="${t}" />`).join('')}${outputs
    .map(([s, t]) => `<zeebe:output source="${attr(s)}" target="${t}" />`)
    .join('')}</zeebe:ioMapping>`;
}

export interface MultiInstanceSpec {
  sequential?: boolean;
  inputCollection: string;
  inputElement?: string;
  outputCollection?: string;
  outputElement?: string;
  completionCondition?: string;
}

/** `bpmn:multiInstanceLoopCharacteristics` with its `zeebe:loopCharacteristics`. */
export function multiInstance(spec: MultiInstanceSpec): string {
  const loop = [
    `inputCollection="${attr(spec.inputCollection)}"`,
    spec.inputElement ? `inputElement="${spec.inputElement}"` : '',
    spec.outputCollection ? `outputCollection="${spec.outputCollection}"` : '',
    spec.outputElement ? `outputElement="${attr(spec.outputElement)}"` : '',
  ].join(' ');
  const completion = spec.completionCondition
    ? `<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${text(spec.completionCondition)}</bpmn:completionCondition>`
    : '';
  return `<bpmn:multiInstanceLoopCharacteristics${spec.sequential ? ' isSequential="true"' : ''}><bpmn:extensionElements><zeebe:loopCharacteristics ${loop} /></bpmn:extensionElements>${completion}</bpmn:multiInstanceLoopCharacteristics>`;
}

export interface ActivityOptions {
  /** Extension elements besides the task definition (e.g. `io(...)`). */
  ext?: string;
  /** Loop characteristics (`multiInstance(...)`). */
  mi?: string;
  /** Raw attributes of the element (e.g. `name="…"`). */
  attrs?: string;
}

/** A service task with a job type. */
export function job(id: string, type: string, o: ActivityOptions = {}): string {
  return `<bpmn:serviceTask id="${id}" ${o.attrs ?? ''}><bpmn:extensionElements><zeebe:taskDefinition type="${type}" />${o.ext ?? ''}</bpmn:extensionElements>${o.mi ?? ''}</bpmn:serviceTask>`;
}

/** A FEEL script task (`zeebe:script`). */
export function script(id: string, expression: string, resultVariable: string, o: ActivityOptions = {}): string {
  return `<bpmn:scriptTask id="${id}" ${o.attrs ?? ''}><bpmn:extensionElements><zeebe:script expression="${attr(expression)}" resultVariable="${resultVariable}" />${o.ext ?? ''}</bpmn:extensionElements>${o.mi ?? ''}</bpmn:scriptTask>`;
}

/** A Zeebe user task (`zeebe:userTask`), with assignment / schedule extension elements in `ext`. */
export function userTask(id: string, o: ActivityOptions = {}): string {
  return `<bpmn:userTask id="${id}" ${o.attrs ?? ''}><bpmn:extensionElements><zeebe:userTask />${o.ext ?? ''}</bpmn:extensionElements>${o.mi ?? ''}</bpmn:userTask>`;
}

/** A call activity; `called` holds extra attributes of `zeebe:calledElement` (bindingType, versionTag, propagate…). */
export function callActivity(id: string, processId: string, called = '', o: ActivityOptions = {}): string {
  return `<bpmn:callActivity id="${id}" ${o.attrs ?? ''}><bpmn:extensionElements><zeebe:calledElement processId="${attr(processId)}" ${called} />${o.ext ?? ''}</bpmn:extensionElements>${o.mi ?? ''}</bpmn:callActivity>`;
}

/** An embedded sub-process around `body`. */
export function subProcess(id: string, body: string, o: ActivityOptions = {}): string {
  const ext = o.ext ? `<bpmn:extensionElements>${o.ext}</bpmn:extensionElements>` : '';
  return `<bpmn:subProcess id="${id}" ${o.attrs ?? ''}>${ext}${o.mi ?? ''}${body}</bpmn:subProcess>`;
}

/** An event sub-process (triggeredByEvent) around `body`. */
export function eventSubProcess(id: string, body: string): string {
  return `<bpmn:subProcess id="${id}" triggeredByEvent="true">${body}</bpmn:subProcess>`;
}

export const start = (id = 'start') => `<bpmn:startEvent id="${id}" />`;
export const end = (id = 'end') => `<bpmn:endEvent id="${id}" />`;
export const task = (id: string) => `<bpmn:task id="${id}" />`;
export const manualTask = (id: string) => `<bpmn:manualTask id="${id}" />`;
export const throwNone = (id: string) => `<bpmn:intermediateThrowEvent id="${id}" />`;
export const parallel = (id: string) => `<bpmn:parallelGateway id="${id}" />`;
export const exclusive = (id: string, defaultFlow?: string) =>
  `<bpmn:exclusiveGateway id="${id}"${defaultFlow ? ` default="${defaultFlow}"` : ''} />`;
export const inclusive = (id: string, defaultFlow?: string) =>
  `<bpmn:inclusiveGateway id="${id}"${defaultFlow ? ` default="${defaultFlow}"` : ''} />`;

/** A link throw / catch pair element. */
export const linkThrow = (id: string, name: string) =>
  `<bpmn:intermediateThrowEvent id="${id}"><bpmn:linkEventDefinition id="${id}_def" name="${name}" /></bpmn:intermediateThrowEvent>`;
export const linkCatch = (id: string, name: string) =>
  `<bpmn:intermediateCatchEvent id="${id}"><bpmn:linkEventDefinition id="${id}_def" name="${name}" /></bpmn:intermediateCatchEvent>`;

/** A `bpmn:error` definition (goes in the `extra` part of `bpmn(...)`, outside the process). */
export const errorDef = (id: string, errorCode: string) => `<bpmn:error id="${id}" name="${id}" errorCode="${attr(errorCode)}" />`;

/** An error end event throwing the error `errorRef`. */
export const errorEnd = (id: string, errorRef: string) =>
  `<bpmn:endEvent id="${id}"><bpmn:errorEventDefinition id="${id}_def" errorRef="${errorRef}" /></bpmn:endEvent>`;

/** An error boundary event; without `errorRef` it catches every error. */
export function errorBoundary(id: string, attachedTo: string, errorRef?: string, ext = ''): string {
  const extension = ext ? `<bpmn:extensionElements>${ext}</bpmn:extensionElements>` : '';
  return `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}">${extension}<bpmn:errorEventDefinition id="${id}_def"${errorRef ? ` errorRef="${errorRef}"` : ''} /></bpmn:boundaryEvent>`;
}

/** An interrupting error start event (for an event sub-process); without `errorRef` it catches every error. */
export const errorStart = (id: string, errorRef?: string) =>
  `<bpmn:startEvent id="${id}" isInterrupting="true"><bpmn:errorEventDefinition id="${id}_def"${errorRef ? ` errorRef="${errorRef}"` : ''} /></bpmn:startEvent>`;

/** A message definition and a message boundary event using it. */
export const messageDef = (id: string, name: string, correlationKey: string) =>
  `<bpmn:message id="${id}" name="${name}"><bpmn:extensionElements><zeebe:subscription correlationKey="${attr(correlationKey)}" /></bpmn:extensionElements></bpmn:message>`;
export const messageBoundary = (id: string, attachedTo: string, messageRef: string, interrupting = true) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}" cancelActivity="${interrupting}"><bpmn:messageEventDefinition id="${id}_def" messageRef="${messageRef}" /></bpmn:boundaryEvent>`;

/** Sequence flows chaining the given element ids: chain('a', 'b', 'c') = a→b, b→c, with ids `${prefix}1`…. */
export function chain(prefix: string, ...ids: string[]): string {
  return ids
    .slice(1)
    .map((to, i) => flow(`${prefix}${i + 1}`, ids[i], to))
    .join('\n');
}

// ------------------------------------------------------------------ driving and observing

/** Deploys one process and returns the deployment. */
export async function deployProcess(engine: WorkflowEngine, processId: string, content: string, extra = '') {
  return deploy(engine, processId, bpmn(processId, content, extra));
}

/** Activates exactly one open job of a type (fails if there is none). */
export async function oneJob(engine: WorkflowEngine, type: string): Promise<ActivatedJob> {
  const [found] = await activate(engine, type, 1);
  assert.ok(found, `expected an open job of type '${type}'`);
  return found;
}

/** Activates one job of the type and completes it with the variables; returns the activated job. */
export async function completeOne(engine: WorkflowEngine, type: string, variables?: Variables): Promise<ActivatedJob> {
  const found = await oneJob(engine, type);
  await engine.completeJob(found.jobKey, variables);
  return found;
}

/** The process instance's state. */
export async function stateOf(engine: WorkflowEngine, processInstanceKey: string) {
  return (await engine.getProcessInstance(processInstanceKey)).state;
}

/** Element instances of a process instance as `elementId:STATE`, in creation order (optionally of one BPMN type). */
export async function trail(engine: WorkflowEngine, processInstanceKey: string, type?: string): Promise<string[]> {
  const elements = await engine.getElementInstances(processInstanceKey);
  return elements.filter((e) => !type || e.type === type).map((e) => `${e.elementId}:${e.state}`);
}

/** How many element instances of an element are in the given state. */
export async function count(engine: WorkflowEngine, processInstanceKey: string, elementId: string, state?: string, type?: string) {
  const elements = await engine.getElementInstances(processInstanceKey);
  return elements.filter((e) => e.elementId === elementId && (!state || e.state === state) && (!type || e.type === type)).length;
}

/** The active incidents of a process instance. */
export async function activeIncidents(engine: WorkflowEngine, processInstanceKey: string): Promise<Incident[]> {
  return engine.searchIncidents({ processInstanceKey, state: 'ACTIVE' });
}

/** The single child instance created by a call activity of the parent (fails if there is not exactly one). */
export async function childOf(engine: WorkflowEngine, childProcessId: string, parentKey: string) {
  const children = (await engine.searchProcessInstances({ processDefinitionId: childProcessId })).filter(
    (p) => p.parentProcessInstanceKey === parentKey,
  );
  assert.equal(children.length, 1, `expected one instance of '${childProcessId}' called by ${parentKey}`);
  return children[0];
}
