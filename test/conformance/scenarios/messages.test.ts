import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WorkflowError } from '@mot-cua/engine/workflow/workflow-engine.port.js';
import { bpmn, deploy, openEngine, serviceTask, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import {
  advance,
  boundaryEvent,
  catchEvent,
  chain,
  completeJobs,
  endEvent,
  eventBasedGateway,
  hour,
  instancesOf,
  message,
  messageDef,
  minute,
  parallelGateway,
  second,
  startEvent,
  stateOf,
  statesOf,
  timerDef,
} from './event-builders.js';

/**
 * Message correlation and publication, mirroring Zeebe's engine tests. Each Zeebe test runs on a
 * fresh engine; here one engine serves the file, so every scenario has its own process id and its
 * own message names. Zeebe's test client publishes with a TTL of one hour unless told otherwise
 * (PublishMessageClient.DEFAULT_MSG_TTL); the scenarios pass that TTL explicitly.
 */
const defaultTtl = hour;

/** start → catch "receive-message" (message `name`, correlation key =key) → end. */
function singleMessageProcess(pid: string, name: string, nameExpression?: string): string {
  return bpmn(
    pid,
    `${startEvent('start')}${catchEvent('receive-message', messageDef('m'))}${endEvent('end')}
     ${chain('start', 'receive-message', 'end')}`,
    message('m', nameExpression ?? name, '=key'),
  );
}

/** start → catch "message1" → catch "message2", both for the same message name. */
function twoMessagesProcess(pid: string, name: string): string {
  return bpmn(
    pid,
    `${startEvent('start')}${catchEvent('message1', messageDef('m'))}${catchEvent('message2', messageDef('m'))}
     ${chain('start', 'message1', 'message2')}`,
    message('m', name, '=key'),
  );
}

describe('conformance: message correlation (Zeebe engine tests)', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCorrelationTest.java
  it('MessageCorrelationTest#shouldCorrelateMessageIfEnteredBefore: a waiting catch event takes the message and its variables', async () => {
    const pid = 'mc-entered-before';
    await deploy(f.engine, pid, singleMessageProcess(pid, `${pid}-message`));
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: 'order-123' } });
    await f.engine.publishMessage({
      name: `${pid}-message`,
      correlationKey: 'order-123',
      timeToLive: 1000,
      variables: { foo: 'bar' },
      messageId: `${pid}-id`,
    });
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'receive-message'), ['COMPLETED']);
    assert.deepEqual(await f.engine.getVariables(processInstanceKey), { key: 'order-123', foo: 'bar' });
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCorrelationTest.java
  it('MessageCorrelationTest#shouldCorrelateMessageIfPublishedBefore: a buffered message is correlated when the catch event is entered', async () => {
    const pid = 'mc-published-before';
    await deploy(f.engine, pid, singleMessageProcess(pid, `${pid}-message`));
    await f.engine.publishMessage({ name: `${pid}-message`, correlationKey: 'order-123', timeToLive: defaultTtl, variables: { foo: 'bar' } });
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: 'order-123' } });
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'receive-message'), ['COMPLETED']);
    assert.deepEqual(await f.engine.getVariables(processInstanceKey), { key: 'order-123', foo: 'bar' });
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCorrelationTest.java
  it('MessageCorrelationTest#shouldCorrelateMessageToMessageWithFeelExpressionNameIfPublishedBefore: the message name may be a FEEL expression', async () => {
    const pid = 'mc-feel-name';
    await deploy(f.engine, pid, singleMessageProcess(pid, '', `="${pid}-message"`));
    await f.engine.publishMessage({ name: `${pid}-message`, correlationKey: 'order-123', timeToLive: defaultTtl, variables: { foo: 'bar' } });
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: 'order-123' } });
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'receive-message'), ['COMPLETED']);
    assert.deepEqual(await f.engine.getVariables(processInstanceKey), { key: 'order-123', foo: 'bar' });
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCorrelationTest.java
  it('MessageCorrelationTest#shouldCorrelateMessageIfCorrelationKeyIsANumber: a numeric correlation key matches its text form', async () => {
    const pid = 'mc-numeric-key';
    await deploy(f.engine, pid, singleMessageProcess(pid, `${pid}-message`));
    await f.engine.publishMessage({ name: `${pid}-message`, correlationKey: '123', timeToLive: defaultTtl, variables: { foo: 'bar' } });
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: 123 } });
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
    assert.deepEqual(await f.engine.getVariables(processInstanceKey), { key: 123, foo: 'bar' });
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCorrelationTest.java
  it('MessageCorrelationTest#shouldCorrelateFirstPublishedMessage: of two buffered messages the first published one is correlated', async () => {
    const pid = 'mc-first-published';
    await deploy(f.engine, pid, singleMessageProcess(pid, `${pid}-message`));
    await f.engine.publishMessage({ name: `${pid}-message`, correlationKey: 'order-123', timeToLive: defaultTtl, variables: { nr: 1 } });
    await f.engine.publishMessage({ name: `${pid}-message`, correlationKey: 'order-123', timeToLive: defaultTtl, variables: { nr: 2 } });
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: 'order-123' } });
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
    assert.deepEqual(await f.engine.getVariables(processInstanceKey), { key: 'order-123', nr: 1 });
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCorrelationTest.java
  it('MessageCorrelationTest#shouldCorrelateMessageWithZeroTTL: a message without TTL reaches an open subscription', async () => {
    const pid = 'mc-zero-ttl';
    await deploy(f.engine, pid, singleMessageProcess(pid, `${pid}-message`));
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: 'order-123' } });
    await f.engine.publishMessage({ name: `${pid}-message`, correlationKey: 'order-123', timeToLive: 0, variables: { foo: 'bar' } });
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'receive-message'), ['COMPLETED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCorrelationTest.java
  it('MessageCorrelationTest#shouldCorrelateMessageByCorrelationKey: each instance gets the message of its own key', async () => {
    const pid = 'mc-by-key';
    await deploy(f.engine, pid, singleMessageProcess(pid, `${pid}-message`));
    const first = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: 'order-123' } });
    const second_ = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: 'order-456' } });
    await f.engine.publishMessage({ name: `${pid}-message`, correlationKey: 'order-123', timeToLive: defaultTtl, variables: { nr: 1 } });
    await f.engine.publishMessage({ name: `${pid}-message`, correlationKey: 'order-456', timeToLive: defaultTtl, variables: { nr: 2 } });
    assert.deepEqual(await f.engine.getVariables(first.processInstanceKey), { key: 'order-123', nr: 1 });
    assert.deepEqual(await f.engine.getVariables(second_.processInstanceKey), { key: 'order-456', nr: 2 });
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCorrelationTest.java
  it('MessageCorrelationTest#shouldCorrelateMessageToDifferentProcesses: one message reaches one instance of each process', async () => {
    const pid = 'mc-different-processes';
    const pid2 = `${pid}-2`;
    const name = `${pid}-message`;
    await f.engine.deploy([
      { name: 'wf-1.bpmn', content: singleMessageProcess(pid, name) },
      {
        name: 'wf-2.bpmn',
        content: bpmn(pid2, `${startEvent('start')}${catchEvent('catch', messageDef('m'))}${endEvent('end')}${chain('start', 'catch', 'end')}`, message('m', name, '=key')),
      },
    ]);
    const first = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: 'order-123' } });
    const second_ = await f.engine.createProcessInstance({ processDefinitionId: pid2, variables: { key: 'order-123' } });
    await f.engine.publishMessage({ name, correlationKey: 'order-123', timeToLive: defaultTtl });
    assert.equal(await stateOf(f.engine, first.processInstanceKey), 'COMPLETED');
    assert.equal(await stateOf(f.engine, second_.processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCorrelationTest.java
  it(
    'MessageCorrelationTest#shouldCorrelateMessageOnlyOncePerProcess: of two waiting instances of one process, each message reaches one',
    async () => {
      const pid = 'mc-once-per-process';
      await deploy(f.engine, pid, singleMessageProcess(pid, `${pid}-message`));
      const first = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: 'order-123' } });
      const second_ = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: 'order-123' } });
      await f.engine.publishMessage({ name: `${pid}-message`, correlationKey: 'order-123', timeToLive: defaultTtl });
      assert.equal(await stateOf(f.engine, first.processInstanceKey), 'COMPLETED');
      assert.equal(await stateOf(f.engine, second_.processInstanceKey), 'ACTIVE', 'the first message reaches only the first instance');
      await f.engine.publishMessage({ name: `${pid}-message`, correlationKey: 'order-123', timeToLive: defaultTtl });
      assert.equal(await stateOf(f.engine, second_.processInstanceKey), 'COMPLETED');
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCorrelationTest.java
  it(
    'MessageCorrelationTest#shouldCorrelateMessageOnlyOncePerProcessAcrossVersions: instances of two versions share one message per process id',
    async () => {
      const pid = 'mc-once-across-versions';
      const name = `${pid}-message`;
      await deploy(f.engine, pid, singleMessageProcess(pid, name));
      const first = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: 'order-123' } });
      await f.engine.deploy([
        {
          name: 'wf_v2.bpmn',
          content: bpmn(pid, `${startEvent('start')}${catchEvent('catch', messageDef('m'))}${endEvent('end')}${chain('start', 'catch', 'end')}`, message('m', name, '=key')),
        },
      ]);
      const second_ = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: 'order-123' } });
      assert.equal((await f.engine.getProcessInstance(second_.processInstanceKey)).processDefinitionVersion, 2);
      await f.engine.publishMessage({ name, correlationKey: 'order-123', timeToLive: defaultTtl });
      assert.equal(await stateOf(f.engine, first.processInstanceKey), 'COMPLETED');
      assert.equal(await stateOf(f.engine, second_.processInstanceKey), 'ACTIVE', 'the first message reaches only one instance');
      await f.engine.publishMessage({ name, correlationKey: 'order-123', timeToLive: defaultTtl });
      assert.equal(await stateOf(f.engine, second_.processInstanceKey), 'COMPLETED');
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCorrelationTest.java
  it(
    'MessageCorrelationTest#shouldCorrelateMessageOnlyOnceIfPublishedBefore: two buffered messages reach two successive catch events, one each',
    async () => {
      const pid = 'mc-once-published-before';
      await deploy(f.engine, pid, twoMessagesProcess(pid, `${pid}-ping`));
      await f.engine.publishMessage({ name: `${pid}-ping`, correlationKey: '123', timeToLive: defaultTtl, variables: { nr: 1 } });
      await f.engine.publishMessage({ name: `${pid}-ping`, correlationKey: '123', timeToLive: defaultTtl, variables: { nr: 2 } });
      const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: '123' } });
      assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'message1'), ['COMPLETED']);
      assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'message2'), ['COMPLETED']);
      assert.equal((await f.engine.getVariables(processInstanceKey)).nr, 2, 'message2 took the second message');
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCorrelationTest.java
  it(
    'MessageCorrelationTest#shouldCorrelateMessageOnlyOnceIfEnteredBefore: each message reaches the catch event waiting at the time',
    async () => {
      const pid = 'mc-once-entered-before';
      await deploy(f.engine, pid, twoMessagesProcess(pid, `${pid}-ping`));
      const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: '123' } });
      await f.engine.publishMessage({ name: `${pid}-ping`, correlationKey: '123', timeToLive: defaultTtl, variables: { nr: 1 } });
      assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'message1'), ['COMPLETED']);
      assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'message2'), ['ACTIVE']);
      assert.equal((await f.engine.getVariables(processInstanceKey)).nr, 1);
      await f.engine.publishMessage({ name: `${pid}-ping`, correlationKey: '123', timeToLive: defaultTtl, variables: { nr: 2 } });
      assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'message2'), ['COMPLETED']);
      assert.equal((await f.engine.getVariables(processInstanceKey)).nr, 2);
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCorrelationTest.java
  it(
    'MessageCorrelationTest#shouldCorrelateMessageOnlyOnceToInstance: two parallel catch events of one instance take one message each',
    async () => {
      const pid = 'mc-once-to-instance';
      await deploy(
        f.engine,
        pid,
        bpmn(
          pid,
          `${startEvent('start')}${parallelGateway('fork')}${catchEvent('message1', messageDef('m'))}${catchEvent('message2', messageDef('m'))}
           ${chain('start', 'fork', 'message1')}${chain('fork', 'message2')}`,
          message('m', `${pid}-ping`, '=key'),
        ),
      );
      const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: '123' } });
      await f.engine.publishMessage({ name: `${pid}-ping`, correlationKey: '123', timeToLive: defaultTtl, variables: { nr: 1 } });
      const afterFirst = [...(await statesOf(f.engine, processInstanceKey, 'message1')), ...(await statesOf(f.engine, processInstanceKey, 'message2'))];
      assert.deepEqual(afterFirst.sort(), ['ACTIVE', 'COMPLETED'], 'the first message completes one catch event only');
      await f.engine.publishMessage({ name: `${pid}-ping`, correlationKey: '123', timeToLive: defaultTtl, variables: { nr: 2 } });
      assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'message1'), ['COMPLETED']);
      assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'message2'), ['COMPLETED']);
      assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCorrelationTest.java
  it(
    'MessageCorrelationTest#shouldCorrelateOnlyOneMessagePerCatchElement: two messages published at once go to the two catch events in turn',
    async () => {
      const pid = 'mc-one-per-catch';
      await deploy(f.engine, pid, twoMessagesProcess(pid, `${pid}-ping`));
      const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: '123' } });
      await f.engine.publishMessage({ name: `${pid}-ping`, correlationKey: '123', timeToLive: defaultTtl, variables: { nr: 1 } });
      await f.engine.publishMessage({ name: `${pid}-ping`, correlationKey: '123', timeToLive: defaultTtl, variables: { nr: 2 } });
      assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
      assert.equal((await f.engine.getVariables(processInstanceKey)).nr, 2, 'message2 took the second message');
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCorrelationTest.java
  it('MessageCorrelationTest#shouldCorrelateToNonInterruptingBoundaryEvent: every message triggers the non-interrupting boundary event again', async () => {
    const pid = 'mc-non-interrupting-boundary';
    await deploy(
      f.engine,
      pid,
      bpmn(
        pid,
        `${startEvent('start')}${serviceTask('task', `${pid}-type`)}
         ${boundaryEvent('msg1', 'task', messageDef('m'), { interrupting: false })}
         ${endEvent('msg1End')}${endEvent('taskEnd')}
         ${chain('start', 'task', 'taskEnd')}${chain('msg1', 'msg1End')}`,
        message('m', `${pid}-msg1`, '=key'),
      ),
    );
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: '123' } });
    for (const foo of [0, 1, 2]) {
      await f.engine.publishMessage({ name: `${pid}-msg1`, correlationKey: '123', timeToLive: defaultTtl, variables: { foo } });
    }
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'msg1'), ['COMPLETED', 'COMPLETED', 'COMPLETED']);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'task'), ['ACTIVE']);
    assert.equal((await f.engine.getVariables(processInstanceKey)).foo, 2, 'the process variable foo was set to 0, 1, then 2');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCorrelationTest.java
  it(
    'MessageCorrelationTest#shouldCorrelateOnlyOnceToNonInterruptingBoundaryEvent: a buffered message triggers the non-interrupting boundary event once',
    async () => {
      const pid = 'mc-once-non-interrupting';
      await deploy(
        f.engine,
        pid,
        bpmn(
          pid,
          `${startEvent('start')}${serviceTask('task', `${pid}-test`)}
           ${boundaryEvent('message', 'task', messageDef('m'), { interrupting: false })}
           ${boundaryEvent('timer', 'task', timerDef('duration', 'PT5M'))}
           ${endEvent('correlated')}${endEvent('timerEnd')}
           ${chain('start', 'task')}${chain('message', 'correlated')}${chain('timer', 'timerEnd')}`,
          message('m', `${pid}-message`, '=key'),
        ),
      );
      const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: 'key-1' } });
      await f.engine.publishMessage({ name: `${pid}-message`, correlationKey: 'key-1', timeToLive: defaultTtl });
      await advance(f, 5 * minute);
      assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
      assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'message'), ['COMPLETED'], 'the message boundary event is activated only once');
      assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'timer'), ['COMPLETED']);
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCorrelationTest.java
  it('MessageCorrelationTest#shouldCorrelateMessageAgainAfterRejection: behind an event-based gateway, two buffered messages both get correlated', async () => {
    const pid = 'mc-again-after-rejection';
    await deploy(
      f.engine,
      pid,
      bpmn(
        pid,
        `${startEvent('start')}${eventBasedGateway('split')}
         ${catchEvent('element-a', messageDef('a'))}${catchEvent('element-ab', messageDef('b'))}
         ${catchEvent('element-b', messageDef('b'))}${catchEvent('element-ba', messageDef('a'))}
         <bpmn:exclusiveGateway id="merge" />${endEvent('end')}
         ${chain('start', 'split', 'element-a', 'element-ab', 'merge', 'end')}${chain('split', 'element-b', 'element-ba', 'merge')}`,
        `${message('a', `${pid}-a`, '=key')}${message('b', `${pid}-b`, '=key')}`,
      ),
    );
    await f.engine.publishMessage({ name: `${pid}-a`, correlationKey: '123', timeToLive: defaultTtl });
    await f.engine.publishMessage({ name: `${pid}-b`, correlationKey: '123', timeToLive: defaultTtl });
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: '123' } });
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCorrelationTest.java
  it('MessageCorrelationTest#shouldNotCorrelateMessageAfterTTL: only the message whose TTL has not run out is correlated', async () => {
    const pid = 'mc-after-ttl';
    await deploy(
      f.engine,
      pid,
      bpmn(
        pid,
        `${startEvent('start')}${serviceTask('task', `${pid}-test`)}${catchEvent('catch', messageDef('a'))}${chain('start', 'task', 'catch')}`,
        message('a', `${pid}-a`, '=key'),
      ),
    );
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: 'key-1' } });
    const ttl = 10 * second;
    await f.engine.publishMessage({ name: `${pid}-a`, correlationKey: 'key-1', timeToLive: 0, variables: { x: 1 } });
    await f.engine.publishMessage({ name: `${pid}-a`, correlationKey: 'key-1', timeToLive: ttl, variables: { x: 2 } });
    await f.engine.publishMessage({ name: `${pid}-a`, correlationKey: 'key-1', timeToLive: 2 * ttl, variables: { x: 3 } });
    f.clock.advance(ttl);
    await completeJobs(f.engine, `${pid}-test`);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
    assert.equal((await f.engine.getVariables(processInstanceKey)).x, 3);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCorrelationTest.java
  it(
    'MessageCorrelationTest#shouldNotCorrelateToMessageStartAndIntermediateCatchWithSameProcessId: a message caught by an instance does not also start one',
    async () => {
      const pid = 'mc-start-and-catch';
      const name = `${pid}-message`;
      await deploy(
        f.engine,
        pid,
        bpmn(
          pid,
          `${startEvent('msgStart', messageDef('start-m'))}${endEvent('msgEnd')}
           ${startEvent('start')}${catchEvent('msgCatch', messageDef('m'))}${endEvent('end')}
           ${chain('msgStart', 'msgEnd')}${chain('start', 'msgCatch', 'end')}`,
          `${message('start-m', name)}${message('m', name, '=key')}`,
        ),
      );
      const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: 'correlationKey' } });
      await f.engine.publishMessage({ name, correlationKey: 'correlationKey', timeToLive: 0 });
      assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'msgCatch'), ['COMPLETED']);
      assert.deepEqual(
        (await instancesOf(f.engine, pid)).map((i) => i.processInstanceKey),
        [processInstanceKey],
        'no instance is started by the message start event',
      );
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageCorrelationTest.java
  it('MessageCorrelationTest#testIntermediateMessageEventLifeCycle: the catch event of a buffered message is activated and completed once', async () => {
    const pid = 'mc-lifecycle';
    await deploy(f.engine, pid, singleMessageProcess(pid, `${pid}-message`));
    await f.engine.publishMessage({ name: `${pid}-message`, correlationKey: 'order-123', timeToLive: defaultTtl });
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { key: 'order-123' } });
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'receive-message'), ['COMPLETED']);
    assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'end'), ['COMPLETED']);
    assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/PublishMessageTest.java
  it('PublishMessageTest#shouldRejectToPublishSameMessageWithId: a second message with the same id is refused as already existing', async () => {
    const request = { name: 'order canceled', correlationKey: 'order-123', timeToLive: 1000, messageId: 'shouldRejectToPublishSameMessageWithId' };
    await f.engine.publishMessage(request);
    await assert.rejects(f.engine.publishMessage(request), (e: WorkflowError) => e.code === 'ALREADY_EXISTS');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/PublishMessageTest.java
  it('PublishMessageTest#shouldPublishSecondMessageWithDifferentId: a different id is a different message, with a greater key', async () => {
    const base = { name: 'order canceled', correlationKey: 'order-123', timeToLive: 1000 };
    const first = await f.engine.publishMessage({ ...base, messageId: 'shouldPublishSecondMessageWithDifferentId' });
    const second_ = await f.engine.publishMessage({ ...base, messageId: 'shouldPublishSecondMessageWithDifferentId-2' });
    assert.ok(BigInt(first.messageKey) < BigInt(second_.messageKey));
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/PublishMessageTest.java
  it('PublishMessageTest#shouldPublishSameMessageWithEmptyId: an empty message id never makes a duplicate', async () => {
    const first = await f.engine.publishMessage({ name: 'order canceled', correlationKey: 'order-123', timeToLive: 1000, messageId: '' });
    const second_ = await f.engine.publishMessage({ name: 'order shipped', correlationKey: 'order-123', timeToLive: 1000, messageId: '' });
    const third = await f.engine.publishMessage({ name: 'order shipped', correlationKey: 'order-123', timeToLive: 1000, messageId: '' });
    assert.ok(BigInt(first.messageKey) < BigInt(second_.messageKey));
    assert.ok(BigInt(second_.messageKey) < BigInt(third.messageKey));
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/PublishMessageTest.java
  it('PublishMessageTest#shouldPublishMessageWithZeroTTL: a message with TTL 0 is accepted', async () => {
    const published = await f.engine.publishMessage({ name: 'order canceled', correlationKey: 'order-123', timeToLive: 0 });
    assert.match(published.messageKey, /^\d+$/);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/PublishMessageTest.java
  it(
    'PublishMessageTest#shouldPublishMessageWithNegativeTTL: a message with TTL -1 is accepted',
    async () => {
      const published = await f.engine.publishMessage({ name: 'order canceled', correlationKey: 'order-123', timeToLive: -1 });
      assert.match(published.messageKey, /^\d+$/);
    },
  );
});
