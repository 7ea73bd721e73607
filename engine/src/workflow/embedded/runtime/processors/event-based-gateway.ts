import { openWait } from '../behaviors/event-subscriptions.js';
import type { ElementProcessor } from './processor.js';

/** Waits for the events after it; the first that occurs wins (see the intermediate catch event). */
export const eventBasedGateway: ElementProcessor = {
  async onActivate(x, element, def) {
    const model = x.model(element);
    for (const flowId of def.outgoing) await openWait(x, element, model.elements[model.flows[flowId].target]);
  },
};
