import type { Variables } from '../../../workflow-engine.port.js';
import { openEventSubProcesses } from '../behaviors/event-subscriptions.js';
import { startListeners } from '../behaviors/execution-listeners.js';
import { StepIncident } from '../behaviors/incidents.js';
import { activateLater, complete, newElement, newElementWithKey, settleScope } from '../behaviors/transitions.js';
import { setLocals } from '../behaviors/variables.js';
import type { LoadedDefinition } from '../definitions.js';
import type { Execution } from '../execution.js';
import type { ElementInstanceState, ProcessInstanceState } from '../state.js';
import type { ElementProcessor } from './processor.js';

export interface StartOptions {
  /** A message or timer start event; the none start event otherwise. */
  startEventId?: string;
  /** The call activity instance that calls this process. */
  parent?: ElementInstanceState;
  startCorrelationKey?: string;
  /** Key of a new root instance, allocated by the caller as the key of the tree. */
  key?: number;
}

/** Creates a process instance with its variables and sends its token to the start event. */
export async function startProcessInstance(
  x: Execution,
  definition: LoadedDefinition,
  variables: Variables,
  options: StartOptions = {},
): Promise<ProcessInstanceState> {
  const key = options.key ?? (await x.key());
  const parent = options.parent;
  const instance: ProcessInstanceState = {
    key,
    rootKey: parent ? parent.rootKey : key,
    parentProcessInstanceKey: parent ? parent.processInstanceKey : null,
    parentElementInstanceKey: parent ? parent.key : null,
    processDefinitionKey: definition.key,
    bpmnProcessId: definition.bpmnProcessId,
    version: definition.version,
    state: 'ACTIVE',
    startCorrelationKey: options.startCorrelationKey ?? null,
    incidentCount: 0,
    startDate: x.now,
    endDate: null,
  };
  x.tree.addProcessInstance(instance, true);
  const model = definition.model;
  const processElement = newElementWithKey(x, key, instance, null, model.elements[model.id], 'PROCESS');
  const startId = options.startEventId ?? model.elements[model.id].noneStartEvent;
  if (!startId) throw new StepIncident('UNKNOWN', `process '${model.id}' has no none start event to start an instance from`);
  const start = model.elements[startId];
  // A message, timer or signal start event with output mappings gets the event's variables as its
  // own and maps them into the process (Zeebe's BpmnEventTriggerBehavior); otherwise they are the
  // process's from the start, before its start listeners.
  if (options.startEventId !== undefined && start.outputs.length > 0) processElement.data.triggerVariables = variables;
  else setLocals(x, processElement, variables);
  if (options.startEventId) processElement.data.startEventId = options.startEventId;
  if (!(await startListeners(x, processElement, 'start'))) await process.onActivate(x, processElement, model.elements[model.id]);
  return instance;
}

export const process: ElementProcessor = {
  /** The process's variables are set and its start listeners ran: its event sub-processes wait, its token starts. */
  async onActivate(x, processElement, def) {
    const startId = processElement.data.startEventId ?? def.noneStartEvent!;
    const start = x.model(processElement).elements[startId];
    await openEventSubProcesses(x, processElement);
    const eventVariables = processElement.data.triggerVariables;
    if (eventVariables === undefined) return activateLater(x, start, processElement);
    delete processElement.data.triggerVariables;
    await complete(x, await newElement(x, processElement, start), eventVariables);
  },
  onChildCompleted: (x, scope) => settleScope(x, scope),
};
