import { throwCompensation } from '../behaviors/compensation.js';
import { escalate } from '../behaviors/escalations.js';
import { throwSignal } from '../behaviors/signals.js';
import { activateLater, complete } from '../behaviors/transitions.js';
import { createJob } from './job-worker-task.js';
import type { ElementProcessor } from './processor.js';

/**
 * A none throw event passes the token on; a link throw event sends it to the link catch event of its
 * scope; an escalation throw event escalates, then passes the token on unless it was interrupted;
 * a compensation throw event waits for the handlers it starts; a signal throw event broadcasts; a
 * message throw event creates a job, as a send task does, and completes with it.
 */
export const intermediateThrowEvent: ElementProcessor = {
  async onActivate(x, element, def) {
    if (def.event?.kind === 'message') return createJob(x, element, def);
    if (def.event?.kind === 'compensation') return throwCompensation(x, element, def);
    if (def.event?.kind === 'escalation') return escalate(x, element, def.event);
    if (def.event?.kind === 'signal') return throwSignal(x, element, def.event);
    await complete(x, element);
  },
  /** A link throw event's token goes to the link catch event of its scope once the throw event completed (its end listeners too). */
  onCompleted(x, element, def) {
    if (def.event?.kind !== 'link') return;
    const model = x.model(element);
    activateLater(x, model.elements[model.links[`${def.scopeId}/${def.event.linkName}`]], x.scopeOf(element)!);
  },
};
