import { throwCompensation } from '../behaviors/compensation.js';
import { throwError } from '../behaviors/errors.js';
import { escalate } from '../behaviors/escalations.js';
import { StepIncident } from '../behaviors/incidents.js';
import { throwSignal } from '../behaviors/signals.js';
import { complete, terminate } from '../behaviors/transitions.js';
import { visibleVariables } from '../behaviors/variables.js';
import { evaluateString } from '../feel.js';
import { createJob } from './job-worker-task.js';
import type { ElementProcessor } from './processor.js';

/**
 * None end events end their path; terminate end events end their scope; error, escalation,
 * compensation and signal end events throw; a message end event creates a job and ends its path with it.
 */
export const endEvent: ElementProcessor = {
  async onActivate(x, element, def) {
    const event = def.event;
    if (event?.kind === 'message') return createJob(x, element, def);
    if (event?.kind === 'escalation') return escalate(x, element, event);
    if (event?.kind === 'signal') return throwSignal(x, element, event);
    if (event?.kind === 'error') {
      const code = evaluateString(event.errorCode!, visibleVariables(x, element), 'the error code');
      if (!(await throwError(x, element, code))) {
        throw new StepIncident(
          'UNHANDLED_ERROR_EVENT',
          `Expected to throw an error event with the code '${code}', but it was not caught. No error events are available in the scope.`,
        );
      }
      return;
    }
    if (event?.kind === 'compensation') return throwCompensation(x, element, def);
    if (event?.kind === 'terminate') {
      const scope = x.scopeOf(element)!;
      for (const sibling of x.tree.activeChildren(scope.key)) if (sibling !== element) await terminate(x, sibling);
      x.discardTokens(scope.key);
      delete scope.data.joins;
      x.tree.touch(scope);
    }
    await complete(x, element);
  },
};
