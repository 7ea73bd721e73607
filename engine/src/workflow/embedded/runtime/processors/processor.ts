import type { Variables } from '../../../workflow-engine.port.js';
import type { ElementDef } from '../../model/definition.js';
import type { Execution } from '../execution.js';
import type { ElementInstanceState } from '../state.js';

/**
 * What one kind of BPMN element does at each point of its lifecycle (Zeebe's BpmnElementProcessor).
 * The shared lifecycle — creation, input and output mappings, incidents, taking flows, completing
 * the flow scope — lives in behaviors/transitions.ts; a processor only says what is particular.
 */
export interface ElementProcessor {
  /** The instance exists and its input mappings are applied: start its work, wait, or complete it. */
  onActivate(x: Execution, element: ElementInstanceState, def: ElementDef): Promise<void>;
  /** The instance completed and is about to take its outgoing flows. */
  onLeave?(x: Execution, element: ElementInstanceState, def: ElementDef): Promise<void>;
  /** The instance ended completed (after its end listeners): tokens it sends elsewhere than its outgoing flows. */
  onCompleted?(x: Execution, element: ElementInstanceState, def: ElementDef): void;
  /** Containers: a child instance completed (`childVariables`: what it saw, for multi-instance bodies). */
  onChildCompleted?(x: Execution, scope: ElementInstanceState, child: ElementInstanceState, childVariables: Variables): Promise<void>;
  /** Events: a timer or message this kind of event waits for fired; `owner` holds the subscription. */
  onEventOccurred?(x: Execution, owner: ElementInstanceState, event: ElementDef, variables: Variables): Promise<void>;
}
