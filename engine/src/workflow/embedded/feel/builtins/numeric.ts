// Camunda extensions and overloads: numeric functions.
// https://docs.camunda.io/docs/components/modeler/feel/builtin-functions/feel-built-in-functions-numeric/
import { builtin, isNumber, isString } from '../values.js';
import { feelinBuiltin } from './fallback.js';

const roundingModes: Record<string, (x: number) => number | null> = {
  UP: (x) => (x < 0 ? -Math.ceil(-x) : Math.ceil(x)),
  DOWN: (x) => Math.trunc(x),
  CEILING: (x) => Math.ceil(x),
  FLOOR: (x) => Math.floor(x),
  HALF_UP: (x) => Math.sign(x) * Math.floor(Math.abs(x) + 0.5),
  HALF_DOWN: (x) => Math.sign(x) * Math.ceil(Math.abs(x) - 0.5),
  HALF_EVEN: (x) => {
    const floor = Math.floor(x);
    const diff = x - floor;
    return diff > 0.5 ? floor + 1 : diff < 0.5 ? floor : floor % 2 === 0 ? floor : floor + 1;
  },
  UNNECESSARY: (x) => (Number.isInteger(x) ? x : null),
};

export const numericBuiltins = {
  abs: builtin(['n', 'number'], (n, number) => feelinBuiltin('abs', n ?? number)),
  decimal: builtin(['n', 'scale', 'mode'], (n, scale, mode) => {
    if (mode === undefined || mode === null) return feelinBuiltin('decimal', n, scale);
    if (!isNumber(n) || !isNumber(scale) || !isString(mode)) return null;
    const round = roundingModes[mode.toUpperCase()];
    if (!round) return null;
    const factor = 10 ** scale;
    const scaled = Number((n * factor).toPrecision(15));
    const rounded = round(scaled);
    return rounded === null ? null : rounded / factor + 0;
  }),
  'random number': builtin([], () => Math.random()),
};
