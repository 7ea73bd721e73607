import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import { WorkflowError } from '../../workflow-engine.port.js';
import { isCron, parseCron } from '../runtime/cron.js';
import { evaluateExpression, isExpression } from '../runtime/feel.js';
import type {
  ElementDef,
  ElementType,
  EventDef,
  FlowDef,
  Mapping,
  MultiInstanceDef,
  ProcessDefinitionModel,
  TimerDef,
} from './definition.js';
import { readExecutionListeners, readTaskListeners, refuseUnsupportedListeners } from './listener-rules.js';
import { escalationEvent, refuseDuplicateEscalationCatches, refuseEscalationBoundaryHost } from './escalation-rules.js';
import { refuseDuplicateSignalNames, signalEvent } from './signal-rules.js';

const zeebeDescriptor = createRequire(import.meta.url)('zeebe-bpmn-moddle/resources/zeebe.json') as object;

/** A moddle element; bpmn-moddle's generated types do not cover the zeebe: extensions, so we read it loosely. */
type Node = { $type: string; id?: string; name?: string; [property: string]: any };

const taskTypes: Record<string, ElementType> = {
  'bpmn:ServiceTask': 'SERVICE_TASK',
  'bpmn:SendTask': 'SEND_TASK',
  'bpmn:ScriptTask': 'SCRIPT_TASK',
  'bpmn:BusinessRuleTask': 'BUSINESS_RULE_TASK',
  'bpmn:UserTask': 'USER_TASK',
  'bpmn:ReceiveTask': 'RECEIVE_TASK',
  'bpmn:ManualTask': 'MANUAL_TASK',
  'bpmn:Task': 'TASK',
  'bpmn:CallActivity': 'CALL_ACTIVITY',
};
const otherTypes: Record<string, ElementType> = {
  'bpmn:StartEvent': 'START_EVENT',
  'bpmn:EndEvent': 'END_EVENT',
  'bpmn:IntermediateCatchEvent': 'INTERMEDIATE_CATCH_EVENT',
  'bpmn:IntermediateThrowEvent': 'INTERMEDIATE_THROW_EVENT',
  'bpmn:BoundaryEvent': 'BOUNDARY_EVENT',
  'bpmn:ExclusiveGateway': 'EXCLUSIVE_GATEWAY',
  'bpmn:ParallelGateway': 'PARALLEL_GATEWAY',
  'bpmn:InclusiveGateway': 'INCLUSIVE_GATEWAY',
  'bpmn:EventBasedGateway': 'EVENT_BASED_GATEWAY',
  'bpmn:SubProcess': 'SUB_PROCESS',
};
/** Flow elements that carry no behaviour. */
const ignored = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

export interface CompiledResource {
  processes: ProcessDefinitionModel[];
}

/** Parses Zeebe-flavoured BPMN XML and compiles every executable process, refusing what the engine cannot run. */
export async function compileBpmn(resourceName: string, xml: string): Promise<CompiledResource> {
  const moddle = new BpmnModdle({ zeebe: zeebeDescriptor });
  let parsed: { rootElement: Node; warnings: { message: string; property?: string }[] };
  try {
    parsed = (await moddle.fromXML(xml)) as unknown as typeof parsed;
  } catch (error) {
    throw new WorkflowError('INVALID_MODEL', `${resourceName}: not valid BPMN XML: ${oneLine((error as Error).message)}`);
  }
  // The diagram interchange (bpmndi) only draws the model: a shape or plane pointing at nothing is
  // a drawing left over from an edit, not a fault of the process, and Zeebe deploys it too.
  const unknown = parsed.warnings.filter(
    (w) => /unparsable content|unknown type|unresolved reference/.test(w.message) && !w.property?.startsWith('bpmndi:'),
  );
  if (unknown.length > 0) {
    throw new WorkflowError('INVALID_MODEL', `${resourceName}: ${unknown.map((w) => oneLine(w.message)).join('; ')}`);
  }
  const definitions = parsed.rootElement;
  if (definitions.$type !== 'bpmn:Definitions') {
    throw new WorkflowError('INVALID_MODEL', `${resourceName}: the root element is not <bpmn:definitions>`);
  }
  const processes = ((definitions.rootElements ?? []) as Node[]).filter(
    (e) => e.$type === 'bpmn:Process' && e.isExecutable,
  );
  if (processes.length === 0) {
    throw new WorkflowError('INVALID_MODEL', `${resourceName}: contains no executable process (isExecutable="true")`);
  }
  return { processes: processes.map((p) => new ProcessCompiler(resourceName, p).compile()) };
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ', ');
}

