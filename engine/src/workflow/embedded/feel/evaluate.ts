import { evaluate, unaryTest } from 'feelin';
import { camundaBuiltins } from './builtins/index.js';
import { renamedFunctions, rewriteReservedCalls } from './rewrite.js';
import { toJson } from './json.js';
import { withinFeelLimits } from './limits.js';
import { builtin } from './values.js';

const builtins: Record<string, unknown> = { ...camundaBuiltins };
for (const [name, renamed] of Object.entries(renamedFunctions)) builtins[renamed] = camundaBuiltins[name];

/**
 * A variables object may carry the engine's time under this key: `now()` and `today()` then read the
 * engine's clock, as Zeebe's FEEL does (its clock, not the machine's, is what timers are due by).
 */
export const evaluationTime: unique symbol = Symbol('evaluation time');

function clockBuiltins(at: Date): Record<string, unknown> {
  const iso = at.toISOString();
  return {
    now: builtin([], () => evaluate('date and time(t)', { t: iso }).value),
    today: builtin([], () => evaluate('date(t)', { t: iso.slice(0, 10) }).value),
  };
}

/**
 * Evaluates a FEEL expression (without the leading "=") with feelin, Camunda's extension
 * functions in scope, and returns the result in the JSON form Zeebe stores in variables.
 * Variables take precedence over functions of the same name, as in feelin. Evaluation runs within
 * feelLimits: a breach throws LimitExceededError.
 */
export function evaluateFeel(source: string, variables: Record<string, unknown> & { [evaluationTime]?: Date }): unknown {
  const at = variables[evaluationTime];
  const readsClock = at !== undefined && /\b(now|today)\s*\(/.test(source);
  const context = readsClock ? { ...builtins, ...clockBuiltins(at), ...variables } : { ...builtins, ...variables };
  return withinFeelLimits(source, () => toJson(evaluate(rewriteReservedCalls(source), context).value));
}

/**
 * Evaluates FEEL unary tests (a DMN input entry: `"a","b"`, `[1..5]`, `not(…)`, `-`, `? > 3`) against
 * an input value, with Camunda's extension functions and the variables in scope. True when they match.
 */
export function unaryTestFeel(source: string, input: unknown, variables: Record<string, unknown>): boolean {
  return withinFeelLimits(source, () => unaryTest(rewriteReservedCalls(source), { ...builtins, ...variables, '?': input }).value === true);
}
