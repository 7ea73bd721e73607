import { evaluate } from 'feelin';
import { camundaBuiltins } from './builtins/index.js';
import { renamedFunctions, rewriteReservedCalls } from './rewrite.js';
import { toJson } from './json.js';

const builtins: Record<string, unknown> = { ...camundaBuiltins };
for (const [name, renamed] of Object.entries(renamedFunctions)) builtins[renamed] = camundaBuiltins[name];

/**
 * Evaluates a FEEL expression (without the leading "=") with feelin, Camunda's extension
 * functions in scope, and returns the result in the JSON form Zeebe stores in variables.
 * Variables take precedence over functions of the same name, as in feelin.
 */
export function evaluateFeel(source: string, variables: Record<string, unknown>): unknown {
  const context = { ...builtins, ...variables };
  return toJson(evaluate(rewriteReservedCalls(source), context).value);
}
