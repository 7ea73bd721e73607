import type { EventDef } from '../../model/definition.js';
import type { Execution } from '../execution.js';
import { evaluateString } from '../feel.js';
import type { ElementInstanceState } from '../state.js';
import { complete } from './transitions.js';
import { visibleVariables } from './variables.js';

type SignalEvent = Extract<EventDef, { kind: 'signal' }>;

/**
 * A signal end or intermediate throw event (Zeebe's BpmnSignalBehavior): the signal carries the
 * element's local variables (its input mappings) and is broadcast once the command's changes are
 * written, like Zeebe's follow-up broadcast command; the element completes at once.
 */
export async function throwSignal(x: Execution, element: ElementInstanceState, event: SignalEvent): Promise<void> {
  const name = evaluateString(event.signalName, visibleVariables(x, element), 'the signal name');
  const variables = Object.fromEntries(x.tree.variables.get(element.key) ?? []);
  x.effects.signals.push({ name, variables });
  await complete(x, element);
}
