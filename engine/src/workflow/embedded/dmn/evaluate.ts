import { FeelAssertionError } from '../feel/builtins/boolean.js';
import { evaluateFeel, unaryTestFeel } from '../feel/evaluate.js';
import { isLimitExceeded, LimitExceededError, runBounded } from '../../../limits/bounded.js';
import type { DecisionModel, DecisionRequirementsModel, DecisionTableModel } from './model.js';
import { applyHitPolicy, type RuleOutputs } from './hit-policy.js';

/** One evaluated decision as Zeebe's decision evaluation record reports it (the audit trail). */
export interface EvaluatedDecision {
  decisionId: string;
  decisionName: string;
  decisionType: 'DECISION_TABLE' | 'LITERAL_EXPRESSION';
  decisionOutput: unknown;
  evaluatedInputs: { inputId: string; inputName: string; inputValue: unknown }[];
  matchedRules: { ruleId: string; ruleIndex: number; evaluatedOutputs: { outputId: string; outputName: string; outputValue: unknown }[] }[];
}

export interface DecisionResult {
  decisionId: string;
  decisionName: string;
  output: unknown;
  /** Required decisions first, the called decision last. */
  evaluatedDecisions: EvaluatedDecision[];
}

/**
 * A failed evaluation as Zeebe reports it: the message names the called decision, `failedDecisionId`
 * the one that failed; the failed decision is listed last with a null output and nothing matched.
 */
export class DecisionEvaluationError extends Error {
  constructor(
    readonly failedDecisionId: string,
    message: string,
    readonly evaluatedDecisions: EvaluatedDecision[],
    /** The evaluation was stopped at a limit (time, size, nesting), not failed by the model's logic. */
    readonly limitExceeded = false,
  ) {
    super(message);
    this.name = 'DecisionEvaluationError';
  }
}

/** Wall-clock time of one decision evaluation, its required decisions included. */
export const decisionMilliseconds = 2_000;

/**
 * Evaluates a decision of a decision requirements graph: its required decisions first (each once),
 * their results in scope under their result names, then its own table or literal expression. The
 * whole evaluation runs under one time limit (its expressions under their own size limits).
 */
export function evaluateDecision(graph: DecisionRequirementsModel, decisionId: string, variables: Record<string, unknown>): DecisionResult {
  const byId = new Map(graph.decisions.map((d) => [d.id, d]));
  const target = byId.get(decisionId);
  if (!target) throw new Error(`decision '${decisionId}' is not part of '${graph.id}'`);
  const evaluated: EvaluatedDecision[] = [];
  const results = new Map<string, unknown>();
  let current = target;
  const run = (decision: DecisionModel): unknown => {
    if (results.has(decision.id)) return results.get(decision.id);
    const scope: Record<string, unknown> = { ...variables };
    for (const required of decision.requires) scope[byId.get(required)!.resultName] = run(byId.get(required)!);
    let audit: EvaluatedDecision;
    current = decision;
    try {
      audit = decision.logic.kind === 'DECISION_TABLE' ? evaluateTable(decision, decision.logic, scope) : evaluateLiteral(decision, decision.logic.expression, scope);
    } catch (error) {
      if (error instanceof DecisionEvaluationError) throw error;
      evaluated.push({ ...identity(decision, decision.logic.kind), decisionOutput: null, evaluatedInputs: [], matchedRules: [] });
      throw new DecisionEvaluationError(decision.id, `Expected to evaluate decision '${decisionId}', but ${(error as Error).message}`, evaluated, isLimitExceeded(error));
    }
    evaluated.push(audit);
    results.set(decision.id, audit.decisionOutput);
    return audit.decisionOutput;
  };
  let output: unknown;
  try {
    output = runBounded(decisionMilliseconds, 'the decision', () => run(target));
  } catch (error) {
    if (!(error instanceof LimitExceededError)) throw error;
    evaluated.push({ ...identity(current, current.logic.kind), decisionOutput: null, evaluatedInputs: [], matchedRules: [] });
    throw new DecisionEvaluationError(current.id, `Expected to evaluate decision '${decisionId}', but ${error.message}`, evaluated, true);
  }
  return { decisionId: target.id, decisionName: target.name, output, evaluatedDecisions: evaluated };
}

function evaluateLiteral(decision: DecisionModel, expression: string, scope: Record<string, unknown>): EvaluatedDecision {
  const output = feel(expression, scope);
  return { ...identity(decision, 'LITERAL_EXPRESSION'), decisionOutput: output, evaluatedInputs: [], matchedRules: [] };
}

function evaluateTable(decision: DecisionModel, table: DecisionTableModel, scope: Record<string, unknown>): EvaluatedDecision {
  const inputValues = table.inputs.map((input) => (input.expression === '' ? null : feel(input.expression, scope)));
  const matched: { index: number; outputs: RuleOutputs }[] = [];
  table.rules.forEach((rule, index) => {
    const matches = rule.inputEntries.every((entry, i) => entry === '' || entry === '-' || test(entry, inputValues[i], scope));
    if (!matches) return;
    // FIRST stops at the first match: later rules' outputs are never evaluated.
    if (table.hitPolicy === 'FIRST' && matched.length > 0) return;
    matched.push({ index, outputs: rule.outputEntries.map((entry, i) => [table.outputs[i].name, entry === '' ? null : feel(entry, scope)]) });
  });
  const output = matched.length === 0 ? defaultOutput(table, scope) : applyHitPolicy(table, matched.map((m) => m.outputs));
  return {
    ...identity(decision, 'DECISION_TABLE'),
    decisionOutput: output,
    evaluatedInputs: table.inputs.map((input, i) => ({ inputId: input.id, inputName: input.label ?? input.expression, inputValue: inputValues[i] ?? null })),
    matchedRules: matched.map(({ index, outputs }) => ({
      ruleId: table.rules[index].id,
      ruleIndex: index + 1,
      evaluatedOutputs: outputs.map(([name, value], i) => ({ outputId: table.outputs[i].id, outputName: table.outputs[i].label ?? name, outputValue: value })),
    })),
  };
}

/** No rule matched: the outputs' default values (null when none has one). */
function defaultOutput(table: DecisionTableModel, scope: Record<string, unknown>): unknown {
  const defaults = table.outputs.filter((o) => o.defaultOutputEntry).map((o) => [o.name, feel(o.defaultOutputEntry!, scope)] as const);
  if (defaults.length === 0) return null;
  if (defaults.length === 1) return defaults[0][1];
  return Object.fromEntries(defaults);
}

function identity(decision: DecisionModel, decisionType: EvaluatedDecision['decisionType']) {
  return { decisionId: decision.id, decisionName: decision.name, decisionType };
}

function feel(expression: string, scope: Record<string, unknown>): unknown {
  try {
    const value = evaluateFeel(expression, scope);
    return value === undefined ? null : value;
  } catch (error) {
    // dmn-scala's wording, which Zeebe's incident messages carry.
    if (error instanceof FeelAssertionError) throw new Error(`Assertion failure on evaluate the expression '${expression}': ${error.message}`, { cause: error });
    throw new Error(`failed to evaluate expression '${expression}': ${(error as Error).message}`, { cause: error });
  }
}

function test(entry: string, input: unknown, scope: Record<string, unknown>): boolean {
  try {
    return unaryTestFeel(entry, input, scope);
  } catch (error) {
    throw new Error(`failed to evaluate expression '${entry}': ${(error as Error).message}`, { cause: error });
  }
}