class ProcessCompiler {
  private readonly elements: Record<string, ElementDef> = {};
  private readonly flows: Record<string, FlowDef> = {};
  private readonly links: Record<string, string> = {};
  /** bpmn:association source id → target id (a compensation boundary event → its handler). */
  private readonly associations = new Map<string, string>();
  private readonly messageStartEvents: ProcessDefinitionModel['messageStartEvents'] = [];
  private readonly timerStartEvents: ProcessDefinitionModel['timerStartEvents'] = [];
  private readonly signalStartEvents: NonNullable<ProcessDefinitionModel['signalStartEvents']> = [];

  constructor(
    private readonly resourceName: string,
    private readonly process: Node,
  ) {}

  compile(): ProcessDefinitionModel {
    const root = this.element(this.process, 'PROCESS', null);
    this.elements[root.id] = root;
    const listeners = readExecutionListeners(this.extensions(this.process).get('zeebe:ExecutionListeners'), {}, (problem) =>
      this.invalid(this.process, problem),
    );
    if (listeners) root.executionListeners = listeners;
    this.container(this.process, root);
    this.connectFlows();
    for (const element of Object.values(this.elements)) this.check(element);
    for (const element of Object.values(this.elements)) if (element.isForCompensation) this.checkCompensationHandler(element);
    this.checkEscalationCatches();
    this.checkSignalCatches();
    this.computeInclusiveJoins();
    const versionTag = this.extensions(this.process).get('zeebe:VersionTag')?.value as string | undefined;
    return {
      id: this.process.id!,
      name: this.process.name,
      ...(versionTag ? { versionTag } : {}),
      elements: this.elements,
      flows: this.flows,
      messageStartEvents: this.messageStartEvents,
      timerStartEvents: this.timerStartEvents,
      signalStartEvents: this.signalStartEvents,
      links: this.links,
    };
  }

  private unsupported(node: Node, feature: string): never {
    const label = node.name ? `'${node.id}' (${node.name})` : `'${node.id}'`;
    throw new WorkflowError(
      'UNSUPPORTED_ELEMENT',
      `${this.resourceName}: element ${label} of process '${this.process.id}' uses ${feature}, which the embedded engine does not support`,
    );
  }

  private invalid(node: Node, problem: string): never {
    throw new WorkflowError('INVALID_MODEL', `${this.resourceName}: element '${node.id}': ${problem}`);
  }

  private container(node: Node, scope: ElementDef): void {
    for (const artifact of (node.artifacts ?? []) as Node[]) {
      if (artifact.$type === 'bpmn:Association' && artifact.sourceRef?.id && artifact.targetRef?.id) {
        this.associations.set(artifact.sourceRef.id, artifact.targetRef.id);
      }
    }
    for (const child of (node.flowElements ?? []) as Node[]) {
      if (child.$type === 'bpmn:SequenceFlow') {
        const condition = child.conditionExpression?.body as string | undefined;
        this.flows[child.id!] = {
          id: child.id!,
          source: child.sourceRef?.id,
          target: child.targetRef?.id,
          ...(condition?.trim() ? { condition: condition.trim() } : {}),
        };
        continue;
      }
      if (ignored.has(child.$type)) continue;
      const element = this.flowNode(child, scope.id);
      this.elements[element.id] = element;
      if (element.type === 'START_EVENT') this.startEvent(child, element, scope);
      if (element.type === 'EVENT_SUB_PROCESS') scope.eventSubProcesses.push(element.id);
      if (element.type === 'SUB_PROCESS' || element.type === 'EVENT_SUB_PROCESS') this.container(child, element);
      if (element.event?.kind === 'link' && element.type === 'INTERMEDIATE_CATCH_EVENT') {
        this.links[`${scope.id}/${element.event.linkName}`] = element.id;
      }
    }
    if (scope.type === 'EVENT_SUB_PROCESS' && !scope.startEvent) {
      this.invalid(node, 'an event sub-process needs exactly one start event');
    }
  }

