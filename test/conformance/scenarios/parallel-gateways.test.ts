import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openEngine, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import { completeOne, count, deployProcess, end, exclusive, flow, job, parallel, start, stateOf, trail } from './flow-builders.js';

/**
 * Parallel gateways and uncontrolled flows, mirroring Zeebe's ParallelGatewayTest. Every model is
 * also written with its flows in another XML order: the order of the XML must not change the result.
 */

describe('conformance: parallel gateways (Zeebe ParallelGatewayTest)', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  /** FORK_PROCESS: start → fork → task1 → end1, fork → task2 → end2. */
  const forkProcess = (id: string, reversed = false) => {
    const flows = [
      flow('f0', 'start', 'fork'),
      flow('f1', 'fork', 'task1'),
      flow('f2', 'task1', 'end1'),
      flow('f3', 'fork', 'task2'),
      flow('f4', 'task2', 'end2'),
    ];
    const elements = [start(), parallel('fork'), job('task1', `${id}-type1`), end('end1'), job('task2', `${id}-type2`), end('end2')];
    return deployProcess(
      f.engine,
      id,
      (reversed ? [...elements].reverse() : elements).join('\n') + (reversed ? [...flows].reverse() : flows).join('\n'),
    );
  };

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/ParallelGatewayTest.java
  it('ParallelGatewayTest#shouldActivateTasksOnParallelBranches: both branches of the fork get a job', async () => {
    await forkProcess('pg-activate');
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: 'pg-activate' });
    const tasks = (await f.engine.getElementInstances(processInstanceKey)).filter((e) => e.type === 'SERVICE_TASK');
    assert.deepEqual(tasks.map((t) => `${t.elementId}:${t.state}`).sort(), ['task1:ACTIVE', 'task2:ACTIVE']);
    assert.notEqual(tasks[0].elementInstanceKey, tasks[1].elementInstanceKey);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/ParallelGatewayTest.java
  it('ParallelGatewayTest#shouldCompleteScopeWhenAllPathsCompleted: the instance waits for the second branch', async () => {
    await forkProcess('pg-all-paths');
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: 'pg-all-paths' });
    await completeOne(f.engine, 'pg-all-paths-type1');
    assert.equal(await stateOf(f.engine, processInstanceKey), 'ACTIVE', 'task2 still waits');
    assert.equal(await count(f.engine, processInstanceKey, 'task2', 'ACTIVE'), 1);
    await completeOne(f.engine, 'pg-all-paths-type2');
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
    const ends = (await trail(f.engine, processInstanceKey, 'END_EVENT'));
    assert.deepEqual(ends, ['end1:COMPLETED', 'end2:COMPLETED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/ParallelGatewayTest.java
  it('ParallelGatewayTest#shouldCompleteScopeWhenAllPathsCompleted (elements and flows in reverse XML order): same result', async () => {
    await forkProcess('pg-all-paths-rev', true);
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: 'pg-all-paths-rev' });
    await completeOne(f.engine, 'pg-all-paths-rev-type1');
    assert.equal(await stateOf(f.engine, processInstanceKey), 'ACTIVE');
    await completeOne(f.engine, 'pg-all-paths-rev-type2');
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/ParallelGatewayTest.java
  it(
    'ParallelGatewayTest#shouldCompleteScopeWhenAllPathsCompleted (first branch of the fork ends at once): the instance waits for the branch with the task',
    async () => {
      await deployProcess(
        f.engine,
        'pg-first-ends',
        `${start()} ${parallel('fork')} ${end('end1')} ${job('task2', 'pg-first-ends-type2')} ${end('end2')}
         ${flow('f0', 'start', 'fork')} ${flow('f1', 'fork', 'end1')} ${flow('f2', 'fork', 'task2')} ${flow('f3', 'task2', 'end2')}`,
      );
      const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: 'pg-first-ends' });
      assert.equal(await stateOf(f.engine, processInstanceKey), 'ACTIVE');
      assert.equal(await count(f.engine, processInstanceKey, 'task2', 'ACTIVE'), 1);
      await completeOne(f.engine, 'pg-first-ends-type2');
      assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
      assert.deepEqual(await trail(f.engine, processInstanceKey, 'END_EVENT'), ['end1:COMPLETED', 'end2:COMPLETED']);
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/ParallelGatewayTest.java
  it('ParallelGatewayTest#shouldCompleteScopeWithMultipleTokensOnSamePath: two tokens through an exclusive join reach the end twice', async () => {
    await deployProcess(
      f.engine,
      'pg-same-path',
      `${start()} ${parallel('fork')} ${exclusive('join')} ${end()}
       ${flow('f0', 'start', 'fork')} ${flow('f1', 'fork', 'join')} ${flow('f2', 'fork', 'join')} ${flow('f3', 'join', 'end')}`,
    );
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: 'pg-same-path' });
    assert.equal(await count(f.engine, processInstanceKey, 'end', 'COMPLETED'), 2);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/ParallelGatewayTest.java
  it('ParallelGatewayTest#shouldPassThroughParallelGateway: a fork with one outgoing flow passes the token on', async () => {
    await deployProcess(
      f.engine,
      'pg-pass',
      `${start()} ${parallel('fork')} ${end()} ${flow('flow1', 'start', 'fork')} ${flow('flow2', 'fork', 'end')}`,
    );
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: 'pg-pass' });
    assert.deepEqual(await trail(f.engine, processInstanceKey), ['start:COMPLETED', 'fork:COMPLETED', 'end:COMPLETED']);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/ParallelGatewayTest.java
  it('ParallelGatewayTest#shouldCompleteScopeOnParallelGateway: a gateway without outgoing flow completes the process', async () => {
    await deployProcess(f.engine, 'pg-no-out', `${start()} ${parallel('fork')} ${flow('flow1', 'start', 'fork')}`);
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: 'pg-no-out' });
    assert.equal(await count(f.engine, processInstanceKey, 'fork', 'COMPLETED'), 1);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/ParallelGatewayTest.java
  it('ParallelGatewayTest#shouldMergeParallelBranches: the join is activated once, after both flows', async () => {
    await deployProcess(
      f.engine,
      'pg-merge',
      `${start()} ${parallel('fork')} ${parallel('join')} ${end()}
       ${flow('f0', 'start', 'fork')} ${flow('flow1', 'fork', 'join')} ${flow('flow2', 'fork', 'join')} ${flow('f3', 'join', 'end')}`,
    );
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: 'pg-merge' });
    assert.equal(await count(f.engine, processInstanceKey, 'join'), 1);
    assert.equal(await count(f.engine, processInstanceKey, 'end', 'COMPLETED'), 1);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/ParallelGatewayTest.java
  it('ParallelGatewayTest#shouldMergeParallelBranches (join declared before the fork, flows reversed): same result', async () => {
    await deployProcess(
      f.engine,
      'pg-merge-rev',
      `${end()} ${parallel('join')} ${parallel('fork')} ${start()}
       ${flow('f3', 'join', 'end')} ${flow('flow2', 'fork', 'join')} ${flow('flow1', 'fork', 'join')} ${flow('f0', 'start', 'fork')}`,
    );
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: 'pg-merge-rev' });
    assert.equal(await count(f.engine, processInstanceKey, 'join'), 1);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/ParallelGatewayTest.java
  it('ParallelGatewayTest#shouldOnlyTriggerGatewayWhenAllBranchesAreActivated: two tokens on one incoming flow do not trigger the join', async () => {
    await deployProcess(
      f.engine,
      'pg-all-branches',
      `${start()} ${parallel('fork')} ${exclusive('exclusiveJoin')} ${parallel('join')} ${job('waitState', 'pg-all-branches')} ${end()}
       ${flow('f0', 'start', 'fork')} ${flow('f1', 'fork', 'exclusiveJoin')} ${flow('f2', 'fork', 'exclusiveJoin')}
       ${flow('joinFlow1', 'exclusiveJoin', 'join')} ${flow('f3', 'fork', 'waitState')} ${flow('joinFlow2', 'waitState', 'join')}
       ${flow('f4', 'join', 'end')}`,
    );
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: 'pg-all-branches' });
    assert.equal(await count(f.engine, processInstanceKey, 'exclusiveJoin', 'COMPLETED'), 2, 'joinFlow1 taken twice');
    assert.equal(await count(f.engine, processInstanceKey, 'join', 'COMPLETED'), 0, 'the join still waits for joinFlow2');
    assert.equal(await count(f.engine, processInstanceKey, 'end'), 0);
    await completeOne(f.engine, 'pg-all-branches');
    assert.equal(await count(f.engine, processInstanceKey, 'join', 'COMPLETED'), 1);
    assert.equal(await count(f.engine, processInstanceKey, 'end', 'COMPLETED'), 1);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/ParallelGatewayTest.java
  it('ParallelGatewayTest#shouldMergeAndSplitInOneGateway: a join that also forks activates both tasks', async () => {
    await deployProcess(
      f.engine,
      'pg-join-fork',
      `${start()} ${parallel('fork')} ${parallel('join-fork')} ${job('task1', 'pg-join-fork-1')} ${job('task2', 'pg-join-fork-2')}
       ${flow('f0', 'start', 'fork')} ${flow('f1', 'fork', 'join-fork')} ${flow('f2', 'fork', 'join-fork')}
       ${flow('f3', 'join-fork', 'task1')} ${flow('f4', 'join-fork', 'task2')}`,
    );
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: 'pg-join-fork' });
    assert.deepEqual((await trail(f.engine, processInstanceKey, 'SERVICE_TASK')).sort(), ['task1:ACTIVE', 'task2:ACTIVE']);
    assert.equal(await count(f.engine, processInstanceKey, 'join-fork'), 1);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/ParallelGatewayTest.java
  it('ParallelGatewayTest#shouldSplitWithUncontrolledFlow: a start event with two outgoing flows activates both tasks', async () => {
    await deployProcess(
      f.engine,
      'pg-uncontrolled',
      `${start()} ${job('task1', 'pg-uncontrolled-1')} ${job('task2', 'pg-uncontrolled-2')}
       ${flow('f1', 'start', 'task1')} ${flow('f2', 'start', 'task2')}`,
    );
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: 'pg-uncontrolled' });
    const tasks = (await f.engine.getElementInstances(processInstanceKey)).filter((e) => e.type === 'SERVICE_TASK');
    assert.deepEqual(tasks.map((t) => `${t.elementId}:${t.state}`).sort(), ['task1:ACTIVE', 'task2:ACTIVE']);
    assert.notEqual(tasks[0].elementInstanceKey, tasks[1].elementInstanceKey);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/ParallelGatewayTest.java
  it('ParallelGatewayTest#shouldSplitWithUncontrolledFlow (a task with two outgoing flows, one to an end event): the instance waits for the other branch', async () => {
    await deployProcess(
      f.engine,
      'pg-uncontrolled-task',
      `${start()} ${job('split', 'pg-uncontrolled-task-split')} ${end('end1')} ${job('task2', 'pg-uncontrolled-task-2')} ${end('end2')}
       ${flow('f0', 'start', 'split')} ${flow('f1', 'split', 'end1')} ${flow('f2', 'split', 'task2')} ${flow('f3', 'task2', 'end2')}`,
    );
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: 'pg-uncontrolled-task' });
    await completeOne(f.engine, 'pg-uncontrolled-task-split');
    assert.equal(await stateOf(f.engine, processInstanceKey), 'ACTIVE');
    assert.equal(await count(f.engine, processInstanceKey, 'task2', 'ACTIVE'), 1);
    await completeOne(f.engine, 'pg-uncontrolled-task-2');
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/ParallelGatewayTest.java
  it('ParallelGatewayTest#shouldRejectActivateCommandWhenSequenceFlowIsTakenTwice: the joining gateway is activated only once', async () => {
    await deployProcess(
      f.engine,
      'pg-taken-twice',
      `${start()} ${parallel('splitting')} ${parallel('joining')} ${exclusive('exclusive')} ${end('endEvent')}
       ${flow('f0', 'start', 'splitting')} ${flow('f1', 'splitting', 'joining')} ${flow('f2', 'splitting', 'exclusive')}
       ${flow('f3', 'splitting', 'exclusive')} ${flow('f4', 'exclusive', 'joining')} ${flow('f5', 'joining', 'endEvent')}`,
    );
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: 'pg-taken-twice' });
    assert.equal(await count(f.engine, processInstanceKey, 'exclusive', 'COMPLETED'), 2);
    assert.equal(await count(f.engine, processInstanceKey, 'joining', 'COMPLETED'), 1);
    assert.equal(await count(f.engine, processInstanceKey, 'endEvent', 'COMPLETED'), 1);
  });
});
