import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openEngine, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import {
  activeIncidents,
  completeOne,
  count,
  deployProcess,
  end,
  exclusive,
  flow,
  inclusive,
  job,
  linkCatch,
  linkThrow,
  manualTask,
  parallel,
  start,
  stateOf,
  task,
  throwNone,
  trail,
} from './flow-builders.js';

/** Inclusive gateways (fork and join), mirroring Zeebe's InclusiveGatewayTest. */
describe('conformance: inclusive gateways (Zeebe InclusiveGatewayTest)', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  const create = async (processDefinitionId: string, variables = {}) =>
    (await f.engine.createProcessInstance({ processDefinitionId, variables })).processInstanceKey;
  const completedEnds = async (key: string) =>
    (await trail(f.engine, key, 'END_EVENT')).filter((e) => e.endsWith(':COMPLETED')).map((e) => e.split(':')[0]).sort();

  /** INCLUSIVE_PROCESS: s1 contains a → task1, s2 contains b → task2, default s3 (condition contains c) → task3. */
  const inclusiveProcess = (id: string) =>
    deployProcess(
      f.engine,
      id,
      `${start()} ${inclusive('inclusive', 's3')} ${manualTask('task1')} ${manualTask('task2')} ${manualTask('task3')}
       ${end('end1')} ${end('end2')} ${end('end3')} ${flow('f0', 'start', 'inclusive')}
       ${flow('s1', 'inclusive', 'task1', '= contains(str,"a")')} ${flow('s2', 'inclusive', 'task2', '= contains(str,"b")')}
       ${flow('s3', 'inclusive', 'task3', '= contains(str,"c")')}
       ${flow('t1', 'task1', 'end1')} ${flow('t2', 'task2', 'end2')} ${flow('t3', 'task3', 'end3')}`,
    );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/InclusiveGatewayTest.java
  it('InclusiveGatewayTest#shouldSplitOnInclusiveGateway: every true condition is taken, the default flow only when none is', async () => {
    await deployProcess(
      f.engine,
      'ig-split',
      `${start()} ${inclusive('inclusive', 's3')} ${end('end1')} ${end('end2')} ${end('end3')} ${flow('f0', 'start', 'inclusive')}
       ${flow('s1', 'inclusive', 'end1', '= contains(str,"a")')} ${flow('s2', 'inclusive', 'end2', '= contains(str,"b")')}
       ${flow('s3', 'inclusive', 'end3', '= true')}`,
    );
    assert.deepEqual(await completedEnds(await create('ig-split', { str: 'a' })), ['end1']);
    assert.deepEqual(await completedEnds(await create('ig-split', { str: 'b' })), ['end2']);
    assert.deepEqual(await completedEnds(await create('ig-split', { str: 'c' })), ['end3']);
    assert.deepEqual(await completedEnds(await create('ig-split', { str: 'a,b' })), ['end1', 'end2']);
    assert.deepEqual(await completedEnds(await create('ig-split', { str: 'b,c' })), ['end2']);
    assert.deepEqual(await completedEnds(await create('ig-split', { str: 'a,c' })), ['end1']);
    assert.deepEqual(await completedEnds(await create('ig-split', { str: 'a,b,c' })), ['end1', 'end2']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/InclusiveGatewayTest.java
  it('InclusiveGatewayTest#testProcessInstanceStatesWithInclusiveGateway: one branch taken, then the process completes', async () => {
    await deployProcess(
      f.engine,
      'ig-states',
      `${start()} ${inclusive('inclusive', 's2')} ${end('a')} ${end('b')} ${flow('f0', 'start', 'inclusive')}
       ${flow('s1', 'inclusive', 'a', '= contains(str,"a")')} ${flow('s2', 'inclusive', 'b', '= contains(str,"b")')}`,
    );
    for (const [str, taken] of [['a', 'a'], ['b', 'b'], ['c', 'b']] as const) {
      const key = await create('ig-states', { str });
      assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'inclusive:COMPLETED', `${taken}:COMPLETED`], `str = ${str}`);
      assert.equal(await stateOf(f.engine, key), 'COMPLETED');
    }
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/InclusiveGatewayTest.java
  it('InclusiveGatewayTest#shouldActivateTasksOnInclusiveBranches: the tasks of the taken branches are activated', async () => {
    await inclusiveProcess('ig-tasks');
    const tasks = async (str: string) =>
      (await trail(f.engine, await create('ig-tasks', { str }), 'MANUAL_TASK')).map((e) => e.split(':')[0]).sort();
    assert.deepEqual(await tasks('a,b,c'), ['task1', 'task2']);
    assert.deepEqual(await tasks('a,c'), ['task1']);
    assert.deepEqual(await tasks('d'), ['task3']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/InclusiveGatewayTest.java
  it('InclusiveGatewayTest#shouldCompleteScopeWhenForkingPathsCompleted: the process completes after every taken branch', async () => {
    await inclusiveProcess('ig-complete');
    for (const [str, ends] of [['a,b,c', ['end1', 'end2']], ['a,b', ['end1', 'end2']], ['d', ['end3']]] as const) {
      const key = await create('ig-complete', { str });
      assert.deepEqual(await completedEnds(key), ends);
      assert.equal(await stateOf(f.engine, key), 'COMPLETED');
    }
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/InclusiveGatewayTest.java
  it('InclusiveGatewayTest#shouldPassThroughInclusiveGateway: one outgoing flow without condition is taken', async () => {
    await deployProcess(
      f.engine,
      'ig-pass',
      `${start()} ${inclusive('inclusive')} ${end()} ${flow('flow1', 'start', 'inclusive')} ${flow('flow2', 'inclusive', 'end')}`,
    );
    const key = await create('ig-pass');
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'inclusive:COMPLETED', 'end:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/InclusiveGatewayTest.java
  it('InclusiveGatewayTest#shouldCreateIncidentIfInclusiveGatewayWithSingleSequenceFlowHasNoMatchingCondition: a CONDITION_ERROR incident on the gateway', async () => {
    await deployProcess(
      f.engine,
      'ig-single-false',
      `${start()} ${inclusive('inclusive')} ${end()} ${flow('f0', 'start', 'inclusive')} ${flow('f1', 'inclusive', 'end', '= false')}`,
    );
    const key = await create('ig-single-false');
    const incidents = await activeIncidents(f.engine, key);
    assert.deepEqual(incidents.map((i) => [i.elementId, i.errorType]), [['inclusive', 'CONDITION_ERROR']]);
    assert.equal(await stateOf(f.engine, key), 'ACTIVE');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/InclusiveGatewayTest.java
  it('InclusiveGatewayTest#shouldCompleteScopeOnInclusiveGateway: a gateway without outgoing flow completes the process', async () => {
    await deployProcess(f.engine, 'ig-no-out', `${start()} ${inclusive('inclusive')} ${flow('flow1', 'start', 'inclusive')}`);
    const key = await create('ig-no-out');
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'inclusive:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/InclusiveGatewayTest.java
  it('InclusiveGatewayTest#shouldCreateDeploymentInclusiveGatewayWithDefaultFlow: a default flow may have a condition or none', async () => {
    const model = (defaultCondition?: string) =>
      `${start()} ${inclusive('inclusive', 's2')} ${end('end1')} ${end('end2')} ${flow('f0', 'start', 'inclusive')}
       ${flow('s1', 'inclusive', 'end1', '= contains(str,"a")')} ${flow('s2', 'inclusive', 'end2', defaultCondition)}`;
    await deployProcess(f.engine, 'ig-deploy-default', model());
    const second = await deployProcess(f.engine, 'ig-deploy-default', model('= contains(str,"b")'));
    assert.equal(second.processes[0].processDefinitionVersion, 2);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/InclusiveGatewayTest.java
  it('InclusiveGatewayTest#shouldNotEvaluateConditionOfDefaultFlow: only the default flow is taken when no other condition holds', async () => {
    await deployProcess(
      f.engine,
      'ig-default',
      `${start()} ${inclusive('inclusive', 's3')} ${end('end1')} ${end('end2')} ${end('end3')} ${flow('f0', 'start', 'inclusive')}
       ${flow('s1', 'inclusive', 'end1', '= contains(str,"a")')} ${flow('s2', 'inclusive', 'end2', '= contains(str,"b")')}
       ${flow('s3', 'inclusive', 'end3', '= true')}`,
    );
    const key = await create('ig-default', { str: 'd' });
    assert.deepEqual(await completedEnds(key), ['end3']);
    assert.deepEqual(await f.engine.searchIncidents({ processInstanceKey: key }), []);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/InclusiveGatewayTest.java
  it('InclusiveGatewayTest#shouldEvaluateConditionWithoutDefaultFlow: without a default flow every true condition is taken', async () => {
    await deployProcess(
      f.engine,
      'ig-no-default',
      `${start()} ${inclusive('inclusive')} ${end('end1')} ${end('end2')} ${end('end3')} ${flow('f0', 'start', 'inclusive')}
       ${flow('s1', 'inclusive', 'end1', '= contains(str,"a")')} ${flow('s2', 'inclusive', 'end2', '= contains(str,"b")')}
       ${flow('s3', 'inclusive', 'end3', '= true')}`,
    );
    assert.deepEqual(await completedEnds(await create('ig-no-default', { str: 'a,b' })), ['end1', 'end2', 'end3']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/InclusiveGatewayTest.java
  it('InclusiveGatewayTest#shouldJoinOnInclusiveGateway: a parallel fork is joined once', async () => {
    await deployProcess(
      f.engine,
      'ig-join',
      `${start()} ${parallel('fork')} ${inclusive('join')} ${end()} ${flow('f0', 'start', 'fork')}
       ${flow('joinFlow1', 'fork', 'join')} ${flow('joinFlow2', 'fork', 'join')} ${flow('f3', 'join', 'end')}`,
    );
    const key = await create('ig-join');
    assert.equal(await count(f.engine, key, 'join', 'COMPLETED'), 1);
    assert.equal(await count(f.engine, key, 'end', 'COMPLETED'), 1);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/InclusiveGatewayTest.java
  it('InclusiveGatewayTest#shouldJoinOnGatewayWithOneIncomingFlowTaken: the join does not wait for a flow that was not taken', async () => {
    await deployProcess(
      f.engine,
      'ig-join-one',
      `${start()} ${inclusive('fork')} ${inclusive('join')} ${end()} ${flow('f0', 'start', 'fork')}
       ${flow('joinFlow1', 'fork', 'join', '= a > 0')} ${flow('joinFlow2', 'fork', 'join', '= a < 0')} ${flow('f3', 'join', 'end')}`,
    );
    const key = await create('ig-join-one', { a: 10 });
    assert.equal(await count(f.engine, key, 'join', 'COMPLETED'), 1);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/InclusiveGatewayTest.java
  it('InclusiveGatewayTest#shouldJoinOnGatewayWhenMultiSatisfiedBranchesAreActivated: two of three branches taken, joined once', async () => {
    await deployProcess(
      f.engine,
      'ig-join-two',
      `${start()} ${inclusive('fork')} ${inclusive('join')} ${end()} ${flow('f0', 'start', 'fork')}
       ${flow('joinFlow1', 'fork', 'join', '= a > 0')} ${flow('joinFlow2', 'fork', 'join', '= a > 5')}
       ${flow('joinFlow3', 'fork', 'join', '= a > 100')} ${flow('f3', 'join', 'end')}`,
    );
    const key = await create('ig-join-two', { a: 10 });
    assert.equal(await count(f.engine, key, 'join', 'COMPLETED'), 1);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/InclusiveGatewayTest.java
  it('InclusiveGatewayTest#shouldJoinOnGatewayWhenAllSatisfiedBranchesAreActivated: the join waits for the branch with the task', async () => {
    await deployProcess(
      f.engine,
      'ig-join-wait',
      `${start()} ${parallel('fork')} ${inclusive('join')} ${job('task', 'ig-join-wait')} ${end()} ${flow('f0', 'start', 'fork')}
       ${flow('joinFlow1', 'fork', 'join')} ${flow('f1', 'fork', 'task')} ${flow('joinFlow2', 'task', 'join')} ${flow('f3', 'join', 'end')}`,
    );
    const key = await create('ig-join-wait');
    assert.equal(await count(f.engine, key, 'join', 'COMPLETED'), 0, 'the task can still reach the join');
    await completeOne(f.engine, 'ig-join-wait');
    assert.equal(await count(f.engine, key, 'join', 'COMPLETED'), 1);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/InclusiveGatewayTest.java
  it('InclusiveGatewayTest#shouldJoinOnGatewayWhenAllSatisfiedBranchesAreActivatedWithBoundaryEvent: the timer boundary path reaches the join', async () => {
    await deployProcess(
      f.engine,
      'ig-join-boundary',
      `${start()} ${parallel('fork')} ${inclusive('join')} ${job('task', 'ig-join-boundary')}
       <bpmn:boundaryEvent id="event" attachedToRef="task"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT5S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
       ${end()} ${flow('f0', 'start', 'fork')} ${flow('joinFlow1', 'fork', 'join')} ${flow('f1', 'fork', 'task')}
       ${flow('joinFlow2', 'event', 'join')} ${flow('f3', 'join', 'end')}`,
    );
    const key = await create('ig-join-boundary');
    assert.equal(await count(f.engine, key, 'join', 'COMPLETED'), 0);
    f.clock.advance(10_000);
    await f.engine.runDueWork();
    assert.equal(await count(f.engine, key, 'join', 'COMPLETED'), 1);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/InclusiveGatewayTest.java
  it('InclusiveGatewayTest#shouldMergeAndSplitInOneGateway: a joining gateway also forks by condition', async () => {
    await deployProcess(
      f.engine,
      'ig-merge-split',
      `${start()} ${parallel('fork')} ${inclusive('join')} ${job('task1', 'ig-merge-split-1')} ${job('task2', 'ig-merge-split-2')}
       ${flow('f0', 'start', 'fork')} ${flow('f1', 'fork', 'join')} ${flow('f2', 'fork', 'join')}
       ${flow('f3', 'join', 'task1', '= a > 0')} ${flow('f4', 'join', 'task2', '= a > 5')}`,
    );
    const key = await create('ig-merge-split', { a: 10 });
    assert.deepEqual((await trail(f.engine, key, 'SERVICE_TASK')).sort(), ['task1:ACTIVE', 'task2:ACTIVE']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/InclusiveGatewayTest.java
  it('InclusiveGatewayTest#shouldMergeAndSplitInOneGatewayWhenSubsetOfTheSequenceFlowsHasBeenTaken: an exclusive fork, then join and fork', async () => {
    await deployProcess(
      f.engine,
      'ig-subset',
      `${start()} ${exclusive('fork')} ${task('task1')} ${task('task2')} ${inclusive('join')} ${task('task3')} ${task('task4')}
       ${flow('f0', 'start', 'fork')} ${flow('f1', 'fork', 'task1', '= a >= 0')} ${flow('f2', 'fork', 'task2', '= a < 0')}
       ${flow('f3', 'task1', 'join')} ${flow('f4', 'task2', 'join')} ${flow('f5', 'join', 'task3', '= b > 0')} ${flow('f6', 'join', 'task4', '= b > 5')}`,
    );
    const key = await create('ig-subset', { a: 10, b: 10 });
    for (const id of ['task1', 'task3', 'task4']) assert.equal(await count(f.engine, key, id, 'COMPLETED'), 1, id);
    assert.equal(await count(f.engine, key, 'task2'), 0);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/InclusiveGatewayTest.java
  it('InclusiveGatewayTest#shouldJoinOnGatewayIfAllIncomingFlowsAreTakenOnce: the join fires once every incoming flow was taken', async () => {
    await deployProcess(
      f.engine,
      'ig-all-once',
      `${start()} ${parallel('fork')} ${task('task-1')} ${inclusive('join')} ${parallel('parallel')} ${exclusive('exclusive')}
       ${job('task-3', 'ig-all-once')} ${flow('f0', 'start', 'fork')} ${flow('f1', 'fork', 'task-1')} ${flow('f2', 'task-1', 'join')}
       ${flow('f3', 'fork', 'parallel')} ${flow('f4', 'parallel', 'exclusive')} ${flow('f5', 'exclusive', 'join')}
       ${flow('f6', 'parallel', 'task-3')} ${flow('f7', 'task-3', 'exclusive')}`,
    );
    const key = await create('ig-all-once');
    assert.equal(await count(f.engine, key, 'join', 'COMPLETED'), 1);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/InclusiveGatewayTest.java
  it('InclusiveGatewayTest#shouldJoinOnGatewayIfAnIncomingFlowIsTaken: a gateway with one incoming flow passes at once', async () => {
    await deployProcess(
      f.engine,
      'ig-one-incoming',
      `${start()} ${parallel('fork')} ${exclusive('exclusive')} ${inclusive('join')} ${job('task-3', 'ig-one-incoming')}
       ${flow('f0', 'start', 'fork')} ${flow('f1', 'fork', 'exclusive')} ${flow('f2', 'exclusive', 'join')}
       ${flow('f3', 'fork', 'task-3')} ${flow('f4', 'task-3', 'exclusive')}`,
    );
    const key = await create('ig-one-incoming');
    assert.equal(await count(f.engine, key, 'join', 'COMPLETED'), 1);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/InclusiveGatewayTest.java
  it('InclusiveGatewayTest#shouldJoinGatewayWithMultipleTokensOnSamePath: two tokens on one path pass the join twice', async () => {
    await deployProcess(
      f.engine,
      'ig-same-path',
      `${start()} ${parallel('fork')} ${inclusive('join')} ${end()} ${parallel('fork-2')} ${task('task-1')} ${task('task-2')}
       ${exclusive('exclusive')} ${flow('f0', 'start', 'fork')} ${flow('f1', 'fork', 'join')} ${flow('f2', 'join', 'end')}
       ${flow('f3', 'fork', 'fork-2')} ${flow('f4', 'fork-2', 'task-1')} ${flow('f5', 'task-1', 'exclusive')}
       ${flow('f6', 'exclusive', 'join')} ${flow('f7', 'fork-2', 'task-2')} ${flow('f8', 'task-2', 'exclusive')}`,
    );
    const key = await create('ig-same-path');
    assert.equal(await count(f.engine, key, 'join', 'COMPLETED'), 2);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/InclusiveGatewayTest.java
  it('InclusiveGatewayTest#shouldJoinGatewayIfActiveElementWithLoopHasPathToGateway: the join waits for a looping task that can reach it', async () => {
    await deployProcess(
      f.engine,
      'ig-loop-path',
      `${start()} ${parallel('fork')} ${task('task-1')} ${inclusive('join')} ${end()} ${job('task-2', 'ig-loop-path')} ${exclusive('exclusive')}
       ${flow('f0', 'start', 'fork')} ${flow('f1', 'fork', 'task-1')} ${flow('f2', 'task-1', 'join')} ${flow('f3', 'join', 'end')}
       ${flow('f4', 'fork', 'task-2')} ${flow('f5', 'task-2', 'exclusive')} ${flow('f6', 'exclusive', 'join', '= a > 1')}
       ${flow('f7', 'exclusive', 'task-2', '= a <= 1')}`,
    );
    const key = await create('ig-loop-path', { a: 5 });
    await completeOne(f.engine, 'ig-loop-path');
    assert.equal(await count(f.engine, key, 'join', 'COMPLETED'), 1);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/InclusiveGatewayTest.java
  it('InclusiveGatewayTest#shouldJoinGatewayIfActiveElementWithLoopNoPathToGateway: a looping task without path to the join does not hold it', async () => {
    await deployProcess(
      f.engine,
      'ig-loop-no-path',
      `${start()} ${parallel('fork')} ${task('task-1')} ${inclusive('join')} ${end('end-1')} ${task('task-2')}
       ${job('task-3', 'ig-loop-no-path')} ${exclusive('exclusive')} ${end('end-2')}
       ${flow('f0', 'start', 'fork')} ${flow('f1', 'fork', 'task-1')} ${flow('f2', 'task-1', 'join')} ${flow('f3', 'join', 'end-1')}
       ${flow('f4', 'fork', 'task-2')} ${flow('f5', 'task-2', 'join')} ${flow('f6', 'fork', 'task-3')} ${flow('f7', 'task-3', 'exclusive')}
       ${flow('f8', 'exclusive', 'end-2', '= a > 1')} ${flow('f9', 'exclusive', 'task-3', '= a <= 1')}`,
    );
    const key = await create('ig-loop-no-path', { a: 5 });
    await completeOne(f.engine, 'ig-loop-no-path');
    assert.equal(await count(f.engine, key, 'join', 'COMPLETED'), 1);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/InclusiveGatewayTest.java
  it(
    'InclusiveGatewayTest#shouldJoinOnGatewayIfActiveLinkCatchEvent: a task whose path to the join goes through a link event holds the join',
    async () => {
      await deployProcess(
        f.engine,
        'ig-link',
        `${start()} ${parallel('fork')} ${task('task-1')} ${inclusive('join')} ${end()} ${job('task-2', 'ig-link')}
         ${linkThrow('throw', 'link')} ${linkCatch('catch', 'link')}
         ${flow('f0', 'start', 'fork')} ${flow('f1', 'fork', 'task-1')} ${flow('f2', 'task-1', 'join')} ${flow('f3', 'join', 'end')}
         ${flow('f4', 'fork', 'task-2')} ${flow('f5', 'task-2', 'throw')} ${flow('f6', 'catch', 'join')}`,
      );
      const key = await create('ig-link');
      assert.equal(await count(f.engine, key, 'join', 'COMPLETED'), 0, 'task-2 can still reach the join through the link');
      await completeOne(f.engine, 'ig-link');
      assert.equal(await count(f.engine, key, 'join', 'COMPLETED'), 1);
      assert.equal(await stateOf(f.engine, key), 'COMPLETED');
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/InclusiveGatewayTest.java
  it('InclusiveGatewayTest#shouldJoinOnGatewayWithNoneThrowEvent: a none throw event on a branch is joined once', async () => {
    await deployProcess(
      f.engine,
      'ig-none-throw',
      `${start()} ${parallel('fork')} ${task('task-1')} ${inclusive('join')} ${end()} ${task('task-2')} ${throwNone('throw')}
       ${flow('f0', 'start', 'fork')} ${flow('f1', 'fork', 'task-1')} ${flow('f2', 'task-1', 'join')} ${flow('f3', 'join', 'end')}
       ${flow('f4', 'fork', 'task-2')} ${flow('f5', 'task-2', 'throw')} ${flow('f6', 'throw', 'join')}`,
    );
    const key = await create('ig-none-throw');
    assert.equal(await count(f.engine, key, 'join', 'COMPLETED'), 1);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/bpmn-model/src/test/java/io/camunda/zeebe/model/bpmn/validation/ZeebeGatewayValidationTest.java
  it('ZeebeGatewayValidationTest (inclusive gateway, flow1 without condition and not default): the deployment is rejected', async () => {
    await assert.rejects(
      deployProcess(
        f.engine,
        'ig-no-condition',
        `${start()} ${inclusive('gateway')} ${end('end1')} ${end('end2')}
         ${flow('f0', 'start', 'gateway')} ${flow('flow1', 'gateway', 'end1')} ${flow('flow2', 'gateway', 'end2', '= condition')}`,
      ),
    );
  });
});