  private startEvent(node: Node, element: ElementDef, scope: ElementDef): void {
    const kind = element.event!.kind;
    if (scope.type === 'EVENT_SUB_PROCESS') {
      if (scope.startEvent) this.invalid(node, 'an event sub-process has exactly one start event');
      if (kind === 'compensation') {
        // Zeebe's own deployment refuses it (CompensationEventTest#shouldNotDeployCompensationEventSubprocess).
        this.invalid(node, 'Start events in event subprocesses must be one of: message, timer, error, signal or escalation (Zeebe does not support compensation event sub-processes)');
      }
      if (!['timer', 'message', 'error', 'escalation', 'signal'].includes(kind)) {
        this.unsupported(node, `a ${kind} start event in an event sub-process`);
      }
      scope.startEvent = element.id;
      scope.interrupting = node.isInterrupting !== false;
      return;
    }
    if (kind === 'none') {
      if (scope.noneStartEvent) this.invalid(node, `'${scope.id}' has more than one none start event`);
      scope.noneStartEvent = element.id;
      return;
    }
    if (scope.type !== 'PROCESS') this.unsupported(node, `a ${kind} start event inside a sub-process`);
    const event = element.event!;
    if (event.kind === 'message') {
      event.messageName = this.nameAtDeployment(node, 'message', event.messageName);
      this.messageStartEvents.push({ elementId: element.id, messageName: event.messageName });
    } else if (event.kind === 'signal') {
      event.signalName = this.nameAtDeployment(node, 'signal', event.signalName);
      this.signalStartEvents.push({ elementId: element.id, signalName: event.signalName });
    } else if (event.kind === 'timer') {
      if (event.timer.kind === 'duration') this.unsupported(node, 'a timer start event with a duration');
      this.timerStartEvents.push({ elementId: element.id, timer: event.timer });
    } else {
      this.unsupported(node, `a ${kind} start event`);
    }
  }

  /** A start event's message or signal name is known at deployment: an expression must need no variable. */
  private nameAtDeployment(node: Node, what: string, expression: string): string {
    if (!isExpression(expression)) return expression;
    let name: unknown;
    try {
      name = evaluateExpression(expression, {});
    } catch (error) {
      this.invalid(node, `the ${what} name '${expression}' cannot be evaluated at deployment: ${(error as Error).message}`);
    }
    if (typeof name !== 'string' || name === '') this.invalid(node, `the ${what} name '${expression}' must give a text, not ${JSON.stringify(name)}`);
    return name;
  }

  private element(node: Node, type: ElementType, scopeId: string | null): ElementDef {
    return {
      id: node.id!,
      ...(node.name ? { name: node.name } : {}),
      type,
      scopeId,
      incoming: [],
      outgoing: [],
      ...(node.default ? { defaultFlow: node.default.id } : {}),
      inputs: [],
      outputs: [],
      boundaryEvents: [],
      eventSubProcesses: [],
    };
  }

