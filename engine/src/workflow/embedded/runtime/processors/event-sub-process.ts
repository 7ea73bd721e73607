import type { Variables } from '../../../workflow-engine.port.js';
import type { ElementDef } from '../../model/definition.js';
import { closeWaits, openEventSubProcesses } from '../behaviors/event-subscriptions.js';
import { listenersOf, startListeners } from '../behaviors/execution-listeners.js';
import { complete, newElement, settleScope, terminateChildren } from '../behaviors/transitions.js';
import type { Execution } from '../execution.js';
import type { ElementInstanceState } from '../state.js';
import type { ElementProcessor } from './processor.js';

/**
 * Starts an event sub-process of `scope` whose start event occurred. An interrupting one first
 * terminates everything else in the scope and closes the scope's other event sub-process starts.
 */
export async function triggerEventSubProcess(
  x: Execution,
  scope: ElementInstanceState,
  eventSubProcess: ElementDef,
  variables: Variables,
): Promise<void> {
  const model = x.model(scope);
  if (eventSubProcess.interrupting) {
    await terminateChildren(x, scope);
    closeWaits(x, scope, x.def(scope).eventSubProcesses.map((id) => model.elements[id].startEvent!));
  }
  const instance = await newElement(x, scope, eventSubProcess);
  if (listenersOf(x, instance, 'start').length === 0) return startInside(x, instance, variables);
  // Its start listeners run first (ExecutionListenerTest#shouldCompleteEventSubProcessWithMultipleExecutionListeners);
  // the event's variables wait with the instance until the last one completes.
  instance.data.triggerVariables = variables;
  x.tree.touch(instance);
  await startListeners(x, instance, 'start');
}

/** The event sub-process is active: its own event sub-processes wait, its start event completes with the event's variables. */
async function startInside(x: Execution, instance: ElementInstanceState, variables: Variables): Promise<void> {
  await openEventSubProcesses(x, instance);
  const start = await newElement(x, instance, x.model(instance).elements[x.def(instance).startEvent!]);
  await complete(x, start, variables);
}

export const eventSubProcess: ElementProcessor = {
  /** Reached only after the start listeners of a triggered event sub-process. */
  async onActivate(x, instance) {
    const variables = instance.data.triggerVariables ?? {};
    delete instance.data.triggerVariables;
    x.tree.touch(instance);
    await startInside(x, instance, variables);
  },
  onChildCompleted: (x, scope) => settleScope(x, scope),
};
