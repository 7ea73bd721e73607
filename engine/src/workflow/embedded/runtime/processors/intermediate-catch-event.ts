import { openWait, closeWaits } from '../behaviors/event-subscriptions.js';
import { complete, newElement } from '../behaviors/transitions.js';
import type { ElementProcessor } from './processor.js';

/** Timer, message and signal catch events wait; a link catch event passes the token on. */
export const intermediateCatchEvent: ElementProcessor = {
  async onActivate(x, element, def) {
    if (def.event?.kind === 'link') return complete(x, element);
    await openWait(x, element, def);
  },
  async onEventOccurred(x, owner, event, variables) {
    if (owner.elementId === event.id) {
      closeWaits(x, owner);
      return complete(x, owner, variables);
    }
    // After an event-based gateway: the first event wins, the gateway's other waits close.
    const caught = await newElement(x, x.scopeOf(owner)!, event);
    await complete(x, owner, undefined, { flows: [] });
    await complete(x, caught, variables);
  },
};
