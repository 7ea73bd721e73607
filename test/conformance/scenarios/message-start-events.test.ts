import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bpmn, deploy, openEngine, serviceTask, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import {
  catchEvent,
  chain,
  completeJobs,
  endEvent,
  hour,
  instancesOf,
  io,
  message,
  messageDef,
  second,
  startEvent,
  statesOf,
  timerDef,
  variableOfInstances,
} from './event-builders.js';

/**
 * Message start events, mirroring Zeebe's MessageStartEventTest
 * (zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageStartEventTest.java).
 * Zeebe's model: start event "start" for message "a" → service task "task" (job type "test").
 * Each scenario has its own process id, message names and job type; messages keep Zeebe's test
 * client TTL of one hour.
 */
const ttl = hour;
const KEY_1 = 'key-1';
const KEY_2 = 'key-2';

/** Zeebe's singleStartEvent(customizer): `startId` and extensions of the start event may vary. */
function singleStartEvent(pid: string, options: { startId?: string; messageName?: string; extensions?: string } = {}): string {
  const startId = options.startId ?? 'start';
  return bpmn(
    pid,
    `${startEvent(startId, messageDef('a'), { extensions: options.extensions ?? '' })}${serviceTask('task', `${pid}-test`)}${chain(startId, 'task')}`,
    message('a', options.messageName ?? `${pid}-a`),
  );
}

/** Zeebe's multipleStartEvents(): start events for messages "a" and "b" both lead to "task". */
function multipleStartEvents(pid: string): string {
  return bpmn(
    pid,
    `${startEvent('start-a', messageDef('a'))}${startEvent('start-b', messageDef('b'))}${serviceTask('task', `${pid}-test`)}
     ${chain('start-a', 'task')}${chain('start-b', 'task')}`,
    `${message('a', `${pid}-a`)}${message('b', `${pid}-b`)}`,
  );
}

