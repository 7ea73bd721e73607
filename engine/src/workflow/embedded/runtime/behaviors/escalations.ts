import type { ElementDef, EventDef } from '../../model/definition.js';
import type { Execution } from '../execution.js';
import { evaluateString } from '../feel.js';
import { triggerEventSubProcess } from '../processors/event-sub-process.js';
import type { ElementInstanceState } from '../state.js';
import { complete, newElement, terminate } from './transitions.js';
import { visibleVariables } from './variables.js';

type EscalationEvent = Extract<EventDef, { kind: 'escalation' }>;

/**
 * An escalation end or intermediate throw event (Zeebe's BpmnEventPublicationBehavior#throwEscalationEvent):
 * the escalation is non-critical, so the throw event completes and takes its outgoing flows unless
 * an interrupting catch event ended it; an escalation nothing catches is no incident.
 */
export async function escalate(x: Execution, element: ElementInstanceState, event: EscalationEvent): Promise<void> {
  const code = evaluateString(event.escalationCode!, visibleVariables(x, element), 'the escalation code');
  const endedByCatchEvent = await throwEscalation(x, element, code);
  if (!endedByCatchEvent) await complete(x, element);
}

/**
 * Walks out from the thrower's flow scope, through call activities into the calling process, to the
 * first escalation catch event for `code` (Zeebe's CatchEventAnalyzer#findEscalationCatchEvent) and
 * triggers it without variables: an escalation carries none. The search does not leave a scope an
 * interrupting event sub-process runs in, and such a scope triggers nothing more (Zeebe's
 * EventHandle#canTriggerElement). Returns whether the catch event was interrupting (it then
 * terminated the thrower with its scope).
 */
async function throwEscalation(x: Execution, source: ElementInstanceState, code: string): Promise<boolean> {
  for (let current = outerScope(x, source); current; current = outerScope(x, current)) {
    const model = x.model(current);
    const def = x.def(current);
    // The event sub-processes of a multi-instance activity run in its inner instances, the
    // boundary events belong to its body.
    const eventSubProcesses = current.elementType === 'MULTI_INSTANCE_BODY' ? [] : def.eventSubProcesses.map((id) => model.elements[id]);
    const boundaries = current.data.inner ? [] : def.boundaryEvents.map((id) => model.elements[id]);
    const candidates = [
      ...eventSubProcesses.map((e) => ({ container: e, event: model.elements[e.startEvent!] })),
      ...boundaries.map((b) => ({ container: b, event: b })),
    ];
    const catcher = matchEscalation(candidates, code);
    if (!catcher) continue;
    const flowScope = x.scopeOf(current);
    const isEventSubProcess = catcher.container.type === 'EVENT_SUB_PROCESS';
    if ((flowScope && isInterrupted(x, flowScope)) || (isEventSubProcess && isInterrupted(x, current))) return false;
    const interrupting = catcher.container.interrupting !== false;
    if (isEventSubProcess) {
      await triggerEventSubProcess(x, current, catcher.container, {});
      return interrupting;
    }
    const scope = x.scopeOf(current)!;
    if (interrupting) await terminate(x, current);
    const caught = await newElement(x, scope, catcher.container);
    await complete(x, caught);
    return interrupting;
  }
  return false;
}

/**
 * The next scope to search: the flow scope, unless this scope is interrupted, or the call activity
 * that called this process instance.
 */
function outerScope(x: Execution, element: ElementInstanceState): ElementInstanceState | undefined {
  if (element.scopeKey !== null) return isInterrupted(x, element) ? undefined : x.scopeOf(element);
  const caller = x.processInstance(element).parentElementInstanceKey;
  const callActivity = caller === null ? undefined : x.tree.elements.get(caller);
  return callActivity?.state === 'ACTIVE' ? callActivity : undefined;
}

/** A scope in which an interrupting event sub-process runs (Zeebe's ElementInstance#isInterrupted). */
function isInterrupted(x: Execution, scope: ElementInstanceState): boolean {
  return x.tree.activeChildren(scope.key).some((child) => child.elementType === 'EVENT_SUB_PROCESS' && x.def(child).interrupting !== false);
}

/** Within one scope a catch event for the code wins over a catch-all one. */
function matchEscalation<T extends { event: ElementDef }>(candidates: T[], code: string): T | undefined {
  const codeOf = (c: T) => (c.event.event?.kind === 'escalation' ? c.event.event.escalationCode : null);
  const escalations = candidates.filter((c) => c.event.event?.kind === 'escalation');
  return escalations.find((c) => codeOf(c) === code) ?? escalations.find((c) => codeOf(c) === undefined);
}
