import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bpmn, deploy, openEngine, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import {
  advance,
  catchEvent,
  chain,
  endEvent,
  eventBasedGateway,
  hour,
  message,
  messageDef,
  second,
  startEvent,
  stateOf,
  statesOf,
  timerDef,
} from './event-builders.js';

/**
 * Event-based gateways, mirroring Zeebe's EventBasedGatewayTest
 * (zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/EventBasedGatewayTest.java).
 * Its four models are deployed once, as Zeebe's @BeforeClass does; message names carry the
 * process id so that no other scenario's messages reach them.
 */
const ttl = hour;

function gatewayModel(pid: string, first: string, second_: string, extra = ''): string {
  return bpmn(
    pid,
    `${startEvent('start')}${eventBasedGateway('gateway')}${first}${second_}${endEvent('end1')}${endEvent('end2')}
     ${chain('start', 'gateway')}${chain('gateway', firstId(first), 'end1')}${chain('gateway', firstId(second_), 'end2')}`,
    extra,
  );
}
const firstId = (element: string) => /id="([^"]+)"/.exec(element)![1];

const TIMERS = 'PROCESS_WITH_TIMERS';
const EQUAL_TIMERS = 'PROCESS_WITH_EQUAL_TIMERS';
const MESSAGES = 'PROCESS_WITH_MESSAGES';
const TIMER_AND_MESSAGE = 'PROCESS_WITH_TIMER_AND_MESSAGE';

