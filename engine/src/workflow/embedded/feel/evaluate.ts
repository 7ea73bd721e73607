import { evaluate } from 'feelin';
import { toJson } from './json.js';

/**
 * Evaluates a FEEL expression (without the leading "=") with feelin and returns the result in the
 * JSON form Zeebe stores in variables.
 */
export function evaluateFeel(source: string, variables: Record<string, unknown>): unknown {
  return toJson(evaluate(source, variables).value);
}
