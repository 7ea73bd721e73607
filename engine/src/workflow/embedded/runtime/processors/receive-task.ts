import { closeWaits, openBoundaries, openWait } from '../behaviors/event-subscriptions.js';
import { complete } from '../behaviors/transitions.js';
import type { ElementProcessor } from './processor.js';

/**
 * A receive task waits for its message like a message catch event (Zeebe's ReceiveTaskProcessor):
 * its boundary events wait alongside it, and the correlated message's variables complete it.
 */
export const receiveTask: ElementProcessor = {
  async onActivate(x, element, def) {
    await openBoundaries(x, element);
    await openWait(x, element, def);
  },
  async onEventOccurred(x, owner, _event, variables) {
    closeWaits(x, owner);
    await complete(x, owner, variables);
  },
};
