import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';

const zeebeDescriptor = createRequire(import.meta.url)('zeebe-bpmn-moddle/resources/zeebe.json') as object;

/** A moddle element; the generated types do not cover zeebe: extensions, so it is read loosely. */
export type ModdleNode = { $type: string; id?: string; name?: string; [property: string]: any };

/**
 * What the platform reads from one BPMN element: enough for lint, diff and migration checks.
 * Zeebe extension values are kept as written (static text or "=FEEL").
 */
export interface ModelElement {
  id: string;
  name?: string;
  /** BPMN type without prefix: UserTask, ServiceTask, ExclusiveGateway, SequenceFlow… */
  type: string;
  processId: string;
  /** Id of the enclosing process or sub-process. */
  scopeId: string;
  incoming: string[];
  outgoing: string[];
  /** Sequence flows. */
  source?: string;
  target?: string;
  condition?: string;
  /** Boundary events. */
  attachedTo?: string;
  eventDefinition?: string;
  timer?: { kind: 'duration' | 'date' | 'cycle'; expression: string };
  message?: { name?: string; correlationKey?: string };
  taskType?: string;
  retries?: string;
  headers: Record<string, string>;
  zeebeUserTask: boolean;
  formId?: string;
  /** formKey or an external form reference: forms the platform does not serve. */
  otherForm?: string;
  candidateGroups?: string;
  candidateUsers?: string;
  assignee?: string;
  inputs: { source: string; target: string }[];
  outputs: { source: string; target: string }[];
  multiInstance?: { sequential: boolean; inputCollection?: string; inputElement?: string; outputCollection?: string; outputElement?: string };
  calledProcessId?: string;
  /** Business rule tasks: the decision of zeebe:calledDecision (static id or "=FEEL"). */
  calledDecisionId?: string;
  resultVariable?: string;
}

export interface ModelProcess {
  id: string;
  name?: string;
  executable: boolean;
  elements: ModelElement[];
}

export interface ParsedModel {
  file: string;
  /** The moddle tree, as bpmnlint wants it. */
  definitions: ModdleNode;
  processes: ModelProcess[];
  warnings: string[];
}

export class ModelParseError extends Error {}

export async function parseModel(file: string, xml: string): Promise<ParsedModel> {
  const moddle = new BpmnModdle({ zeebe: zeebeDescriptor });
  let parsed: { rootElement: ModdleNode; warnings: { message: string }[] };
  try {
    parsed = (await moddle.fromXML(xml)) as unknown as typeof parsed;
  } catch (error) {
    throw new ModelParseError(`not valid BPMN XML: ${(error as Error).message.replace(/\s*\n\s*/g, ', ')}`);
  }
  const definitions = parsed.rootElement;
  if (definitions.$type !== 'bpmn:Definitions') throw new ModelParseError('the root element is not <bpmn:definitions>');
  const processes = ((definitions.rootElements ?? []) as ModdleNode[])
    .filter((e) => e.$type === 'bpmn:Process')
    .map((p) => {
      const elements: ModelElement[] = [];
      collect(p, p.id!, p.id!, elements);
      return { id: p.id!, name: p.name, executable: Boolean(p.isExecutable), elements };
    });
  return { file, definitions, processes, warnings: parsed.warnings.map((w) => w.message.replace(/\s*\n\s*/g, ', ')) };
}

function collect(container: ModdleNode, processId: string, scopeId: string, into: ModelElement[]): void {
  for (const node of (container.flowElements ?? []) as ModdleNode[]) {
    into.push(describe(node, processId, scopeId));
    if (node.$type === 'bpmn:SubProcess' || node.$type === 'bpmn:AdHocSubProcess' || node.$type === 'bpmn:Transaction') {
      collect(node, processId, node.id!, into);
    }
  }
}

function extension(node: ModdleNode | undefined, type: string): ModdleNode | undefined {
  return ((node?.extensionElements?.values ?? []) as ModdleNode[]).find((v) => v.$type === type);
}

