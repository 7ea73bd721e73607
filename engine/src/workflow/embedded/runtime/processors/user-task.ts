import { addWait, openBoundaries } from '../behaviors/event-subscriptions.js';
import { assignOnCreation, taskListenersOf } from '../behaviors/task-listeners.js';
import { visibleVariables } from '../behaviors/variables.js';
import { ExpressionError, evaluateString, evaluateStringList } from '../feel.js';
import { parseDateTime } from '../timer-spec.js';
import { createJob } from './job-worker-task.js';
import type { ElementProcessor } from './processor.js';

/** A Zeebe user task waits for completion through the user task API; without zeebe:userTask it is a job. */
export const userTask: ElementProcessor = {
  async onActivate(x, element, def) {
    if (!def.userTask) return createJob(x, element, def);
    const task = def.userTask;
    const context = visibleVariables(x, element);
    const optionalString = (expression: string | undefined, what: string) =>
      expression ? evaluateString(expression, context, what) : null;
    const date = (expression: string | undefined, what: string) => {
      const text = optionalString(expression, what);
      if (text === null) return null;
      const value = parseDateTime(text);
      if (!value) throw new ExpressionError(`Expected ${what} '${expression}' to be an ISO-8601 date-time, but it was '${text}'`);
      return value;
    };
    const row = {
      assignee: optionalString(task.assignee, 'the assignee'),
      candidateGroups: task.candidateGroups ? evaluateStringList(task.candidateGroups, context, 'the candidate groups') : [],
      candidateUsers: task.candidateUsers ? evaluateStringList(task.candidateUsers, context, 'the candidate users') : [],
      dueDate: date(task.dueDate, 'the due date'),
      followUpDate: date(task.followUpDate, 'the follow-up date'),
    };
    await openBoundaries(x, element);
    const instance = x.processInstance(element);
    const definition = x.definitionOf(instance);
    const key = await x.key();
    const assignedByListeners = row.assignee !== null && taskListenersOf(x, element, 'assigning').length > 0;
    x.effects.userTasks.push({
      key,
      state: assignedByListeners ? 'ASSIGNING' : 'CREATED',
      processInstanceKey: instance.key,
      rootKey: instance.rootKey,
      elementInstanceKey: element.key,
      elementId: element.elementId,
      name: def.name ?? null,
      processDefinitionKey: definition.key,
      bpmnProcessId: definition.bpmnProcessId,
      ...row,
      ...(assignedByListeners ? { assignee: null } : {}),
      formKey: task.formKey ?? null,
      customHeaders: task.headers,
      creationDate: x.now,
    });
    addWait(x, element, 'userTask');
    if (assignedByListeners) await assignOnCreation(x, element, key, row.assignee!);
  },
};
