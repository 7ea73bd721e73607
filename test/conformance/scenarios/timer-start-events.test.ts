import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bpmn, deploy, openEngine, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import { advance, chain, endEvent, hour, instancesOf, message, messageDef, minute, second, startEvent, statesOf, timerDef } from './event-builders.js';

/**
 * Timer start events, mirroring Zeebe's TimerStartEventTest
 * (zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerStartEventTest.java).
 * Zeebe's ENGINE.increaseTime(d) is `advance(f, d)`. One engine serves the file, so every scenario
 * has its own process id; timers of earlier scenarios keep firing for their own processes only.
 */
describe('conformance: timer start events (Zeebe TimerStartEventTest)', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  const iso = (offsetMs: number) => new Date(f.clock.now().getTime() + offsetMs).toISOString();
  const started = async (pid: string) => (await instancesOf(f.engine, pid)).length;
  /** Deploys a version with a none start event, which cancels the timers of the previous one. */
  const stop = (pid: string) => deploy(f.engine, pid, bpmn(pid, `${startEvent('stop')}${endEvent('stopped')}${chain('stop', 'stopped')}`));
  /** start (timer) → end. */
  const timerStart = (pid: string, startId: string, endId: string, kind: 'date' | 'cycle', value: string) => {
    if (kind === 'cycle') cycles.add(pid);
    return bpmn(pid, `${startEvent(startId, timerDef(kind, value))}${endEvent(endId)}${chain(startId, endId)}`);
  };
  /** Processes given a cycle timer start event; the last scenario stops them before moving the clock by 150 years. */
  const cycles = new Set<string>();

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerStartEventTest.java
  it('TimerStartEventTest#shouldCreateTimer: an R1/PT1S timer start event is due within a second of the deployment', async () => {
    const pid = 'ts-create';
    await deploy(f.engine, pid, timerStart(pid, 'start_1', 'end_1', 'cycle', 'R1/PT1S'));
    await advance(f, second - 1);
    assert.equal(await started(pid), 0);
    await advance(f, 1);
    assert.equal(await started(pid), 1);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerStartEventTest.java
  it(
    'TimerStartEventTest#shouldNotReTriggerTimerAfterDuplicateDeployment: redeploying the same model neither re-arms nor re-fires its timer',
    async () => {
      const pid = 'ts-duplicate-deployment';
      const first = timerStart(pid, 'start_5', 'end_5', 'date', '=now() + duration("PT15S")');
      await deploy(f.engine, pid, first);
      await f.engine.runDueWork();
      assert.equal(await started(pid), 0, 'not due before 15 seconds');
      await advance(f, minute);
      assert.equal(await started(pid), 1);
      await deploy(f.engine, pid, first);
      await advance(f, minute);
      assert.equal(await started(pid), 1, 'the duplicate deployment does not trigger the timer again');
      await deploy(f.engine, pid, timerStart(pid, 'start_6', 'end_5', 'date', '=now() + duration("PT15S")'));
      await advance(f, minute);
      const instances = await instancesOf(f.engine, pid);
      assert.deepEqual(instances.map((i) => i.processDefinitionVersion), [1, 2]);
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerStartEventTest.java
  it(
    'TimerStartEventTest#shouldCreateRepeatingTimerFromFeelExpression: a cycle given as =cycle(duration("PT1S"))',
    async () => {
      const pid = 'ts-feel-cycle';
      await deploy(f.engine, pid, timerStart(pid, 'start_6', 'end_6', 'cycle', '=cycle(duration("PT1S"))'));
      await advance(f, 10 * second);
      assert.ok((await started(pid)) >= 1);
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerStartEventTest.java
  it('TimerStartEventTest#shouldTriggerAndCreateProcessInstance: the timer starts an instance of version 1 at its timer start event', async () => {
    const pid = 'ts-trigger';
    await deploy(f.engine, pid, timerStart(pid, 'start_1', 'end_1', 'cycle', 'R1/PT1S'));
    await advance(f, 2 * second);
    const instances = await instancesOf(f.engine, pid);
    assert.equal(instances.length, 1);
    assert.equal(instances[0].processDefinitionVersion, 1);
    assert.deepEqual(await statesOf(f.engine, instances[0].processInstanceKey, 'start_1'), ['COMPLETED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerStartEventTest.java
  it('TimerStartEventTest#shouldCreateMultipleProcessInstancesWithRepeatingTimer: R2/PT3S starts one instance every three seconds', async () => {
    const pid = 'ts-repeating';
    await deploy(f.engine, pid, timerStart(pid, 'start_3', 'end_3', 'cycle', 'R2/PT3S'));
    await advance(f, 3 * second);
    assert.equal(await started(pid), 1);
    await advance(f, 3 * second);
    assert.equal(await started(pid), 2);
    await advance(f, 3 * second);
    assert.equal(await started(pid), 2, 'R2: two repetitions only');
    await stop(pid);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerStartEventTest.java
  it('TimerStartEventTest#shouldCompleteProcess: the instance started by the timer completes', async () => {
    const pid = 'ts-complete';
    await deploy(f.engine, pid, timerStart(pid, 'start_1', 'end_1', 'cycle', 'R1/PT1S'));
    await advance(f, second);
    const [instance] = await instancesOf(f.engine, pid);
    assert.equal(instance?.state, 'COMPLETED');
    assert.equal(instance?.processDefinitionVersion, 1);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerStartEventTest.java
  it('TimerStartEventTest#shouldUpdateProcess: after a new version, the new timer starts instances of version 2', async () => {
    const pid = 'ts-update';
    await deploy(f.engine, pid, timerStart(pid, 'start_1', 'end_1', 'cycle', 'R1/PT1S'));
    await advance(f, second);
    const [first] = await instancesOf(f.engine, pid);
    assert.deepEqual(await statesOf(f.engine, first.processInstanceKey, 'end_1'), ['COMPLETED']);
    await deploy(f.engine, pid, timerStart(pid, 'start_2', 'end_2', 'cycle', 'R/PT1S'));
    await advance(f, 2 * second);
    const latest = (await instancesOf(f.engine, pid)).at(-1)!;
    assert.equal(latest.processDefinitionVersion, 2);
    assert.deepEqual(await statesOf(f.engine, latest.processInstanceKey, 'end_2'), ['COMPLETED']);
    await stop(pid);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerStartEventTest.java
  it('TimerStartEventTest#shouldReplaceTimerStartWithNoneStart: a version with a none start event cancels the timer', async () => {
    const pid = 'ts-replace-with-none';
    await deploy(f.engine, pid, timerStart(pid, 'start_2', 'end_2', 'cycle', 'R/PT1S'));
    await advance(f, second);
    assert.equal(await started(pid), 1);
    await deploy(f.engine, pid, bpmn(pid, `${startEvent('start_4')}${endEvent('end_4')}${chain('start_4', 'end_4')}`));
    await advance(f, 2 * second);
    assert.equal(await started(pid), 1, 'the timer of version 1 no longer fires');
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
    const instance = await f.engine.getProcessInstance(processInstanceKey);
    assert.equal(instance.processDefinitionVersion, 2);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'end_4'), ['COMPLETED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerStartEventTest.java
  it('TimerStartEventTest#shouldUpdateTimerPeriod: a new version with R2/PT4S replaces the R2/PT3S timer', async () => {
    const pid = 'ts-update-period';
    await deploy(f.engine, pid, timerStart(pid, 'start_3', 'end_3', 'cycle', 'R2/PT3S'));
    await advance(f, 3 * second);
    assert.equal(await started(pid), 1);
    await deploy(f.engine, pid, timerStart(pid, 'start_4', 'end_4', 'cycle', 'R2/PT4S'));
    await advance(f, 3 * second);
    assert.equal(await started(pid), 1, 'the 3-second timer of version 1 was cancelled');
    await advance(f, second);
    const instances = await instancesOf(f.engine, pid);
    assert.deepEqual(instances.map((i) => i.processDefinitionVersion), [1, 2]);
    await stop(pid);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerStartEventTest.java
  it('TimerStartEventTest#shouldTriggerDifferentProcessesSeparately: R/PT1S and R2/PT3S fire for their own processes', async () => {
    const three = 'ts-separately-3';
    const repeating = 'ts-separately-1';
    await deploy(f.engine, three, timerStart(three, 'start_3', 'end_3', 'cycle', 'R2/PT3S'));
    await deploy(f.engine, repeating, timerStart(repeating, 'start_2', 'end_2', 'cycle', 'R/PT1S'));
    await advance(f, second);
    assert.equal(await started(repeating), 1);
    assert.equal(await started(three), 0);
    await advance(f, 2 * second);
    assert.ok((await started(repeating)) >= 2);
    assert.equal(await started(three), 1);
    await stop(repeating);
    await stop(three);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerStartEventTest.java
  it('TimerStartEventTest#shouldCreateMultipleInstanceAtTheCorrectTimes: two timer start events of one process fire at their own pace', async () => {
    const pid = 'ts-two-timers';
    await deploy(
      f.engine,
      pid,
      bpmn(
        pid,
        `${startEvent('start_4', timerDef('cycle', 'R/PT2S'))}${endEvent('end_4')}${startEvent('start_4_2', timerDef('cycle', 'R/PT3S'))}${endEvent('end_4_2')}
         ${chain('start_4', 'end_4')}${chain('start_4_2', 'end_4_2')}`,
      ),
    );
    const ends = async () => {
      const result: string[] = [];
      for (const i of await instancesOf(f.engine, pid)) {
        for (const e of await f.engine.getElementInstances(i.processInstanceKey)) if (e.type === 'END_EVENT') result.push(e.elementId);
      }
      return result;
    };
    await advance(f, 2 * second);
    assert.deepEqual(await ends(), ['end_4']);
    await advance(f, second);
    assert.deepEqual(await ends(), ['end_4', 'end_4_2']);
    await stop(pid);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerStartEventTest.java
  it('TimerStartEventTest#shouldTriggerAtSpecifiedTimeDate: a timer start event with a date fires at that date', async () => {
    const pid = 'ts-time-date';
    await deploy(f.engine, pid, timerStart(pid, 'start_2', 'end_2', 'date', iso(2 * second)));
    await advance(f, 2 * second - 1);
    assert.equal(await started(pid), 0);
    await advance(f, 1);
    const [instance] = await instancesOf(f.engine, pid);
    assert.deepEqual(await statesOf(f.engine, instance.processInstanceKey, 'end_2'), ['COMPLETED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerStartEventTest.java
  it('TimerStartEventTest#shouldTriggerIfTimeDatePassedOnDeployment: a date that has passed once the clock moves fires once', async () => {
    const pid = 'ts-time-date-passed';
    await deploy(f.engine, pid, timerStart(pid, 'start_2', 'end_2', 'date', iso(2 * second)));
    await advance(f, 2 * second);
    await advance(f, minute);
    const instances = await instancesOf(f.engine, pid);
    assert.equal(instances.length, 1);
    assert.deepEqual(await statesOf(f.engine, instances[0].processInstanceKey, 'start_2'), ['COMPLETED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerStartEventTest.java
  it(
    'TimerStartEventTest#shouldTriggerImmediatelyAndSpaceCyclesCorrectlyWhenStartDateIsInThePast: R3 from a past start fires now, then every 10 minutes',
    async () => {
      const pid = 'ts-past-start-r3';
      await deploy(f.engine, pid, timerStart(pid, 'start', 'end', 'cycle', 'R3/2022-04-27T17:20:00Z/PT10M'));
      await f.engine.runDueWork();
      assert.equal(await started(pid), 1, 'the first instance starts without moving the clock');
      await advance(f, 9 * minute);
      assert.equal(await started(pid), 1, 'the second firing is 10 minutes after the first');
      await advance(f, 2 * minute);
      assert.equal(await started(pid), 2);
      await advance(f, 10 * minute);
      assert.equal(await started(pid), 3);
      await advance(f, hour);
      assert.equal(await started(pid), 3, 'R3 is exhausted');
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerStartEventTest.java
  it(
    'TimerStartEventTest#shouldTriggerInfiniteCycleImmediatelyWhenStartDateIsInThePast: R/ from a past start fires now, then every 5 seconds',
    async () => {
      const pid = 'ts-past-start-infinite';
      await deploy(f.engine, pid, timerStart(pid, 'start', 'end', 'cycle', 'R/2022-04-27T17:20:00Z/PT5S'));
      await f.engine.runDueWork();
      assert.equal(await started(pid), 1);
      await advance(f, 4 * second);
      assert.equal(await started(pid), 1, 'the second firing is 5 seconds after the first');
      await advance(f, 2 * second);
      assert.equal(await started(pid), 2);
      await stop(pid);
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerStartEventTest.java
  it('TimerStartEventTest#shouldTriggerOnlyTimerStartEvent: beside none and message start events, only the timer start event is taken', async () => {
    const pid = 'ts-only-timer-start';
    await deploy(
      f.engine,
      pid,
      bpmn(
        pid,
        `${startEvent('none_start')}${endEvent('none_end')}${startEvent('timer_start', timerDef('cycle', 'R1/PT1S'))}${endEvent('timer_end')}
         ${startEvent('msg_start', messageDef('msg1'))}${endEvent('msg_end')}
         ${chain('none_start', 'none_end')}${chain('timer_start', 'timer_end')}${chain('msg_start', 'msg_end')}`,
        message('msg1', `${pid}-msg1`),
      ),
    );
    await advance(f, second);
    const instances = await instancesOf(f.engine, pid);
    assert.equal(instances.length, 1);
    const starts = (await f.engine.getElementInstances(instances[0].processInstanceKey)).filter((e) => e.type === 'START_EVENT');
    assert.deepEqual(starts.map((e) => e.elementId), ['timer_start']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerStartEventTest.java
  it('TimerStartEventTest#shouldNotTriggerBeforeTheStartTime: a cycle with a start date waits for that date', async () => {
    const first = 'ts-start-time-1';
    const second_ = 'ts-start-time-2';
    await deploy(f.engine, first, timerStart(first, 'start_1', 'end_1', 'cycle', `R1/${iso(10 * second)}/PT10S`));
    await deploy(f.engine, second_, timerStart(second_, 'start_2', 'end_2', 'cycle', `R1/${iso(40 * second)}/PT10S`));
    await advance(f, 20 * second);
    assert.equal(await started(first), 1);
    assert.equal(await started(second_), 0);
    await advance(f, 20 * second);
    assert.equal(await started(second_), 1);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerStartEventTest.java
  it('TimerStartEventTest#shouldTriggerOnlyTwice: R2 and R3 cycles with a start date fire two and three times', async () => {
    const first = 'ts-twice-r2';
    const second_ = 'ts-twice-r3';
    const start = iso(10 * second);
    await deploy(f.engine, first, timerStart(first, 'start_1', 'end_1', 'cycle', `R2/${start}/PT10S`));
    await deploy(f.engine, second_, timerStart(second_, 'start_2', 'end_2', 'cycle', `R3/${start}/PT10S`));
    await advance(f, 15 * second);
    assert.deepEqual([await started(first), await started(second_)], [1, 1]);
    await advance(f, 5 * second);
    assert.deepEqual([await started(first), await started(second_)], [2, 2]);
    await advance(f, 10 * second);
    assert.deepEqual([await started(first), await started(second_)], [2, 3]);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerStartEventTest.java
  it('TimerStartEventTest#shouldAvoidTimeShifting: the second firing is one interval after the start date, not after the first firing', async () => {
    const pid = 'ts-no-time-shift';
    await deploy(f.engine, pid, timerStart(pid, 'start', 'end', 'cycle', `R2/${iso(10 * second)}/PT10S`));
    await advance(f, 15 * second);
    assert.equal(await started(pid), 1);
    await advance(f, 5 * second);
    assert.equal(await started(pid), 2);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerStartEventTest.java
  it(
    'TimerStartEventTest#shouldCreateCronTimer: a cron cycle "0 0 * * * *" fires at the next full hour',
    async () => {
      const pid = 'ts-cron';
      await deploy(f.engine, pid, timerStart(pid, 'start', 'end', 'cycle', '0 0 * * * *'));
      const now = f.clock.now();
      const nextHour = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), now.getUTCHours() + 1);
      await advance(f, nextHour - now.getTime() - 1);
      assert.equal(await started(pid), 0);
      await advance(f, 1);
      const [instance] = await instancesOf(f.engine, pid);
      assert.deepEqual(await statesOf(f.engine, instance.processInstanceKey, 'end'), ['COMPLETED']);
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerStartEventTest.java
  it('TimerStartEventTest#shouldAvoidTriggeringMultipleTimes: after a long pause, an overdue cycle fires once and the next one is in the future', async () => {
    const pid = 'ts-no-catch-up';
    await deploy(f.engine, pid, timerStart(pid, 'start', 'end', 'cycle', `R3/${iso(30 * minute)}/PT10M`));
    f.clock.advance(35 * minute);
    await f.engine.runDueWork();
    assert.equal(await started(pid), 1);
    await advance(f, 4 * minute);
    assert.equal(await started(pid), 1, 'the second timer is due after the pause, at 40 minutes');
    await advance(f, minute);
    assert.equal(await started(pid), 2);
    await stop(pid);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/timer/TimerStartEventTest.java
  // Last in the file: it moves the clock to the year 2178, after every cycle timer was stopped.
  it('TimerStartEventTest#shouldCreateTimerFromFeelExpression: a timer start event at the FEEL date 2178-11-25T00:00Z', async () => {
    const pid = 'ts-feel-date';
    await deploy(
      f.engine,
      pid,
      timerStart(pid, 'start_5', 'end_5', 'date', '=date and time(date("2178-11-25"),time("T00:00:00@UTC"))'),
    );
    for (const other of cycles) await stop(other);
    const due = Date.parse('2178-11-25T00:00:00Z');
    await advance(f, due - f.clock.now().getTime() - 1);
    assert.equal(await started(pid), 0);
    await advance(f, 1);
    assert.equal(await started(pid), 1);
  });
});
