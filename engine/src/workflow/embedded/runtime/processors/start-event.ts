import { complete } from '../behaviors/transitions.js';
import { triggerEventSubProcess } from './event-sub-process.js';
import type { ElementProcessor } from './processor.js';

/** Start events complete at once; a message, timer or signal start event of an event sub-process starts it. */
export const startEvent: ElementProcessor = {
  onActivate: (x, element) => complete(x, element),
  onEventOccurred: (x, scope, event, variables) =>
    triggerEventSubProcess(x, scope, x.model(scope).elements[event.scopeId!], variables),
};
