import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WorkflowError } from '@mot-cua/engine/workflow/workflow-engine.port.js';
import { bpmn, deploy, openEngine, serviceTask, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import { advance, boundaryEvent, chain, endEvent, eventSubProcess, hour, minute, startEvent, statesOf, timerDef } from './event-builders.js';

/**
 * Cron timer cycles on boundary events and event sub-processes, as the Camunda 8 docs describe them
 * (docs.camunda.io/docs/components/modeler/bpmn/timer-events/, "Time cycle": a cron expression such
 * as "0 0 9-17 * * MON-FRI" instead of an ISO-8601 repeating interval), with Zeebe's rescheduling:
 * a fired cron timer is due next at the first match after the time it fired (TimerTriggerProcessor
 * re-subscribes the CronTimer unchanged, CronTimer#getDueDate from the current time). The timer
 * start event case is in timer-start-events.test.ts (TimerStartEventTest#shouldCreateCronTimer).
 * The manual clock starts on Monday 2030-01-07 at 08:00 UTC.
 */
describe('conformance: cron timer cycles (Camunda docs, timer events)', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  const at = (iso: string) => Date.parse(iso) - f.clock.now().getTime();

  it('timer-events#time-cycle: a non-interrupting boundary timer "0 0 9-17 * * MON-FRI" fires on the hour, on weekdays, while the task waits', async () => {
    const pid = 'cron-boundary';
    await deploy(
      f.engine,
      pid,
      bpmn(
        pid,
        `${startEvent('start')}${serviceTask('task', `${pid}-type`)}
         ${boundaryEvent('remind', 'task', timerDef('cycle', '0 0 9-17 * * MON-FRI'), { interrupting: false })}
         ${endEvent('end')}${endEvent('reminded')}${chain('start', 'task', 'end')}${chain('remind', 'reminded')}`,
      ),
    );
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
    const fired = async () => (await statesOf(f.engine, processInstanceKey, 'remind')).length;
    await advance(f, at('2030-01-07T09:00:00Z') - 1);
    assert.equal(await fired(), 0, 'not before 09:00');
    await advance(f, 1);
    assert.equal(await fired(), 1);
    await advance(f, hour);
    assert.equal(await fired(), 2, 'again at 10:00');
    // Downtime until Friday 16:30: the overdue timer fires once, then at the next match after that.
    await advance(f, at('2030-01-11T16:30:00Z'));
    assert.equal(await fired(), 3);
    await advance(f, at('2030-01-11T17:00:00Z'));
    assert.equal(await fired(), 4, 'at 17:00 on Friday');
    await advance(f, at('2030-01-14T09:00:00Z') - 1);
    assert.equal(await fired(), 4, 'not on the weekend');
    await advance(f, 1);
    assert.equal(await fired(), 5, 'on Monday at 09:00');
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'task'), ['ACTIVE']);
    await f.engine.cancelProcessInstance(processInstanceKey);
  });

  it('timer-events#time-cycle: a non-interrupting timer event sub-process "0 */15 * * * *" starts at every quarter hour', async () => {
    const pid = 'cron-event-sub-process';
    const start = f.clock.now().getTime();
    const quarter = 15 * minute;
    const nextQuarter = Math.ceil((start + 1) / quarter) * quarter;
    await deploy(
      f.engine,
      pid,
      bpmn(
        pid,
        `${eventSubProcess('tick', `${startEvent('tickStart', timerDef('cycle', '0 */15 * * * *'), { interrupting: false })}${endEvent('tickEnd')}${chain('tickStart', 'tickEnd')}`)}
         ${startEvent('start')}${serviceTask('task', `${pid}-type`)}${endEvent('end')}${chain('start', 'task', 'end')}`,
      ),
    );
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
    const ticks = async () => (await statesOf(f.engine, processInstanceKey, 'tick')).length;
    await advance(f, nextQuarter - start - 1);
    assert.equal(await ticks(), 0);
    await advance(f, 1);
    assert.equal(await ticks(), 1);
    await advance(f, quarter);
    assert.equal(await ticks(), 2);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'task'), ['ACTIVE']);
    await f.engine.cancelProcessInstance(processInstanceKey);
    await advance(f, quarter);
    assert.equal(await ticks(), 2, 'the timer ends with the instance');
  });

  it('timer-events#time-cycle: a cycle computed by FEEL may be a cron expression; an invalid one is an incident on the activity', async () => {
    const pid = 'cron-feel';
    await deploy(
      f.engine,
      pid,
      bpmn(
        pid,
        `${startEvent('start')}${serviceTask('task', `${pid}-type`)}
         ${boundaryEvent('remind', 'task', timerDef('cycle', '=schedule'), { interrupting: false })}
         ${endEvent('end')}${endEvent('reminded')}${chain('start', 'task', 'end')}${chain('remind', 'reminded')}`,
      ),
    );
    const valid = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { schedule: '0 0 * * * *' } });
    const now = f.clock.now().getTime();
    await advance(f, Math.ceil((now + 1) / hour) * hour - now);
    assert.deepEqual(await statesOf(f.engine, valid.processInstanceKey, 'remind'), ['COMPLETED'], 'at the next full hour');
    await f.engine.cancelProcessInstance(valid.processInstanceKey);
    const invalid = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { schedule: '0 0 * * *' } });
    const [incident] = await f.engine.searchIncidents({ processInstanceKey: invalid.processInstanceKey, state: 'ACTIVE' });
    assert.equal(incident?.elementId, 'task');
    assert.match(incident.errorMessage, /'0 0 \* \* \*' is not a valid cron expression: cron expression must consist of 6 fields \(found 5/);
    await f.engine.cancelProcessInstance(invalid.processInstanceKey);
  });

  it('timer-events#time-cycle: an invalid cron expression is refused at deployment, naming the element', async () => {
    const pid = 'cron-invalid';
    const xml = bpmn(pid, `${startEvent('start', timerDef('cycle', '0 0 25 * * *'))}${endEvent('end')}${chain('start', 'end')}`);
    await assert.rejects(deploy(f.engine, pid, xml), (error: unknown) => {
      assert.ok(error instanceof WorkflowError);
      assert.equal(error.code, 'INVALID_MODEL');
      assert.match(error.message, /'start'.*'0 0 25 \* \* \*' is not a valid cron expression: hour 25 is out of the range 0-23/);
      return true;
    });
  });
});
