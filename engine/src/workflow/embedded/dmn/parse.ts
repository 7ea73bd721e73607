import { DmnModdle } from 'dmn-moddle';
import type { Aggregation, DecisionModel, DecisionRequirementsModel, DecisionTableModel, HitPolicy } from './model.js';

/** A moddle element, read loosely. */
type Node = { $type: string; id?: string; name?: string; [property: string]: any };

export class DmnParseError extends Error {}

const HIT_POLICIES: HitPolicy[] = ['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'COLLECT', 'RULE ORDER', 'OUTPUT ORDER'];
const AGGREGATIONS: Aggregation[] = ['SUM', 'MIN', 'MAX', 'COUNT'];

/**
 * Parses DMN 1.3 XML as the Camunda Modeler writes it into a decision requirements graph, refusing
 * what cannot be evaluated: decision logic other than decision tables and literal expressions,
 * requirements on missing decisions, cycles, compound outputs without names.
 */
export async function parseDmn(resourceName: string, xml: string): Promise<DecisionRequirementsModel> {
  let parsed: { rootElement: Node; warnings: { message: string }[] };
  try {
    parsed = (await new DmnModdle().fromXML(xml, 'dmn:Definitions')) as typeof parsed;
  } catch (error) {
    throw new DmnParseError(`${resourceName}: not valid DMN XML: ${oneLine((error as Error).message)}`);
  }
  const problems = parsed.warnings.filter((w) => /unparsable content|unknown type|unresolved reference/.test(w.message));
  if (problems.length > 0) throw new DmnParseError(`${resourceName}: ${problems.map((w) => oneLine(w.message)).join('; ')}`);
  const definitions = parsed.rootElement;
  if (definitions?.$type !== 'dmn:Definitions') throw new DmnParseError(`${resourceName}: the root element is not <definitions> of DMN 1.3`);
  const decisions = ((definitions.drgElement ?? []) as Node[]).filter((e) => e.$type === 'dmn:Decision').map((d) => decision(resourceName, d));
  if (decisions.length === 0) throw new DmnParseError(`${resourceName}: contains no decision`);
  const ids = new Set(decisions.map((d) => d.id));
  for (const d of decisions) {
    const missing = d.requires.find((id) => !ids.has(id));
    if (missing) throw new DmnParseError(`${resourceName}: decision '${d.id}' requires the decision '${missing}', which the resource does not contain`);
  }
  refuseCycles(resourceName, decisions);
  return {
    id: definitions.id ?? resourceName,
    name: definitions.name ?? definitions.id ?? resourceName,
    ...(definitions.namespace ? { namespace: definitions.namespace } : {}),
    decisions,
  };
}

function decision(resourceName: string, node: Node): DecisionModel {
  const at = `${resourceName}: decision '${node.id}'`;
  if (!node.id) throw new DmnParseError(`${resourceName}: a decision has no id`);
  const requires = ((node.informationRequirement ?? []) as Node[])
    .map((r) => r.requiredDecision?.href as string | undefined)
    .filter((href): href is string => Boolean(href))
    .map((href) => href.slice(href.indexOf('#') + 1));
  const logic = node.decisionLogic as Node | undefined;
  const versionTag = ((node.extensionElements?.values ?? []) as Node[]).find((e) => e.$type === 'zeebe:versionTag')?.value as string | undefined;
  const base = { id: node.id, name: node.name ?? node.id, resultName: node.variable?.name ?? node.id, ...(versionTag ? { versionTag } : {}), requires };
  if (logic?.$type === 'dmn:DecisionTable') return { ...base, logic: decisionTable(at, logic) };
  if (logic?.$type === 'dmn:LiteralExpression') {
    const expression = text(logic);
    if (!expression) throw new DmnParseError(`${at}: the literal expression is empty`);
    return { ...base, logic: { kind: 'LITERAL_EXPRESSION', expression } };
  }
  throw new DmnParseError(`${at}: ${logic ? `the decision logic <${logic.$type.replace('dmn:', '')}>` : 'no decision logic'} is not supported (decision tables and literal expressions are)`);
}

function decisionTable(at: string, table: Node): DecisionTableModel {
  const hitPolicy = (table.hitPolicy ?? 'UNIQUE') as HitPolicy;
  if (!HIT_POLICIES.includes(hitPolicy)) throw new DmnParseError(`${at}: unknown hit policy '${hitPolicy}'`);
  const aggregation = table.aggregation as Aggregation | undefined;
  if (aggregation && !AGGREGATIONS.includes(aggregation)) throw new DmnParseError(`${at}: unknown aggregation '${aggregation}'`);
  const outputs = ((table.output ?? []) as Node[]).map((o, i) => {
    if (!o.name && (table.output as Node[]).length > 1) throw new DmnParseError(`${at}: no output name defined for '${o.label ?? o.id ?? i + 1}'`);
    const outputValues = text(o.outputValues);
    const defaultOutputEntry = text(o.defaultOutputEntry);
    return {
      id: o.id ?? `output${i + 1}`,
      ...(o.label ? { label: o.label } : {}),
      name: o.name ?? o.label ?? o.id ?? `output${i + 1}`,
      ...(outputValues ? { outputValues } : {}),
      ...(defaultOutputEntry ? { defaultOutputEntry } : {}),
    };
  });
  if (outputs.length === 0) throw new DmnParseError(`${at}: a decision table needs at least one output`);
  if (aggregation && hitPolicy === 'COLLECT' && outputs.length > 1) {
    throw new DmnParseError(`${at}: hit policy 'COLLECT' with aggregator is not defined for compound output`);
  }
  const inputs = ((table.input ?? []) as Node[]).map((i, n) => ({
    id: i.id ?? `input${n + 1}`,
    ...(i.label ? { label: i.label } : {}),
    expression: text(i.inputExpression),
  }));
  const rules = ((table.rule ?? []) as Node[]).map((r, n) => {
    const inputEntries = ((r.inputEntry ?? []) as Node[]).map(text);
    const outputEntries = ((r.outputEntry ?? []) as Node[]).map(text);
    const id = r.id ?? `rule${n + 1}`;
    if (inputEntries.length !== inputs.length || outputEntries.length !== outputs.length) {
      throw new DmnParseError(`${at}: rule '${id}' has ${inputEntries.length} input and ${outputEntries.length} output entries for ${inputs.length} inputs and ${outputs.length} outputs`);
    }
    return { id, inputEntries, outputEntries };
  });
  return { kind: 'DECISION_TABLE', hitPolicy, ...(aggregation && hitPolicy === 'COLLECT' ? { aggregation } : {}), inputs, outputs, rules };
}

function refuseCycles(resourceName: string, decisions: DecisionModel[]): void {
  const byId = new Map(decisions.map((d) => [d.id, d]));
  const visit = (id: string, path: string[]): void => {
    if (path.includes(id)) throw new DmnParseError(`${resourceName}: the decisions ${[...path, id].map((p) => `'${p}'`).join(' → ')} require each other in a cycle`);
    for (const next of byId.get(id)!.requires) visit(next, [...path, id]);
  };
  for (const d of decisions) visit(d.id, []);
}

function text(node: Node | undefined): string {
  return String(node?.text ?? '').trim();
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ', ');
}