  private flowNode(node: Node, scopeId: string): ElementDef {
    let type = taskTypes[node.$type] ?? otherTypes[node.$type];
    if (!type) this.unsupported(node, `the BPMN element <${node.$type.replace('bpmn:', '')}>`);
    if (type === 'SUB_PROCESS' && node.triggeredByEvent) type = 'EVENT_SUB_PROCESS';
    const element = this.element(node, type, scopeId);
    const extensions = this.extensions(node);
    const io = extensions.get('zeebe:IoMapping');
    if (io) {
      element.inputs = this.mappings(io.inputParameters);
      element.outputs = this.mappings(io.outputParameters);
    }
    const listeners = readExecutionListeners(extensions.get('zeebe:ExecutionListeners'), this.headers(extensions.get('zeebe:TaskHeaders')), (problem) =>
      this.invalid(node, problem),
    );
    if (listeners) element.executionListeners = listeners;
    if (node.isForCompensation) element.isForCompensation = true;
    if (node.loopCharacteristics) element.multiInstance = this.multiInstance(node, node.loopCharacteristics);
    if (node.$type.endsWith('Event')) element.event = this.event(node);
    // A receive task waits for its message as a message catch event does.
    if (type === 'RECEIVE_TASK') element.event = this.message(node, node.messageRef);
    if (type === 'BOUNDARY_EVENT') {
      element.attachedTo = node.attachedToRef?.id;
      element.interrupting = node.cancelActivity !== false;
    }
    const taskDefinition = extensions.get('zeebe:TaskDefinition');
    const headers = this.headers(extensions.get('zeebe:TaskHeaders'));
    switch (type) {
      case 'SERVICE_TASK':
      case 'SEND_TASK':
        if (!taskDefinition?.type) this.invalid(node, 'a job-based task needs <zeebe:taskDefinition type="…">');
        break;
      case 'SCRIPT_TASK': {
        const script = extensions.get('zeebe:Script');
        if (script) element.script = { expression: script.expression, resultVariable: script.resultVariable };
        else if (!taskDefinition?.type) this.invalid(node, 'a script task needs <zeebe:script> or <zeebe:taskDefinition>');
        break;
      }
      case 'BUSINESS_RULE_TASK': {
        const decision = extensions.get('zeebe:CalledDecision');
        if (decision) element.calledDecision = this.calledDecision(node, decision);
        else if (!taskDefinition?.type) this.invalid(node, 'a business rule task needs <zeebe:calledDecision> or <zeebe:taskDefinition>');
        break;
      }
      case 'USER_TASK':
        if (extensions.has('zeebe:UserTask')) {
          const assignment = extensions.get('zeebe:AssignmentDefinition');
          const schedule = extensions.get('zeebe:TaskSchedule');
          const form = extensions.get('zeebe:FormDefinition');
          element.userTask = {
            headers,
            ...pick(assignment, ['assignee', 'candidateGroups', 'candidateUsers']),
            ...pick(schedule, ['dueDate', 'followUpDate']),
            ...(form?.formKey || form?.formId || form?.externalReference
              ? { formKey: form.formKey ?? form.formId ?? form.externalReference }
              : {}),
          };
          const taskListeners = readTaskListeners(
            extensions.get('zeebe:TaskListeners'),
            headers,
            (problem) => this.invalid(node, problem),
            (feature) => this.unsupported(node, feature),
          );
          if (taskListeners) element.taskListeners = taskListeners;
        } else {
          if (extensions.get('zeebe:TaskListeners')?.listeners?.length) {
            this.invalid(node, 'task listeners need a Camunda user task (zeebe:userTask); a job-based user task has none');
          }
          // Zeebe runs a user task without zeebe:userTask as a job of this fixed type.
          element.job = { type: 'io.camunda.zeebe:userTask', retries: '3', headers: this.jobWorkerUserTaskHeaders(extensions, headers) };
        }
        break;
      case 'CALL_ACTIVITY': {
        const called = extensions.get('zeebe:CalledElement');
        if (!called?.processId) this.invalid(node, 'a call activity needs <zeebe:calledElement processId="…">');
        const bindingType = called.bindingType ?? 'latest';
        if (!['latest', 'deployment', 'versionTag'].includes(bindingType)) this.invalid(node, `unknown binding type '${bindingType}'`);
        if (bindingType === 'versionTag' && !called.versionTag) this.invalid(node, "binding type 'versionTag' needs a versionTag");
        element.calledElement = {
          processId: called.processId,
          bindingType,
          ...(called.versionTag ? { versionTag: called.versionTag } : {}),
          propagateAllChildVariables: called.propagateAllChildVariables !== false && called.propagateAllChildVariables !== 'false',
          propagateAllParentVariables:
            called.propagateAllParentVariables !== false && called.propagateAllParentVariables !== 'false',
        };
        break;
      }
      case 'END_EVENT':
      case 'INTERMEDIATE_THROW_EVENT':
        // A message throw event is job-based in Zeebe: its job does the sending.
        if (element.event?.kind === 'message' && !taskDefinition?.type) {
          this.invalid(node, "Must have exactly one 'zeebe:taskDefinition' extension element");
        }
        break;
    }
    if (taskDefinition?.type && !element.job) {
      element.job = { type: taskDefinition.type, retries: taskDefinition.retries ?? '3', headers };
    }
    return element;
  }

