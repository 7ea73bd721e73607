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

/** Creates the job of a job-based element, for a worker of its type to activate. */
export async function createJob(x: Execution, element: ElementInstanceState, def: ElementDef): Promise<void> {
  const job = def.job!;
  const context = visibleVariables(x, element);
  const type = evaluateString(job.type, context, 'the job type');
  const retriesValue = evaluateExpression(job.retries, context);
  const retries = Number(retriesValue);
  if (!Number.isInteger(retries) || retries < 0) {
    throw new StepIncident(
      'EXTRACT_VALUE_ERROR',
      `Expected the job retries '${job.retries}' to be a whole number, but it was ${JSON.stringify(retriesValue)}`,
    );
  }
  const customHeaders = { ...job.headers };
  for (const [header, kind] of Object.entries(assignmentHeaders)) {
    const value = customHeaders[header];
    if (value === undefined) continue;
    if (kind === 'string') customHeaders[header] = evaluateString(value, context, 'the assignee');
    else customHeaders[header] = JSON.stringify(evaluateStringList(value, context, header.split(':')[1]!));
  }
  await openBoundaries(x, element);
  const instance = x.processInstance(element);
  const definition = x.definitionOf(instance);
  x.effects.jobs.push({
    key: await x.key(),
    type,
    state: 'ACTIVATABLE',
    retries,
    availableAt: x.now,
    customHeaders,
    processInstanceKey: instance.key,
    rootKey: instance.rootKey,
    elementInstanceKey: element.key,
    elementId: element.elementId,
    processDefinitionKey: definition.key,
    bpmnProcessId: definition.bpmnProcessId,
    processDefinitionVersion: definition.version,
    createdAt: x.now,
  });
  x.effects.jobTypes.add(type);
  addWait(x, element, 'job');
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
