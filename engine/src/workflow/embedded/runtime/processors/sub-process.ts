import { openBoundaries, openEventSubProcesses } from '../behaviors/event-subscriptions.js';
import { activateLater, settleScope } from '../behaviors/transitions.js';
import type { ElementProcessor } from './processor.js';

/** An embedded sub-process starts at its none start event and completes when no token is left in it. */
export const subProcess: ElementProcessor = {
  async onActivate(x, element, def) {
    await openBoundaries(x, element);
    await openEventSubProcesses(x, element);
    activateLater(x, x.model(element).elements[def.noneStartEvent!], element);
  },
  onChildCompleted: (x, scope) => settleScope(x, scope),
};
