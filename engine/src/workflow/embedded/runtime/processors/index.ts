import type { ElementType } from '../../model/definition.js';
import { boundaryEvent } from './boundary-event.js';
import { callActivity } from './call-activity.js';
import { endEvent } from './end-event.js';
import { eventBasedGateway } from './event-based-gateway.js';
import { eventSubProcess } from './event-sub-process.js';
import { exclusiveGateway, inclusiveGateway } from './condition-gateways.js';
import { intermediateCatchEvent } from './intermediate-catch-event.js';
import { intermediateThrowEvent } from './intermediate-throw-event.js';
import { jobWorkerTask } from './job-worker-task.js';
import { multiInstanceBody } from './multi-instance-body.js';
import { parallelGateway } from './parallel-gateway.js';
import type { ElementProcessor } from './processor.js';
import { process } from './process.js';
import { businessRuleTask } from './business-rule-task.js';
import { scriptTask } from './script-task.js';
import { startEvent } from './start-event.js';
import { subProcess } from './sub-process.js';
import { passThrough } from './pass-through.js';
import { userTask } from './user-task.js';

/** Built on first use: processors and the behaviours they use import each other. */
let processors: Record<ElementType, ElementProcessor> | undefined;

const registry = (): Record<ElementType, ElementProcessor> => ({
  PROCESS: process,
  SUB_PROCESS: subProcess,
  EVENT_SUB_PROCESS: eventSubProcess,
  MULTI_INSTANCE_BODY: multiInstanceBody,
  START_EVENT: startEvent,
  END_EVENT: endEvent,
  INTERMEDIATE_CATCH_EVENT: intermediateCatchEvent,
  INTERMEDIATE_THROW_EVENT: intermediateThrowEvent,
  BOUNDARY_EVENT: boundaryEvent,
  TASK: passThrough,
  MANUAL_TASK: passThrough,
  SERVICE_TASK: jobWorkerTask,
  SEND_TASK: jobWorkerTask,
  BUSINESS_RULE_TASK: businessRuleTask,
  SCRIPT_TASK: scriptTask,
  USER_TASK: userTask,
  RECEIVE_TASK: {
    onActivate: () => Promise.reject(new Error('receive tasks are refused at deployment')),
  },
  CALL_ACTIVITY: callActivity,
  EXCLUSIVE_GATEWAY: exclusiveGateway,
  INCLUSIVE_GATEWAY: inclusiveGateway,
  PARALLEL_GATEWAY: parallelGateway,
  EVENT_BASED_GATEWAY: eventBasedGateway,
});

export function processorFor(type: ElementType): ElementProcessor {
  return (processors ??= registry())[type];
}