  /** zeebe:calledDecision; bindingType and versionTag are read from the raw attributes, which older moddle descriptors do not declare. */
  private calledDecision(node: Node, decision: Node): NonNullable<ElementDef['calledDecision']> {
    const attribute = (name: string) => (decision[name] ?? decision.$attrs?.[name]) as string | undefined;
    if (!decision.decisionId) this.invalid(node, 'a called decision needs a decisionId');
    if (!decision.resultVariable) this.invalid(node, 'a called decision needs a resultVariable');
    const bindingType = attribute('bindingType') ?? 'latest';
    if (bindingType !== 'latest' && bindingType !== 'deployment' && bindingType !== 'versionTag') this.invalid(node, `unknown binding type '${bindingType}'`);
    const versionTag = attribute('versionTag');
    if (bindingType === 'versionTag' && !versionTag) this.invalid(node, "binding type 'versionTag' needs a versionTag");
    return { decisionId: decision.decisionId, resultVariable: decision.resultVariable, bindingType, ...(versionTag ? { versionTag } : {}) };
  }

  private jobWorkerUserTaskHeaders(extensions: Map<string, Node>, headers: Record<string, string>) {
    const assignment = extensions.get('zeebe:AssignmentDefinition');
    const form = extensions.get('zeebe:FormDefinition');
    const result = { ...headers };
    if (assignment?.assignee) result['io.camunda.zeebe:assignee'] = assignment.assignee;
    if (assignment?.candidateGroups) result['io.camunda.zeebe:candidateGroups'] = assignment.candidateGroups;
    if (assignment?.candidateUsers) result['io.camunda.zeebe:candidateUsers'] = assignment.candidateUsers;
    if (form?.formKey) result['io.camunda.zeebe:formKey'] = form.formKey;
    return result;
  }

  private extensions(node: Node): Map<string, Node> {
    const map = new Map<string, Node>();
    for (const value of (node.extensionElements?.values ?? []) as Node[]) map.set(value.$type, value);
    return map;
  }

