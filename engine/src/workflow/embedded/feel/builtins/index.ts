import { booleanBuiltins } from './boolean.js';
import { contextBuiltins } from './context.js';
import { conversionBuiltins } from './conversion.js';
import { listBuiltins } from './list.js';
import { numericBuiltins } from './numeric.js';
import { rangeBuiltins } from './range.js';
import { stringBuiltins } from './string.js';
import { temporalBuiltins } from './temporal.js';
import { zeebeBuiltins } from './zeebe.js';
import type { Builtin } from '../values.js';

export { FeelAssertionError } from './boolean.js';
export { FeelCycleError } from './zeebe.js';

/**
 * The functions Camunda's FEEL (feel-scala with Zeebe's extensions) has and feelin lacks or
 * evaluates differently. They are handed to feelin in the evaluation context, which takes
 * precedence over its own built-ins.
 */
export const camundaBuiltins: Record<string, Builtin> = {
  ...booleanBuiltins,
  ...stringBuiltins,
  ...listBuiltins,
  ...contextBuiltins,
  ...conversionBuiltins,
  ...numericBuiltins,
  ...rangeBuiltins,
  ...temporalBuiltins,
  ...zeebeBuiltins,
};
