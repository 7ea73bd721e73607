/**
 * XML fragments for the compensation scenarios, as Zeebe's `Bpmn.createExecutableProcess` builder
 * writes them: `.boundaryEvent().compensation(c -> c.serviceTask(…))` gives a compensation boundary
 * event on the activity, a handler marked isForCompensation and an association between them.
 */
import { job, type ActivityOptions } from './flow-builders.js';

const compensateDef = (activityRef?: string) =>
  `<bpmn:compensateEventDefinition${activityRef ? ` activityRef="${activityRef}"` : ''} />`;

/** A compensation boundary event on `attachedTo` (no outgoing flow: the association leads to the handler). */
export const compensationBoundary = (id: string, attachedTo: string) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}">${compensateDef()}</bpmn:boundaryEvent>`;

export const association = (id: string, source: string, target: string) =>
  `<bpmn:association id="${id}" associationDirection="One" sourceRef="${source}" targetRef="${target}" />`;

/** A compensation intermediate throw event; with `activityRef` it compensates only that activity. */
export const compensationThrow = (id: string, activityRef?: string) =>
  `<bpmn:intermediateThrowEvent id="${id}">${compensateDef(activityRef)}</bpmn:intermediateThrowEvent>`;

/** A compensation end event; with `activityRef` it compensates only that activity. */
export const compensationEnd = (id: string, activityRef?: string) => `<bpmn:endEvent id="${id}">${compensateDef(activityRef)}</bpmn:endEvent>`;

/** The attribute that marks an activity as a compensation handler. */
export const forCompensation = 'isForCompensation="true"';

/** A compensation boundary event on `activityId` associated with the handler `handlerId` (its XML in `handler`). */
export function compensatedBy(activityId: string, handlerId: string, handler: string, boundaryId = `${activityId}-compensation`): string {
  return `${compensationBoundary(boundaryId, activityId)} ${handler} ${association(`${activityId}-undo`, boundaryId, handlerId)}`;
}

/** `.boundaryEvent().compensation(c -> c.serviceTask(handlerId).zeebeJobType(type))` on `activityId`. */
export function undoTask(activityId: string, handlerId: string, type: string, o: ActivityOptions = {}): string {
  return compensatedBy(activityId, handlerId, job(handlerId, type, { ...o, attrs: `${forCompensation} ${o.attrs ?? ''}` }));
}
