import { complete } from '../behaviors/transitions.js';
import type { ElementProcessor } from './processor.js';

/** Tasks without behaviour (undefined and manual tasks): the token passes through. */
export const passThrough: ElementProcessor = {
  onActivate: (x, element) => complete(x, element),
};
