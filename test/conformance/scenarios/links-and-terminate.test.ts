import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bpmn, deploy, openEngine, serviceTask, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import {
  catchEvent,
  chain,
  completeJobs,
  endEvent,
  eventSubProcess,
  hour,
  linkDef,
  manualTask,
  message,
  messageDef,
  parallelGateway,
  startEvent,
  stateOf,
  statesOf,
  subProcess,
  terminateDef,
  throwEvent,
  userTask,
} from './event-builders.js';

/**
 * Link events and terminate end events, mirroring Zeebe's LinkEventTest and TerminateEndEventTest.
 */
describe('conformance: link events and terminate end events (Zeebe LinkEventTest, TerminateEndEventTest)', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/link/LinkEventTest.java
  it('LinkEventTest#shouldTriggerEvent: the link throw event continues at the link catch event of the same name', async () => {
    const pid = 'link-trigger';
    await deploy(
      f.engine,
      pid,
      bpmn(
        pid,
        `${startEvent('start')}${throwEvent('throw', linkDef('linkA'))}${catchEvent('catch', linkDef('linkA'))}${manualTask('manual')}${endEvent('end')}
         ${chain('start', 'throw')}${chain('catch', 'manual', 'end')}`,
      ),
    );
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
    for (const id of ['throw', 'catch', 'manual', 'end']) assert.deepEqual(await statesOf(f.engine, processInstanceKey, id), ['COMPLETED'], id);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/link/LinkEventTest.java
  it(
    'LinkEventTest#shouldTriggerEventFromMultipleSources: two throw events of one link reach its catch event twice',
    async () => {
      const pid = 'link-two-sources';
      await deploy(
        f.engine,
        pid,
        bpmn(
          pid,
          `${startEvent('start')}${parallelGateway('parallel')}${throwEvent('throwA', linkDef('link'))}${throwEvent('throwB', linkDef('link'))}
           ${catchEvent('catch', linkDef('link'))}${manualTask('manual')}${endEvent('end')}
           ${chain('start', 'parallel', 'throwA')}${chain('parallel', 'throwB')}${chain('catch', 'manual', 'end')}`,
        ),
      );
      const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
      assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'catch'), ['COMPLETED', 'COMPLETED']);
      assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/link/LinkEventTest.java
  it('LinkEventTest#shouldTriggerEventWithDifferentLinkEvents: links A then B chain through their catch events', async () => {
    const pid = 'link-chained';
    await deploy(
      f.engine,
      pid,
      bpmn(
        pid,
        `${startEvent('start')}${throwEvent('throwA', linkDef('linkA'))}${catchEvent('catchA', linkDef('linkA'))}${throwEvent('throwB', linkDef('linkB'))}
         ${catchEvent('catchB', linkDef('linkB'))}${endEvent('end')}
         ${chain('start', 'throwA')}${chain('catchA', 'throwB')}${chain('catchB', 'end')}`,
      ),
    );
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
    const completed = (await f.engine.getElementInstances(processInstanceKey)).filter((e) => e.state === 'COMPLETED').map((e) => e.elementId);
    assert.deepEqual(completed, ['start', 'throwA', 'catchA', 'throwB', 'catchB', 'end']);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/TerminateEndEventTest.java
  it('TerminateEndEventTest#shouldCompleteProcessInstance: reaching a terminate end event completes the instance', async () => {
    const pid = 'terminate-complete';
    await deploy(f.engine, pid, bpmn(pid, `${startEvent('start')}${endEvent('terminate-end', terminateDef)}${chain('start', 'terminate-end')}`));
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'terminate-end'), ['COMPLETED']);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/TerminateEndEventTest.java
  it('TerminateEndEventTest#shouldCancelRootElementInstance: the terminate end event terminates the other branch and completes the instance', async () => {
    const pid = 'terminate-root';
    await deploy(
      f.engine,
      pid,
      bpmn(
        pid,
        `${startEvent('start')}${parallelGateway('fork')}${userTask('A')}${endEvent('none-end')}${serviceTask('B', `${pid}-B`)}${endEvent('terminate-end', terminateDef)}
         ${chain('start', 'fork', 'A', 'none-end')}${chain('fork', 'B', 'terminate-end')}`,
      ),
    );
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
    await completeJobs(f.engine, `${pid}-B`);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'B'), ['COMPLETED']);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'terminate-end'), ['COMPLETED']);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'A'), ['TERMINATED']);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/TerminateEndEventTest.java
  it('TerminateEndEventTest#shouldCancelElementInstanceInEmbeddedSubprocess: inside a sub-process it terminates only the sub-process content', async () => {
    const pid = 'terminate-subprocess';
    await deploy(
      f.engine,
      pid,
      bpmn(
        pid,
        `${startEvent('start')}${parallelGateway('process_fork')}${serviceTask('A', `${pid}-A`)}${endEvent('end_after_A')}
         ${subProcess(
           'subprocess',
           `${startEvent('sub_start')}${parallelGateway('subprocess_fork')}${userTask('B')}${endEvent('end_after_B')}${serviceTask('C', `${pid}-C`)}${endEvent('terminate-end', terminateDef)}
            ${chain('sub_start', 'subprocess_fork', 'B', 'end_after_B')}${chain('subprocess_fork', 'C', 'terminate-end')}`,
         )}
         ${endEvent('end_after_subprocess')}
         ${chain('start', 'process_fork', 'A', 'end_after_A')}${chain('process_fork', 'subprocess', 'end_after_subprocess')}`,
      ),
    );
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
    await completeJobs(f.engine, `${pid}-C`);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'B'), ['TERMINATED']);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'subprocess'), ['COMPLETED']);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'end_after_subprocess'), ['COMPLETED']);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'A'), ['ACTIVE'], 'elements outside the sub-process are not terminated');
    await completeJobs(f.engine, `${pid}-A`);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'end_after_A'), ['COMPLETED']);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/TerminateEndEventTest.java
  it('TerminateEndEventTest#shouldCancelElementInstanceInEventSubprocess: inside an event sub-process it terminates only that event sub-process', async () => {
    const pid = 'terminate-event-subprocess';
    await deploy(
      f.engine,
      pid,
      bpmn(
        pid,
        `${eventSubProcess(
          'event_subprocess',
          `${startEvent('esp_start', messageDef('m'), { interrupting: false })}${parallelGateway('fork')}${userTask('B')}${endEvent('end_after_B')}
           ${serviceTask('C', `${pid}-C`)}${endEvent('terminate-end', terminateDef)}
           ${chain('esp_start', 'fork', 'B', 'end_after_B')}${chain('fork', 'C', 'terminate-end')}`,
        )}
         ${startEvent('start')}${serviceTask('A', `${pid}-A`)}${endEvent('end_after_A')}${chain('start', 'A', 'end_after_A')}`,
        message('m', `${pid}-message`, '=key'),
      ),
    );
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: 'k-1' } });
    await f.engine.publishMessage({ name: `${pid}-message`, correlationKey: 'k-1', timeToLive: hour });
    await completeJobs(f.engine, `${pid}-C`);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'B'), ['TERMINATED']);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'event_subprocess'), ['COMPLETED']);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'A'), ['ACTIVE'], 'elements outside the event sub-process are not terminated');
    await completeJobs(f.engine, `${pid}-A`);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });
});
