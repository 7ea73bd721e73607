import type { Variables } from '../../../workflow-engine.port.js';
import type { ElementDef } from '../../model/definition.js';
import { openBoundaries } from '../behaviors/event-subscriptions.js';
import { raiseIncident, StepIncident } from '../behaviors/incidents.js';
import { complete, newElement, terminate } from '../behaviors/transitions.js';
import { propagate, setLocal, visibleVariables } from '../behaviors/variables.js';
import type { Execution } from '../execution.js';
import { evaluateBoolean, evaluateExpression } from '../feel.js';
import type { ElementInstanceState } from '../state.js';
import type { ElementProcessor } from './processor.js';

/** "= name": an output element that is a plain variable, made local to each inner instance as in Zeebe. */
const plainVariable = /^=\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/;

/**
 * The body of a multi-instance activity (Zeebe's MultiInstanceBodyProcessor): one inner instance per
 * item of the input collection, all at once (parallel) or one after another (sequential); the output
 * collection gathers each inner instance's output element; the completion condition is evaluated in
 * the completed inner instance's scope with the body's counters.
 */
export const multiInstanceBody: ElementProcessor = {
  async onActivate(x, body, def) {
    const mi = def.multiInstance!;
    const items = evaluateExpression(mi.inputCollection, visibleVariables(x, body));
    if (!Array.isArray(items)) {
      throw new StepIncident(
        'EXTRACT_VALUE_ERROR',
        `Expected the input collection '${mi.inputCollection}' of '${def.id}' to be a list, but it was ${JSON.stringify(items)}`,
      );
    }
    body.data.mi = { items, next: 0, completed: 0, terminated: 0 };
    x.tree.touch(body);
    if (mi.outputCollection) setLocal(x, body, mi.outputCollection, items.map(() => null));
    await openBoundaries(x, body);
    if (items.length === 0) return complete(x, body);
    for (let i = 0; i < (mi.sequential ? 1 : items.length); i++) x.schedule({ kind: 'inner', body });
  },

  async onLeave(x, body, def) {
    const output = def.multiInstance!.outputCollection;
    const scope = x.scopeOf(body);
    if (output && scope) {
      propagate(x, scope, { [output]: x.tree.getVariable(body.key, output) });
    }
  },

  async onChildCompleted(x, body, _inner, innerVariables) {
    const def = x.def(body);
    const mi = def.multiInstance!;
    const progress = body.data.mi!;
    progress.completed++;
    x.tree.touch(body);
    if (mi.completionCondition) {
      let done: boolean;
      try {
        done = evaluateBoolean(mi.completionCondition, { ...innerVariables, ...counters(x, body) });
      } catch (error) {
        await raiseIncident(x, body, 'EXTRACT_VALUE_ERROR', (error as Error).message);
        return;
      }
      if (done) {
        for (const child of x.tree.activeChildren(body.key)) await terminate(x, child);
        return complete(x, body);
      }
    }
    if (progress.next < progress.items.length) {
      if (mi.sequential) x.schedule({ kind: 'inner', body });
      return;
    }
    if (x.tree.activeChildren(body.key).length === 0) await complete(x, body);
  },
};

/** The variables Zeebe gives a completion condition about the body's inner instances. */
function counters(x: Execution, body: ElementInstanceState): Variables {
  const progress = body.data.mi!;
  return {
    numberOfInstances: progress.next,
    numberOfActiveInstances: x.tree.activeChildren(body.key).length,
    numberOfCompletedInstances: progress.completed,
    numberOfTerminatedInstances: progress.terminated ?? 0,
  };
}

/** Creates the next inner instance with its item, loop counter and (local) output element. */
export async function createInnerInstance(x: Execution, body: ElementInstanceState): Promise<ElementInstanceState> {
  const def = x.def(body);
  const mi = def.multiInstance!;
  const progress = body.data.mi!;
  const index = progress.next++;
  x.tree.touch(body);
  const inner = await newElement(x, body, def, def.type);
  inner.data.inner = true;
  inner.loopCounter = index + 1;
  if (mi.inputElement) setLocal(x, inner, mi.inputElement, progress.items[index]);
  setLocal(x, inner, 'loopCounter', index + 1);
  const output = mi.outputElement && plainVariable.exec(mi.outputElement);
  if (output && output[1] !== mi.inputElement && output[1] !== 'loopCounter') setLocal(x, inner, output[1], null);
  return inner;
}

/** Puts an inner instance's output element at its place in the body's output collection. */
export function collectOutputElement(x: Execution, inner: ElementInstanceState, def: ElementDef): void {
  const mi = def.multiInstance!;
  if (!mi.outputElement || !mi.outputCollection) return;
  const value = evaluateExpression(mi.outputElement, visibleVariables(x, inner));
  const body = x.scopeOf(inner)!;
  const collection = [...((x.tree.getVariable(body.key, mi.outputCollection) as unknown[]) ?? [])];
  collection[inner.loopCounter! - 1] = value;
  setLocal(x, body, mi.outputCollection, collection);
}
