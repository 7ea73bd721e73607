import { openBoundaries } from '../behaviors/event-subscriptions.js';
import { StepIncident } from '../behaviors/incidents.js';
import { complete } from '../behaviors/transitions.js';
import { setLocals, visibleVariables } from '../behaviors/variables.js';
import type { LoadedDefinition } from '../definitions.js';
import type { Execution } from '../execution.js';
import { evaluateString } from '../feel.js';
import type { ElementInstanceState, ProcessInstanceState } from '../state.js';
import type { ElementProcessor } from './processor.js';
import { startProcessInstance } from './process.js';

/**
 * The process a call activity starts, by its binding type (Camunda docs, "Call activities",
 * "Binding"): `latest` version, the version deployed with the calling process (`deployment`), or
 * the latest version with the activity's version tag (`versionTag`).
 */
async function calledDefinition(x: Execution, caller: ElementInstanceState, processId: string): Promise<LoadedDefinition> {
  const called = x.def(caller).calledElement!;
  const callerDefinition = x.definitionOf(x.processInstance(caller));
  const definitions = x.context.definitions;
  const found =
    called.bindingType === 'deployment'
      ? await definitions.findInDeployment(x.tx, processId, callerDefinition.deploymentKey)
      : called.bindingType === 'versionTag'
        ? await definitions.findByVersionTag(x.tx, processId, called.versionTag ?? '')
        : await definitions.find(x.tx, processId);
  if (found) return found;
  const binding =
    called.bindingType === 'deployment'
      ? ` in the deployment of '${callerDefinition.bpmnProcessId}' (binding type 'deployment')`
      : called.bindingType === 'versionTag'
        ? ` with version tag '${called.versionTag}'`
        : '';
  throw new StepIncident('CALLED_ELEMENT_ERROR', `Expected process with BPMN process id '${processId}'${binding} to be deployed, but not found.`);
}

export const callActivity: ElementProcessor = {
  async onActivate(x, element, def) {
    const called = def.calledElement!;
    const processId = evaluateString(called.processId, visibleVariables(x, element), 'the called process id');
    const definition = await calledDefinition(x, element, processId);
    const variables = called.propagateAllParentVariables
      ? visibleVariables(x, element)
      : Object.fromEntries(x.tree.variables.get(element.key) ?? []);
    await openBoundaries(x, element);
    await startProcessInstance(x, definition, variables, { parent: element });
  },
};

/**
 * The called instance completed: its variables go to the call activity (all of them propagated, or
 * as locals read by the output mappings), and the call activity completes.
 */
export async function calledProcessCompleted(x: Execution, callActivity: ElementInstanceState, child: ProcessInstanceState): Promise<void> {
  const def = x.def(callActivity);
  const childVariables = Object.fromEntries(x.tree.variables.get(child.key) ?? []);
  if (def.outputs.length > 0) {
    setLocals(x, callActivity, childVariables);
    return complete(x, callActivity);
  }
  await complete(x, callActivity, def.calledElement!.propagateAllChildVariables ? childVariables : undefined);
}
