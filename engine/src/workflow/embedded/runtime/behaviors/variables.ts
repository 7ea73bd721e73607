import type { Variables } from '../../../workflow-engine.port.js';
import { evaluationTime } from '../../feel/evaluate.js';
import type { ElementDef, Mapping } from '../../model/definition.js';
import type { Execution } from '../execution.js';
import { assignTarget, evaluateExpression } from '../feel.js';
import type { ElementInstanceState } from '../state.js';

/** The variables an element sees: its own scope over its ancestors', up to the process instance (and the command's time, for now()). */
export function visibleVariables(x: Execution, element: ElementInstanceState): Variables {
  const chain: number[] = [];
  for (let e: ElementInstanceState | undefined = element; e; e = x.scopeOf(e)) chain.push(e.key);
  const result: Variables & { [evaluationTime]?: Date } = { [evaluationTime]: x.now };
  for (const key of chain.reverse()) {
    for (const [name, value] of x.tree.variables.get(key) ?? []) result[name] = value;
  }
  return result;
}

export function setLocal(x: Execution, element: ElementInstanceState, name: string, value: unknown): void {
  x.tree.setVariable(element.key, name, value);
}

export function setLocals(x: Execution, element: ElementInstanceState, variables: Variables): void {
  for (const [name, value] of Object.entries(variables)) setLocal(x, element, name, value);
}

/** Zeebe's propagation: a variable is set in the nearest scope that has it, else in the process instance scope. */
export function propagate(x: Execution, from: ElementInstanceState, variables: Variables): void {
  for (const [name, value] of Object.entries(variables)) {
    let target = from.processInstanceKey;
    for (let e: ElementInstanceState | undefined = from; e; e = x.scopeOf(e)) {
      if (x.tree.hasVariable(e.key, name)) {
        target = e.key;
        break;
      }
    }
    x.tree.setVariable(target, name, value);
  }
}

/**
 * Evaluates mappings in order, as Zeebe evaluates them as one FEEL context: a mapping sees the
 * targets of the mappings before it. `base` is what the first one sees.
 */
function evaluateMappings(mappings: Mapping[], base: Variables, nestedBase: Variables = base): Variables {
  const context: Variables = { ...base };
  const result: Variables = {};
  for (const mapping of mappings) {
    const value = evaluateExpression(mapping.source, context);
    const assigned = assignTarget(mapping.target, value, (name) => (name in result ? result[name] : nestedBase[name]));
    result[assigned.name] = assigned.value;
    context[assigned.name] = assigned.value;
  }
  return result;
}

/** Input mappings become local variables of the element. Throws ExpressionError (an incident). */
export function applyInputs(x: Execution, element: ElementInstanceState, def: ElementDef): void {
  setLocals(x, element, evaluateMappings(def.inputs, visibleVariables(x, element)));
}

/**
 * Output mappings, evaluated in the element's scope, are propagated from its flow scope; a nested
 * target ("a.b") extends the value the flow scope sees.
 */
export function applyOutputs(x: Execution, element: ElementInstanceState, def: ElementDef): void {
  // An inner instance of a multi-instance activity writes to its own scope first, where its output
  // element lives (Zeebe's BpmnVariableMappingBehavior; MultiInstanceActivityTest#shouldApplyOutputMapping).
  const scope = element.data.inner ? element : (x.scopeOf(element) ?? element);
  propagate(x, scope, evaluateMappings(def.outputs, visibleVariables(x, element), visibleVariables(x, scope)));
}
