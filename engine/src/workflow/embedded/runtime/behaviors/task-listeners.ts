import { eq } from 'drizzle-orm';
import { WorkflowError, type JobResult, type TaskListenerCorrections, type Variables } from '../../../workflow-engine.port.js';
import type { ListenerDef } from '../../model/definition.js';
import { wfUserTasks } from '../../workflow.schema.js';
import type { Execution } from '../execution.js';
import { evaluateString } from '../feel.js';
import { evaluateRetries, pushJob } from '../processors/job-worker-task.js';
import type { ElementInstanceState, TaskTransition } from '../state.js';
import { parseDateTime } from '../timer-spec.js';
import { guard } from './incidents.js';
import { complete } from './transitions.js';
import { visibleVariables } from './variables.js';

/**
 * Task listeners of a Camunda user task (Zeebe's TaskListener*Test, Camunda 8.8): assigning or
 * completing the task passes through a transitional state (ASSIGNING, COMPLETING) while the
 * listeners of the event run, one TASK_LISTENER job after the other. A listener may deny the
 * transition (the task goes back to CREATED as it was) or correct the task's properties.
 */

type TaskRow = typeof wfUserTasks.$inferSelect;

export function taskListenersOf(x: Execution, element: ElementInstanceState, event: TaskTransition['event']): ListenerDef[] {
  return x.def(element).taskListeners?.filter((l) => l.eventType === event) ?? [];
}

/**
 * Starts a transition of the task: the task row takes the transitional state, the first listener's
 * job is created. The row is written in the command's transaction at once (it exists already, and
 * its state is what refuses concurrent commands on the task).
 */
export async function beginTransition(x: Execution, element: ElementInstanceState, transition: TaskTransition): Promise<void> {
  element.data.taskTransition = transition;
  x.tree.touch(element);
  const state = transition.event === 'assigning' ? 'ASSIGNING' : 'COMPLETING';
  await x.tx.update(wfUserTasks).set({ state, completionDate: null }).where(eq(wfUserTasks.key, transition.userTaskKey));
  await nextListener(x, element, transition, 0);
}

/**
 * A task created with an assignee and assigning listeners: it is created unassigned and ASSIGNING
 * (its row is written with the command), then assigned when the listeners accept
 * (TaskListenerDenialsTest#shouldRevertToPreviousAssigneeWhenRejectingAssignmentFromTaskListenerAfterPreviouslySuccessfulAssignment).
 */
export async function assignOnCreation(x: Execution, element: ElementInstanceState, userTaskKey: number, assignee: string): Promise<void> {
  const transition: TaskTransition = { event: 'assigning', userTaskKey, index: 0, assignee };
  element.data.taskTransition = transition;
  await nextListener(x, element, transition, 0);
}

async function nextListener(x: Execution, element: ElementInstanceState, transition: TaskTransition, index: number): Promise<void> {
  const listener = taskListenersOf(x, element, transition.event)[index];
  transition.index = index;
  x.tree.touch(element);
  // A failure to create the job is an incident; resolving it creates the listener's job again.
  await guard(x, element, 'taskListener', 'EXTRACT_VALUE_ERROR', async () => {
    const context = visibleVariables(x, element);
    const type = evaluateString(listener.type, context, 'the job type');
    const retries = evaluateRetries(listener.retries, context);
    const listenerEventType = transition.event === 'assigning' ? 'ASSIGNING' : 'COMPLETING';
    // Zeebe's reserved headers tell the worker which task (and, when assigning, which assignee) it is about.
    const customHeaders = {
      ...listener.headers,
      'io.camunda.zeebe:userTaskKey': String(transition.userTaskKey),
      ...(transition.event === 'assigning' && transition.assignee ? { 'io.camunda.zeebe:assignee': transition.assignee } : {}),
    };
    pushJob(x, element, { type, retries, customHeaders, kind: 'TASK_LISTENER', listenerEventType }, await x.key());
  });
}

/** Resolution of an incident raised creating a task listener job: the same listener's job again. */
export async function retryTaskListener(x: Execution, element: ElementInstanceState): Promise<void> {
  const transition = element.data.taskTransition;
  if (transition) await nextListener(x, element, transition, transition.index);
}

const correctable = ['assignee', 'candidateGroups', 'candidateUsers', 'dueDate', 'followUpDate', 'priority'];

/**
 * Checks a task listener job's completion as Zeebe's JobCompleteProcessor does; a refusal rolls the
 * command back, the job stays open.
 */