describe('conformance: message start events (Zeebe MessageStartEventTest)', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  const publish = (name: string, correlationKey: string, variables: Record<string, unknown> = {}, timeToLive = ttl) =>
    f.engine.publishMessage({ name, correlationKey, variables, timeToLive });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageStartEventTest.java
  it('MessageStartEventTest#shouldCorrelateMessageToStartEvent: a message starts an instance at its message start event', async () => {
    const pid = 'ms-correlate';
    await deploy(f.engine, pid, singleStartEvent(pid));
    await publish(`${pid}-a`, KEY_1);
    const instances = await instancesOf(f.engine, pid);
    assert.equal(instances.length, 1);
    assert.deepEqual(await statesOf(f.engine, instances[0].processInstanceKey, 'start'), ['COMPLETED']);
    assert.deepEqual(await statesOf(f.engine, instances[0].processInstanceKey, 'task'), ['ACTIVE']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageStartEventTest.java
  it('MessageStartEventTest#shouldCreateNewInstanceWithNameLiteral: the instance started by the message runs to its end', async () => {
    const pid = 'ms-name-literal';
    await deploy(f.engine, pid, singleStartEvent(pid));
    await publish(`${pid}-a`, KEY_1);
    assert.equal((await completeJobs(f.engine, `${pid}-test`)).length, 1);
    const [instance] = await instancesOf(f.engine, pid);
    assert.equal(instance.state, 'COMPLETED');
    assert.deepEqual(await statesOf(f.engine, instance.processInstanceKey, 'start'), ['COMPLETED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageStartEventTest.java
  it(
    'MessageStartEventTest#shouldCreateNewInstanceWithNameFeelExpression: the message name of a start event may be a static FEEL expression',
    async () => {
      const pid = 'ms-name-feel';
      await deploy(f.engine, pid, singleStartEvent(pid, { messageName: `="${pid}-a"` }));
      await publish(`${pid}-a`, KEY_1);
      assert.equal((await completeJobs(f.engine, `${pid}-test`)).length, 1);
      const [instance] = await instancesOf(f.engine, pid);
      assert.equal(instance.state, 'COMPLETED');
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageStartEventTest.java
  it('MessageStartEventTest#shouldCreateNewInstanceWithMessageVariables: the message variables become process variables', async () => {
    const pid = 'ms-variables';
    await deploy(f.engine, pid, singleStartEvent(pid));
    await publish(`${pid}-a`, KEY_1, { x: 1, y: 2 });
    const [instance] = await instancesOf(f.engine, pid);
    assert.deepEqual(await f.engine.getVariables(instance.processInstanceKey), { x: 1, y: 2 });
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageStartEventTest.java
  it('MessageStartEventTest#shouldApplyOutputMappings: output mappings of the start event apply to the message variables', async () => {
    const pid = 'ms-output-mappings';
    await deploy(f.engine, pid, singleStartEvent(pid, { extensions: io([], [['=x', 'y']]) }));
    await publish(`${pid}-a`, KEY_1, { x: 1 });
    const [instance] = await instancesOf(f.engine, pid);
    assert.equal((await f.engine.getVariables(instance.processInstanceKey)).y, 1);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageStartEventTest.java
  it('MessageStartEventTest#shouldCreateInstanceOfLatestVersion: only the latest version listens to the message', async () => {
    const pid = 'ms-latest-version';
    await deploy(f.engine, pid, singleStartEvent(pid, { startId: 'v1' }));
    await deploy(f.engine, pid, singleStartEvent(pid, { startId: 'v2' }));
    await publish(`${pid}-a`, KEY_1);
    const instances = await instancesOf(f.engine, pid);
    assert.equal(instances.length, 1);
    assert.deepEqual(await statesOf(f.engine, instances[0].processInstanceKey, 'v2'), ['COMPLETED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageStartEventTest.java
  it('MessageStartEventTest#shouldCreateNewInstanceWithMultipleStartEvents: each of two message start events starts an instance', async () => {
    const pid = 'ms-multiple-start-events';
    await deploy(f.engine, pid, multipleStartEvents(pid));
    await publish(`${pid}-a`, KEY_1, { x: 1 });
    await publish(`${pid}-b`, KEY_2, { x: 2 });
    assert.deepEqual(await variableOfInstances(f.engine, pid, 'x'), [1, 2]);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageStartEventTest.java
  it('MessageStartEventTest#shouldTriggerOnlyMessageStartEvent: beside none and timer start events, only the message start event is taken', async () => {
    const pid = 'ms-only-message-start';
    await deploy(
      f.engine,
      pid,
      bpmn(
        pid,
        `${startEvent('none-start')}${endEvent('none-end')}${startEvent('message-start', messageDef('a'))}${endEvent('message-end')}
         ${startEvent('timer-start', timerDef('cycle', 'R/PT1H'))}${endEvent('timer-end')}
         ${chain('none-start', 'none-end')}${chain('message-start', 'message-end')}${chain('timer-start', 'timer-end')}`,
        message('a', `${pid}-a`),
      ),
    );
    await publish(`${pid}-a`, KEY_1);
    const instances = await instancesOf(f.engine, pid);
    assert.equal(instances.length, 1);
    const elements = await f.engine.getElementInstances(instances[0].processInstanceKey);
    assert.deepEqual(elements.filter((e) => e.type === 'START_EVENT').map((e) => e.elementId), ['message-start']);
    assert.equal(instances[0].state, 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageStartEventTest.java
  it(
    'MessageStartEventTest#shouldNotCorrelateSameMessageToCreatedInstance: the starting message is not caught again by the new instance',
    async () => {
      const pid = 'ms-not-same-message';
      const name = `${pid}-a`;
      await deploy(
        f.engine,
        pid,
        bpmn(
          pid,
          `${startEvent('start', messageDef('start-a'))}${catchEvent('catch', messageDef('a'))}${endEvent('end')}${chain('start', 'catch', 'end')}`,
          `${message('start-a', name)}${message('a', name, '=key')}`,
        ),
      );
      await publish(name, KEY_1, { key: KEY_1, x: 1 });
      const [instance] = await instancesOf(f.engine, pid);
      assert.deepEqual(await statesOf(f.engine, instance.processInstanceKey, 'catch'), ['ACTIVE'], 'the first message is not caught by its own instance');
      await publish(name, KEY_1, { x: 2 });
      const instances = await instancesOf(f.engine, pid);
      assert.equal(instances.length, 1, 'the second message is caught, it starts no instance');
      assert.equal(instances[0].state, 'COMPLETED');
      assert.equal((await f.engine.getVariables(instance.processInstanceKey)).x, 2);
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageStartEventTest.java
  it('MessageStartEventTest#shouldCreateMultipleInstancesIfCorrelationKeyIsEmpty: without correlation key every message starts an instance', async () => {
    const pid = 'ms-empty-key';
    await deploy(f.engine, pid, singleStartEvent(pid));
    await publish(`${pid}-a`, '', { x: 1 });
    await publish(`${pid}-a`, '', { x: 2 });
    assert.deepEqual(await variableOfInstances(f.engine, pid, 'x'), [1, 2]);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageStartEventTest.java
  it('MessageStartEventTest#shouldCreateOnlyOneInstancePerCorrelationKey: while an instance of a key is active, its key starts no other', async () => {
    const pid = 'ms-one-per-key';
    await deploy(f.engine, pid, singleStartEvent(pid));
    await publish(`${pid}-a`, KEY_1, { x: 1 });
    await publish(`${pid}-a`, KEY_1, { x: 2 });
    await publish(`${pid}-a`, KEY_2, { x: 3 });
    assert.deepEqual(await variableOfInstances(f.engine, pid, 'x'), [1, 3]);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageStartEventTest.java
  it('MessageStartEventTest#shouldNotCreateInstanceForDifferentVersion: the active instance of version 1 still blocks its key for version 2', async () => {
    const pid = 'ms-different-version';
    await deploy(f.engine, pid, singleStartEvent(pid, { startId: 'v1' }));
    await publish(`${pid}-a`, KEY_1, { x: 1 });
    await deploy(f.engine, pid, singleStartEvent(pid, { startId: 'v2' }));
    await publish(`${pid}-a`, KEY_1, { x: 2 });
    await publish(`${pid}-a`, KEY_2, { x: 3 });
    assert.deepEqual(await variableOfInstances(f.engine, pid, 'x'), [1, 3]);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageStartEventTest.java
  it('MessageStartEventTest#shouldCreateNewInstanceAfterCompletion: once the instance of a key completed, the key starts a new one', async () => {
    const pid = 'ms-after-completion';
    await deploy(f.engine, pid, singleStartEvent(pid));
    await publish(`${pid}-a`, KEY_1, { x: 1 });
    await completeJobs(f.engine, `${pid}-test`);
    await publish(`${pid}-a`, KEY_1, { x: 2 });
    assert.deepEqual(await variableOfInstances(f.engine, pid, 'x'), [1, 2]);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageStartEventTest.java
  it('MessageStartEventTest#shouldCreateNewInstanceAfterTermination: once the instance of a key was cancelled, the key starts a new one', async () => {
    const pid = 'ms-after-termination';
    await deploy(f.engine, pid, singleStartEvent(pid));
    await publish(`${pid}-a`, KEY_1, { x: 1 });
    const [first] = await instancesOf(f.engine, pid);
    await f.engine.cancelProcessInstance(first.processInstanceKey);
    await publish(`${pid}-a`, KEY_1, { x: 2 });
    assert.deepEqual(await variableOfInstances(f.engine, pid, 'x'), [1, 2]);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageStartEventTest.java
  it(
    'MessageStartEventTest#shouldCreateNewInstanceForBufferedMessageAfterCompletion: buffered messages of the key start the next instances in turn',
    async () => {
      const pid = 'ms-buffered-after-completion';
      await deploy(f.engine, pid, singleStartEvent(pid));
      await publish(`${pid}-a`, KEY_1, { x: 1 });
      await publish(`${pid}-a`, KEY_1, { x: 2 });
      await publish(`${pid}-a`, KEY_1, { x: 3 });
      assert.equal((await completeJobs(f.engine, `${pid}-test`)).length, 1);
      assert.equal((await completeJobs(f.engine, `${pid}-test`)).length, 1, 'the message x=2 started the next instance');
      assert.deepEqual(await variableOfInstances(f.engine, pid, 'x'), [1, 2, 3]);
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageStartEventTest.java
  it(
    'MessageStartEventTest#shouldCreateNewInstanceForBufferedMessageAfterTermination: buffered messages of the key start the next instances after cancellation',
    async () => {
      const pid = 'ms-buffered-after-termination';
      await deploy(f.engine, pid, singleStartEvent(pid));
      await publish(`${pid}-a`, KEY_1, { x: 1 });
      await publish(`${pid}-a`, KEY_1, { x: 2 });
      await publish(`${pid}-a`, KEY_1, { x: 3 });
      const [first] = await instancesOf(f.engine, pid);
      await f.engine.cancelProcessInstance(first.processInstanceKey);
      const [, second_] = await instancesOf(f.engine, pid);
      assert.ok(second_, 'the message x=2 started the next instance');
      await f.engine.cancelProcessInstance(second_.processInstanceKey);
      assert.deepEqual(await variableOfInstances(f.engine, pid, 'x'), [1, 2, 3]);
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageStartEventTest.java
  it('MessageStartEventTest#shouldWriteCorrelatedEventsForBufferedMessages: each message published after the previous instance ended starts one', async () => {
    const pid = 'ms-correlated-in-turn';
    await deploy(f.engine, pid, singleStartEvent(pid));
    for (const x of [0, 1, 2]) {
      await publish(`${pid}-a`, KEY_1, { x });
      assert.equal((await completeJobs(f.engine, `${pid}-test`)).length, 1);
    }
    const instances = await instancesOf(f.engine, pid);
    assert.deepEqual(await variableOfInstances(f.engine, pid, 'x'), [0, 1, 2]);
    for (const instance of instances) {
      assert.equal(instance.state, 'COMPLETED');
      assert.deepEqual(await statesOf(f.engine, instance.processInstanceKey, 'start'), ['COMPLETED']);
    }
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageStartEventTest.java
  it(
    'MessageStartEventTest#shouldCreateNewInstanceOfLatestProcessVersionForBufferedMessage: the buffered message starts the latest version once the key is free',
    async () => {
      const pid = 'ms-buffered-latest-version';
      await deploy(f.engine, pid, singleStartEvent(pid, { startId: 'v1' }));
      await publish(`${pid}-a`, KEY_1, { x: 1 });
      await deploy(f.engine, pid, singleStartEvent(pid, { startId: 'v2' }));
      await publish(`${pid}-a`, KEY_1, { x: 2 });
      await completeJobs(f.engine, `${pid}-test`);
      const instances = await instancesOf(f.engine, pid);
      assert.equal(instances.length, 2);
      assert.deepEqual(await statesOf(f.engine, instances[0].processInstanceKey, 'v1'), ['COMPLETED']);
      assert.deepEqual(await statesOf(f.engine, instances[1].processInstanceKey, 'v2'), ['COMPLETED']);
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageStartEventTest.java
  it(
    'MessageStartEventTest#shouldNotCreateNewInstanceForBufferedMessageAfterTTL: an expired buffered message starts nothing, a live one does',
    async () => {
      const pid = 'ms-buffered-after-ttl';
      await deploy(f.engine, pid, singleStartEvent(pid));
      await publish(`${pid}-a`, KEY_1, { x: 1 });
      await publish(`${pid}-a`, KEY_1, { x: 2 }, 10 * second);
      await publish(`${pid}-a`, KEY_1, { x: 3 }, 20 * second);
      f.clock.advance(10 * second);
      await completeJobs(f.engine, `${pid}-test`);
      assert.deepEqual(await variableOfInstances(f.engine, pid, 'x'), [1, 3]);
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageStartEventTest.java
  it('MessageStartEventTest#shouldCreateOnlyOneInstancePerCorrelationKeyWithMultipleStartEvents: the key blocks all message start events', async () => {
    const pid = 'ms-one-per-key-multiple';
    await deploy(f.engine, pid, multipleStartEvents(pid));
    await publish(`${pid}-a`, KEY_1, { x: 1 });
    await publish(`${pid}-b`, KEY_1, { x: 2 });
    await publish(`${pid}-a`, KEY_2, { x: 3 });
    assert.deepEqual(await variableOfInstances(f.engine, pid, 'x'), [1, 3]);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageStartEventTest.java
  it(
    'MessageStartEventTest#shouldCreateNewInstanceForBufferedMessageWithMultipleStartEvents: buffered messages of both start events start instances in order',
    async () => {
      const pid = 'ms-buffered-multiple';
      await deploy(f.engine, pid, multipleStartEvents(pid));
      await publish(`${pid}-a`, KEY_1, { x: 1 });
      await publish(`${pid}-b`, KEY_1, { x: 2 });
      await publish(`${pid}-a`, KEY_1, { x: 3 });
      await publish(`${pid}-b`, KEY_1, { x: 4 });
      for (let i = 0; i < 4; i++) {
        assert.equal((await completeJobs(f.engine, `${pid}-test`)).length, 1, `instance ${i + 1} is waiting at its task`);
      }
      assert.deepEqual(await variableOfInstances(f.engine, pid, 'x'), [1, 2, 3, 4]);
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/message/MessageStartEventTest.java
  it('MessageStartEventTest#shouldCreateProcessInstancesAndPassVariables: two messages of different keys start two instances with their own variables', async () => {
    const pid = 'ms-pass-variables';
    await deploy(f.engine, pid, singleStartEvent(pid));
    await publish(`${pid}-a`, KEY_1, { x: 1 }, 0);
    await publish(`${pid}-a`, KEY_2, { x: 2 }, 0);
    assert.deepEqual(await variableOfInstances(f.engine, pid, 'x'), [1, 2]);
  });
});
