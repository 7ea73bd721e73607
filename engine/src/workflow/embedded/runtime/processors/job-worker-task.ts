import type { JobKind, JobListenerEventType, Variables } from '../../../workflow-engine.port.js';
import type { ElementDef } from '../../model/definition.js';
import { addWait, openBoundaries } from '../behaviors/event-subscriptions.js';
import { StepIncident } from '../behaviors/incidents.js';
import { visibleVariables } from '../behaviors/variables.js';
import type { Execution } from '../execution.js';
import { evaluateExpression, evaluateString, evaluateStringList } from '../feel.js';
import type { ElementInstanceState } from '../state.js';
import type { ElementProcessor } from './processor.js';

/** Headers of a job-based user task whose values Zeebe evaluates before creating the job. */
const assignmentHeaders: Record<string, 'string' | 'list'> = {
  'io.camunda.zeebe:assignee': 'string',
  'io.camunda.zeebe:candidateGroups': 'list',
  'io.camunda.zeebe:candidateUsers': 'list',
};

/** Evaluates a job's retries expression: a whole number of zero or more, or an incident. */
export function evaluateRetries(expression: string, context: Variables): number {
  const value = evaluateExpression(expression, context);
  const retries = Number(value);
  if (!Number.isInteger(retries) || retries < 0) {
    throw new StepIncident('EXTRACT_VALUE_ERROR', `Expected the job retries '${expression}' to be a whole number, but it was ${JSON.stringify(value)}`);
  }
  return retries;
}

export interface JobSpec {
  type: string;
  retries: number;
  customHeaders: Record<string, string>;
  kind?: JobKind;
  listenerEventType?: JobListenerEventType;
}

/** Adds a job of the element for a worker of its type to activate; the element waits for it. */
export function pushJob(x: Execution, element: ElementInstanceState, spec: JobSpec, key: number): void {
  const instance = x.processInstance(element);
  const definition = x.definitionOf(instance);
  x.effects.jobs.push({
    key,
    type: spec.type,
    state: 'ACTIVATABLE',
    retries: spec.retries,
    availableAt: x.now,
    customHeaders: spec.customHeaders,
    kind: spec.kind ?? 'BPMN_ELEMENT',
    listenerEventType: spec.listenerEventType ?? 'UNSPECIFIED',
    processInstanceKey: instance.key,
    rootKey: instance.rootKey,
    elementInstanceKey: element.key,
    elementId: element.elementId,
    processDefinitionKey: definition.key,
    bpmnProcessId: definition.bpmnProcessId,
    processDefinitionVersion: definition.version,
    createdAt: x.now,
  });
  x.effects.jobTypes.add(spec.type);
  addWait(x, element, 'job');
}

/** Creates the job of a job-based element, for a worker of its type to activate. */
export async function createJob(x: Execution, element: ElementInstanceState, def: ElementDef): Promise<void> {
  const job = def.job!;
  const context = visibleVariables(x, element);
  const type = evaluateString(job.type, context, 'the job type');
  const retries = evaluateRetries(job.retries, context);
  const customHeaders = { ...job.headers };
  for (const [header, kind] of Object.entries(assignmentHeaders)) {
    const value = customHeaders[header];
    if (value === undefined) continue;
    if (kind === 'string') customHeaders[header] = evaluateString(value, context, 'the assignee');
    else customHeaders[header] = JSON.stringify(evaluateStringList(value, context, header.split(':')[1]));
  }
  await openBoundaries(x, element);
  pushJob(x, element, { type, retries, customHeaders }, await x.key());
}

/** Service, send and business rule tasks (and job-based script and user tasks): one job each. */
export const jobWorkerTask: ElementProcessor = {
  onActivate: (x, element, def) => createJob(x, element, def),
};

/** The element's job reached a final state by this command: leaving the element must not cancel it. */
export function releaseJob(x: Execution, element: ElementInstanceState): void {
  element.data.waits = element.data.waits?.filter((w) => w !== 'job');
  x.tree.touch(element);
}

/** The job stays the element's (an incident keeps it): leaving the element cancels it again. */
export function holdJob(x: Execution, element: ElementInstanceState): void {
  addWait(x, element, 'job');
}
