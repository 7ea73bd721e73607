import type { Execution } from '../execution.js';
import { ExpressionError } from '../feel.js';
import type { ElementInstanceState, RetryStep } from '../state.js';

/** A failure of a step that becomes an incident of the given Zeebe error type. */
export class StepIncident extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}

export async function raiseIncident(
  x: Execution,
  element: ElementInstanceState,
  errorType: string,
  errorMessage: string,
  retry?: RetryStep,
  jobKey?: number,
): Promise<void> {
  const key = await x.key();
  const instance = x.processInstance(element);
  x.effects.incidents.push({
    key,
    processInstanceKey: instance.key,
    rootKey: instance.rootKey,
    elementInstanceKey: element.key,
    elementId: element.elementId,
    jobKey: jobKey ?? null,
    errorType,
    errorMessage,
    state: 'ACTIVE',
    creationTime: x.now,
  });
  element.incidentKey = key;
  if (retry) element.data.retry = retry;
  x.tree.touch(element);
  instance.incidentCount++;
  x.tree.touchProcessInstance(instance);
}

/** Clears an incident (resolved, or its element left); returns the step to redo, if any. */
export function clearIncident(x: Execution, element: ElementInstanceState, incidentKey: number): RetryStep | undefined {
  const instance = x.processInstance(element);
  x.effects.resolvedIncidents.push(incidentKey);
  if (element.incidentKey === incidentKey) element.incidentKey = null;
  instance.incidentCount = Math.max(0, instance.incidentCount - 1);
  x.tree.touchProcessInstance(instance);
  const retry = element.data.retry;
  delete element.data.retry;
  x.tree.touch(element);
  return retry;
}

/**
 * Runs a step; an expression failure (or a StepIncident) becomes an incident on the element, and
 * resolving it redoes the step. Returns whether the step succeeded.
 */
export async function guard(
  x: Execution,
  element: ElementInstanceState,
  step: RetryStep,
  errorType: string,
  run: () => void | Promise<void>,
): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (error) {
    if (!(error instanceof ExpressionError) && !(error instanceof StepIncident)) throw error;
    await raiseIncident(x, element, error instanceof StepIncident ? error.errorType : errorType, error.message, step);
    return false;
  }
}
