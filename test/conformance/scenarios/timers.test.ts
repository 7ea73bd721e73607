import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bpmn, deploy, flow, openEngine, serviceTask, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import {
  advance,
  boundaryEvent,
  catchEvent,
  chain,
  endEvent,
  eventSubProcess,
  exclusiveGateway,
  minute,
  parallelGateway,
  second,
  startEvent,
  stateOf,
  statesOf,
  timerDef,
  type TimerKind,
} from './event-builders.js';

/**
 * Timer catch events and timer boundary events, mirroring Zeebe's TimerCatchEventTest. Zeebe's ENGINE.increaseTime(d) is `advance(f, d)`:
 * move the manual clock, then let the engine fire what is due. A timer that is due at once (PT0S)
 * fires on the next runDueWork(), as Zeebe's due-date checker fires it without moving the clock.
 */
describe('conformance: timer catch and boundary events (Zeebe TimerCatchEventTest)', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  /** start → catch "timer" → end. */
  const singleTimer = (pid: string, kind: TimerKind, value: string) =>
    bpmn(pid, `${startEvent('start')}${catchEvent('timer', timerDef(kind, value))}${endEvent('end')}${chain('start', 'timer', 'end')}`);

  /** start → task (job `${pid}-type`) → taskEnd, with timer boundary "timer" → eventEnd. */
  const boundaryTimer = (pid: string, kind: TimerKind, value: string, interrupting = true) =>
    bpmn(
      pid,
      `${startEvent('start')}${serviceTask('task', `${pid}-type`)}${boundaryEvent('timer', 'task', timerDef(kind, value), { interrupting })}
       ${endEvent('eventEnd')}${endEvent('taskEnd')}${chain('start', 'task', 'taskEnd')}${chain('timer', 'eventEnd')}`,
    );

  // ------------------------------------------------------------------ TimerCatchEventTest

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerCatchEventTest.java
  it('TimerCatchEventTest#testLifeCycle: a PT0S timer catch event is activated, triggered and completed', async () => {
    const pid = 'tc-lifecycle';
    await deploy(f.engine, pid, singleTimer(pid, 'duration', 'PT0S'));
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
    await f.engine.runDueWork();
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'timer'), ['COMPLETED']);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerCatchEventTest.java
  it('TimerCatchEventTest#shouldCreateTimer: a PT10S timer waits ten seconds from the activation of its catch event', async () => {
    const pid = 'tc-create';
    await deploy(f.engine, pid, singleTimer(pid, 'duration', 'PT10S'));
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
    await advance(f, 10 * second - 1);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'timer'), ['ACTIVE']);
    await advance(f, 1);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'timer'), ['COMPLETED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerCatchEventTest.java
  it('TimerCatchEventTest#shouldCreateTimerFromFeelExpression: a duration given as the FEEL expression ="PT10S"', async () => {
    const pid = 'tc-create-feel';
    await deploy(f.engine, pid, singleTimer(pid, 'duration', '="PT10S"'));
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
    await advance(f, 10 * second - 1);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'timer'), ['ACTIVE']);
    await advance(f, 1);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'timer'), ['COMPLETED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerCatchEventTest.java
  it('TimerCatchEventTest#shouldTriggerTimer: a PT1M timer is triggered once a minute has passed', async () => {
    const pid = 'tc-trigger';
    await deploy(f.engine, pid, singleTimer(pid, 'duration', 'PT1M'));
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
    await f.engine.runDueWork();
    assert.equal(await stateOf(f.engine, processInstanceKey), 'ACTIVE');
    await advance(f, minute);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerCatchEventTest.java
  it('TimerCatchEventTest#shouldCompleteTimerEvent: the element instance activated for the timer is the one completed', async () => {
    const pid = 'tc-complete';
    await deploy(f.engine, pid, singleTimer(pid, 'duration', 'PT1M'));
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
    const [activated] = (await f.engine.getElementInstances(processInstanceKey)).filter((e) => e.elementId === 'timer');
    assert.equal(activated.state, 'ACTIVE');
    await advance(f, minute);
    const timers = (await f.engine.getElementInstances(processInstanceKey)).filter((e) => e.elementId === 'timer');
    assert.deepEqual(timers.map((t) => [t.elementInstanceKey, t.state]), [[activated.elementInstanceKey, 'COMPLETED']]);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerCatchEventTest.java
  it(
    'TimerCatchEventTest#shouldTriggerTimerDateTime: a date =now() + duration("PT1M") is due one minute after activation',
    async () => {
      const pid = 'tc-trigger-datetime';
      await deploy(f.engine, pid, singleTimer(pid, 'date', '=now() + duration("PT1M")'));
      const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
      await f.engine.runDueWork();
      assert.equal(await stateOf(f.engine, processInstanceKey), 'ACTIVE', 'not due before a minute has passed');
      await advance(f, minute);
      assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerCatchEventTest.java
  it(
    'TimerCatchEventTest#shouldCompleteTimerEventDateTime: the date timer completes the element instance that waited',
    async () => {
      const pid = 'tc-complete-datetime';
      await deploy(f.engine, pid, singleTimer(pid, 'date', '=now() + duration("PT1M")'));
      const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
      await f.engine.runDueWork();
      const [activated] = (await f.engine.getElementInstances(processInstanceKey)).filter((e) => e.elementId === 'timer');
      assert.equal(activated.state, 'ACTIVE');
      await advance(f, minute);
      const timers = (await f.engine.getElementInstances(processInstanceKey)).filter((e) => e.elementId === 'timer');
      assert.deepEqual(timers.map((t) => [t.elementInstanceKey, t.state]), [[activated.elementInstanceKey, 'COMPLETED']]);
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerCatchEventTest.java
  it('TimerCatchEventTest#shouldTriggerTimerWithZeroDuration: a PT0S timer is triggered without moving the clock', async () => {
    const pid = 'tc-zero';
    await deploy(f.engine, pid, singleTimer(pid, 'duration', 'PT0S'));
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
    await f.engine.runDueWork();
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerCatchEventTest.java
  it('TimerCatchEventTest#shouldTriggerTimerWithNegativeDuration: a -PT1H timer is already due and is triggered', async () => {
    const pid = 'tc-negative';
    await deploy(f.engine, pid, singleTimer(pid, 'duration', '-PT1H'));
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
    await f.engine.runDueWork();
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerCatchEventTest.java
  it('TimerCatchEventTest#shouldTriggerMultipleTimers: two parallel timers fire each at its own time', async () => {
    const pid = 'tc-multiple';
    await deploy(
      f.engine,
      pid,
      bpmn(
        pid,
        `${startEvent('start')}${parallelGateway('fork')}${catchEvent('timer1', timerDef('duration', 'PT1S'))}${catchEvent('timer2', timerDef('duration', 'PT2S'))}
         ${endEvent('end1')}${endEvent('end2')}${chain('start', 'fork', 'timer1', 'end1')}${chain('fork', 'timer2', 'end2')}`,
      ),
    );
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
    await advance(f, second);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'timer1'), ['COMPLETED']);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'timer2'), ['ACTIVE']);
    await advance(f, second);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'timer2'), ['COMPLETED']);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerCatchEventTest.java
  it('TimerCatchEventTest#shouldCancelTimer: cancelling the instance cancels its timer', async () => {
    const pid = 'tc-cancel';
    await deploy(f.engine, pid, singleTimer(pid, 'duration', 'PT10S'));
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
    await f.engine.cancelProcessInstance(processInstanceKey);
    await advance(f, 10 * second);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'timer'), ['TERMINATED']);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'end'), []);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'TERMINATED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerCatchEventTest.java
  it('TimerCatchEventTest#shouldCreateTimerBasedOnBoundaryEvent: a PT1S boundary timer is due one second after the task is activated', async () => {
    const pid = 'tc-boundary-create';
    await deploy(f.engine, pid, boundaryTimer(pid, 'duration', 'PT1S'));
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
    await advance(f, second - 1);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'task'), ['ACTIVE']);
    await advance(f, 1);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'timer'), ['COMPLETED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerCatchEventTest.java
  it('TimerCatchEventTest#shouldTriggerHandlerNodeWhenAttachedToActivity: the boundary timer completes and takes its flow', async () => {
    const pid = 'tc-boundary-trigger';
    await deploy(f.engine, pid, boundaryTimer(pid, 'duration', 'PT1S'));
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
    await advance(f, second);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'timer'), ['COMPLETED']);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'task'), ['TERMINATED']);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'eventEnd'), ['COMPLETED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerCatchEventTest.java
  it(
    'TimerCatchEventTest#shouldTriggerHandlerNodeWhenAttachedToActivityDateTime: a boundary timer at =now() + duration("PT1M")',
    async () => {
      const pid = 'tc-boundary-datetime';
      await deploy(f.engine, pid, boundaryTimer(pid, 'date', '=now() + duration("PT1M")'));
      const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
      await f.engine.runDueWork();
      assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'task'), ['ACTIVE'], 'not due before a minute has passed');
      await advance(f, minute);
      assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'timer'), ['COMPLETED']);
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerCatchEventTest.java
  it('TimerCatchEventTest#shouldRecreateTimerWithCycle: a non-interrupting R2/PT1S boundary timer fires twice, a second apart', async () => {
    const pid = 'tc-cycle-r2';
    await deploy(f.engine, pid, boundaryTimer(pid, 'cycle', 'R2/PT1S', false));
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
    await advance(f, second);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'timer'), ['COMPLETED']);
    await advance(f, second);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'timer'), ['COMPLETED', 'COMPLETED']);
    await advance(f, second);
    assert.equal((await statesOf(f.engine, processInstanceKey, 'timer')).length, 2, 'R2: two repetitions only');
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'task'), ['ACTIVE']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerCatchEventTest.java
  it('TimerCatchEventTest#shouldRecreateTimerForTheSpecifiedAmountOfRepetitions: R1 fires once and R3 three times', async () => {
    const pid = 'tc-cycle-repetitions';
    await deploy(
      f.engine,
      pid,
      bpmn(
        pid,
        `${startEvent('start')}${parallelGateway('gw')}${serviceTask('task-1', `${pid}-type`)}${serviceTask('task-2', `${pid}-type`)}
         ${boundaryEvent('timer-1', 'task-1', timerDef('cycle', 'R1/PT1S'), { interrupting: false })}
         ${boundaryEvent('timer-2', 'task-2', timerDef('cycle', 'R3/PT1S'), { interrupting: false })}
         ${endEvent('end-1')}${endEvent('end-2')}${chain('start', 'gw', 'task-1')}${chain('gw', 'task-2')}${chain('timer-1', 'end-1')}${chain('timer-2', 'end-2')}`,
      ),
    );
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
    await advance(f, second);
    await advance(f, second);
    await advance(f, second);
    await advance(f, second);
    assert.equal((await statesOf(f.engine, processInstanceKey, 'timer-1')).length, 1);
    assert.equal((await statesOf(f.engine, processInstanceKey, 'timer-2')).length, 3);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerCatchEventTest.java
  it('TimerCatchEventTest#shouldRecreateTimerInfinitely: an R/PT1S boundary timer fires every second', async () => {
    const pid = 'tc-cycle-infinite';
    await deploy(f.engine, pid, boundaryTimer(pid, 'cycle', 'R/PT1S', false));
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
    for (let i = 0; i < 10; i++) await advance(f, second);
    assert.equal((await statesOf(f.engine, processInstanceKey, 'timer')).length, 10);
    await f.engine.cancelProcessInstance(processInstanceKey);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerCatchEventTest.java
  it('TimerCatchEventTest#shouldHaveNoSourceRecordPositionOnTimerTrigger: a timer event sub-process still fires while the instance has an incident', async () => {
    const pid = 'tc-timer-with-incident';
    await deploy(
      f.engine,
      pid,
      bpmn(
        pid,
        `${eventSubProcess('eventSub', `${startEvent('subStart', timerDef('duration', 'PT15S'))}${endEvent('subEnd')}${chain('subStart', 'subEnd')}`)}
         ${startEvent('start')}${exclusiveGateway('xor')}${endEvent('end')}
         ${chain('start', 'xor')}${flow('s1', 'xor', 'end', '=foo < 5')}`,
      ),
    );
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
    assert.equal((await f.engine.searchIncidents({ processInstanceKey, state: 'ACTIVE' })).length, 1);
    await advance(f, minute);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'eventSub'), ['COMPLETED']);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerCatchEventTest.java
  it(
    'TimerCatchEventTest#shouldRaiseIncidentWhenDurationExpressionResultIsNotADuration: a duration expression yielding a date is an incident',
    async () => {
      const pid = 'tc-not-a-duration';
      await deploy(f.engine, pid, singleTimer(pid, 'duration', '=today() + duration("P1D")'));
      const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
      const [incident] = await f.engine.searchIncidents({ processInstanceKey });
      assert.equal(incident?.elementId, 'timer');
      assert.equal(
        incident?.errorMessage,
        `Expected result of the expression 'today() + duration("P1D")' to be one of '[DURATION, PERIOD, STRING]', but was 'DATE'.`,
      );
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerCatchEventTest.java
  // Last in the file: it moves the clock to the year 2178.
  it(
    'TimerCatchEventTest#shouldCreateTimerBasedOnBoundaryWithDateTimeEvent: a boundary timer at the absolute FEEL date 2178-11-25T00:00Z',
    async () => {
      const pid = 'tc-boundary-absolute';
      await deploy(f.engine, pid, boundaryTimer(pid, 'date', '=date and time(date("2178-11-25"),time("T00:00:00@UTC"))'));
      const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
      const due = Date.parse('2178-11-25T00:00:00Z');
      f.clock.advance(due - f.clock.now().getTime() - 1);
      await f.engine.runDueWork();
      assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'task'), ['ACTIVE'], 'not due before 2178-11-25');
      f.clock.advance(1);
      await f.engine.runDueWork();
      assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'timer'), ['COMPLETED']);
    },
  );
});
