import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';

const zeebeDescriptor = createRequire(import.meta.url)('zeebe-bpmn-moddle/resources/zeebe.json') as object;

/** A moddle element; the generated types do not cover zeebe: extensions, so it is read loosely. */
export type ModdleNode = { $type: string; id?: string; name?: string; [property: string]: unknown };

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
    throw new ModelParseError(`not valid BPMN XML: ${(error as Error).message.replace(/\s*\n\s*/g, ', ')}`, { cause: error });
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
  for (const node of children(container, 'flowElements')) {
    into.push(describe(node, processId, scopeId));
    if (node.$type === 'bpmn:SubProcess' || node.$type === 'bpmn:AdHocSubProcess' || node.$type === 'bpmn:Transaction') {
      collect(node, processId, node.id!, into);
    }
  }
}

/** A property holding one element (a reference or a child), or undefined. */
function child(node: ModdleNode | undefined, property: string): ModdleNode | undefined {
  const value = node?.[property];
  return value && typeof value === 'object' && '$type' in value ? (value as ModdleNode) : undefined;
}

/** A property holding a list of elements; absent lists read as empty. */
function children(node: ModdleNode | undefined, property: string): ModdleNode[] {
  const value = node?.[property];
  return Array.isArray(value) ? (value as ModdleNode[]) : [];
}

/** An attribute as written in the XML (numbers and booleans are kept as their text). */
function text(node: ModdleNode | undefined, property: string): string | undefined {
  const value = node?.[property];
  return value === undefined || value === null ? undefined : String(value as string | number | boolean);
}

function extension(node: ModdleNode | undefined, type: string): ModdleNode | undefined {
  return children(child(node, 'extensionElements'), 'values').find((v) => v.$type === type);
}

function describe(node: ModdleNode, processId: string, scopeId: string): ModelElement {
  const element: ModelElement = {
    id: node.id!,
    type: node.$type.replace(/^bpmn:/, ''),
    processId,
    scopeId,
    incoming: children(node, 'incoming').map((f) => f.id!),
    outgoing: children(node, 'outgoing').map((f) => f.id!),
    headers: {},
    zeebeUserTask: Boolean(extension(node, 'zeebe:UserTask')),
    inputs: [],
    outputs: [],
  };
  if (node.name) element.name = node.name;
  if (node.$type === 'bpmn:SequenceFlow') {
    element.source = child(node, 'sourceRef')?.id;
    element.target = child(node, 'targetRef')?.id;
    const condition = text(child(node, 'conditionExpression'), 'body');
    if (condition !== undefined) element.condition = condition;
  }
  const attachedTo = child(node, 'attachedToRef');
  if (attachedTo) element.attachedTo = attachedTo.id;
  const definition = children(node, 'eventDefinitions')[0];
  if (definition) {
    element.eventDefinition = definition.$type.replace(/^bpmn:/, '');
    if (definition.$type === 'bpmn:TimerEventDefinition') {
      for (const kind of ['duration', 'date', 'cycle'] as const) {
        const value = child(definition, `time${kind[0].toUpperCase()}${kind.slice(1)}`);
        if (value) element.timer = { kind, expression: text(value, 'body') ?? '' };
      }
    }
    if (definition.$type === 'bpmn:MessageEventDefinition') element.message = messageOf(child(definition, 'messageRef'));
  }
  if (node.$type === 'bpmn:ReceiveTask') element.message = messageOf(child(node, 'messageRef'));
  const task = extension(node, 'zeebe:TaskDefinition');
  if (task) {
    element.taskType = text(task, 'type');
    const retries = text(task, 'retries');
    if (retries !== undefined) element.retries = retries;
  }
  for (const header of children(extension(node, 'zeebe:TaskHeaders'), 'values')) {
    const key = text(header, 'key');
    if (key !== undefined) element.headers[key] = text(header, 'value') ?? '';
  }
  const form = extension(node, 'zeebe:FormDefinition');
  const formId = text(form, 'formId');
  if (formId) element.formId = formId;
  const otherForm = text(form, 'formKey') || text(form, 'externalReference');
  if (otherForm) element.otherForm = otherForm;
  const assignment = extension(node, 'zeebe:AssignmentDefinition');
  const candidateGroups = text(assignment, 'candidateGroups');
  if (candidateGroups) element.candidateGroups = candidateGroups;
  const candidateUsers = text(assignment, 'candidateUsers');
  if (candidateUsers) element.candidateUsers = candidateUsers;
  const assignee = text(assignment, 'assignee');
  if (assignee) element.assignee = assignee;
  const io = extension(node, 'zeebe:IoMapping');
  const mapping = (p: ModdleNode) => ({ source: text(p, 'source') ?? '', target: text(p, 'target') ?? '' });
  element.inputs = children(io, 'inputParameters').map(mapping);
  element.outputs = children(io, 'outputParameters').map(mapping);
  const loop = child(node, 'loopCharacteristics');
  if (loop?.$type === 'bpmn:MultiInstanceLoopCharacteristics') {
    const zeebeLoop = extension(loop, 'zeebe:LoopCharacteristics');
    element.multiInstance = {
      sequential: Boolean(loop.isSequential),
      inputCollection: text(zeebeLoop, 'inputCollection'),
      inputElement: text(zeebeLoop, 'inputElement'),
      outputCollection: text(zeebeLoop, 'outputCollection'),
      outputElement: text(zeebeLoop, 'outputElement'),
    };
  }
  const calledProcessId = text(extension(node, 'zeebe:CalledElement'), 'processId');
  if (calledProcessId) element.calledProcessId = calledProcessId;
  const decision = extension(node, 'zeebe:CalledDecision');
  const decisionId = text(decision, 'decisionId');
  if (decisionId) element.calledDecisionId = decisionId;
  const resultVariable = text(extension(node, 'zeebe:Script') ?? decision, 'resultVariable');
  if (resultVariable) element.resultVariable = resultVariable;
  return element;
}

function messageOf(message: ModdleNode | undefined): ModelElement['message'] {
  if (!message) return {};
  return { name: message.name, correlationKey: text(extension(message, 'zeebe:Subscription'), 'correlationKey') };
}

export function label(element: { id: string; name?: string }): string {
  return element.name ? `'${element.id}' (${element.name})` : `'${element.id}'`;
}
