import type { Variables } from '../../../workflow-engine.port.js';
import type { ListenerDef } from '../../model/definition.js';
import type { Execution } from '../execution.js';
import { evaluateString } from '../feel.js';
import { evaluateRetries, pushJob } from '../processors/job-worker-task.js';
import type { ElementInstanceState, ListenerEvent } from '../state.js';
import { guard } from './incidents.js';
import { enter, finishCompletion } from './transitions.js';
import { propagate, setLocals, visibleVariables } from './variables.js';

/**
 * Execution listeners (Zeebe's BpmnExecutionListenerBehavior, ExecutionListener*Test): at 'start'
 * (after the input mappings, before the element does its work) and at 'end' (after the output
 * mappings, before it is left), each listener of the event is a job of kind EXECUTION_LISTENER, one
 * after the other in modelling order; the element goes on when the last one completes.
 */

/** An inner instance of a multi-instance activity runs the activity's listeners; the body runs none. */
export function listenersOf(x: Execution, element: ElementInstanceState, event: ListenerEvent): ListenerDef[] {
  if (element.elementType === 'MULTI_INSTANCE_BODY') return [];
  return x.def(element).executionListeners?.filter((l) => l.eventType === event) ?? [];
}

/** Creates the first listener job of the event; false when the element has none and goes on at once. */
export async function startListeners(x: Execution, element: ElementInstanceState, event: ListenerEvent): Promise<boolean> {
  if (listenersOf(x, element, event).length === 0) return false;
  await nextListener(x, element, event, 0);
  return true;
}

/**
 * A failure to create a listener job (its type or retries expression) is an incident; resolving it
 * starts the event's listeners again from the first, as Zeebe re-creates them
 * (ExecutionListenerTaskElementsTest#shouldRecreateStartExecutionListenerJobsAndProceedAfterExtractValueErrorIncidentResolution).
 */
async function nextListener(x: Execution, element: ElementInstanceState, event: ListenerEvent, index: number): Promise<void> {
  const listener = listenersOf(x, element, event)[index];
  element.data.listener = { event, index };
  x.tree.touch(element);
  await guard(x, element, event === 'start' ? 'activate' : 'complete', 'EXTRACT_VALUE_ERROR', async () => {
    const context = visibleVariables(x, element);
    const type = evaluateString(listener.type, context, 'the job type');
    const retries = evaluateRetries(listener.retries, context);
    const kind = 'EXECUTION_LISTENER';
    const listenerEventType = event === 'start' ? 'START' : 'END';
    pushJob(x, element, { type, retries, customHeaders: { ...listener.headers }, kind, listenerEventType }, await x.key());
  });
}

/**
 * A listener job completed. Its variables are local to the element at 'start' (they do not leave
 * it: #shouldRestrictStartExecutionListenerVariablesToOwningElementScope) and propagated at 'end'
 * (the next element sees them: #shouldAllowSubsequentElementToAccessVariableProducedByTaskEndListenerJob).
 */
export async function listenerCompleted(x: Execution, element: ElementInstanceState, variables: Variables | undefined): Promise<void> {
  const progress = element.data.listener!;
  if (variables && Object.keys(variables).length > 0) {
    if (progress.event === 'start') setLocals(x, element, variables);
    else propagate(x, element, variables);
  }
  if (progress.index + 1 < listenersOf(x, element, progress.event).length) {
    return nextListener(x, element, progress.event, progress.index + 1);
  }
  delete element.data.listener;
  x.tree.touch(element);
  if (progress.event === 'start') await enter(x, element);
  else await finishCompletion(x, element);
}

/** Whether the element is waiting for its end listeners (it completed its work and must not complete again). */
export function awaitingEndListeners(element: ElementInstanceState): boolean {
  return element.data.listener?.event === 'end';
}