  private headers(taskHeaders: Node | undefined): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const header of (taskHeaders?.values ?? []) as Node[]) headers[header.key] = header.value ?? '';
    return headers;
  }

  private mappings(parameters: Node[] | undefined): Mapping[] {
    return (parameters ?? []).map((p) => ({ source: p.source ?? '', target: p.target }));
  }

  private multiInstance(node: Node, loop: Node): MultiInstanceDef {
    if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') this.unsupported(node, 'standard loop characteristics');
    const zeebe = this.extensions(loop).get('zeebe:LoopCharacteristics');
    if (!zeebe?.inputCollection) {
      this.unsupported(node, 'a multi-instance without zeebe:loopCharacteristics inputCollection (loop cardinality)');
    }
    const completion = loop.completionCondition?.body as string | undefined;
    return {
      sequential: loop.isSequential === true,
      inputCollection: zeebe.inputCollection,
      ...pick(zeebe, ['inputElement', 'outputCollection', 'outputElement']),
      ...(completion?.trim() ? { completionCondition: completion.trim() } : {}),
    };
  }

  private event(node: Node): EventDef {
    const definitions = (node.eventDefinitions ?? []) as Node[];
    if (definitions.length === 0) return { kind: 'none' };
    if (definitions.length > 1) this.unsupported(node, 'several event definitions on one event');
    const definition = definitions[0];
    switch (definition.$type) {
      case 'bpmn:TerminateEventDefinition':
        return { kind: 'terminate' };
      case 'bpmn:TimerEventDefinition':
        return { kind: 'timer', timer: this.timer(node, definition) };
      case 'bpmn:MessageEventDefinition':
        // A message throw event's job sends the message: Zeebe does not ask for a message reference.
        if (!definition.messageRef && (node.$type === 'bpmn:EndEvent' || node.$type === 'bpmn:IntermediateThrowEvent')) {
          return { kind: 'message', messageName: '' };
        }
        return this.message(node, definition.messageRef);
      case 'bpmn:ErrorEventDefinition': {
        const error = definition.errorRef as Node | undefined;
        return { kind: 'error', ...(error?.errorCode ? { errorCode: String(error.errorCode) } : {}) };
      }
      case 'bpmn:CompensateEventDefinition':
        if (definition.waitForCompletion === false) {
          const kind = node.$type === 'bpmn:EndEvent' ? 'end event' : 'intermediate throwing event';
          this.invalid(node, `A compensation ${kind} waitForCompletion attribute must be true or not present`);
        }
        return { kind: 'compensation', ...(definition.activityRef?.id ? { activityRef: definition.activityRef.id } : {}) };
      case 'bpmn:EscalationEventDefinition': {
        const isThrow = node.$type === 'bpmn:EndEvent' || node.$type === 'bpmn:IntermediateThrowEvent';
        return escalationEvent(isThrow, definition.escalationRef, (problem) => this.invalid(node, problem));
      }
      case 'bpmn:SignalEventDefinition':
        return signalEvent(definition.signalRef, (problem) => this.invalid(node, problem));
      case 'bpmn:LinkEventDefinition':
        if (!definition.name) this.invalid(node, 'a link event needs a name');
        return { kind: 'link', linkName: definition.name };
      case 'bpmn:ConditionalEventDefinition':
        // Camunda 8.8 does not execute them either (docs "BPMN coverage"): a model that has one runs nowhere.
        return this.unsupported(node, 'a Conditional event (Camunda 8.8 does not execute conditional events either)');
      default:
        return this.unsupported(node, `a ${definition.$type.replace('bpmn:', '').replace('EventDefinition', '')} event`);
    }
  }

  private message(node: Node, message: Node | undefined): EventDef {
    if (!message?.name) this.invalid(node, `a ${node.$type === 'bpmn:ReceiveTask' ? 'receive task' : 'message event'} needs a message with a name`);
    const subscription = this.extensions(message).get('zeebe:Subscription');
    return {
      kind: 'message',
      messageName: message.name,
      ...(subscription?.correlationKey ? { correlationKey: subscription.correlationKey } : {}),
    };
  }

  private timer(node: Node, definition: Node): TimerDef {
    for (const kind of ['timeDuration', 'timeDate', 'timeCycle'] as const) {
      const body = (definition[kind]?.body as string | undefined)?.trim();
      if (!body) continue;
      // A static cron cycle is checked here rather than failing each instance.
      if (kind === 'timeCycle' && !isExpression(body) && isCron(body)) {
        try {
          parseCron(body);
        } catch (error) {
          this.invalid(node, `the timer cycle '${body}' is not a valid cron expression: ${(error as Error).message}`);
        }
      }
      return { kind: kind === 'timeDuration' ? 'duration' : kind === 'timeDate' ? 'date' : 'cycle', expression: body };
    }
    return this.invalid(node, 'a timer event needs a duration, date or cycle');
  }

  /** Incoming and outgoing flows come from the flows' source and target, whether or not the XML lists them. */
  private connectFlows(): void {
    for (const flow of Object.values(this.flows)) {
      const source = this.elements[flow.source];
      const target = this.elements[flow.target];
      if (!source || !target) {
        this.invalid({ $type: 'bpmn:SequenceFlow', id: flow.id }, 'the sequence flow does not connect two elements of this process');
      }
      if (source.scopeId !== target.scopeId) {
        this.invalid({ $type: 'bpmn:SequenceFlow', id: flow.id }, 'a sequence flow cannot cross a sub-process boundary');
      }
      source.outgoing.push(flow.id);
      target.incoming.push(flow.id);
    }
  }

  /** Checks what can only be checked once all elements are known. */
  private check(element: ElementDef): void {
    const node = { $type: element.type, id: element.id, name: element.name };
    const event = element.event;
    refuseUnsupportedListeners(element, (problem) => this.invalid(node, problem));
    switch (element.type) {
      case 'SUB_PROCESS':
        if (!element.noneStartEvent) this.invalid(node, 'an embedded sub-process needs a none start event');
        break;
      case 'END_EVENT':
        if (event && !['none', 'terminate', 'error', 'escalation', 'compensation', 'message', 'signal'].includes(event.kind)) this.unsupported(node, `a ${event.kind} end event`);
        this.checkActivityRef(node, event);
        if (event?.kind === 'error' && !event.errorCode) this.invalid(node, 'an error end event needs an error with an errorCode');
        break;
      case 'INTERMEDIATE_CATCH_EVENT':
        if (!event || !['timer', 'message', 'link', 'signal'].includes(event.kind)) {
          this.unsupported(node, `an intermediate catch event of kind ${event?.kind ?? 'none'}`);
        }
        break;
      case 'INTERMEDIATE_THROW_EVENT':
        if (event && !['none', 'link', 'escalation', 'compensation', 'message', 'signal'].includes(event.kind)) this.unsupported(node, `a ${event.kind} throw event`);
        this.checkActivityRef(node, event);
        if (event?.kind === 'link' && !this.links[`${element.scopeId}/${event.linkName}`]) {
          this.invalid(node, `no link catch event named '${event.linkName}' in the same scope`);
        }
        break;
      case 'BOUNDARY_EVENT': {
        if (!event || !['timer', 'message', 'error', 'escalation', 'compensation', 'signal'].includes(event.kind)) {
          this.unsupported(node, `a boundary event of kind ${event?.kind ?? 'none'}`);
        }
        const host = element.attachedTo ? this.elements[element.attachedTo] : undefined;
        if (!host) this.invalid(node, 'the boundary event is not attached to an activity');
        if (event.kind === 'compensation') {
          this.compensationBoundary(node, element, host);
          break;
        }
        host.boundaryEvents.push(element.id);
        if (event.kind === 'error' && !element.interrupting) this.invalid(node, 'an error boundary event is always interrupting');
        if (event.kind === 'escalation') refuseEscalationBoundaryHost(host.type, (problem) => this.invalid(node, problem));
        break;
      }
      case 'EVENT_BASED_GATEWAY':
        for (const flowId of element.outgoing) {
          const target = this.elements[this.flows[flowId].target];
          const ok =
            target.type === 'INTERMEDIATE_CATCH_EVENT' && ['timer', 'message', 'signal'].includes(target.event?.kind ?? 'none');
          if (!ok) this.unsupported(node, `an event-based gateway followed by '${target.id}' (only message, timer and signal catch events)`);
          // The event that occurs is activated and completed at once here: it has no moment to run start listeners at.
          if (target.executionListeners?.some((l) => l.eventType === 'start')) {
            this.unsupported({ $type: target.type, id: target.id }, "start execution listeners on a catch event after an event-based gateway");
          }
        }
        break;
      default:
        break;
    }
    if ((element.type === 'EXCLUSIVE_GATEWAY' || element.type === 'INCLUSIVE_GATEWAY') && element.outgoing.length > 1) {
      // Zeebe's deployment validation: "Must have a condition or be default flow".
      for (const id of element.outgoing) {
        if (id !== element.defaultFlow && !this.flows[id].condition) {
          this.invalid({ $type: 'bpmn:SequenceFlow', id }, `a flow leaving gateway '${element.id}' must have a condition or be its default flow`);
        }
      }
    }
    const conditional = element.outgoing.filter((id) => this.flows[id].condition);
    if (conditional.length > 0 && element.type !== 'EXCLUSIVE_GATEWAY' && element.type !== 'INCLUSIVE_GATEWAY') {
      this.unsupported(node, 'conditional sequence flows leaving an element that is not an exclusive or inclusive gateway');
    }
  }

  /** A compensation boundary event never fires as such: its activity records the handler to call. */
  private compensationBoundary(node: Node, boundary: ElementDef, host: ElementDef): void {
    const handler = this.associations.get(boundary.id);
    if (!handler || boundary.outgoing.length > 0) {
      this.invalid(node, 'Compensation boundary events must have a compensation association and no outgoing sequence flows');
    }
    if (!this.elements[handler]?.isForCompensation) {
      this.invalid(node, `the element '${handler}' associated with the compensation boundary event must be a compensation handler (isForCompensation="true")`);
    }
    if (host.compensation) this.invalid(node, `the activity '${host.id}' has more than one compensation boundary event`);
    host.compensation = { boundaryEvent: boundary.id, handler };
  }

  /** Zeebe's deployment rules for an activity marked isForCompensation. */
  private checkCompensationHandler(handler: ElementDef): void {
    const node = { $type: handler.type, id: handler.id };
    if (handler.incoming.length > 0) this.invalid(node, 'A compensation handler should have no incoming sequence flows');
    if (handler.outgoing.length > 0) this.invalid(node, 'A compensation handler should have no outgoing sequence flows');
    if (handler.boundaryEvents.length > 0 || handler.compensation) this.invalid(node, 'A compensation handler should have no boundary events');
  }

  private checkActivityRef(node: Node, event: EventDef | undefined): void {
    if (event?.kind !== 'compensation' || !event.activityRef) return;
    const activity = this.elements[event.activityRef];
    if (!activity || activity.type === 'PROCESS' || activity.type.endsWith('_EVENT') || activity.type.endsWith('_GATEWAY')) {
      this.invalid(node, `the compensation activityRef '${event.activityRef}' is not an activity of the process`);
    }
  }

  /** One escalation catch event per code, and one catch-all, among an activity's boundary events and a scope's event sub-processes. */
  private checkEscalationCatches(): void {
    for (const element of Object.values(this.elements)) {
      const node = { $type: element.type, id: element.id };
      const invalid = (problem: string) => this.invalid(node, problem);
      refuseDuplicateEscalationCatches(element.boundaryEvents.map((id) => this.elements[id]), invalid);
      refuseDuplicateEscalationCatches(element.eventSubProcesses.map((id) => this.elements[this.elements[id].startEvent!]), invalid);
    }
  }

  /** Signal catch events that wait together may not share a name (see signal-rules.ts). */
  private checkSignalCatches(): void {
    const root = this.elements[this.process.id!];
    const invalid = (id: string) => (problem: string) => this.invalid({ $type: 'bpmn:FlowNode', id }, problem);
    const startEvents = Object.values(this.elements).filter((e) => e.type === 'START_EVENT' && e.scopeId === root.id);
    refuseDuplicateSignalNames(startEvents, invalid(root.id));
    for (const element of Object.values(this.elements)) {
      refuseDuplicateSignalNames(element.boundaryEvents.map((id) => this.elements[id]), invalid(element.id));
      refuseDuplicateSignalNames(element.eventSubProcesses.map((id) => this.elements[this.elements[id].startEvent!]), invalid(element.id));
      if (element.type === 'EVENT_BASED_GATEWAY') {
        refuseDuplicateSignalNames(element.outgoing.map((f) => this.elements[this.flows[f].target]), invalid(element.id));
      }
    }
  }

  /** For each inclusive join: the elements of its scope from which a token may still arrive (not through itself). */
  private computeInclusiveJoins(): void {
    for (const element of Object.values(this.elements)) {
      if (element.type !== 'INCLUSIVE_GATEWAY' || element.incoming.length < 2) continue;
      const seen = new Set<string>();
      const queue = element.incoming.map((f) => this.flows[f].source);
      while (queue.length > 0) {
        const id = queue.pop()!;
        if (id === element.id || seen.has(id)) continue;
        seen.add(id);
        const source = this.elements[id];
        for (const f of source.incoming) queue.push(this.flows[f].source);
        // A boundary event's token comes from the activity it is attached to.
        if (source.attachedTo) queue.push(source.attachedTo);
        // A link catch event's token comes from the link throw events of the same name.
        if (source.type === 'INTERMEDIATE_CATCH_EVENT' && source.event?.kind === 'link') {
          const name = source.event.linkName;
          for (const other of Object.values(this.elements)) {
            if (other.type === 'INTERMEDIATE_THROW_EVENT' && other.event?.kind === 'link' && other.event.linkName === name && other.scopeId === source.scopeId) {
              queue.push(other.id);
            }
          }
        }
      }
      element.upstream = [...seen];
    }
  }
}

function pick(source: Node | undefined, keys: string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const k of keys) if (source?.[k]) result[k] = source[k];
  return result;
}
