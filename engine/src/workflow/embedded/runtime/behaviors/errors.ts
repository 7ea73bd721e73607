import type { Variables } from '../../../workflow-engine.port.js';
import type { ElementDef } from '../../model/definition.js';
import type { Execution } from '../execution.js';
import { triggerEventSubProcess } from '../processors/event-sub-process.js';
import type { ElementInstanceState } from '../state.js';
import { complete, newElement, terminate } from './transitions.js';

/**
 * Throws a BPMN error from `source` (Zeebe's BpmnEventPublicationBehavior): walking out from the
 * source, at each level an error event sub-process inside the scope is tried before the boundary
 * events attached to it, and the search goes on through call activities into the calling process.
 * Returns false when nothing catches it.
 */
export async function throwError(x: Execution, source: ElementInstanceState, code: string, variables?: Variables): Promise<boolean> {
  let current: ElementInstanceState | undefined = source;
  while (current) {
    const model = x.model(current);
    const def = x.def(current);
    const eventSubProcess = matchError(
      def.eventSubProcesses.map((id) => model.elements[id]),
      code,
      (e) => model.elements[e.startEvent!],
    );
    if (eventSubProcess && current.elementType !== 'MULTI_INSTANCE_BODY') {
      // Caught by an event sub-process, the variables are created in the process instance
      // (ErrorCatchEventTest#shouldThrowErrorWithVariables); by a boundary event, in the event's scope.
      await triggerEventSubProcess(x, current, eventSubProcess, variables ?? {});
      return true;
    }
    // Boundary events of a multi-instance activity belong to its body, not to the inner instances.
    const boundary = current.data.inner ? undefined : matchError(def.boundaryEvents.map((id) => model.elements[id]), code, (e) => e);
    if (boundary) {
      const scope = x.scopeOf(current)!;
      await terminate(x, current);
      const caught = await newElement(x, scope, boundary);
      await complete(x, caught, variables, { localVariables: true });
      return true;
    }
    if (current.scopeKey !== null) current = x.scopeOf(current);
    else {
      const parent = x.processInstance(current).parentElementInstanceKey;
      current = parent === null ? undefined : x.tree.elements.get(parent);
    }
  }
  return false;
}

/** A catch event for the error code: a specific one wins over a catch-all. */
function matchError(candidates: ElementDef[], code: string, eventOf: (e: ElementDef) => ElementDef): ElementDef | undefined {
  const codeOf = (c: ElementDef) => {
    const event = eventOf(c).event;
    return event?.kind === 'error' ? event.errorCode : null;
  };
  const errors = candidates.filter((c) => eventOf(c).event?.kind === 'error');
  return errors.find((c) => codeOf(c) === code) ?? errors.find((c) => codeOf(c) === undefined);
}
