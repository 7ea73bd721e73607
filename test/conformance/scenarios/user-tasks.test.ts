import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openEngine, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import { chain, deployProcess, end, start, stateOf, trail, userTask } from './flow-builders.js';

/** Zeebe user tasks (zeebe:userTask), mirroring Zeebe's CamundaUserTaskTest. */
describe('conformance: user tasks (Zeebe CamundaUserTaskTest)', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  let n = 0;
  /** start → task (zeebe:userTask with the given extension elements) → end; returns the created task. */
  const taskOf = async (ext: string, variables: Record<string, unknown> = {}) => {
    const id = `ut-${++n}`;
    await deployProcess(f.engine, id, `${start()} ${userTask('task', { ext })} ${end()} ${chain('f', 'start', 'task', 'end')}`);
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: id, variables });
    const [created] = await f.engine.searchUserTasks({ processInstanceKey });
    assert.ok(created, 'a user task is created');
    return { task: created, processInstanceKey };
  };

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CamundaUserTaskTest.java
  it('CamundaUserTaskTest#shouldCreateUserTask: a CREATED task for the activated element', async () => {
    const { task, processInstanceKey } = await taskOf('');
    const [element] = (await f.engine.getElementInstances(processInstanceKey)).filter((e) => e.elementId === 'task');
    assert.equal(task.state, 'CREATED');
    assert.equal(task.elementId, 'task');
    assert.equal(task.elementInstanceKey, element.elementInstanceKey);
    assert.equal(element.state, 'ACTIVE');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CamundaUserTaskTest.java
  it('CamundaUserTaskTest#shouldCreateUserTaskWithCustomHeaders: headers a=b, c=d', async () => {
    const { task } = await taskOf('<zeebe:taskHeaders><zeebe:header key="a" value="b" /><zeebe:header key="c" value="d" /></zeebe:taskHeaders>');
    assert.deepEqual(task.customHeaders, { a: 'b', c: 'd' });
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CamundaUserTaskTest.java
  it('CamundaUserTaskTest#shouldCreateUserTaskWithAssignee: assignee "alice"', async () => {
    const { task } = await taskOf('<zeebe:assignmentDefinition assignee="alice" />');
    assert.equal(task.assignee, 'alice');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CamundaUserTaskTest.java
  it(
    'CamundaUserTaskTest#shouldCreateUserTaskWithEvaluatedAssigneeExpression: assignee "=user" (as the Modeler writes it) with user = alice',
    async () => {
      const { task } = await taskOf('<zeebe:assignmentDefinition assignee="=user" />', { user: 'alice' });
      assert.equal(task.assignee, 'alice');
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CamundaUserTaskTest.java
  it('CamundaUserTaskTest#shouldCreateUserTaskWithCandidateGroups: "alice,bob" becomes a list', async () => {
    const { task } = await taskOf('<zeebe:assignmentDefinition candidateGroups="alice,bob" />');
    assert.deepEqual(task.candidateGroups, ['alice', 'bob']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CamundaUserTaskTest.java
  it('CamundaUserTaskTest#shouldCreateUserTaskWithEvaluatedCandidateGroupsExpression: "= users" with users = ["alice", "bob"]', async () => {
    const { task } = await taskOf('<zeebe:assignmentDefinition candidateGroups="= users" />', { users: ['alice', 'bob'] });
    assert.deepEqual(task.candidateGroups, ['alice', 'bob']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CamundaUserTaskTest.java
  it('CamundaUserTaskTest#shouldCreateUserTaskWithCandidateUsers: "jack,rose" becomes a list', async () => {
    const { task } = await taskOf('<zeebe:assignmentDefinition candidateUsers="jack,rose" />');
    assert.deepEqual(task.candidateUsers, ['jack', 'rose']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CamundaUserTaskTest.java
  it('CamundaUserTaskTest#shouldCreateUserTaskWithEvaluatedCandidateUsersExpression: "= users" with users = ["jack", "rose"]', async () => {
    const { task } = await taskOf('<zeebe:assignmentDefinition candidateUsers="= users" />', { users: ['jack', 'rose'] });
    assert.deepEqual(task.candidateUsers, ['jack', 'rose']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CamundaUserTaskTest.java
  it('CamundaUserTaskTest#shouldCreateUserTaskWithDueDate + shouldCreateUserTaskWithFollowUpDate: the given instants', async () => {
    const { task } = await taskOf('<zeebe:taskSchedule dueDate="2023-02-28T09:16:23+02:00" followUpDate="2023-02-28T08:16:23+02:00" />');
    assert.equal(Date.parse(task.dueDate!), Date.parse('2023-02-28T09:16:23+02:00'));
    assert.equal(Date.parse(task.followUpDate!), Date.parse('2023-02-28T08:16:23+02:00'));
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CamundaUserTaskTest.java
  it('CamundaUserTaskTest#shouldCompleteUserTask: completing with variables completes the task and the instance', async () => {
    const { task, processInstanceKey } = await taskOf('');
    await f.engine.completeUserTask(task.userTaskKey, { approved: true });
    assert.equal((await f.engine.getUserTask(task.userTaskKey)).state, 'COMPLETED');
    assert.deepEqual(await trail(f.engine, processInstanceKey), ['start:COMPLETED', 'task:COMPLETED', 'end:COMPLETED']);
    assert.deepEqual(await f.engine.getVariables(processInstanceKey), { approved: true });
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CamundaUserTaskTest.java
  it('CamundaUserTaskTest#shouldCancelUserTask: cancelling the instance cancels the task', async () => {
    const { task, processInstanceKey } = await taskOf('');
    await f.engine.cancelProcessInstance(processInstanceKey);
    assert.equal((await f.engine.getUserTask(task.userTaskKey)).state, 'CANCELED');
    assert.deepEqual(await trail(f.engine, processInstanceKey), ['start:COMPLETED', 'task:TERMINATED']);
  });
});
