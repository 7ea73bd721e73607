import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WorkflowError } from '@mot-cua/engine/workflow/workflow-engine.port.js';
import { bpmn, deploy, openEngine, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import {
  advance,
  boundaryEvent,
  chain,
  endEvent,
  hour,
  io,
  message,
  messageDef,
  minute,
  receiveTask,
  startEvent,
  stateOf,
  statesOf,
  timerDef,
} from './event-builders.js';
import { multiInstance } from './flow-builders.js';

/**
 * Receive tasks, mirroring the Zeebe engine tests that run them: MessageCatchElementTest (its
 * "receive task" parameter), MessageCorrelationTest and MultiInstanceReceiveTaskTest. One engine
 * serves the file, so every scenario has its own process id and message names. Zeebe's test client
 * publishes with a TTL of one hour unless told otherwise; the scenarios pass it explicitly.
 */
const ttl = hour;

describe('conformance: receive tasks (Zeebe engine tests)', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  /** MessageCatchElementTest's RECEIVE_TASK_PROCESS: start → receive task "receive-message" → flow "to-end" → end. */
  const receiveTaskProcess = (pid: string, name: string) =>
    bpmn(
      pid,
      `${startEvent('start')}${receiveTask('receive-message', 'm')}${endEvent('end')}${chain('start', 'receive-message')}
       <bpmn:sequenceFlow id="to-end" sourceRef="receive-message" targetRef="end" />`,
      message('m', name, '=orderId'),
    );

  /** MessageCorrelationTest's BOUNDARY_EVENTS_PROCESS: a receive task "task" with two message boundary events. */
  const boundaryEventsProcess = (pid: string) =>
    bpmn(
      pid,
      `${startEvent('start')}${receiveTask('task', 'taskMsg')}
       ${boundaryEvent('msg1', 'task', messageDef('msg1Ref'))}${boundaryEvent('msg2', 'task', messageDef('msg2Ref'))}
       ${endEvent('msg1End')}${endEvent('msg2End')}${endEvent('taskEnd')}
       ${chain('start', 'task', 'taskEnd')}${chain('msg1', 'msg1End')}${chain('msg2', 'msg2End')}`,
      `${message('taskMsg', `${pid}-taskMsg`, '=key')}${message('msg1Ref', `${pid}-msg1`, '=key')}${message('msg2Ref', `${pid}-msg2`, '=key')}`,
    );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCatchElementTest.java
  it(
    'MessageCatchElementTest#shouldCorrelateProcessMessageSubscription and #shouldCorrelateMessageAndContinue [receive task]: the message variables are merged and the task takes its flow',
    async () => {
      const pid = 'rt-correlate';
      await deploy(f.engine, pid, receiveTaskProcess(pid, `${pid} order canceled`));
      const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { orderId: 'order-1' } });
      assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'receive-message'), ['ACTIVE']);
      await f.engine.publishMessage({ name: `${pid} order canceled`, correlationKey: 'order-1', timeToLive: ttl, variables: { foo: 'bar' } });
      assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'receive-message'), ['COMPLETED']);
      assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'end'), ['COMPLETED']);
      assert.deepEqual(await f.engine.getVariables(processInstanceKey), { orderId: 'order-1', foo: 'bar' });
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCatchElementTest.java
  it('MessageCatchElementTest#shouldOpenMessageSubscription [receive task]: the subscription opened on activation takes a correlate request', async () => {
    const pid = 'rt-open';
    await deploy(f.engine, pid, receiveTaskProcess(pid, `${pid} order canceled`));
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { orderId: 'order-2' } });
    const correlation = await f.engine.correlateMessage({ name: `${pid} order canceled`, correlationKey: 'order-2', variables: { foo: 'baz' } });
    assert.equal(correlation.processInstanceKey, processInstanceKey);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
    assert.equal((await f.engine.getVariables(processInstanceKey)).foo, 'baz');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCatchElementTest.java
  it('MessageCatchElementTest#shouldCloseMessageSubscription [receive task]: cancelling the instance closes the subscription', async () => {
    const pid = 'rt-close';
    await deploy(f.engine, pid, receiveTaskProcess(pid, `${pid} order canceled`));
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { orderId: 'order-3' } });
    await f.engine.cancelProcessInstance(processInstanceKey);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'receive-message'), ['TERMINATED']);
    await assert.rejects(
      f.engine.correlateMessage({ name: `${pid} order canceled`, correlationKey: 'order-3' }),
      (error: unknown) => error instanceof WorkflowError && error.code === 'NOT_FOUND',
    );
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCorrelationTest.java
  it('MessageCorrelationTest#testReceiveTaskLifeCycle: a message published before the instance completes the receive task on activation', async () => {
    const pid = 'rt-lifecycle';
    await deploy(f.engine, pid, receiveTaskProcess(pid, `${pid}-message`));
    await f.engine.publishMessage({ name: `${pid}-message`, correlationKey: 'order-123', timeToLive: ttl });
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { orderId: 'order-123' } });
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'receive-message'), ['COMPLETED']);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCorrelationTest.java
  it('MessageCorrelationTest#shouldCorrelateCorrectBoundaryEvent: msg1 triggers its boundary event and interrupts the receive task', async () => {
    const pid = 'rt-boundary-msg1';
    await deploy(f.engine, pid, boundaryEventsProcess(pid));
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: '123' } });
    await f.engine.publishMessage({ name: `${pid}-msg1`, correlationKey: '123', timeToLive: ttl, variables: { foo: 1 } });
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'task'), ['TERMINATED']);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'msg1End'), ['COMPLETED']);
    assert.deepEqual([...(await statesOf(f.engine, processInstanceKey, 'taskEnd')), ...(await statesOf(f.engine, processInstanceKey, 'msg2End'))], []);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCorrelationTest.java
  it('MessageCorrelationTest#shouldNotTriggerBoundaryEventIfReceiveTaskTriggeredFirst: the task message completes it; the boundary events close', async () => {
    const pid = 'rt-boundary-task-first';
    await deploy(f.engine, pid, boundaryEventsProcess(pid));
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: '123' } });
    await f.engine.publishMessage({ name: `${pid}-taskMsg`, correlationKey: '123', timeToLive: ttl, variables: { foo: 1 } });
    await f.engine.publishMessage({ name: `${pid}-msg1`, correlationKey: '123', timeToLive: 0 });
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'taskEnd'), ['COMPLETED']);
    assert.deepEqual([...(await statesOf(f.engine, processInstanceKey, 'msg1End')), ...(await statesOf(f.engine, processInstanceKey, 'msg2End'))], []);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCorrelationTest.java
  it('MessageCorrelationTest#shouldNotTriggerReceiveTaskIfBoundaryEventTriggeredFirst: msg2 wins; the task message finds no subscription', async () => {
    const pid = 'rt-boundary-msg2-first';
    await deploy(f.engine, pid, boundaryEventsProcess(pid));
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: '123' } });
    await f.engine.publishMessage({ name: `${pid}-msg2`, correlationKey: '123', timeToLive: ttl, variables: { foo: 1 } });
    await f.engine.publishMessage({ name: `${pid}-taskMsg`, correlationKey: '123', timeToLive: 0 });
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'msg2End'), ['COMPLETED']);
    assert.deepEqual([...(await statesOf(f.engine, processInstanceKey, 'taskEnd')), ...(await statesOf(f.engine, processInstanceKey, 'msg1End'))], []);
  });

  // docs.camunda.io/docs/components/modeler/bpmn/receive-tasks/ ("Variable mappings", "Messages")
  it('receive-tasks#variable-mappings: the correlation key may read an input mapping; an output mapping replaces merging the message variables', async () => {
    const pid = 'rt-mappings';
    await deploy(
      f.engine,
      pid,
      bpmn(
        pid,
        `${startEvent('start')}${receiveTask('task', 'm', { extensions: io([['=order.id', 'localKey']], [['=amount * 2', 'doubled']]) })}${endEvent('end')}
         ${chain('start', 'task', 'end')}`,
        message('m', `${pid}-paid`, '=localKey'),
      ),
    );
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { order: { id: 'A-7' } } });
    await f.engine.publishMessage({ name: `${pid}-paid`, correlationKey: 'A-7', timeToLive: ttl, variables: { amount: 21 } });
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
    assert.deepEqual(await f.engine.getVariables(processInstanceKey), { order: { id: 'A-7' }, doubled: 42 });
  });

  // docs.camunda.io/docs/components/modeler/bpmn/receive-tasks/ (boundary events on a receive task)
  it('receive-tasks: an interrupting timer boundary event ends the wait; a later message finds no subscription', async () => {
    const pid = 'rt-timer-boundary';
    await deploy(
      f.engine,
      pid,
      bpmn(
        pid,
        `${startEvent('start')}${receiveTask('task', 'm')}${boundaryEvent('timeout', 'task', timerDef('duration', 'PT10M'))}
         ${endEvent('end')}${endEvent('timedOut')}${chain('start', 'task', 'end')}${chain('timeout', 'timedOut')}`,
        message('m', `${pid}-reply`, '=key'),
      ),
    );
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: 'k' } });
    await advance(f, 10 * minute);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'task'), ['TERMINATED']);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'timedOut'), ['COMPLETED']);
    await assert.rejects(
      f.engine.correlateMessage({ name: `${pid}-reply`, correlationKey: 'k' }),
      (error: unknown) => error instanceof WorkflowError && error.code === 'NOT_FOUND',
    );
  });

  // ------------------------------------------------------------------ MultiInstanceReceiveTaskTest

  /** MultiInstanceReceiveTaskTest's PROCESS: a parallel multi-instance receive task over `items`, correlated by each item. */
  const multiInstanceProcess = (pid: string) =>
    bpmn(
      pid,
      `${startEvent('start')}${receiveTask('task', 'm', {
        loop: multiInstance({ inputCollection: '=items', inputElement: 'item', outputElement: '=result', outputCollection: 'results' }),
      })}${endEvent('end')}${chain('start', 'task', 'end')}`,
      message('m', `${pid}-test`, '=item'),
    );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/multiinstance/MultiInstanceReceiveTaskTest.java
  it('MultiInstanceReceiveTaskTest#shouldCreateOneMessageSubscriptionForEachElement: each inner instance waits for its own correlation key', async () => {
    const pid = 'rt-mi-subscriptions';
    await deploy(f.engine, pid, multiInstanceProcess(pid));
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { items: ['a', 'b', 'c'] } });
    for (const key of ['c', 'a']) {
      const correlation = await f.engine.correlateMessage({ name: `${pid}-test`, correlationKey: key });
      assert.equal(correlation.processInstanceKey, processInstanceKey);
    }
    const inner = (await f.engine.getElementInstances(processInstanceKey)).filter((e) => e.elementId === 'task' && e.type === 'RECEIVE_TASK');
    assert.deepEqual(inner.map((e) => e.state), ['COMPLETED', 'ACTIVE', 'COMPLETED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/multiinstance/MultiInstanceReceiveTaskTest.java
  it('MultiInstanceReceiveTaskTest#shouldCompleteBodyWhenAllMessagesAreCorrelated and #shouldCollectOutputFromChildInstance', async () => {
    const pid = 'rt-mi-complete';
    await deploy(f.engine, pid, multiInstanceProcess(pid));
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { items: [10, 20, 30] } });
    for (const item of ['10', '20', '30']) {
      await f.engine.publishMessage({ name: `${pid}-test`, correlationKey: item, timeToLive: 3000, variables: { result: item } });
    }
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'task'), ['COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED']);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
    assert.deepEqual((await f.engine.getVariables(processInstanceKey)).results, ['10', '20', '30']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/multiinstance/MultiInstanceReceiveTaskTest.java
  it('MultiInstanceReceiveTaskTest#shouldCloseMessageSubscriptionOnTermination: cancelling closes every inner subscription', async () => {
    const pid = 'rt-mi-terminate';
    await deploy(f.engine, pid, multiInstanceProcess(pid));
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { items: [10, 20, 30] } });
    await f.engine.cancelProcessInstance(processInstanceKey);
    for (const key of ['10', '20', '30']) {
      await assert.rejects(
        f.engine.correlateMessage({ name: `${pid}-test`, correlationKey: key }),
        (error: unknown) => error instanceof WorkflowError && error.code === 'NOT_FOUND',
      );
    }
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'task'), ['TERMINATED', 'TERMINATED', 'TERMINATED', 'TERMINATED']);
  });
});
