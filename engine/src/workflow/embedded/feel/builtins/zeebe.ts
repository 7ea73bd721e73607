// Zeebe's own FEEL function cycle(), used in timer cycles (zeebe/feel FeelFunctionProvider):
// cycle(interval) is "R/<interval>", cycle(repetitions, interval) is "R<n>/<interval>".
// https://docs.camunda.io/docs/components/modeler/bpmn/timer-events/#time-cycle
import { FeelDuration } from 'feelin';
import { toJson } from '../json.js';
import { builtin, isNumber } from '../values.js';

export class FeelCycleError extends Error {}

export const zeebeBuiltins = {
  cycle: builtin(['repetitions', 'interval'], (first, second) => {
    const [repetitions, interval] = second === undefined ? [null, first] : [first, second];
    if (!(interval instanceof FeelDuration) || !(repetitions === null || isNumber(repetitions))) {
      throw new FeelCycleError(`cycle() expects a repetitions (number) and an interval (duration), but found ${JSON.stringify([toJson(first), toJson(second)])}`);
    }
    return `R${repetitions === null ? '' : Math.trunc(repetitions)}/${toJson(interval) as string}`;
  }),
};
