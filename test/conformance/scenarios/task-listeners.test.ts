import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { activate, openEngine, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import { WorkflowError } from '@mot-cua/engine/workflow/workflow-engine.port.js';
import { taskListenerJob, taskListeners } from './listener-builders.js';
import { activeIncidents, chain, deployProcess, end, start, stateOf, userTask } from './flow-builders.js';

/**
 * Task listeners of Camunda user tasks, mirroring Zeebe's TaskListener*Test classes (Camunda 8.8)
 * for the `assigning` and `completing` events: the task is ASSIGNING / COMPLETING while the
 * listeners run, one TASK_LISTENER job after the other; a listener may deny the transition or
 * correct the task. Each scenario's listener types are its own (Zeebe uses a fresh UUID per test).
 */
describe('conformance: task listeners (Zeebe TaskListener*Test)', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  /** start → my_user_task (zeebe:userTask with `ext`) → end; returns the instance and its task. */
  const processWithTask = async (id: string, ext: string, variables = {}) => {
    await deployProcess(f.engine, id, `${start()} ${userTask('my_user_task', { ext })} ${end()} ${chain('f', 'start', 'my_user_task', 'end')}`);
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: id, variables });
    const [task] = await f.engine.searchUserTasks({ processInstanceKey });
    assert.ok(task, 'a user task is created');
    return { processInstanceKey, userTaskKey: task.userTaskKey };
  };
  const taskState = async (userTaskKey: string) => {
    const task = await f.engine.getUserTask(userTaskKey);
    return { state: task.state, assignee: task.assignee };
  };
  const rejected = (code: string, message: RegExp) => (error: unknown) => {
    assert.ok(error instanceof WorkflowError);
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  };

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/task/TaskListenerTest.java
  it('TaskListenerTest#shouldCompleteUserTaskAfterAllCompleteTaskListenersAreExecuted: COMPLETING until the third listener, then COMPLETED with the variables', async () => {
    const L = 'tl-complete-my_listener';
    const { processInstanceKey, userTaskKey } = await processWithTask(
      'tl-complete',
      taskListeners(['completing', L], ['completing', `${L}_2`], ['completing', `${L}_3`]),
    );
    await f.engine.completeUserTask(userTaskKey, { foo_var: 'bar' });
    assert.deepEqual(await taskState(userTaskKey), { state: 'COMPLETING', assignee: undefined });
    const first = await taskListenerJob(f.engine, L, 'COMPLETING');
    assert.equal(first.customHeaders['io.camunda.zeebe:userTaskKey'], userTaskKey);
    await f.engine.completeJob(first.jobKey);
    assert.deepEqual(await activate(f.engine, `${L}_3`), [], 'one listener at a time');
    await f.engine.completeJob((await taskListenerJob(f.engine, `${L}_2`, 'COMPLETING')).jobKey);
    assert.equal((await taskState(userTaskKey)).state, 'COMPLETING');
    assert.equal(await stateOf(f.engine, processInstanceKey), 'ACTIVE');
    await f.engine.completeJob((await taskListenerJob(f.engine, `${L}_3`, 'COMPLETING')).jobKey);
    assert.equal((await taskState(userTaskKey)).state, 'COMPLETED');
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
    assert.equal((await f.engine.getVariables(processInstanceKey)).foo_var, 'bar');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/task/TaskListenerDenialsTest.java
  it('TaskListenerDenialsTest#shouldRejectUserTaskCompletionWhenCompletingTaskListenerDeniesTheTransition + shouldAcceptUserTaskCompletionAfterTaskListenerRejectsTheOperationWithDeniedReason', async () => {
    const L = 'tl-deny-complete-my_listener';
    const { processInstanceKey, userTaskKey } = await processWithTask('tl-deny-complete', taskListeners(['completing', L]));
    await f.engine.completeUserTask(userTaskKey, { decision: 'first' });
    const denied = await taskListenerJob(f.engine, L, 'COMPLETING');
    await f.engine.completeJob(denied.jobKey, undefined, { denied: true, deniedReason: 'Reason to deny lifecycle transition' });
    assert.equal((await taskState(userTaskKey)).state, 'CREATED', 'the completion is denied');
    assert.equal(await stateOf(f.engine, processInstanceKey), 'ACTIVE');
    assert.equal((await f.engine.getVariables(processInstanceKey)).decision, undefined, 'the denied completion sets no variable');
    await f.engine.completeUserTask(userTaskKey, { decision: 'second' });
    const recreated = await taskListenerJob(f.engine, L, 'COMPLETING');
    assert.notEqual(recreated.jobKey, denied.jobKey);
    await f.engine.completeJob(recreated.jobKey, undefined, { denied: false });
    assert.equal((await taskState(userTaskKey)).state, 'COMPLETED');
    assert.equal((await f.engine.getVariables(processInstanceKey)).decision, 'second');
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/task/TaskListenerDenialsTest.java
  it('TaskListenerDenialsTest#shouldCompleteAllAssignmentTaskListenersWhenFirstTaskListenerAcceptTransitionAfterDenial: denied, the assignee stays unset; accepted, it is new_assignee', async () => {
    const L = 'tl-assign-my_listener';
    const { userTaskKey } = await processWithTask('tl-assign', taskListeners(['assigning', L], ['assigning', `${L}_2`], ['assigning', `${L}_3`]));
    await f.engine.assignUserTask(userTaskKey, 'new_assignee');
    assert.deepEqual(await taskState(userTaskKey), { state: 'ASSIGNING', assignee: undefined });
    const first = await taskListenerJob(f.engine, L, 'ASSIGNING');
    assert.equal(first.customHeaders['io.camunda.zeebe:assignee'], 'new_assignee');
    assert.deepEqual(
      [first.userTask?.userTaskKey, first.userTask?.action, first.userTask?.assignee, first.userTask?.changedAttributes],
      [userTaskKey, 'assign', 'new_assignee', ['assignee']],
    );
    await f.engine.completeJob(first.jobKey, undefined, { denied: true });
    assert.deepEqual(await taskState(userTaskKey), { state: 'CREATED', assignee: undefined });
    assert.deepEqual(await activate(f.engine, `${L}_2`), [], 'a denial ends the transition: the other listeners do not run');
    await f.engine.assignUserTask(userTaskKey, 'new_assignee');
    await f.engine.completeJob((await taskListenerJob(f.engine, L, 'ASSIGNING')).jobKey);
    await f.engine.completeJob((await taskListenerJob(f.engine, `${L}_2`, 'ASSIGNING')).jobKey);
    assert.equal((await taskState(userTaskKey)).state, 'ASSIGNING');
    await f.engine.completeJob((await taskListenerJob(f.engine, `${L}_3`, 'ASSIGNING')).jobKey);
    assert.deepEqual(await taskState(userTaskKey), { state: 'CREATED', assignee: 'new_assignee' });
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/task/TaskListenerDenialsTest.java
  it('TaskListenerDenialsTest#shouldRevertToPreviousAssigneeWhenRejectingAssignmentFromTaskListenerAfterPreviouslySuccessfulAssignment: the model assignee goes through the listener too', async () => {
    const L = 'tl-revert-my_listener';
    const { userTaskKey } = await processWithTask('tl-revert', `<zeebe:assignmentDefinition assignee="first_assignee" />${taskListeners(['assigning', L])}`);
    assert.deepEqual(await taskState(userTaskKey), { state: 'ASSIGNING', assignee: undefined }, 'created unassigned, assigning');
    await f.engine.completeJob((await taskListenerJob(f.engine, L, 'ASSIGNING')).jobKey, undefined, { denied: false });
    assert.deepEqual(await taskState(userTaskKey), { state: 'CREATED', assignee: 'first_assignee' });
    await f.engine.assignUserTask(userTaskKey, 'second_assignee');
    await f.engine.completeJob((await taskListenerJob(f.engine, L, 'ASSIGNING')).jobKey, undefined, { denied: true });
    assert.deepEqual(await taskState(userTaskKey), { state: 'CREATED', assignee: 'first_assignee' }, 'rolled back to the first assignee');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/task/TaskListenerCorrectionsTest.java
  it('TaskListenerCorrectionsTest#shouldAppendUserTaskCorrectedWhenCompletingTaskListenerCompletesWithCorrections: the completed task carries the corrections', async () => {
    const L = 'tl-correct-my_listener';
    const { userTaskKey } = await processWithTask('tl-correct', taskListeners(['completing', L], ['completing', `${L}_2`]));
    await f.engine.completeUserTask(userTaskKey);
    await f.engine.completeJob((await taskListenerJob(f.engine, L, 'COMPLETING')).jobKey, undefined, {
      corrections: {
        assignee: 'new_assignee',
        candidateUsers: ['new_candidate_user'],
        candidateGroups: ['new_candidate_group'],
        dueDate: '2085-09-21T11:22:33+02:00',
        followUpDate: '2095-09-21T11:22:33+02:00',
      },
    });
    await f.engine.completeJob((await taskListenerJob(f.engine, `${L}_2`, 'COMPLETING')).jobKey, undefined, { corrections: { assignee: 'last_assignee' } });
    const task = await f.engine.getUserTask(userTaskKey);
    assert.deepEqual(
      [task.state, task.assignee, task.candidateUsers, task.candidateGroups, task.dueDate, task.followUpDate],
      ['COMPLETED', 'last_assignee', ['new_candidate_user'], ['new_candidate_group'], '2085-09-21T09:22:33.000Z', '2095-09-21T09:22:33.000Z'],
    );
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/task/TaskListenerCorrectionsTest.java
  it('TaskListenerCorrectionsTest#shouldAppendUserTaskCorrectedWhenAssigningTaskListenerCompletesWithCorrections: a corrected assignee wins over the one asked for', async () => {
    const L = 'tl-correct-assign-my_listener';
    const { userTaskKey } = await processWithTask('tl-correct-assign', taskListeners(['assigning', L]));
    await f.engine.assignUserTask(userTaskKey, 'initial_assignee');
    await f.engine.completeJob((await taskListenerJob(f.engine, L, 'ASSIGNING')).jobKey, undefined, { corrections: { assignee: 'new_assignee' } });
    assert.deepEqual(await taskState(userTaskKey), { state: 'CREATED', assignee: 'new_assignee' });
  });

  // zeebe/engine/src/main/java/io/camunda/zeebe/engine/processing/job/JobCompleteProcessor.java (its rejections)
  it('JobCompleteProcessor: a task listener job completed with variables, or denied with corrections, is refused and stays open', async () => {
    const L = 'tl-refused-my_listener';
    const { userTaskKey } = await processWithTask('tl-refused', taskListeners(['completing', L]));
    await f.engine.completeUserTask(userTaskKey);
    const job = await taskListenerJob(f.engine, L, 'COMPLETING');
    await assert.rejects(f.engine.completeJob(job.jobKey, { a: 1 }), rejected('INVALID_ARGUMENT', /Task Listener job completion with variables payload provided is not yet supported/));
    await assert.rejects(
      f.engine.completeJob(job.jobKey, undefined, { denied: true, corrections: { assignee: 'x' } }),
      rejected('INVALID_ARGUMENT', /The corrections would be reverted by the denial/),
    );
    await assert.rejects(
      f.engine.completeJob(job.jobKey, undefined, { corrections: { name: 'x' } as never }),
      rejected('INVALID_ARGUMENT', /property 'name' cannot be corrected/),
    );
    await f.engine.completeJob(job.jobKey);
    assert.equal((await taskState(userTaskKey)).state, 'COMPLETED');
  });

  // zeebe/engine/src/main/java/io/camunda/zeebe/engine/processing/usertask/UserTaskCommandPreconditionChecker.java
  it('UserTaskCommandPreconditionChecker: a task in COMPLETING is in no state to be completed or assigned (INVALID_STATE)', async () => {
    const L = 'tl-busy-my_listener';
    const { userTaskKey } = await processWithTask('tl-busy', taskListeners(['completing', L]));
    await f.engine.completeUserTask(userTaskKey);
    await assert.rejects(f.engine.completeUserTask(userTaskKey), rejected('INVALID_STATE', /COMPLETING/));
    await assert.rejects(f.engine.assignUserTask(userTaskKey, 'someone'), rejected('INVALID_STATE', /COMPLETING/));
    await f.engine.completeJob((await taskListenerJob(f.engine, L, 'COMPLETING')).jobKey);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/task/TaskListenerIncidentsTest.java
  it('TaskListenerIncidentsTest: a listener job failed without retries is a TASK_LISTENER_NO_RETRIES incident; resolved, the job is worked again', async () => {
    const L = 'tl-incident-my_listener';
    const { processInstanceKey, userTaskKey } = await processWithTask('tl-incident', taskListeners(['completing', L]));
    await f.engine.completeUserTask(userTaskKey);
    const job = await taskListenerJob(f.engine, L, 'COMPLETING');
    await f.engine.failJob(job.jobKey, { retries: 0, errorMessage: 'boom' });
    const [incident] = await activeIncidents(f.engine, processInstanceKey);
    assert.deepEqual([incident.errorType, incident.errorMessage, incident.jobKey], ['TASK_LISTENER_NO_RETRIES', 'boom', job.jobKey]);
    await f.engine.updateJobRetries(job.jobKey, 1);
    await f.engine.resolveIncident(incident.incidentKey);
    await f.engine.completeJob((await taskListenerJob(f.engine, L, 'COMPLETING')).jobKey);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // Not Zeebe's behaviour: the embedded engine's boundary, documented in docs/zeebe-compatibility.md.
  it('a task listener of an event the embedded engine does not run yet (creating, updating, canceling) is refused at deployment', async () => {
    await assert.rejects(
      deployProcess(f.engine, 'tl-creating', `${start()} ${userTask('my_user_task', { ext: taskListeners(['creating', 'x']) })} ${end()} ${chain('f', 'start', 'my_user_task', 'end')}`),
      rejected('UNSUPPORTED_ELEMENT', /task listener of event type 'creating'/),
    );
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/task/TaskListenerTaskCancellationTest.java
  it('TaskListenerTaskCancellationTest#shouldCancelUserTaskWithCompleteListener: cancelling the instance while the task is COMPLETING cancels the task and its listener job', async () => {
    const L = 'tl-cancel-my_listener';
    const { processInstanceKey, userTaskKey } = await processWithTask('tl-cancel', taskListeners(['completing', L]));
    await f.engine.completeUserTask(userTaskKey);
    const job = await taskListenerJob(f.engine, L, 'COMPLETING');
    await f.engine.cancelProcessInstance(processInstanceKey);
    assert.equal((await taskState(userTaskKey)).state, 'CANCELED');
    await assert.rejects(f.engine.completeJob(job.jobKey), /cancelled/);
  });
});