function checkCompletion(jobKey: number, type: string, processInstanceKey: number, variables: Variables | undefined, result: JobResult | undefined): void {
  const job = `(job key '${jobKey}', type '${type}', processInstanceKey '${processInstanceKey}')`;
  if (variables && Object.keys(variables).length > 0) {
    throw new WorkflowError('INVALID_ARGUMENT', `Task Listener job completion with variables payload provided is not yet supported ${job}.`);
  }
  const corrections = Object.keys(result?.corrections ?? {});
  if (result?.denied && corrections.length > 0) {
    throw new WorkflowError(
      'INVALID_ARGUMENT',
      `Expected to complete task listener job with corrections, but the job result is denied ${job}. The corrections would be reverted by the denial. Either complete the job with corrections without setting denied, or complete the job with a denied result but no corrections.`,
    );
  }
  for (const property of corrections) {
    if (!correctable.includes(property)) {
      throw new WorkflowError(
        'INVALID_ARGUMENT',
        `Expected to complete task listener job with a corrections result, but property '${property}' cannot be corrected ${job}. Only the following properties can be corrected: [${correctable.join(', ')}].`,
      );
    }
  }
  if (result?.corrections?.priority !== undefined && result.corrections.priority !== null) {
    // The embedded engine's user tasks have no priority yet: refused rather than dropped.
    throw new WorkflowError('INVALID_ARGUMENT', `Correcting the priority of a user task is not supported by the embedded engine ${job}.`);
  }
}

/** The task row properties a listener's corrections change (a null or empty value clears one). */
function correctedColumns(corrections: TaskListenerCorrections): Partial<TaskRow> {
  const set: Partial<TaskRow> = {};
  const date = (value: string | null | undefined, what: string) => {
    if (!value) return null;
    const parsed = parseDateTime(value);
    if (!parsed) throw new WorkflowError('INVALID_ARGUMENT', `The corrected ${what} '${value}' is not an ISO-8601 date-time`);
    return parsed;
  };
  if (corrections.assignee !== undefined) set.assignee = corrections.assignee || null;
  if (corrections.candidateGroups !== undefined) set.candidateGroups = corrections.candidateGroups ?? [];
  if (corrections.candidateUsers !== undefined) set.candidateUsers = corrections.candidateUsers ?? [];
  if (corrections.dueDate !== undefined) set.dueDate = date(corrections.dueDate, 'due date');
  if (corrections.followUpDate !== undefined) set.followUpDate = date(corrections.followUpDate, 'follow-up date');
  return set;
}

/**
 * A task listener job completed. Denied: the task goes back to CREATED with what it had before
 * (TaskListenerDenialsTest#shouldRevertToPreviousAssigneeWhenRejectingAssignmentFromTaskListenerAfterPreviouslySuccessfulAssignment),
 * the remaining listeners do not run. Otherwise its corrections are kept and the next listener
 * runs; after the last one the transition is done: the task is assigned, or completed and its
 * element completes with the variables the completion gave, with the corrections applied.
 */
export async function taskListenerCompleted(
  x: Execution,
  element: ElementInstanceState,
  job: { key: number; type: string },
  variables: Variables | undefined,
  result: JobResult | undefined,
): Promise<void> {
  const transition = element.data.taskTransition!;
  checkCompletion(job.key, job.type, element.processInstanceKey, variables, result);
  const task = eq(wfUserTasks.key, transition.userTaskKey);
  if (result?.denied) {
    delete element.data.taskTransition;
    x.tree.touch(element);
    // The row kept its assignee while ASSIGNING: it only leaves the transitional state.
    await x.tx.update(wfUserTasks).set({ state: 'CREATED' }).where(task);
    return;
  }
  // Corrections are kept with the transition and reach the task only when it is done: a later
  // denial leaves the task as it was. Checked now, so that a bad date is refused with its job.
  correctedColumns(result?.corrections ?? {});
  transition.corrections = { ...transition.corrections, ...result?.corrections };
  if (transition.index + 1 < taskListenersOf(x, element, transition.event).length) {
    return nextListener(x, element, transition, transition.index + 1);
  }
  delete element.data.taskTransition;
  x.tree.touch(element);
  const corrected = correctedColumns(transition.corrections);
  if (transition.event === 'assigning') {
    await x.tx.update(wfUserTasks).set({ assignee: transition.assignee, ...corrected, state: 'CREATED' }).where(task);
    return;
  }
  await x.tx.update(wfUserTasks).set({ ...corrected, state: 'COMPLETED', completionDate: x.now }).where(task);
  await complete(x, element, transition.variables);
}
