import { StepIncident } from '../behaviors/incidents.js';
import { complete } from '../behaviors/transitions.js';
import { visibleVariables } from '../behaviors/variables.js';
import { evaluateExpression } from '../feel.js';
import { createJob } from './job-worker-task.js';
import type { ElementProcessor } from './processor.js';

/** A FEEL script task evaluates its expression into its result variable; otherwise it is a job. */
export const scriptTask: ElementProcessor = {
  async onActivate(x, element, def) {
    if (!def.script) return createJob(x, element, def);
    let value: unknown;
    try {
      value = evaluateExpression(def.script.expression, visibleVariables(x, element));
    } catch (error) {
      throw new StepIncident('EXTRACT_VALUE_ERROR', (error as Error).message);
    }
    await complete(x, element, def.script.resultVariable ? { [def.script.resultVariable]: value } : undefined);
  },
};
