import type { Variables } from '../../../workflow-engine.port.js';
import type { ElementDef } from '../../model/definition.js';
import { closeWaits, openEventSubProcesses } from '../behaviors/event-subscriptions.js';
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
    closeWaits(x, scope, x.def(scope).eventSubProcesses.map((id) => model.elements[id]!.startEvent!));
  }
  const instance = await newElement(x, scope, eventSubProcess);
  await openEventSubProcesses(x, instance);
  const start = await newElement(x, instance, model.elements[eventSubProcess.startEvent!]!);
  await complete(x, start, variables);
}

export const eventSubProcess: ElementProcessor = {
  onActivate: () => Promise.reject(new Error('an event sub-process is started by its start event only')),
  onChildCompleted: (x, scope) => settleScope(x, scope),
};
