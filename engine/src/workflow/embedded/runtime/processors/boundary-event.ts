import { complete, newElement, terminate } from '../behaviors/transitions.js';
import type { ElementProcessor } from './processor.js';

/** A timer, message or signal boundary event fired: it interrupts its activity (or not) and takes its own flow. */
export const boundaryEvent: ElementProcessor = {
  onActivate: (x, element) => complete(x, element),
  async onEventOccurred(x, activity, event, variables) {
    const scope = x.scopeOf(activity)!;
    if (event.interrupting) await terminate(x, activity);
    const boundary = await newElement(x, scope, event);
    await complete(x, boundary, variables);
  },
};