describe('conformance: event-based gateways (Zeebe EventBasedGatewayTest)', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
    await deploy(f.engine, TIMERS, gatewayModel(TIMERS, catchEvent('timer-1', timerDef('duration', 'PT0.1S')), catchEvent('timer-2', timerDef('duration', 'PT10S'))));
    await deploy(f.engine, EQUAL_TIMERS, gatewayModel(EQUAL_TIMERS, catchEvent('timer-1', timerDef('duration', 'PT2S')), catchEvent('timer-2', timerDef('duration', 'PT2S'))));
    await deploy(
      f.engine,
      MESSAGES,
      gatewayModel(MESSAGES, catchEvent('message-1', messageDef('m1')), catchEvent('message-2', messageDef('m2')), `${message('m1', 'msg-1', '=key')}${message('m2', 'msg-2', '=key')}`),
    );
    await deploy(
      f.engine,
      TIMER_AND_MESSAGE,
      gatewayModel(TIMER_AND_MESSAGE, catchEvent('timer', timerDef('duration', 'PT10S')), catchEvent('message', messageDef('m')), message('m', 'msg', '=key')),
    );
  });
  after(() => f.close());

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/EventBasedGatewayTest.java
  it('EventBasedGatewayTest#testLifecycle: the gateway completes when the first timer fires, and that timer continues the flow', async () => {
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: TIMERS, variables: { key: 'testLifecycle' } });
    await advance(f, second);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'gateway'), ['COMPLETED']);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'timer-1'), ['COMPLETED']);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'end1'), ['COMPLETED']);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/EventBasedGatewayTest.java
  it('EventBasedGatewayTest#shouldCreateTimer: while its timers wait, the gateway is active and no catch event is entered', async () => {
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: TIMERS });
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'gateway'), ['ACTIVE']);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'timer-1'), []);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'timer-2'), []);
    await f.engine.cancelProcessInstance(processInstanceKey);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/EventBasedGatewayTest.java
  it('EventBasedGatewayTest#shouldOpenProcessMessageSubscriptions: the gateway waits for both messages', async () => {
    const { processInstanceKey } = await f.engine.createProcessInstance({
      processDefinitionId: MESSAGES,
      variables: { key: 'shouldOpenProcessMessageSubscriptions' },
    });
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'gateway'), ['ACTIVE']);
    await f.engine.publishMessage({ name: 'msg-2', correlationKey: 'shouldOpenProcessMessageSubscriptions', timeToLive: 0 });
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'message-2'), ['COMPLETED'], 'the msg-2 subscription was open');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/EventBasedGatewayTest.java
  it('EventBasedGatewayTest#shouldContinueWhenTimerIsTriggered: the first timer takes its flow to end1', async () => {
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: TIMERS, variables: { key: 'shouldContinueWhenTimerIsTriggered' } });
    await advance(f, second);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'end1'), ['COMPLETED']);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'end2'), []);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/EventBasedGatewayTest.java
  it('EventBasedGatewayTest#shouldOnlyExecuteOneBranchWithEqualTimers: of two timers due at once, only one is taken', async () => {
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: EQUAL_TIMERS });
    await advance(f, 2 * second);
    const ends = [...(await statesOf(f.engine, processInstanceKey, 'end1')), ...(await statesOf(f.engine, processInstanceKey, 'end2'))];
    assert.deepEqual(ends, ['COMPLETED']);
    const caught = [...(await statesOf(f.engine, processInstanceKey, 'timer-1')), ...(await statesOf(f.engine, processInstanceKey, 'timer-2'))];
    assert.deepEqual(caught, ['COMPLETED']);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/EventBasedGatewayTest.java
  it('EventBasedGatewayTest#shouldContinueWhenMessageIsCorrelated: msg-1 takes the flow to end1', async () => {
    const key = 'shouldContinueWhenMessageIsCorrelated';
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: MESSAGES, variables: { key } });
    await f.engine.publishMessage({ name: 'msg-1', correlationKey: key, timeToLive: ttl });
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'message-1'), ['COMPLETED']);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'end1'), ['COMPLETED']);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/EventBasedGatewayTest.java
  it('EventBasedGatewayTest#shouldCancelTimer: once timer-1 fired, timer-2 never fires', async () => {
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: TIMERS, variables: { key: 'shouldCancelTimer' } });
    await advance(f, second);
    await advance(f, 10 * second);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'timer-2'), []);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'end2'), []);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/EventBasedGatewayTest.java
  it('EventBasedGatewayTest#shouldCloseProcessMessageSubscription: once msg-1 is correlated, the msg-2 subscription is gone', async () => {
    const key = 'shouldCloseProcessMessageSubscription';
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: MESSAGES, variables: { key } });
    await f.engine.publishMessage({ name: 'msg-1', correlationKey: key, timeToLive: ttl });
    await f.engine.publishMessage({ name: 'msg-2', correlationKey: key, timeToLive: 0 });
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'message-2'), []);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'end1'), ['COMPLETED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/EventBasedGatewayTest.java
  it('EventBasedGatewayTest#shouldCancelSubscriptionsWhenScopeIsTerminated: cancelling the instance removes its timer and message subscription', async () => {
    const key = 'shouldCancelSubscriptionsWhenScopeIsTerminated';
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: TIMER_AND_MESSAGE, variables: { key } });
    await f.engine.cancelProcessInstance(processInstanceKey);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'gateway'), ['TERMINATED']);
    await advance(f, 10 * second);
    await f.engine.publishMessage({ name: 'msg', correlationKey: key, timeToLive: 0 });
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'timer'), []);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'message'), []);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'TERMINATED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/EventBasedGatewayTest.java
  it('EventBasedGatewayTest#shouldOnlyExecuteOneBranchWithSimultaneousMessages: of two buffered messages only one is correlated', async () => {
    const key = 'shouldOnlyExecuteOneBranchWithSimultaneousMessages';
    await f.engine.publishMessage({ name: 'msg-1', correlationKey: key, timeToLive: ttl });
    await f.engine.publishMessage({ name: 'msg-2', correlationKey: key, timeToLive: ttl });
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: MESSAGES, variables: { key } });
    const caught = [...(await statesOf(f.engine, processInstanceKey, 'message-1')), ...(await statesOf(f.engine, processInstanceKey, 'message-2'))];
    assert.deepEqual(caught, ['COMPLETED']);
    const ends = [...(await statesOf(f.engine, processInstanceKey, 'end1')), ...(await statesOf(f.engine, processInstanceKey, 'end2'))];
    assert.deepEqual(ends, ['COMPLETED']);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });
});
