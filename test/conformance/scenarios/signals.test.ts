import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WorkflowError } from '@mot-cua/engine/workflow/workflow-engine.port.js';
import { openEngine, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import { message, messageDef, startEvent, timerDef } from './event-builders.js';
import {
  bpmn,
  chain,
  completeOne,
  count,
  deployProcess,
  end,
  eventSubProcess,
  flow,
  io,
  job,
  oneJob,
  parallel,
  start,
  stateOf,
  subProcess,
  trail,
} from './flow-builders.js';
import { signalBoundary, signalCatch, signalDef, signalEnd, signalStart, signalThrow } from './signal-builders.js';

/**
 * Signal events, mirroring Zeebe's signal tests (zeebe/engine/src/test/java/io/camunda/zeebe/engine/
 * processing/signal/: SignalStartEventTest, SignalCatchEventTest, SignalIntermediateThrowEventTest,
 * SignalEndEventTest, BroadcastSignalTest, SignalSubscriptionTest) and the signal variants of
 * bpmn/subprocess/InterruptingEventSubprocessTest and NonInterruptingEventSubprocessTest, with each
 * test's model. A signal reaches every subscription open when it is broadcast, across processes,
 * so each scenario uses signal names of its own (as Zeebe's tests take a fresh one per test).
 * A broadcast answers once it has been delivered, so the scenarios look right after it.
 */
describe('conformance: signal events (Zeebe SignalStartEventTest, SignalCatchEventTest, signal throw and end events)', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  const broadcast = (signalName: string, variables: Record<string, unknown> = {}) => f.engine.broadcastSignal({ signalName, variables });
  const create = async (processDefinitionId: string, variables = {}) =>
    (await f.engine.createProcessInstance({ processDefinitionId, variables })).processInstanceKey;
  /** The instances of a process id, oldest first. */
  const instances = async (processDefinitionId: string) =>
    (await f.engine.searchProcessInstances({ processDefinitionId })).sort((a, b) => Number(BigInt(a.processInstanceKey) - BigInt(b.processInstanceKey)));
  const variables = (key: string) => f.engine.getVariables(key);
  /** start "start" (signal) → end "end": Zeebe's SignalStartEventTest model. */
  const signalStarted = (pid: string, signalName: string, startId = 'start', ext = '') =>
    deployProcess(f.engine, pid, `${signalStart(startId, 'Signal_1', { ext })} ${end()} ${flow('f1', startId, 'end')}`, signalDef('Signal_1', signalName));

  // ---------------------------------------------------------------- SignalStartEventTest

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/signal/SignalStartEventTest.java
  it('SignalStartEventTest#shouldBroadcastSignalToStartEvent: a broadcast starts an instance at its signal start event', async () => {
    await signalStarted('sig-start', 'sig-start-a');
    await broadcast('sig-start-a');
    const [instance, ...more] = await instances('sig-start');
    assert.equal(more.length, 0);
    assert.deepEqual(await trail(f.engine, instance.processInstanceKey), ['start:COMPLETED', 'end:COMPLETED']);
    assert.equal(instance.state, 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/signal/SignalStartEventTest.java
  it('SignalStartEventTest#shouldCreateNewInstanceWithSignalVariables: the signal variables are the instance variables', async () => {
    await signalStarted('sig-start-vars', 'sig-start-vars-a');
    await broadcast('sig-start-vars-a', { x: 1, y: 2 });
    const [instance] = await instances('sig-start-vars');
    assert.deepEqual(await variables(instance.processInstanceKey), { x: 1, y: 2 });
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/signal/SignalStartEventTest.java
  // The variables go through the start event's output mapping: the process gets y = 1 only.
  it('SignalStartEventTest#shouldApplyOutputMappings: the start event output mapping x → y sets y = 1', async () => {
    await signalStarted('sig-start-out', 'sig-start-out-a', 'start', io([], [['=x', 'y']]));
    await broadcast('sig-start-out-a', { x: 1, y: 2 });
    const [instance] = await instances('sig-start-out');
    assert.deepEqual(await variables(instance.processInstanceKey), { y: 1 });
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/signal/SignalStartEventTest.java
  it('SignalStartEventTest#shouldCreateInstanceOfLatestVersion: only the latest version listens to the signal', async () => {
    await signalStarted('sig-start-latest', 'sig-start-latest-a', 'v1');
    await signalStarted('sig-start-latest', 'sig-start-latest-a', 'v2');
    await broadcast('sig-start-latest-a');
    const found = await instances('sig-start-latest');
    assert.equal(found.length, 1);
    assert.equal(found[0].processDefinitionVersion, 2);
    assert.deepEqual(await trail(f.engine, found[0].processInstanceKey), ['v2:COMPLETED', 'end:COMPLETED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/signal/SignalStartEventTest.java
  it('SignalStartEventTest#shouldCreateNewInstanceWithMultipleStartEvents: each signal starts the process at its own start event', async () => {
    await deployProcess(
      f.engine,
      'sig-start-multi',
      `${signalStart('start-1', 'Signal_1')} ${signalStart('start-2', 'Signal_2')} ${end()} ${flow('f1', 'start-1', 'end')} ${flow('f2', 'start-2', 'end')}`,
      `${signalDef('Signal_1', 'sig-start-multi-a')} ${signalDef('Signal_2', 'sig-start-multi-b')}`,
    );
    await broadcast('sig-start-multi-a', { x: 1 });
    await broadcast('sig-start-multi-b', { x: 2 });
    const found = await instances('sig-start-multi');
    assert.deepEqual(await Promise.all(found.map(async (i) => (await variables(i.processInstanceKey)).x)), [1, 2]);
    assert.deepEqual(await trail(f.engine, found[1].processInstanceKey), ['start-2:COMPLETED', 'end:COMPLETED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/signal/SignalStartEventTest.java
  it('SignalStartEventTest#shouldTriggerOnlySignalStartEvent: none, message and timer start events of the process stay put', async () => {
    await deployProcess(
      f.engine,
      'sig-start-only',
      `${start('none-start')} ${startEvent('message-start', messageDef('Message_1'))} ${signalStart('signal-start', 'Signal_1')}
       ${startEvent('timer-start', timerDef('cycle', 'R/PT1H'))} ${end('end-1')} ${end('end-2')} ${end('end-3')} ${end('end-4')}
       ${flow('f1', 'none-start', 'end-1')} ${flow('f2', 'message-start', 'end-2')} ${flow('f3', 'signal-start', 'end-3')} ${flow('f4', 'timer-start', 'end-4')}`,
      `${message('Message_1', 'sig-start-only-test')} ${signalDef('Signal_1', 'sig-start-only-a')}`,
    );
    await broadcast('sig-start-only-a');
    const found = await instances('sig-start-only');
    assert.equal(found.length, 1);
    assert.deepEqual(await trail(f.engine, found[0].processInstanceKey, 'START_EVENT'), ['signal-start:COMPLETED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/signal/SignalStartEventTest.java
  it('SignalStartEventTest#shouldCreateMultipleInstances: every broadcast starts one more instance', async () => {
    await signalStarted('sig-start-many', 'sig-start-many-a');
    await broadcast('sig-start-many-a', { x: 1 });
    await broadcast('sig-start-many-a', { x: 2 });
    const found = await instances('sig-start-many');
    assert.deepEqual(await Promise.all(found.map(async (i) => (await variables(i.processInstanceKey)).x)), [1, 2]);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/signal/SignalStartEventTest.java
  it('SignalStartEventTest#shouldCreateMultipleInstancesForDifferentResources: one broadcast starts every process listening to it', async () => {
    const name = 'sig-start-resources-a';
    await f.engine.deploy([
      { name: 'sig-wf-1.bpmn', content: bpmn('sig-wf-1', `${signalStart('start', 'Signal_1')} ${end()} ${flow('f1', 'start', 'end')}`, signalDef('Signal_1', name)) },
      { name: 'sig-wf-2.bpmn', content: bpmn('sig-wf-2', `${signalStart('start', 'Signal_1')} ${end()} ${flow('f1', 'start', 'end')}`, signalDef('Signal_1', name)) },
    ]);
    await broadcast(name, { x: 1 });
    assert.equal((await instances('sig-wf-1')).length, 1);
    assert.equal((await instances('sig-wf-2')).length, 1);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/signal/SignalStartEventTest.java
  it('SignalStartEventTest#shouldNotCreateInstanceDirectly: a process with only a signal start event cannot be created', async () => {
    await signalStarted('SignalStartEventOnly', 'sig-start-direct');
    await assert.rejects(create('SignalStartEventOnly'), (error: unknown) => error instanceof WorkflowError && error.code === 'INVALID_STATE');
  });

  // ---------------------------------------------------------------- SignalSubscriptionTest

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/signal/SignalSubscriptionTest.java
  it('SignalSubscriptionTest#shouldDeleteSubscriptionForOldVersions: after a redeploy the signal starts the new version only', async () => {
    await signalStarted('sig-sub-versions', 'sig-sub-versions-a', 'startEventId1');
    // A second version: the same model with another element name, as a changed resource.
    await deployProcess(
      f.engine,
      'sig-sub-versions',
      `${signalStart('startEventId1', 'Signal_1')} <bpmn:endEvent id="end" name="v2" /> ${flow('f1', 'startEventId1', 'end')}`,
      signalDef('Signal_1', 'sig-sub-versions-a'),
    );
    await broadcast('sig-sub-versions-a');
    const found = await instances('sig-sub-versions');
    assert.deepEqual(found.map((i) => i.processDefinitionVersion), [2]);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/signal/SignalSubscriptionTest.java
  it('SignalSubscriptionTest#shouldOpenSingleSignalSubscriptionOnMultipleDeployments: deploying the same model twice keeps one subscription', async () => {
    await signalStarted('signalProcess', 'sig-sub-twice');
    await signalStarted('signalProcess', 'sig-sub-twice');
    await broadcast('sig-sub-twice');
    assert.equal((await instances('signalProcess')).length, 1);
  });

  // ---------------------------------------------------------------- SignalCatchEventTest

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/signal/SignalCatchEventTest.java
  it('SignalCatchEventTest#shouldTriggerIntermediateCatchEvent: the waiting catch event completes and so does the process', async () => {
    await deployProcess(f.engine, 'sig-catch', `${start()} ${signalCatch('catch', 'Signal_1')} ${end()} ${chain('f', 'start', 'catch', 'end')}`, signalDef('Signal_1', 'sig-catch-signal'));
    const key = await create('sig-catch');
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'catch:ACTIVE']);
    await broadcast('sig-catch-signal');
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'catch:COMPLETED', 'end:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/signal/SignalCatchEventTest.java
  it('SignalCatchEventTest#shouldTriggerInterruptingBoundaryEvent: the task is terminated and the boundary event takes its flow', async () => {
    await deployProcess(
      f.engine,
      'sig-boundary',
      `${start()} ${job('task', 'sig-boundary-type')} ${signalBoundary('catch', 'task', 'Signal_1')} ${end('task-end')} ${end()}
       ${chain('f', 'start', 'task', 'task-end')} ${flow('g1', 'catch', 'end')}`,
      signalDef('Signal_1', 'sig-boundary-signal'),
    );
    const key = await create('sig-boundary');
    await broadcast('sig-boundary-signal');
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'task:TERMINATED', 'catch:COMPLETED', 'end:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/signal/SignalCatchEventTest.java
  it('SignalCatchEventTest#shouldTriggerNonInterruptingBoundaryEvent: the boundary event runs alongside; the task completes afterwards', async () => {
    await deployProcess(
      f.engine,
      'sig-boundary-non',
      `${start()} ${job('task', 'sig-boundary-non-type')} ${signalBoundary('catch', 'task', 'Signal_1', false)} ${end('task-end')} ${end()}
       ${chain('f', 'start', 'task', 'task-end')} ${flow('g1', 'catch', 'end')}`,
      signalDef('Signal_1', 'sig-boundary-non-signal'),
    );
    const key = await create('sig-boundary-non');
    await broadcast('sig-boundary-non-signal');
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'task:ACTIVE', 'catch:COMPLETED', 'end:COMPLETED']);
    await completeOne(f.engine, 'sig-boundary-non-type');
    assert.equal(await count(f.engine, key, 'task', 'COMPLETED'), 1);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/signal/SignalCatchEventTest.java
  it('SignalCatchEventTest#shouldCloseSignalSubscription: once the task completed, the signal reaches nothing', async () => {
    await deployProcess(
      f.engine,
      'sig-close',
      `${start()} ${job('task', 'sig-close-type')} ${signalBoundary('catch', 'task', 'Signal_1')} ${end('task-end')} ${end()}
       ${chain('f', 'start', 'task', 'task-end')} ${flow('g1', 'catch', 'end')}`,
      signalDef('Signal_1', 'sig-close-signal'),
    );
    const key = await create('sig-close');
    await completeOne(f.engine, 'sig-close-type');
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
    await broadcast('sig-close-signal');
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'task:COMPLETED', 'task-end:COMPLETED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/signal/SignalCatchEventTest.java
  it('SignalCatchEventTest#shouldTriggerSignalCatchEventAttachedToEventBasedGateway: the signal wins over the timer', async () => {
    await deployProcess(
      f.engine,
      'sig-gateway',
      `${start()} <bpmn:eventBasedGateway id="event_based_gateway" /> ${signalCatch('catch', 'Signal_1')} ${end()}
       <bpmn:intermediateCatchEvent id="timer">${timerDef('duration', 'PT10M')}</bpmn:intermediateCatchEvent> ${end('timer-end')}
       ${chain('f', 'start', 'event_based_gateway', 'catch', 'end')} ${chain('g', 'event_based_gateway', 'timer', 'timer-end')}`,
      signalDef('Signal_1', 'sig-gateway-signal'),
    );
    const key = await create('sig-gateway');
    await broadcast('sig-gateway-signal');
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'event_based_gateway:COMPLETED', 'catch:COMPLETED', 'end:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // docs.camunda.io/docs/components/modeler/bpmn/signal-events/ (Variable mappings): "all signal
  // variables are merged into the process instance", unless the catch event has output mappings.
  it('signal events docs, variable mappings: a catch event merges the signal variables into the process; with an output mapping only what it maps', async () => {
    await deployProcess(
      f.engine,
      'sig-catch-vars',
      `${start()} ${parallel('fork')} ${signalCatch('catch-all', 'Signal_1')} ${signalCatch('catch-mapped', 'Signal_2', io([], [['=x', 'mapped']]))} ${parallel('join')} ${end()}
       ${chain('f', 'start', 'fork', 'catch-all', 'join', 'end')} ${chain('g', 'fork', 'catch-mapped', 'join')}`,
      `${signalDef('Signal_1', 'sig-catch-vars-1')} ${signalDef('Signal_2', 'sig-catch-vars-2')}`,
    );
    const key = await create('sig-catch-vars');
    await broadcast('sig-catch-vars-1', { a: 'from-1' });
    await broadcast('sig-catch-vars-2', { x: 'from-2', z: 'dropped' });
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
    assert.deepEqual(await variables(key), { a: 'from-1', mapped: 'from-2' });
  });

  // docs.camunda.io/docs/components/modeler/bpmn/signal-events/: a signal reaches every instance
  // with a token waiting at a matching catch event; Zeebe's ZeebeSignalValidationTest
  // #signalStartEventNameExpression allows a name given as an expression.
  it('signal events docs: a broadcast reaches every waiting instance; a name given by an expression is evaluated when the event is entered or thrown', async () => {
    await deployProcess(
      f.engine,
      'sig-catch-expr',
      `${start()} ${signalCatch('catch', 'Signal_1')} ${end()} ${chain('f', 'start', 'catch', 'end')}`,
      signalDef('Signal_1', '= "sig-catch-expr-" + region'),
    );
    const north = [await create('sig-catch-expr', { region: 'north' }), await create('sig-catch-expr', { region: 'north' })];
    const south = await create('sig-catch-expr', { region: 'south' });
    await broadcast('sig-catch-expr-north');
    for (const key of north) assert.equal(await stateOf(f.engine, key), 'COMPLETED');
    assert.equal(await stateOf(f.engine, south), 'ACTIVE');
    await deployProcess(
      f.engine,
      'sig-throw-expr',
      `${start()} ${signalThrow('throw', 'Signal_1')} ${end()} ${chain('f', 'start', 'throw', 'end')}`,
      signalDef('Signal_1', '= "sig-catch-expr-" + region'),
    );
    await create('sig-throw-expr', { region: 'south' });
    assert.equal(await stateOf(f.engine, south), 'COMPLETED');
  });

  // ---------------------------------------------------------------- throw and end events

  /** A process started by the signal, to see what a throw event broadcast. */
  const listener = (pid: string, signalName: string) => signalStarted(pid, signalName);

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/signal/SignalIntermediateThrowEventTest.java
  it('SignalIntermediateThrowEventTest#shouldBroadcastSignalIntermediateThrowEvent: the throw event broadcasts and passes the token on', async () => {
    await listener('sig-throw-listener', 'sig-throw-signalName');
    await deployProcess(
      f.engine,
      'sig-throw',
      `${start()} ${signalThrow('signal_throw_event', 'Signal_1')} ${end()} ${chain('f', 'start', 'signal_throw_event', 'end')}`,
      signalDef('Signal_1', 'sig-throw-signalName'),
    );
    const key = await create('sig-throw');
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'signal_throw_event:COMPLETED', 'end:COMPLETED']);
    assert.equal((await instances('sig-throw-listener')).length, 1);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/signal/SignalIntermediateThrowEventTest.java
  it('SignalIntermediateThrowEventTest#shouldApplyInputMappings: the signal carries the throw event local variables, {y: 1}', async () => {
    await listener('sig-throw-in-listener', 'sig-throw-in');
    await deployProcess(
      f.engine,
      'sig-throw-in',
      `${start()} ${signalThrow('signal_throw_event', 'Signal_1', io([['=x', 'y']]))} ${end()} ${chain('f', 'start', 'signal_throw_event', 'end')}`,
      signalDef('Signal_1', 'sig-throw-in'),
    );
    await create('sig-throw-in', { x: 1, y: 2 });
    const [started] = await instances('sig-throw-in-listener');
    assert.deepEqual(await variables(started.processInstanceKey), { y: 1 });
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/signal/SignalIntermediateThrowEventTest.java
  it('SignalIntermediateThrowEventTest#shouldApplyOutputMappings: the output mapping x → y sets y = 1 in the process', async () => {
    await deployProcess(
      f.engine,
      'sig-throw-out',
      `${start()} ${signalThrow('signal_throw_event', 'Signal_1', io([], [['=x', 'y']]))} ${end()} ${chain('f', 'start', 'signal_throw_event', 'end')}`,
      signalDef('Signal_1', 'sig-throw-out'),
    );
    const key = await create('sig-throw-out', { x: 1, y: 2 });
    assert.deepEqual(await variables(key), { x: 1, y: 1 });
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/signal/SignalEndEventTest.java
  it('SignalEndEventTest#shouldBroadcastSignalEndEvent: the end event broadcasts and ends the process', async () => {
    await listener('sig-end-listener', 'sig-end-a');
    await deployProcess(f.engine, 'sig-end', `${start()} ${signalEnd('end', 'Signal_1')} ${flow('f1', 'start', 'end')}`, signalDef('Signal_1', 'sig-end-a'));
    const key = await create('sig-end');
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'end:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
    assert.equal((await instances('sig-end-listener')).length, 1);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/signal/SignalEndEventTest.java
  it('SignalEndEventTest#shouldApplyInputMappings: the signal carries the end event local variables, {y: 1}', async () => {
    await listener('sig-end-in-listener', 'sig-end-in');
    await deployProcess(f.engine, 'sig-end-in', `${start()} ${signalEnd('end', 'Signal_1', io([['=x', 'y']]))} ${flow('f1', 'start', 'end')}`, signalDef('Signal_1', 'sig-end-in'));
    await create('sig-end-in', { x: 1, y: 2 });
    const [started] = await instances('sig-end-in-listener');
    assert.deepEqual(await variables(started.processInstanceKey), { y: 1 });
  });

  // docs.camunda.io/docs/components/modeler/bpmn/signal-events/: a signal reaches every catch event
  // waiting for it, the thrower's own instance included (Zeebe broadcasts in a follow-up command,
  // after the throw event's command has opened the other branch's subscription).
  it('signal events docs: a signal thrown on one branch reaches the catch event waiting on the other branch of the same instance', async () => {
    await deployProcess(
      f.engine,
      'sig-same',
      `${start()} ${parallel('fork')} ${signalCatch('catch', 'Signal_1')} ${signalThrow('throw', 'Signal_1')} ${parallel('join')} ${end()}
       ${chain('f', 'start', 'fork', 'catch', 'join', 'end')} ${chain('g', 'fork', 'throw', 'join')}`,
      signalDef('Signal_1', 'sig-same'),
    );
    const key = await create('sig-same');
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
    assert.equal(await count(f.engine, key, 'catch', 'COMPLETED'), 1);
  });

  // docs.camunda.io/docs/components/modeler/bpmn/signal-events/: a signal end event of one process
  // reaches the instances of another waiting at a catch event.
  it('signal events docs: a signal end event of one process triggers the catch events waiting in another', async () => {
    await deployProcess(f.engine, 'sig-waiter', `${start()} ${signalCatch('catch', 'Signal_1')} ${end()} ${chain('f', 'start', 'catch', 'end')}`, signalDef('Signal_1', 'sig-cross'));
    await deployProcess(f.engine, 'sig-sender', `${start()} ${signalEnd('end', 'Signal_1', io([['="sent"', 'note']]))} ${flow('f1', 'start', 'end')}`, signalDef('Signal_1', 'sig-cross'));
    const waiters = [await create('sig-waiter'), await create('sig-waiter')];
    await create('sig-sender');
    for (const key of waiters) {
      assert.equal(await stateOf(f.engine, key), 'COMPLETED');
      assert.deepEqual(await variables(key), { note: 'sent' });
    }
  });

  // ---------------------------------------------------------------- BroadcastSignalTest

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/signal/BroadcastSignalTest.java
  it('BroadcastSignalTest#shouldBroadcastSignal: a broadcast nobody listens to is answered with a key in the default tenant', async () => {
    const broadcasted = await broadcast('sig-nobody');
    assert.match(broadcasted.signalKey, /^\d+$/);
    assert.equal(broadcasted.tenantId, '<default>');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/signal/BroadcastSignalTest.java
  it('BroadcastSignalTest#shouldBroadcastSignalWithDifferentName: the second broadcast has the greater key', async () => {
    const first = await broadcast('a');
    const second = await broadcast('b');
    assert.ok(BigInt(first.signalKey) < BigInt(second.signalKey));
  });

  // ---------------------------------------------------------------- event sub-processes

  const JOB_TYPE = 'sig-esp-type';
  /** InterruptingEventSubprocessTest#process(withEventSubprocess(signal)): start_proc → task → end_proc. */
  const espProcess = (pid: string, signalName: string, interrupting: boolean) =>
    deployProcess(
      f.engine,
      pid,
      `${eventSubProcess('event_sub_proc', `${signalStart('event_sub_start', 'Signal_1', { interrupting })} ${end('event_sub_end')} ${flow('e1', 'event_sub_start', 'event_sub_end')}`)}
       ${start('start_proc')} ${job('task', `${pid}-${JOB_TYPE}`)} ${end('end_proc')} ${chain('f', 'start_proc', 'task', 'end_proc')}`,
      signalDef('Signal_1', signalName),
    );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/subprocess/InterruptingEventSubprocessTest.java
  it('InterruptingEventSubprocessTest#shouldInterruptAndCompleteParent [signal]: the task is terminated, the event sub-process completes the process', async () => {
    await espProcess('sig-esp', 'sig-esp-signal', true);
    const key = await create('sig-esp', { key: '123' });
    await broadcast('sig-esp-signal');
    assert.deepEqual(await trail(f.engine, key), [
      'start_proc:COMPLETED',
      'task:TERMINATED',
      'event_sub_proc:COMPLETED',
      'event_sub_start:COMPLETED',
      'event_sub_end:COMPLETED',
    ]);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/subprocess/InterruptingEventSubprocessTest.java
  it('InterruptingEventSubprocessTest#shouldInterruptNestedSubprocess [signal]: the event sub-process of an embedded sub-process terminates its task', async () => {
    await deployProcess(
      f.engine,
      'sig-esp-nested',
      `${start('proc_start')} ${subProcess(
        'sub_proc',
        `${eventSubProcess('event_sub_proc', `${signalStart('event_sub_start', 'Signal_1')} ${end('event_sub_end')} ${flow('e1', 'event_sub_start', 'event_sub_end')}`)}
         ${start('sub_start')} ${job('task', 'sig-esp-nested-type')} ${end('sub_end')} ${chain('s', 'sub_start', 'task', 'sub_end')}`,
      )} ${end('end_proc')} ${chain('f', 'proc_start', 'sub_proc', 'end_proc')}`,
      signalDef('Signal_1', 'sig-esp-nested-signal'),
    );
    const key = await create('sig-esp-nested');
    await broadcast('sig-esp-nested-signal');
    assert.equal(await count(f.engine, key, 'task', 'TERMINATED'), 1);
    assert.equal(await count(f.engine, key, 'event_sub_proc', 'COMPLETED'), 1);
    assert.equal(await count(f.engine, key, 'sub_proc', 'COMPLETED'), 1);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/subprocess/NonInterruptingEventSubprocessTest.java
  it('NonInterruptingEventSubprocessTest#shouldNotInterruptParentProcess [signal]: the event sub-process completes beside the task', async () => {
    await espProcess('sig-esp-non', 'sig-esp-non-signal', false);
    const key = await create('sig-esp-non', { key: '123' });
    await broadcast('sig-esp-non-signal');
    assert.equal(await count(f.engine, key, 'event_sub_proc', 'COMPLETED'), 1);
    assert.equal(await count(f.engine, key, 'task', 'ACTIVE'), 1);
    await completeOne(f.engine, `sig-esp-non-${JOB_TYPE}`);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/subprocess/NonInterruptingEventSubprocessTest.java
  it('NonInterruptingEventSubprocessTest#shouldTriggerEventSubprocessTwice [signal]: a second broadcast starts it again', async () => {
    await espProcess('sig-esp-twice', 'sig-esp-twice-signal', false);
    const key = await create('sig-esp-twice', { key: '123' });
    await broadcast('sig-esp-twice-signal');
    await broadcast('sig-esp-twice-signal');
    assert.equal(await count(f.engine, key, 'event_sub_start', 'COMPLETED'), 2);
    assert.ok(await oneJob(f.engine, `sig-esp-twice-${JOB_TYPE}`));
  });
});

/** Deployment rules, mirroring Zeebe's ZeebeSignalValidationTest and SignalCatchEventTest: refused with Zeebe's message, naming the element. */
describe('conformance: signal deployment rules (Zeebe ZeebeSignalValidationTest)', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  const refused = (id: string, content: string, extra: string, elementId: string, message: string) =>
    assert.rejects(deployProcess(f.engine, id, content, extra), (error: unknown) => {
      assert.ok(error instanceof WorkflowError);
      assert.equal(error.code, 'INVALID_MODEL');
      assert.ok(error.message.includes(`element '${elementId}': ${message}`), error.message);
      return true;
    });
  const EMPTY = signalDef('Signal_1', '');
  const noName = 'Name must be present and not empty';

  // zeebe/bpmn-model/src/test/java/io/camunda/zeebe/model/bpmn/validation/ZeebeSignalValidationTest.java
  it('ZeebeSignalValidationTest#emptySignalStartEvent: a signal start event with an empty name is refused', async () => {
    await refused('sv-empty-start', `${signalStart('start', 'Signal_1')}`, EMPTY, 'start', noName);
  });

  // zeebe/bpmn-model/src/test/java/io/camunda/zeebe/model/bpmn/validation/ZeebeSignalValidationTest.java
  it('ZeebeSignalValidationTest#emptyIntermediateCatchSignalEvent: a signal catch event with an empty name is refused', async () => {
    await refused('sv-empty-catch', `${start()} ${signalCatch('foo', 'Signal_1')} ${end()} ${chain('f', 'start', 'foo', 'end')}`, EMPTY, 'foo', noName);
  });

  // zeebe/bpmn-model/src/test/java/io/camunda/zeebe/model/bpmn/validation/ZeebeSignalValidationTest.java
  it('ZeebeSignalValidationTest#emptyIntermediateThrowSignalEvent: a signal throw event with an empty name is refused', async () => {
    await refused('sv-empty-throw', `${start()} ${signalThrow('foo', 'Signal_1')} ${end()} ${chain('f', 'start', 'foo', 'end')}`, EMPTY, 'foo', noName);
  });

  // zeebe/bpmn-model/src/test/java/io/camunda/zeebe/model/bpmn/validation/ZeebeSignalValidationTest.java
  it('ZeebeSignalValidationTest#emptySignalEndEvent: a signal end event with an empty name is refused', async () => {
    await refused('sv-empty-end', `${start()} ${signalEnd('end', 'Signal_1')} ${flow('f1', 'start', 'end')}`, EMPTY, 'end', noName);
  });

  // zeebe/bpmn-model/src/test/java/io/camunda/zeebe/model/bpmn/validation/ZeebeSignalValidationTest.java
  it('ZeebeSignalValidationTest#checkReferenceSignal: a signal event definition without a signal is refused', async () => {
    await refused('sv-no-ref', `${start()} ${signalEnd('end')} ${flow('f1', 'start', 'end')}`, '', 'end', 'Must reference a signal');
  });

  // zeebe/bpmn-model/src/test/java/io/camunda/zeebe/model/bpmn/validation/ZeebeSignalValidationTest.java
  it('ZeebeSignalValidationTest#multipleSignalStartEventWithSameSignalName: two start events for one signal are refused', async () => {
    await refused(
      'sv-two-starts',
      `${signalStart('start1', 'Signal_1')} ${signalStart('start2', 'Signal_2')} ${end('end1')} ${end('end2')} ${flow('f1', 'start1', 'end1')} ${flow('f2', 'start2', 'end2')}`,
      `${signalDef('Signal_1', 'signalName')} ${signalDef('Signal_2', 'signalName')}`,
      'sv-two-starts',
      "Multiple signal event definitions with the same name 'signalName' are not allowed.",
    );
  });

  // zeebe/bpmn-model/src/test/java/io/camunda/zeebe/model/bpmn/validation/ZeebeSignalValidationTest.java
  it('ZeebeSignalValidationTest#sameBoundarySignalEvent: two boundary events of a task for one signal are refused', async () => {
    await refused(
      'sv-two-boundaries',
      `${start()} ${job('task', 'test')} ${signalBoundary('boundary-1', 'task', 'Signal_1')} ${signalBoundary('boundary-2', 'task', 'Signal_1')}
       ${end()} ${end('end-1')} ${end('end-2')} ${chain('f', 'start', 'task', 'end')} ${flow('g1', 'boundary-1', 'end-1')} ${flow('g2', 'boundary-2', 'end-2')}`,
      signalDef('Signal_1', 'signalName'),
      'task',
      "Multiple signal event definitions with the same name 'signalName' are not allowed.",
    );
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/signal/SignalCatchEventTest.java
  it('SignalCatchEventTest#shouldRejectDeploymentSignalCatchEventWithSameSignalNameAttachedToEventBasedGateway: refused, naming the gateway', async () => {
    await refused(
      'sv-gateway',
      `${start()} <bpmn:eventBasedGateway id="event_based_gateway" /> ${signalCatch('catch', 'Signal_1')} ${signalCatch('catch-2', 'Signal_1')}
       <bpmn:intermediateCatchEvent id="timer">${timerDef('duration', 'PT10M')}</bpmn:intermediateCatchEvent> ${end('end-1')} ${end('end-2')} ${end('end-3')}
       ${chain('f', 'start', 'event_based_gateway', 'catch', 'end-1')} ${chain('g', 'event_based_gateway', 'catch-2', 'end-2')} ${chain('h', 'event_based_gateway', 'timer', 'end-3')}`,
      signalDef('Signal_1', 'signal'),
      'event_based_gateway',
      "Multiple signal event definitions with the same name 'signal' are not allowed.",
    );
  });

  // zeebe/bpmn-model/src/main/java/io/camunda/zeebe/model/bpmn/util/ModelUtil.java
  // (verifyNoDuplicatedEventSubprocesses, run by Zeebe's ProcessValidator on every flow scope)
  it('ModelUtil#verifyNoDuplicatedEventSubprocesses: two event sub-processes of one scope started by one signal are refused, naming the scope', async () => {
    const esp = (id: string) =>
      eventSubProcess(id, `${signalStart(`${id}-start`, 'Signal_1', { interrupting: false })} ${end(`${id}-end`)} ${flow(`${id}-f`, `${id}-start`, `${id}-end`)}`);
    await refused(
      'sv-two-esps',
      `${esp('esp-1')} ${esp('esp-2')} ${start()} ${end()} ${flow('f1', 'start', 'end')}`,
      signalDef('Signal_1', 'signalName'),
      'sv-two-esps',
      "Multiple signal event definitions with the same name 'signalName' are not allowed.",
    );
  });

  // zeebe/bpmn-model/src/test/java/io/camunda/zeebe/model/bpmn/validation/ZeebeSignalValidationTest.java
  it('ZeebeSignalValidationTest#differentEventWithSameSignalName and #eventSubProcessWithEmbeddedSubProcessWithBoundarySignalEvent: one name on different events is allowed', async () => {
    await deployProcess(
      f.engine,
      'sv-same-name-ok',
      `${signalStart('start', 'Signal_1')} ${job('task', 'test')} ${signalBoundary('boundary-1', 'task', 'Signal_1')} ${end()} ${end('end-1')}
       ${chain('f', 'start', 'task', 'end')} ${flow('g1', 'boundary-1', 'end-1')}`,
      signalDef('Signal_1', 'signalName'),
    );
    await deployProcess(
      f.engine,
      'sv-esp-boundary-ok',
      `${eventSubProcess(
        'event_sub_proc',
        `${signalStart('event_sub_start', 'Signal_1')} ${subProcess('embedded', `${start('embedded_sub_start')} ${end('embedded_sub_end')} ${flow('s1', 'embedded_sub_start', 'embedded_sub_end')}`)}
         ${signalBoundary('boundary-msg', 'embedded', 'Signal_1')} ${end('boundary-end')} ${end('event_sub_end')}
         ${chain('e', 'event_sub_start', 'embedded', 'event_sub_end')} ${flow('b1', 'boundary-msg', 'boundary-end')}`,
      )} ${start()} ${end()} ${flow('f1', 'start', 'end')}`,
      signalDef('Signal_1', 'signalName'),
    );
  });
});
