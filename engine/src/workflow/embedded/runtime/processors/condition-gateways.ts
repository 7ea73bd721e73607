import type { ElementDef } from '../../model/definition.js';
import { StepIncident } from '../behaviors/incidents.js';
import { complete } from '../behaviors/transitions.js';
import { visibleVariables } from '../behaviors/variables.js';
import type { Execution } from '../execution.js';
import { evaluateBoolean } from '../feel.js';
import type { ElementInstanceState } from '../state.js';
import type { ElementProcessor } from './processor.js';

/**
 * Exclusive and inclusive gateways choose their outgoing flows as Zeebe's ExclusiveGatewayProcessor
 * and InclusiveGatewayProcessor do: no outgoing flow ends the path; a single flow without a condition
 * is taken; otherwise only flows with a condition are evaluated (in order), the default flow is
 * taken when none is true, and without a default that is an incident.
 */
function chooseFlows(x: Execution, element: ElementInstanceState, def: ElementDef, firstOnly: boolean): string[] {
  const model = x.model(element);
  if (def.outgoing.length === 0) return [];
  if (def.outgoing.length === 1 && !model.flows[def.outgoing[0]].condition) return def.outgoing;
  const context = visibleVariables(x, element);
  const taken: string[] = [];
  for (const flowId of def.outgoing) {
    const condition = model.flows[flowId].condition;
    if (flowId === def.defaultFlow || condition === undefined) continue;
    let pass: boolean;
    try {
      pass = evaluateBoolean(condition, context);
    } catch (error) {
      throw new StepIncident('CONDITION_ERROR', (error as Error).message);
    }
    if (!pass) continue;
    taken.push(flowId);
    if (firstOnly) break;
  }
  if (taken.length === 0 && def.defaultFlow) taken.push(def.defaultFlow);
  if (taken.length === 0) {
    throw new StepIncident(
      'CONDITION_ERROR',
      'Expected at least one condition to evaluate to true, or to have a default flow',
    );
  }
  return taken;
}

export const exclusiveGateway: ElementProcessor = {
  onActivate: (x, element, def) => complete(x, element, undefined, { flows: chooseFlows(x, element, def, true) }),
};

/** Also a join: activated when no other token can reach it any more (see settleScope). */
export const inclusiveGateway: ElementProcessor = {
  onActivate: (x, element, def) => complete(x, element, undefined, { flows: chooseFlows(x, element, def, false) }),
};
