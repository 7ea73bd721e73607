// Camunda extensions: boolean functions.
// https://docs.camunda.io/docs/components/modeler/feel/builtin-functions/feel-built-in-functions-boolean/
import { builtin, isNil } from '../values.js';

/** A failed assert(): it fails the evaluation (an incident in the engine), never returns null. */
export class FeelAssertionError extends Error {}

export const booleanBuiltins = {
  // feel-scala returns true for any value, null included: it only fails for an evaluation error.
  'is defined': builtin(['value'], () => true),
  // Written `get or else(…)` in an expression; `or` is a keyword for feelin's parser (see rewrite.ts).
  'get or else': builtin(['value', 'default'], (value, fallback) => (isNil(value) ? (fallback ?? null) : value)),
  assert: builtin(['value', 'condition', 'cause'], (value, condition, cause) => {
    if (condition !== true) throw new FeelAssertionError(typeof cause === 'string' ? cause : 'The condition is not fulfilled');
    return value ?? null;
  }),
};
