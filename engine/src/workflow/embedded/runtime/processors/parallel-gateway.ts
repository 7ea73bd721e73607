import { complete } from '../behaviors/transitions.js';
import type { ElementProcessor } from './processor.js';

/** Activated once every incoming flow has a token (see takeFlows); forks to every outgoing flow. */
export const parallelGateway: ElementProcessor = {
  onActivate: (x, element) => complete(x, element),
};