function describe(node: ModdleNode, processId: string, scopeId: string): ModelElement {
  const element: ModelElement = {
    id: node.id!,
    type: node.$type.replace(/^bpmn:/, ''),
    processId,
    scopeId,
    incoming: ((node.incoming ?? []) as ModdleNode[]).map((f) => f.id!),
    outgoing: ((node.outgoing ?? []) as ModdleNode[]).map((f) => f.id!),
    headers: {},
    zeebeUserTask: Boolean(extension(node, 'zeebe:UserTask')),
    inputs: [],
    outputs: [],
  };
  if (node.name) element.name = node.name;
  if (node.$type === 'bpmn:SequenceFlow') {
    element.source = node.sourceRef?.id;
    element.target = node.targetRef?.id;
    if (node.conditionExpression?.body !== undefined) element.condition = String(node.conditionExpression.body);
  }
  if (node.attachedToRef) element.attachedTo = node.attachedToRef.id;
  const definition = (node.eventDefinitions ?? [])[0] as ModdleNode | undefined;
  if (definition) {
    element.eventDefinition = definition.$type.replace(/^bpmn:/, '');
    if (definition.$type === 'bpmn:TimerEventDefinition') {
      for (const kind of ['duration', 'date', 'cycle'] as const) {
        const value = definition[`time${kind[0]!.toUpperCase()}${kind.slice(1)}`] as ModdleNode | undefined;
        if (value) element.timer = { kind, expression: String(value.body ?? '') };
      }
    }
    if (definition.$type === 'bpmn:MessageEventDefinition') element.message = messageOf(definition.messageRef);
  }
  if (node.$type === 'bpmn:ReceiveTask') element.message = messageOf(node.messageRef);
  const task = extension(node, 'zeebe:TaskDefinition');
  if (task) {
    element.taskType = task.type;
    if (task.retries !== undefined) element.retries = String(task.retries);
  }
  for (const header of (extension(node, 'zeebe:TaskHeaders')?.values ?? []) as ModdleNode[]) {
    element.headers[header.key] = header.value ?? '';
  }
  const form = extension(node, 'zeebe:FormDefinition');
  if (form?.formId) element.formId = form.formId;
  if (form?.formKey || form?.externalReference) element.otherForm = form.formKey ?? form.externalReference;
  const assignment = extension(node, 'zeebe:AssignmentDefinition');
  if (assignment?.candidateGroups) element.candidateGroups = assignment.candidateGroups;
  if (assignment?.candidateUsers) element.candidateUsers = assignment.candidateUsers;
  if (assignment?.assignee) element.assignee = assignment.assignee;
  const io = extension(node, 'zeebe:IoMapping');
  const mapping = (p: ModdleNode) => ({ source: String(p.source ?? ''), target: String(p.target ?? '') });
  element.inputs = ((io?.inputParameters ?? []) as ModdleNode[]).map(mapping);
  element.outputs = ((io?.outputParameters ?? []) as ModdleNode[]).map(mapping);
  const loop = node.loopCharacteristics as ModdleNode | undefined;
  if (loop?.$type === 'bpmn:MultiInstanceLoopCharacteristics') {
    const zeebeLoop = extension(loop, 'zeebe:LoopCharacteristics');
    element.multiInstance = {
      sequential: Boolean(loop.isSequential),
      inputCollection: zeebeLoop?.inputCollection,
      inputElement: zeebeLoop?.inputElement,
      outputCollection: zeebeLoop?.outputCollection,
      outputElement: zeebeLoop?.outputElement,
    };
  }
  const called = extension(node, 'zeebe:CalledElement');
  if (called?.processId) element.calledProcessId = called.processId;
  const decision = extension(node, 'zeebe:CalledDecision');
  if (decision?.decisionId) element.calledDecisionId = decision.decisionId;
  const result = extension(node, 'zeebe:Script') ?? decision;
  if (result?.resultVariable) element.resultVariable = result.resultVariable;
  return element;
}

function messageOf(message: ModdleNode | undefined): ModelElement['message'] {
  if (!message) return {};
  const subscription = extension(message, 'zeebe:Subscription');
  return { name: message.name, correlationKey: subscription?.correlationKey };
}

export function label(element: { id: string; name?: string }): string {
  return element.name ? `'${element.id}' (${element.name})` : `'${element.id}'`;
}
