import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Variables } from '@mot-cua/engine/workflow/workflow-engine.port.js';
import { openEngine, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import {
  compensatedBy,
  compensationBoundary,
  compensationEnd,
  compensationThrow,
  forCompensation,
  undoTask,
} from './compensation-builders.js';
import {
  callActivity,
  chain,
  completeOne,
  count,
  deployProcess,
  end,
  errorStart,
  eventSubProcess,
  exclusive,
  flow,
  io,
  job,
  multiInstance,
  oneJob,
  parallel,
  start,
  stateOf,
  subProcess,
  trail,
} from './flow-builders.js';

/**
 * Compensation events, mirroring Zeebe's CompensationEventExecutionTest and CompensationEventTest
 * (zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/). Job types are
 * prefixed with the process id so that the scenarios of one engine never share a job.
 */
describe('conformance: compensation events (Zeebe CompensationEventExecutionTest)', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  const create = async (processDefinitionId: string, variables: Variables = {}) =>
    (await f.engine.createProcessInstance({ processDefinitionId, variables })).processInstanceKey;
  const done = (type: string, variables?: Variables) => completeOne(f.engine, type, variables);
  const doneTimes = async (type: string, times: number) => {
    for (let i = 0; i < times; i++) await done(type);
  };
  /** The given `elementId:STATE` entries appear in this order among the instance's element instances. */
  const assertSubsequence = async (key: string, expected: string[]) => {
    const actual = await trail(f.engine, key);
    let at = 0;
    for (const entry of actual) if (entry === expected[at]) at++;
    assert.equal(at, expected.length, `expected ${JSON.stringify(expected)} in order within ${JSON.stringify(actual)}`);
  };
  /** A parallel fork into `left` and `right`, joined again before `after`. */
  const forked = (left: string, right: string, after: string) =>
    `${parallel('fork')} ${parallel('join')} ${flow('fl', 'fork', left)} ${flow('fr', 'fork', right)} ${flow('jl', left, 'join')} ${flow('jr', right, 'join')} ${flow('ja', 'join', after)}`;

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldExecuteAProcessWithCompensationIntermediateEvent: nothing to compensate, the throw event passes', async () => {
    await deployProcess(
      f.engine,
      'c-itm',
      `${start()} <bpmn:userTask id="task" /> ${compensationThrow('compensation-event')} ${end()} ${chain('f', 'start', 'task', 'compensation-event', 'end')}`,
    );
    const key = await create('c-itm');
    await done('io.camunda.zeebe:userTask');
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'task:COMPLETED', 'compensation-event:COMPLETED', 'end:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldExecuteAProcessWithCompensationEndEvent: nothing to compensate, the end event completes', async () => {
    await deployProcess(f.engine, 'c-end', `${start()} <bpmn:userTask id="task" /> ${compensationEnd('compensation-event')} ${chain('f', 'start', 'task', 'compensation-event')}`);
    const key = await create('c-end');
    await done('io.camunda.zeebe:userTask');
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'task:COMPLETED', 'compensation-event:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  // (model: zeebe/engine/src/test/resources/compensation/compensation-throw-event.bpmn)
  it('CompensationEventExecutionTest#shouldActivateAndCompleteCompensationHandlerForIntermediateThrowEvent: the throw event waits for the handler', async () => {
    const p = 'c-handler-throw';
    await deployProcess(
      f.engine,
      p,
      `${start('StartEvent')} ${job('ActivityToCompensate', `${p}:compensableActivity`)} ${compensationThrow('CompensationThrowEvent')} ${end('EndEvent')}
       ${chain('f', 'StartEvent', 'ActivityToCompensate', 'CompensationThrowEvent', 'EndEvent')}
       ${compensatedBy('ActivityToCompensate', 'CompensationHandler', job('CompensationHandler', `${p}:compensationHandler`, { attrs: forCompensation }), 'CompensationBoundaryEvent')}`,
    );
    const key = await create(p);
    await done(`${p}:compensableActivity`);
    assert.deepEqual(await trail(f.engine, key), [
      'StartEvent:COMPLETED',
      'ActivityToCompensate:COMPLETED',
      'CompensationThrowEvent:ACTIVE',
      'CompensationBoundaryEvent:COMPLETED',
      'CompensationHandler:ACTIVE',
    ]);
    await done(`${p}:compensationHandler`);
    assert.deepEqual(await trail(f.engine, key), [
      'StartEvent:COMPLETED',
      'ActivityToCompensate:COMPLETED',
      'CompensationThrowEvent:COMPLETED',
      'CompensationBoundaryEvent:COMPLETED',
      'CompensationHandler:COMPLETED',
      'EndEvent:COMPLETED',
    ]);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldActivateAndTerminateCompensationHandlerForIntermediateThrowEvent: cancelling terminates the waiting throw event and its handler', async () => {
    const p = 'c-handler-cancel';
    await deployProcess(
      f.engine,
      p,
      `${start()} ${job('A', `${p}:A`)} ${compensationThrow('CompensationThrowEvent')} ${end()} ${chain('f', 'start', 'A', 'CompensationThrowEvent', 'end')}
       ${undoTask('A', 'CompensationHandler', `${p}:undo`)}`,
    );
    const key = await create(p);
    await done(`${p}:A`);
    await f.engine.cancelProcessInstance(key);
    assert.equal(await count(f.engine, key, 'CompensationThrowEvent', 'TERMINATED'), 1);
    assert.equal(await count(f.engine, key, 'CompensationHandler', 'TERMINATED'), 1);
    assert.equal(await stateOf(f.engine, key), 'TERMINATED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldApplyInputMappingsOfCompensationHandler: the handler gets y = x + 1 as a local variable', async () => {
    const p = 'c-handler-input';
    await deployProcess(
      f.engine,
      p,
      `${start()} ${job('A', `${p}:A`)} ${compensationEnd('end')} ${chain('f', 'start', 'A', 'end')}
       ${undoTask('A', 'Undo-A', `${p}:Undo-A`, { ext: io([['= x + 1', 'y']]) })}`,
    );
    const key = await create(p, { x: 1 });
    await done(`${p}:A`);
    const undo = await oneJob(f.engine, `${p}:Undo-A`);
    assert.equal(undo.variables.y, 2);
    await f.engine.completeJob(undo.jobKey);
    assert.equal((await f.engine.getVariables(key)).y, undefined, 'y stays local to the handler');
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldApplyOutputMappingsOfCompensationHandler: the handler output y = x + 1 lands in the process', async () => {
    const p = 'c-handler-output';
    await deployProcess(
      f.engine,
      p,
      `${start()} ${job('A', `${p}:A`)} ${compensationEnd('end')} ${chain('f', 'start', 'A', 'end')}
       ${undoTask('A', 'Undo-A', `${p}:Undo-A`, { ext: io([], [['= x + 1', 'y']]) })}`,
    );
    const key = await create(p);
    await done(`${p}:A`);
    await done(`${p}:Undo-A`, { x: 1 });
    assert.equal((await f.engine.getVariables(key)).y, 2);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldPropagateVariablesOfCompensationHandler: the handler sees and updates the sub-process scope', async () => {
    const p = 'c-handler-propagate';
    await deployProcess(
      f.engine,
      p,
      `${start()} ${subProcess(
        'subprocess',
        `${start('sub-start')} ${job('A', `${p}:A`)} ${compensationEnd('sub-end')} ${chain('s', 'sub-start', 'A', 'sub-end')} ${undoTask('A', 'Undo-A', `${p}:Undo-A`)}`,
        { ext: io([['= 0', 'local']]) },
      )} ${end()} ${chain('f', 'start', 'subprocess', 'end')}`,
    );
    const key = await create(p);
    await done(`${p}:A`);
    const undo = await oneJob(f.engine, `${p}:Undo-A`);
    assert.equal(undo.variables.local, 0, 'the handler sees the local variable of the compensated scope');
    await f.engine.completeJob(undo.jobKey, { local: 1, global: 2 });
    const variables = await f.engine.getVariables(key);
    assert.equal(variables.global, 2);
    assert.equal(variables.local, undefined, "'local' was set in the sub-process scope, not in the process");
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  for (const kind of ['IntermediateThrowEvent', 'EndEvent'] as const) {
    it(`CompensationEventExecutionTest#shouldTriggerCompensationForActivityOn${kind}: activityRef="A" compensates A only`, async () => {
      const p = `c-ref-${kind}`;
      const thrower = kind === 'EndEvent' ? compensationEnd('compensation-throw-event', 'A') : compensationThrow('compensation-throw-event', 'A');
      await deployProcess(
        f.engine,
        p,
        `${start()} ${job('A', `${p}:A`)} ${job('B', `${p}:B`)} ${thrower} ${flow('f0', 'start', 'fork')} ${forked('A', 'B', 'compensation-throw-event')}
         ${undoTask('A', 'Undo-A', `${p}:Undo-A`)} ${undoTask('B', 'Undo-B', `${p}:Undo-B`)}`,
      );
      const key = await create(p);
      await done(`${p}:A`);
      await done(`${p}:B`);
      assert.equal(await count(f.engine, key, 'compensation-throw-event', 'ACTIVE'), 1, 'the throw event waits for Undo-A');
      await done(`${p}:Undo-A`);
      await assertSubsequence(key, ['A:COMPLETED', 'B:COMPLETED', 'compensation-throw-event:COMPLETED', 'Undo-A:COMPLETED']);
      assert.equal(await count(f.engine, key, 'Undo-B'), 0);
      assert.equal(await stateOf(f.engine, key), 'COMPLETED');
    });
  }

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldTriggerCompensationForActivityTheSameAmountAsExecuted: A completed twice, Undo-A runs twice', async () => {
    const p = 'c-loop';
    await deployProcess(
      f.engine,
      p,
      `<bpmn:startEvent id="start"><bpmn:extensionElements>${io([], [['= 0', 'iteration']])}</bpmn:extensionElements></bpmn:startEvent>
       ${job('A', `${p}:A`, { ext: io([], [['= iteration + 1', 'iteration']]) })} ${exclusive('loop', 'back')}
       ${compensationThrow('compensation-throw-event', 'A')} ${end()}
       ${flow('f1', 'start', 'A')} ${flow('f2', 'A', 'loop')} ${flow('back', 'loop', 'A')} ${flow('out', 'loop', 'compensation-throw-event', '= iteration > 1')}
       ${flow('f3', 'compensation-throw-event', 'end')} ${undoTask('A', 'Undo-A', `${p}:Undo-A`)}`,
    );
    const key = await create(p);
    await doneTimes(`${p}:A`, 2);
    assert.equal(await count(f.engine, key, 'Undo-A', 'ACTIVE'), 2);
    await doneTimes(`${p}:Undo-A`, 2);
    await assertSubsequence(key, ['A:COMPLETED', 'A:COMPLETED', 'compensation-throw-event:COMPLETED', 'Undo-A:COMPLETED', 'Undo-A:COMPLETED', 'end:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldNotTriggerCompensationForActivityAgain: of two throw events for A, one compensates it, the other passes', async () => {
    const p = 'c-again';
    await deployProcess(
      f.engine,
      p,
      `${start()} ${job('A', `${p}:A`)} ${parallel('fork')} ${compensationThrow('compensation-throw-event-1', 'A')} ${compensationThrow('compensation-throw-event-2', 'A')}
       ${chain('f', 'start', 'A', 'fork')} ${flow('t1', 'fork', 'compensation-throw-event-1')} ${flow('t2', 'fork', 'compensation-throw-event-2')}
       ${undoTask('A', 'Undo-A', `${p}:Undo-A`)}`,
    );
    const key = await create(p);
    await done(`${p}:A`);
    assert.equal(
      (await count(f.engine, key, 'compensation-throw-event-1', 'COMPLETED')) + (await count(f.engine, key, 'compensation-throw-event-2', 'COMPLETED')),
      1,
      'the throw event that found nothing left to compensate completed; the other waits for Undo-A',
    );
    await done(`${p}:Undo-A`);
    assert.equal(await count(f.engine, key, 'Undo-A'), 1);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldNotTriggerCompensationForActivityIfActive: an active activity is not compensated', async () => {
    const p = 'c-active';
    await deployProcess(
      f.engine,
      p,
      `${start()} ${parallel('fork')} ${job('A', `${p}:A`)} ${job('B', `${p}:B`)} ${compensationThrow('compensation-throw-event', 'A')}
       ${chain('f', 'start', 'fork')} ${flow('fa', 'fork', 'A')} ${flow('fb', 'fork', 'B')} ${flow('fc', 'B', 'compensation-throw-event')}
       ${undoTask('A', 'Undo-A', `${p}:Undo-A`)}`,
    );
    const key = await create(p);
    await done(`${p}:B`);
    await done(`${p}:A`);
    await assertSubsequence(key, ['A:COMPLETED', 'compensation-throw-event:COMPLETED']);
    assert.equal(await count(f.engine, key, 'Undo-A'), 0);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldTriggerCompensationForSubprocess: activityRef="subprocess" compensates what completed inside it', async () => {
    const p = 'c-ref-sub';
    const inner = `${start('sub-start')} ${job('A', `${p}:A`)} ${flow('s1', 'sub-start', 'A')} ${undoTask('A', 'Undo-A', `${p}:Undo-A`)}`;
    await deployProcess(
      f.engine,
      p,
      `${start()} ${subProcess('subprocess', inner)} ${job('B', `${p}:B`)} ${compensationThrow('compensation-throw-event', 'subprocess')}
       ${flow('f0', 'start', 'fork')} ${forked('subprocess', 'B', 'compensation-throw-event')} ${undoTask('B', 'Undo-B', `${p}:Undo-B`)}`,
    );
    const key = await create(p);
    await done(`${p}:A`);
    await done(`${p}:B`);
    assert.equal(await count(f.engine, key, 'compensation-throw-event', 'ACTIVE'), 1, 'the throw event waits for Undo-A');
    await done(`${p}:Undo-A`);
    await assertSubsequence(key, ['subprocess:COMPLETED', 'compensation-throw-event:COMPLETED', 'Undo-A:COMPLETED']);
    assert.equal(await count(f.engine, key, 'Undo-B'), 0);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldTriggerCompensationForMultiInstanceSubprocess: Undo-A once per completed inner instance', async () => {
    const p = 'c-ref-mi-sub';
    const inner = `${start('sub-start')} ${job('A', `${p}:A`)} ${flow('s1', 'sub-start', 'A')} ${undoTask('A', 'Undo-A', `${p}:Undo-A`)}`;
    await deployProcess(
      f.engine,
      p,
      `${start()} ${subProcess('subprocess', inner, { mi: multiInstance({ inputCollection: '= [1,2,3]' }) })} ${job('B', `${p}:B`)}
       ${compensationThrow('compensation-throw-event', 'subprocess')}
       ${flow('f0', 'start', 'fork')} ${forked('subprocess', 'B', 'compensation-throw-event')} ${undoTask('B', 'Undo-B', `${p}:Undo-B`)}`,
    );
    const key = await create(p);
    await doneTimes(`${p}:A`, 3);
    await done(`${p}:B`);
    assert.equal(await count(f.engine, key, 'Undo-A', 'ACTIVE'), 3);
    await doneTimes(`${p}:Undo-A`, 3);
    assert.equal(await count(f.engine, key, 'Undo-A', 'COMPLETED'), 3);
    assert.equal(await count(f.engine, key, 'Undo-B'), 0);
    assert.equal(await count(f.engine, key, 'compensation-throw-event', 'COMPLETED'), 1);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldNotTriggerCompensationForSubprocessIfActive: activities inside an active sub-process are not compensated', async () => {
    const p = 'c-sub-active';
    const inner = `${start('sub-start')} ${job('A', `${p}:A`)} ${flow('s1', 'sub-start', 'A')} ${undoTask('A', 'Undo-A', `${p}:Undo-A`)}`;
    await deployProcess(
      f.engine,
      p,
      `${start()} ${parallel('fork')} ${subProcess('subprocess', inner)} ${job('B', `${p}:B`)} ${compensationThrow('compensation-throw-event', 'subprocess')}
       ${chain('f', 'start', 'fork')} ${flow('fa', 'fork', 'subprocess')} ${flow('fb', 'fork', 'B')} ${flow('fc', 'B', 'compensation-throw-event')}`,
    );
    const key = await create(p);
    await done(`${p}:B`);
    await done(`${p}:A`);
    await assertSubsequence(key, ['subprocess:COMPLETED', 'A:COMPLETED', 'compensation-throw-event:COMPLETED']);
    assert.equal(await count(f.engine, key, 'Undo-A'), 0);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldNotTriggerHandlersForMultiInstanceInsideNotCompletedSubprocess: a sub-process still running keeps its records', async () => {
    const p = 'c-mi-not-completed';
    const level2 = `${start('s2-start')} ${job('A', `${p}:A`)} ${flow('s2', 's2-start', 'A')} ${undoTask('A', 'Undo-A', `${p}:Undo-A`)}`;
    const level1 = `${start('s1-start')} ${subProcess('subprocess-2', level2, { mi: multiInstance({ inputCollection: '= [1,2,3]' }) })} ${job('B', `${p}:B`)} ${end('s1-end')}
       ${chain('s1', 's1-start', 'subprocess-2', 'B', 's1-end')}`;
    await deployProcess(
      f.engine,
      p,
      `${start()} ${subProcess('subprocess-1', level1)} ${job('C', `${p}:C`)} ${compensationThrow('compensation-throw-event')} ${end()}
       ${flow('f0', 'start', 'fork')} ${parallel('fork')} ${parallel('join')} ${flow('fl', 'fork', 'subprocess-1')} ${flow('fr', 'fork', 'C')}
       ${flow('fc', 'C', 'compensation-throw-event')} ${flow('jl', 'subprocess-1', 'join')} ${flow('jr', 'compensation-throw-event', 'join')} ${flow('je', 'join', 'end')}`,
    );
    const key = await create(p);
    await doneTimes(`${p}:A`, 3);
    await done(`${p}:C`);
    assert.equal(await count(f.engine, key, 'compensation-throw-event', 'COMPLETED'), 1, 'nothing completed in the scope: the throw event passed');
    assert.equal(await count(f.engine, key, 'B', 'ACTIVE'), 1);
    await done(`${p}:B`);
    assert.equal(await count(f.engine, key, 'Undo-A'), 0);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldCompleteThrowEventThatTriggeredCompensationHandler: each inner instance waits for its own Undo-A', async () => {
    const p = 'c-mi-own-throw';
    const inner = `${start('sub-start')} ${job('A', `${p}:A`)} ${compensationThrow('compensation-throw-event')}
       <bpmn:endEvent id="sub-end"><bpmn:extensionElements>${io([], [['= loopCounter', 'completed']])}</bpmn:extensionElements></bpmn:endEvent>
       ${chain('s', 'sub-start', 'A', 'compensation-throw-event', 'sub-end')} ${undoTask('A', 'Undo-A', `${p}:Undo-A`)}`;
    await deployProcess(
      f.engine,
      p,
      `${start()} ${subProcess('subprocess', inner, { mi: multiInstance({ inputCollection: '= [1,2,3]' }) })} ${end()} ${chain('f', 'start', 'subprocess', 'end')}`,
    );
    const key = await create(p);
    await doneTimes(`${p}:A`, 3);
    const undos = await f.engine.activateJobs({ type: `${p}:Undo-A`, worker: 'test', maxJobsToActivate: 3, timeout: 60_000 });
    assert.equal(undos.length, 3);
    const byLoop = new Map(undos.map((j) => [j.variables.loopCounter as number, j]));
    for (const loopCounter of [2, 3, 1]) {
      await f.engine.completeJob(byLoop.get(loopCounter)!.jobKey);
      assert.equal((await f.engine.getVariables(key)).completed, loopCounter, 'the inner instance whose handler completed went on');
    }
    assert.equal(await count(f.engine, key, 'compensation-throw-event', 'COMPLETED'), 3);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldInvokeSubprocessCompensationHandler: a sub-process handler runs B then C', async () => {
    const p = 'c-sub-handler';
    const handler = subProcess(
      'Undo-A',
      `${start('u-start')} ${job('B', `${p}:B`)} ${job('C', `${p}:C`)} ${end('u-end')} ${chain('u', 'u-start', 'B', 'C', 'u-end')}`,
      { attrs: forCompensation },
    );
    await deployProcess(f.engine, p, `${start()} ${job('A', `${p}:A`)} ${compensationEnd('end')} ${chain('f', 'start', 'A', 'end')} ${compensatedBy('A', 'Undo-A', handler)}`);
    const key = await create(p);
    await done(`${p}:A`);
    await done(`${p}:B`);
    assert.equal(await count(f.engine, key, 'end', 'ACTIVE'), 1);
    await done(`${p}:C`);
    await assertSubsequence(key, ['end:COMPLETED', 'Undo-A:COMPLETED', 'B:COMPLETED', 'C:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldCompensateSubprocess: the handler of a completed sub-process runs', async () => {
    const p = 'c-compensate-sub';
    const inner = `${start('sub-start')} ${job('A', `${p}:A`)} ${end('sub-end')} ${chain('s', 'sub-start', 'A', 'sub-end')}`;
    await deployProcess(
      f.engine,
      p,
      `${start()} ${subProcess('subprocess', inner)} ${compensationEnd('end')} ${chain('f', 'start', 'subprocess', 'end')} ${undoTask('subprocess', 'B', `${p}:B`)}`,
    );
    const key = await create(p);
    await done(`${p}:A`);
    await done(`${p}:B`);
    await assertSubsequence(key, ['subprocess:COMPLETED', 'end:COMPLETED', 'B:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldCompensateSubprocessWithInnerCompensationHandler: the sub-process handler B and the inner Undo-A both run', async () => {
    const p = 'c-sub-inner';
    const inner = `${start('sub-start')} ${job('A', `${p}:A`)} ${end('sub-end')} ${chain('s', 'sub-start', 'A', 'sub-end')} ${undoTask('A', 'Undo-A', `${p}:Undo-A`)}`;
    await deployProcess(
      f.engine,
      p,
      `${start()} ${subProcess('subprocess', inner)} ${compensationEnd('compensation-throw-event')} ${chain('f', 'start', 'subprocess', 'compensation-throw-event')}
       ${undoTask('subprocess', 'B', `${p}:B`)}`,
    );
    const key = await create(p);
    await done(`${p}:A`);
    await done(`${p}:Undo-A`);
    assert.equal(await count(f.engine, key, 'compensation-throw-event', 'ACTIVE'), 1, 'B is still running');
    await done(`${p}:B`);
    await assertSubsequence(key, ['subprocess:COMPLETED', 'compensation-throw-event:COMPLETED', 'B:COMPLETED', 'Undo-A:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldInvokeCallActivityCompensationHandler: a call activity handler calls the child process', async () => {
    const p = 'c-call-handler';
    await deployProcess(f.engine, `${p}-child`, `${start()} ${end()} ${flow('f1', 'start', 'end')}`);
    await deployProcess(
      f.engine,
      p,
      `${start()} ${job('A', `${p}:A`)} ${compensationEnd('end')} ${chain('f', 'start', 'A', 'end')}
       ${compensatedBy('A', 'Undo-A', callActivity('Undo-A', `${p}-child`, '', { attrs: forCompensation }))}`,
    );
    const key = await create(p);
    await done(`${p}:A`);
    await assertSubsequence(key, ['A:COMPLETED', 'end:COMPLETED', 'Undo-A:COMPLETED']);
    assert.equal((await f.engine.searchProcessInstances({ processDefinitionId: `${p}-child` })).filter((c) => c.parentProcessInstanceKey === key).length, 1);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldNotTriggerCompensationForChildProcess: compensation does not reach into a called process', async () => {
    const p = 'c-call-child';
    await deployProcess(
      f.engine,
      `${p}-child`,
      `${start()} ${job('B', `${p}:B`)} ${flow('f1', 'start', 'B')} ${undoTask('B', 'Undo-B', `${p}:Undo-B`)}`,
    );
    await deployProcess(
      f.engine,
      p,
      `${start()} ${callActivity('A', `${p}-child`)} ${compensationEnd('compensation-throw-event')} ${chain('f', 'start', 'A', 'compensation-throw-event')}
       ${undoTask('A', 'Undo-A', `${p}:Undo-A`)}`,
    );
    const key = await create(p);
    await done(`${p}:B`);
    await done(`${p}:Undo-A`);
    await assertSubsequence(key, ['A:COMPLETED', 'compensation-throw-event:COMPLETED', 'Undo-A:COMPLETED']);
    const [child] = (await f.engine.searchProcessInstances({ processDefinitionId: `${p}-child` })).filter((c) => c.parentProcessInstanceKey === key);
    assert.equal(await count(f.engine, child.processInstanceKey, 'Undo-B'), 0);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldInvokeMultiInstanceActivityCompensationHandler: a multi-instance handler runs once per item', async () => {
    const p = 'c-mi-handler';
    await deployProcess(
      f.engine,
      p,
      `${start()} ${job('A', `${p}:A`)} ${compensationEnd('compensation-throw-event')} ${chain('f', 'start', 'A', 'compensation-throw-event')}
       ${undoTask('A', 'Undo-A', `${p}:Undo-A`, { mi: multiInstance({ inputCollection: '= [1,2,3]' }) })}`,
    );
    const key = await create(p);
    await done(`${p}:A`);
    await doneTimes(`${p}:Undo-A`, 2);
    assert.equal(await count(f.engine, key, 'compensation-throw-event', 'ACTIVE'), 1);
    await done(`${p}:Undo-A`);
    assert.equal(await count(f.engine, key, 'Undo-A', 'COMPLETED', 'MULTI_INSTANCE_BODY'), 1);
    assert.equal(await count(f.engine, key, 'Undo-A', 'COMPLETED', 'SERVICE_TASK'), 3);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldTriggerCompensationFromEventSubprocess: an error event sub-process compensates the process scope', async () => {
    const p = 'c-esp';
    await deployProcess(
      f.engine,
      p,
      `${eventSubProcess('event-subprocess', `${errorStart('esp-start')} ${compensationEnd('esp-end')} ${flow('e1', 'esp-start', 'esp-end')}`)}
       ${start()} ${job('A', `${p}:A`)} ${job('B', `${p}:B`)} ${chain('f', 'start', 'A', 'B')} ${undoTask('A', 'Undo-A', `${p}:Undo-A`)}`,
    );
    const key = await create(p);
    await done(`${p}:A`);
    await f.engine.throwJobError((await oneJob(f.engine, `${p}:B`)).jobKey, { errorCode: 'error' });
    assert.equal(await count(f.engine, key, 'esp-end', 'ACTIVE'), 1);
    await done(`${p}:Undo-A`);
    await assertSubsequence(key, ['event-subprocess:COMPLETED', 'esp-end:COMPLETED', 'Undo-A:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldTriggerCompensationFromEventSubprocessWithCompensationHandlerInside: both the process scope and the event sub-process are compensated', async () => {
    const p = 'c-esp-inside';
    const esp = `${errorStart('esp-start')} ${job('C', `${p}:C`)} ${compensationEnd('compensation-throw-event')} ${chain('e', 'esp-start', 'C', 'compensation-throw-event')}
       ${undoTask('C', 'Undo-C', `${p}:Undo-C`)}`;
    await deployProcess(
      f.engine,
      p,
      `${eventSubProcess('event-subprocess', esp)} ${start()} ${job('A', `${p}:A`)} ${job('B', `${p}:B`)} ${chain('f', 'start', 'A', 'B')} ${undoTask('A', 'Undo-A', `${p}:Undo-A`)}`,
    );
    const key = await create(p);
    await done(`${p}:A`);
    await f.engine.throwJobError((await oneJob(f.engine, `${p}:B`)).jobKey, { errorCode: 'error' });
    await done(`${p}:C`);
    await done(`${p}:Undo-A`);
    await done(`${p}:Undo-C`);
    await assertSubsequence(key, ['event-subprocess:COMPLETED', 'compensation-throw-event:COMPLETED', 'Undo-A:COMPLETED', 'Undo-C:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldNotTriggerCompensationFromEventSubprocessInsideSubprocess: a sub-process inside the event sub-process compensates only itself', async () => {
    const p = 'c-esp-sub';
    const sub = `${start('s-start')} ${job('D', `${p}:D`)} ${compensationEnd('compensation-throw-event')} ${chain('s', 's-start', 'D', 'compensation-throw-event')}
       ${undoTask('D', 'Undo-D', `${p}:Undo-D`)}`;
    const esp = `${errorStart('esp-start')} ${job('C', `${p}:C`)} ${subProcess('subprocess', sub)} ${chain('e', 'esp-start', 'C', 'subprocess')}
       ${undoTask('C', 'Undo-C', `${p}:Undo-C`)}`;
    await deployProcess(
      f.engine,
      p,
      `${eventSubProcess('event-subprocess', esp)} ${start()} ${job('A', `${p}:A`)} ${job('B', `${p}:B`)} ${chain('f', 'start', 'A', 'B')} ${undoTask('A', 'Undo-A', `${p}:Undo-A`)}`,
    );
    const key = await create(p);
    await done(`${p}:A`);
    await f.engine.throwJobError((await oneJob(f.engine, `${p}:B`)).jobKey, { errorCode: 'error' });
    await done(`${p}:C`);
    await done(`${p}:D`);
    await done(`${p}:Undo-D`);
    await assertSubsequence(key, ['event-subprocess:COMPLETED', 'subprocess:COMPLETED', 'compensation-throw-event:COMPLETED', 'Undo-D:COMPLETED']);
    assert.equal(await count(f.engine, key, 'Undo-A'), 0);
    assert.equal(await count(f.engine, key, 'Undo-C'), 0);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldTriggerCompensationForActivityFromEventSubprocess: activityRef="A" from the event sub-process compensates A only', async () => {
    const p = 'c-esp-ref';
    await deployProcess(
      f.engine,
      p,
      `${eventSubProcess('event-subprocess', `${errorStart('esp-start')} ${compensationEnd('compensation-throw-event', 'A')} ${flow('e1', 'esp-start', 'compensation-throw-event')}`)}
       ${start()} ${job('A', `${p}:A`)} ${job('B', `${p}:B`)} ${job('C', `${p}:C`)} ${chain('f', 'start', 'A', 'B', 'C')}
       ${undoTask('A', 'Undo-A', `${p}:Undo-A`)} ${undoTask('B', 'Undo-B', `${p}:Undo-B`)}`,
    );
    const key = await create(p);
    await done(`${p}:A`);
    await done(`${p}:B`);
    await f.engine.throwJobError((await oneJob(f.engine, `${p}:C`)).jobKey, { errorCode: 'error' });
    await done(`${p}:Undo-A`);
    await assertSubsequence(key, ['event-subprocess:COMPLETED', 'compensation-throw-event:COMPLETED', 'Undo-A:COMPLETED']);
    assert.equal(await count(f.engine, key, 'Undo-B'), 0);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldNotTriggerCompensationForSubprocessAgain: of two throw events for the sub-process, one compensates it', async () => {
    const p = 'c-sub-again';
    const inner = `${start('sub-start')} ${job('A', `${p}:A`)} ${flow('s1', 'sub-start', 'A')} ${undoTask('A', 'Undo-A', `${p}:Undo-A`)}`;
    await deployProcess(
      f.engine,
      p,
      `${start()} ${subProcess('subprocess', inner)} ${parallel('fork')}
       ${compensationThrow('compensation-throw-event-1', 'subprocess')} ${compensationThrow('compensation-throw-event-2', 'subprocess')}
       ${chain('f', 'start', 'subprocess', 'fork')} ${flow('t1', 'fork', 'compensation-throw-event-1')} ${flow('t2', 'fork', 'compensation-throw-event-2')}`,
    );
    const key = await create(p);
    await done(`${p}:A`);
    assert.equal(
      (await count(f.engine, key, 'compensation-throw-event-1', 'COMPLETED')) + (await count(f.engine, key, 'compensation-throw-event-2', 'COMPLETED')),
      1,
    );
    await done(`${p}:Undo-A`);
    assert.equal(await count(f.engine, key, 'Undo-A'), 1);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldCompensateCallActivity: the handler of a completed call activity runs', async () => {
    const p = 'c-compensate-call';
    await deployProcess(f.engine, `${p}-child`, `${start()} ${end()} ${flow('f1', 'start', 'end')}`);
    await deployProcess(
      f.engine,
      p,
      `${start()} ${callActivity('A', `${p}-child`)} ${compensationEnd('end')} ${chain('f', 'start', 'A', 'end')} ${undoTask('A', 'Undo-A', `${p}:Undo-A`)}`,
    );
    const key = await create(p);
    assert.equal(await count(f.engine, key, 'end', 'ACTIVE'), 1);
    await done(`${p}:Undo-A`);
    await assertSubsequence(key, ['A:COMPLETED', 'end:COMPLETED', 'Undo-A:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldNotTriggerCompensationIfCallActivityIsActive: an active call activity is not compensated', async () => {
    const p = 'c-call-active';
    await deployProcess(f.engine, `${p}-child`, `${start()} ${job('A', `${p}:A`)} ${end()} ${chain('f', 'start', 'A', 'end')}`);
    await deployProcess(
      f.engine,
      p,
      `${start()} ${callActivity('A', `${p}-child`)} ${job('B', `${p}:B`)} ${compensationThrow('compensation-throw-event')} ${end()}
       ${flow('f0', 'start', 'fork')} ${parallel('fork')} ${parallel('join')} ${flow('fl', 'fork', 'A')} ${flow('fr', 'fork', 'B')}
       ${flow('fb', 'B', 'compensation-throw-event')} ${flow('jl', 'A', 'join')} ${flow('jr', 'compensation-throw-event', 'join')} ${flow('je', 'join', 'end')}
       ${undoTask('A', 'Undo-A', `${p}:Undo-A`)}`,
    );
    const key = await create(p);
    await done(`${p}:B`);
    assert.equal(await count(f.engine, key, 'compensation-throw-event', 'COMPLETED'), 1);
    await done(`${p}:A`);
    assert.equal(await count(f.engine, key, 'Undo-A'), 0);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldTriggerCompensationFromEventSubprocessInsideSubprocess: only the sub-process scope is compensated', async () => {
    const p = 'c-esp-in-sub';
    const sub = `${eventSubProcess('event-subprocess', `${errorStart('esp-start')} ${compensationEnd('compensation-throw-event')} ${flow('e1', 'esp-start', 'compensation-throw-event')}`)}
       ${start('sub-start')} ${job('A', `${p}:A`)} ${job('B', `${p}:B`)} ${chain('s', 'sub-start', 'A', 'B')} ${undoTask('A', 'Undo-A', `${p}:Undo-A`)}`;
    await deployProcess(
      f.engine,
      p,
      `${start()} ${subProcess('subprocess', sub)} ${job('C', `${p}:C`)} ${end()} ${flow('f0', 'start', 'fork')} ${forked('subprocess', 'C', 'end')}
       ${undoTask('C', 'Undo-C', `${p}:Undo-C`)}`,
    );
    const key = await create(p);
    await done(`${p}:A`);
    await done(`${p}:C`);
    await f.engine.throwJobError((await oneJob(f.engine, `${p}:B`)).jobKey, { errorCode: 'error' });
    await done(`${p}:Undo-A`);
    await assertSubsequence(key, ['subprocess:COMPLETED', 'event-subprocess:COMPLETED', 'compensation-throw-event:COMPLETED', 'Undo-A:COMPLETED']);
    assert.equal(await count(f.engine, key, 'Undo-C'), 0);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldTriggerCompensationForActivityFromEventSubprocessInsideSubprocess: activityRef="B" from an event sub-process in the sub-process', async () => {
    const p = 'c-esp-ref-in-sub';
    const sub = `${eventSubProcess('event-subprocess', `${errorStart('esp-start')} ${compensationEnd('compensation-throw-event', 'B')} ${flow('e1', 'esp-start', 'compensation-throw-event')}`)}
       ${start('sub-start')} ${job('B', `${p}:B`)} ${job('C', `${p}:C`)} ${job('D', `${p}:D`)} ${chain('s', 'sub-start', 'B', 'C', 'D')}
       ${undoTask('B', 'Undo-B', `${p}:Undo-B`)} ${undoTask('C', 'Undo-C', `${p}:Undo-C`)}`;
    await deployProcess(
      f.engine,
      p,
      `${start()} ${job('A', `${p}:A`)} ${subProcess('subprocess', sub)} ${end()} ${chain('f', 'start', 'A', 'subprocess', 'end')} ${undoTask('A', 'Undo-A', `${p}:Undo-A`)}`,
    );
    const key = await create(p);
    await done(`${p}:A`);
    await done(`${p}:B`);
    await done(`${p}:C`);
    await f.engine.throwJobError((await oneJob(f.engine, `${p}:D`)).jobKey, { errorCode: 'error' });
    await done(`${p}:Undo-B`);
    await assertSubsequence(key, ['subprocess:COMPLETED', 'event-subprocess:COMPLETED', 'compensation-throw-event:COMPLETED', 'Undo-B:COMPLETED']);
    assert.equal(await count(f.engine, key, 'Undo-A'), 0);
    assert.equal(await count(f.engine, key, 'Undo-C'), 0);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventExecutionTest.java
  it('CompensationEventExecutionTest#shouldTriggerCompensationForActivityInsideEventSubprocess: activityRef="C" inside the event sub-process', async () => {
    const p = 'c-esp-ref-inside';
    const esp = `${errorStart('esp-start')} ${job('C', `${p}:C`)} ${compensationEnd('compensation-throw-event', 'C')} ${chain('e', 'esp-start', 'C', 'compensation-throw-event')}
       ${undoTask('C', 'Undo-C', `${p}:Undo-C`)}`;
    await deployProcess(
      f.engine,
      p,
      `${eventSubProcess('event-subprocess', esp)} ${start()} ${job('A', `${p}:A`)} ${job('B', `${p}:B`)} ${chain('f', 'start', 'A', 'B')} ${undoTask('A', 'Undo-A', `${p}:Undo-A`)}`,
    );
    const key = await create(p);
    await done(`${p}:A`);
    await f.engine.throwJobError((await oneJob(f.engine, `${p}:B`)).jobKey, { errorCode: 'error' });
    await done(`${p}:C`);
    await done(`${p}:Undo-C`);
    await assertSubsequence(key, ['event-subprocess:COMPLETED', 'compensation-throw-event:COMPLETED', 'Undo-C:COMPLETED']);
    assert.equal(await count(f.engine, key, 'Undo-A'), 0);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/compensation/CompensationEventTest.java
  describe('deployment (Zeebe CompensationEventTest)', () => {
    const handler = (p: string) => job('undo', `${p}:undo`, { attrs: forCompensation });
    const refused = (p: string, content: string, message: RegExp) =>
      assert.rejects(deployProcess(f.engine, p, `${start()} ${job('A', `${p}:A`)} ${end()} ${chain('f', 'start', 'A', 'end')} ${content}`), message);

    it('CompensationEventTest#shouldNotDeployCompensationBoundaryEventWithoutAssociation: refused, naming the boundary event', async () => {
      await refused('c-no-association', `${compensationBoundary('boundary', 'A')} ${handler('c-no-association')}`, /'boundary'.*must have a compensation association and no outgoing sequence flows/);
    });

    it('CompensationEventTest#shouldNotDeployCompensationHandlerWithIncomingFlow: refused, naming the handler', async () => {
      await refused('c-incoming', `${compensatedBy('A', 'undo', handler('c-incoming'))} ${job('X', 'c-incoming:X')} ${flow('fx', 'X', 'undo')}`, /'undo'.*should have no incoming sequence flows/);
    });

    it('CompensationEventTest#shouldNotDeployCompensationHandlerWithOutgoingFlow: refused, naming the handler', async () => {
      await refused('c-outgoing', `${compensatedBy('A', 'undo', handler('c-outgoing'))} ${end('x')} ${flow('fx', 'undo', 'x')}`, /'undo'.*should have no outgoing sequence flows/);
    });

    it('CompensationEventTest#shouldNotDeployCompensationHandlerWithBoundaryEvent: refused, naming the handler', async () => {
      await refused('c-handler-boundary', `${compensatedBy('A', 'undo', handler('c-handler-boundary'))} ${undoTask('undo', 'undo-again', 'c-handler-boundary:undo-again')}`, /'undo'.*should have no boundary events/);
    });

    it('CompensationEventTest#shouldNotDeployCompensationEndEventWithWaitForCompletionFalse: refused', async () => {
      await refused(
        'c-end-no-wait',
        `<bpmn:endEvent id="compensation-end"><bpmn:compensateEventDefinition waitForCompletion="false" /></bpmn:endEvent>`,
        /'compensation-end'.*A compensation end event waitForCompletion attribute must be true or not present/,
      );
    });

    it('CompensationEventTest#shouldNotDeployCompensationIntermediateThrowEventWithWaitForCompletionFalse: refused', async () => {
      await refused(
        'c-no-wait',
        `<bpmn:intermediateThrowEvent id="throw"><bpmn:compensateEventDefinition waitForCompletion="false" /></bpmn:intermediateThrowEvent>`,
        /'throw'.*waitForCompletion attribute must be true or not present/,
      );
    });

    it('CompensationEventTest#shouldNotDeployCompensationEventSubprocess: a compensation start event in an event sub-process is refused', async () => {
      const p = 'c-compensation-esp';
      const esp = `<bpmn:startEvent id="compensation-start"><bpmn:compensateEventDefinition /></bpmn:startEvent> ${end('esp-end')} ${flow('e1', 'compensation-start', 'esp-end')}`;
      await refused(p, eventSubProcess('subprocess', esp), /'compensation-start'.*compensation event sub-processes/);
    });

    it('CompensationEventTest#shouldDeployCompensationBoundaryEvent: a boundary event associated with its handler is accepted', async () => {
      await deployProcess(f.engine, 'c-deploy', `${start()} ${job('A', 'c-deploy:A')} ${end()} ${chain('f', 'start', 'A', 'end')} ${undoTask('A', 'undo', 'c-deploy:undo')}`);
    });
  });
});
