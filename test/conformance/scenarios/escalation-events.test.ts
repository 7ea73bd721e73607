import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WorkflowError } from '@mot-cua/engine/workflow/workflow-engine.port.js';
import { openEngine, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import { escalationBoundary, escalationDef, escalationEnd, escalationStart, escalationThrow } from './escalation-builders.js';
import {
  activeIncidents,
  bpmn,
  callActivity,
  chain,
  childOf,
  count,
  deployProcess,
  end,
  eventSubProcess,
  flow,
  job,
  manualTask,
  multiInstance,
  parallel,
  start,
  stateOf,
  subProcess,
  trail,
} from './flow-builders.js';

/**
 * Escalation events, mirroring Zeebe's EscalationEventTest and EscalationCatchEventTest (the model
 * of each test, with its constants: escalation code "ESCALATION", task "task", throw "throw", catch
 * "catch") and the deployment rules of ZeebeEscalationValidationTest.
 */
describe('conformance: escalation events (Zeebe EscalationEventTest, EscalationCatchEventTest)', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  const ESCALATION = escalationDef('Escalation_1', 'ESCALATION');
  const create = async (processDefinitionId: string, variables = {}) =>
    (await f.engine.createProcessInstance({ processDefinitionId, variables })).processInstanceKey;
  /** The instance completed and no escalation became an incident. */
  const assertCompleted = async (key: string) => {
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
    assert.deepEqual(await activeIncidents(f.engine, key), []);
  };
  /** A sub-process "subprocess" whose start event leads through `body` (element ids in order). */
  const embedded = (content: string, ...ids: string[]) =>
    subProcess('subprocess', `${start('sub-start')} ${content} ${chain('s', 'sub-start', ...ids)}`);
  /** Deploys a parent "…-parent" and a child "…-child" process together. */
  const deployParentAndChild = async (name: string, parent: string, child: string) => {
    await f.engine.deploy([
      { name: `${name}-child.bpmn`, content: bpmn(`${name}-child`, child, ESCALATION) },
      { name: `${name}-parent.bpmn`, content: bpmn(`${name}-parent`, parent, ESCALATION) },
    ]);
  };

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/escalation/EscalationEventTest.java
  it('EscalationEventTest#shouldThrowEscalationFromEscalationIntermediateThrowEvent: not caught, the throw event continues', async () => {
    await deployProcess(
      f.engine,
      'es-throw',
      `${start()} ${escalationThrow('throw', 'Escalation_1')} ${manualTask('task')} ${end()} ${chain('f', 'start', 'throw', 'task', 'end')}`,
      ESCALATION,
    );
    const key = await create('es-throw');
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'throw:COMPLETED', 'task:COMPLETED', 'end:COMPLETED']);
    await assertCompleted(key);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/escalation/EscalationEventTest.java
  it('EscalationEventTest#shouldThrowEscalationFromEndEvent: not caught, the end event completes the process', async () => {
    await deployProcess(f.engine, 'es-end', `${start()} ${escalationEnd('end', 'Escalation_1')} ${chain('f', 'start', 'end')}`, ESCALATION);
    const key = await create('es-end');
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'end:COMPLETED']);
    await assertCompleted(key);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/escalation/EscalationEventTest.java
  it('EscalationEventTest#shouldCatchEscalationOnBoundaryEventWithoutEscalationCode: a catch-all boundary event interrupts the sub-process', async () => {
    await deployProcess(
      f.engine,
      'es-catch-all',
      `${start()} ${embedded(escalationThrow('throw', 'Escalation_1'), 'throw')} ${escalationBoundary('catch', 'subprocess')}
       ${manualTask('task')} ${end()} ${chain('f', 'start', 'subprocess')} ${chain('g', 'catch', 'task', 'end')}`,
      ESCALATION,
    );
    const key = await create('es-catch-all');
    assert.deepEqual(await trail(f.engine, key), [
      'start:COMPLETED',
      'subprocess:TERMINATED',
      'sub-start:COMPLETED',
      'throw:TERMINATED',
      'catch:COMPLETED',
      'task:COMPLETED',
      'end:COMPLETED',
    ]);
    await assertCompleted(key);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/escalation/EscalationEventTest.java
  it('EscalationEventTest#shouldCatchEscalationOnBoundaryEventWithNumericEscalationCode: the code "404" is caught', async () => {
    await deployProcess(
      f.engine,
      'es-numeric',
      `${start()} ${embedded(escalationThrow('throw', 'Escalation_404'), 'throw')} ${escalationBoundary('catch', 'subprocess')}
       ${manualTask('task')} ${end()} ${chain('f', 'start', 'subprocess')} ${chain('g', 'catch', 'task', 'end')}`,
      escalationDef('Escalation_404', '404'),
    );
    const key = await create('es-numeric');
    assert.deepEqual(await trail(f.engine, key, 'BOUNDARY_EVENT'), ['catch:COMPLETED']);
    assert.equal(await count(f.engine, key, 'throw', 'TERMINATED'), 1);
    await assertCompleted(key);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/escalation/EscalationEventTest.java
  it('EscalationEventTest#shouldCatchEscalationInsideMultiInstanceSubprocess: each inner instance starts its own event sub-process', async () => {
    const inner = `${eventSubProcess('escalation-subprocess', `${escalationStart('escalation-start-event', 'Escalation_1', false)} ${end('esp-end')} ${flow('e1', 'escalation-start-event', 'esp-end')}`)}
      ${start('sub-start')} ${escalationThrow('throw', 'Escalation_1')} ${manualTask('task')} ${chain('s', 'sub-start', 'throw', 'task')}`;
    await deployProcess(
      f.engine,
      'es-mi-inside',
      `${start()} ${subProcess('subprocess', inner, { mi: multiInstance({ inputCollection: '= items' }) })} ${end()} ${chain('f', 'start', 'subprocess', 'end')}`,
      ESCALATION,
    );
    const key = await create('es-mi-inside', { items: [1, 2] });
    assert.equal(await count(f.engine, key, 'throw', 'COMPLETED'), 2);
    assert.equal(await count(f.engine, key, 'escalation-start-event', 'COMPLETED'), 2);
    assert.equal(await count(f.engine, key, 'escalation-subprocess', 'COMPLETED'), 2);
    assert.equal(await count(f.engine, key, 'task', 'COMPLETED'), 2);
    assert.equal(await count(f.engine, key, 'subprocess', 'COMPLETED', 'SUB_PROCESS'), 2);
    assert.equal(await count(f.engine, key, 'subprocess', 'COMPLETED', 'MULTI_INSTANCE_BODY'), 1);
    await assertCompleted(key);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/escalation/EscalationEventTest.java
  it('EscalationEventTest#shouldCatchEscalationOutsideMultiInstanceSubprocess: the boundary event of the body terminates every inner instance', async () => {
    await deployProcess(
      f.engine,
      'es-mi-outside',
      `${start()} ${subProcess('subprocess', `${start('sub-start')} ${escalationEnd('throw', 'Escalation_1')} ${flow('s1', 'sub-start', 'throw')}`, { mi: multiInstance({ inputCollection: '= [1]' }) })}
       ${escalationBoundary('escalation-boundary-event', 'subprocess', 'Escalation_1')} ${manualTask('task')} ${end()}
       ${chain('f', 'start', 'subprocess')} ${chain('g', 'escalation-boundary-event', 'task', 'end')}`,
      ESCALATION,
    );
    const key = await create('es-mi-outside');
    assert.equal(await count(f.engine, key, 'subprocess', 'TERMINATED', 'MULTI_INSTANCE_BODY'), 1);
    assert.equal(await count(f.engine, key, 'subprocess', 'TERMINATED', 'SUB_PROCESS'), 1);
    assert.equal(await count(f.engine, key, 'throw', 'TERMINATED'), 1);
    assert.deepEqual(await trail(f.engine, key, 'BOUNDARY_EVENT'), ['escalation-boundary-event:COMPLETED']);
    assert.equal(await count(f.engine, key, 'task', 'COMPLETED'), 1);
    await assertCompleted(key);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/escalation/EscalationEventTest.java
  it('EscalationEventTest#shouldThrowEscalationEventHierarchical: a called process escalates to the interrupting boundary event of the call activity', async () => {
    await deployParentAndChild(
      'es-hier',
      `${start()} ${callActivity('call', 'es-hier-child')} ${escalationBoundary('catch', 'call', 'Escalation_1')} ${end()}
       ${chain('f', 'start', 'call')} ${flow('g1', 'catch', 'end')}`,
      `${start()} ${embedded(`${escalationThrow('throw', 'Escalation_1')} ${end('sub-end')}`, 'throw', 'sub-end')} ${end()} ${chain('f', 'start', 'subprocess', 'end')}`,
    );
    const key = await create('es-hier-parent');
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'call:TERMINATED', 'catch:COMPLETED', 'end:COMPLETED']);
    await assertCompleted(key);
    const child = await childOf(f.engine, 'es-hier-child', key);
    assert.equal(child.state, 'TERMINATED');
    assert.deepEqual(await trail(f.engine, child.processInstanceKey), [
      'start:COMPLETED',
      'subprocess:TERMINATED',
      'sub-start:COMPLETED',
      'throw:TERMINATED',
    ]);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/escalation/EscalationEventTest.java
  it('EscalationEventTest#shouldCatchEscalationOnNonInterruptingBoundaryEventWhenThrowEscalationEventHierarchical: the called process goes on', async () => {
    await deployParentAndChild(
      'es-hier-non',
      `${start()} ${callActivity('call', 'es-hier-non-child')} ${escalationBoundary('catch', 'call', 'Escalation_1', false)} ${end()}
       ${chain('f', 'start', 'call')} ${flow('g1', 'catch', 'end')}`,
      `${start()} ${embedded(`${escalationThrow('throw', 'Escalation_1')} ${manualTask('task')} ${end('sub-end')}`, 'throw', 'task', 'sub-end')}
       ${end()} ${chain('f', 'start', 'subprocess', 'end')}`,
    );
    const key = await create('es-hier-non-parent');
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'call:COMPLETED', 'catch:COMPLETED', 'end:COMPLETED']);
    await assertCompleted(key);
    const child = await childOf(f.engine, 'es-hier-non-child', key);
    assert.equal(child.state, 'COMPLETED');
    assert.deepEqual(await trail(f.engine, child.processInstanceKey), [
      'start:COMPLETED',
      'subprocess:COMPLETED',
      'sub-start:COMPLETED',
      'throw:COMPLETED',
      'task:COMPLETED',
      'sub-end:COMPLETED',
      'end:COMPLETED',
    ]);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/escalation/EscalationEventTest.java
  it('EscalationEventTest#shouldCatchEscalationOnEscalationStartEventWhenThrowEscalationEventHierarchical: the calling process starts its event sub-process', async () => {
    await deployParentAndChild(
      'es-hier-esp',
      `${eventSubProcess('escalation-event-subprocess', `${escalationStart('catch', 'Escalation_1', false)} ${manualTask('task')} ${end('esp-end')} ${chain('e', 'catch', 'task', 'esp-end')}`)}
       ${start()} ${callActivity('call', 'es-hier-esp-child')} ${end()} ${chain('f', 'start', 'call', 'end')}`,
      `${start()} ${escalationThrow('throw', 'Escalation_1')} ${end()} ${chain('f', 'start', 'throw', 'end')}`,
    );
    const key = await create('es-hier-esp-parent');
    assert.equal(await count(f.engine, key, 'call', 'COMPLETED'), 1);
    assert.equal(await count(f.engine, key, 'catch', 'COMPLETED'), 1);
    assert.equal(await count(f.engine, key, 'task', 'COMPLETED'), 1);
    assert.equal(await count(f.engine, key, 'escalation-event-subprocess', 'COMPLETED'), 1);
    await assertCompleted(key);
    assert.equal((await childOf(f.engine, 'es-hier-esp-child', key)).state, 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/escalation/EscalationEventTest.java
  it('EscalationEventTest#shouldCatchEscalationEventsByEscalationCode: each code reaches the boundary event of its code', async () => {
    await deployProcess(
      f.engine,
      'es-by-code',
      `${start()} ${subProcess(
        'subprocess',
        `${start('sub-start')} ${parallel('fork')} ${escalationThrow('throw-1', 'E1')} ${escalationThrow('throw-2', 'E2')}
         ${chain('s', 'sub-start', 'fork', 'throw-1')} ${flow('s3', 'fork', 'throw-2')}`,
      )}
       ${escalationBoundary('catch-1', 'subprocess', 'E1', false)} ${escalationBoundary('catch-2', 'subprocess', 'E2', false)} ${end('end-1')} ${end('end-2')}
       ${chain('f', 'start', 'subprocess')} ${flow('g1', 'catch-1', 'end-1')} ${flow('g2', 'catch-2', 'end-2')}`,
      escalationDef('E1', 'escalation-1') + escalationDef('E2', 'escalation-2'),
    );
    const key = await create('es-by-code');
    assert.deepEqual((await trail(f.engine, key, 'BOUNDARY_EVENT')).sort(), ['catch-1:COMPLETED', 'catch-2:COMPLETED']);
    await assertCompleted(key);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/escalation/EscalationEventTest.java
  it('EscalationEventTest#shouldCatchEscalationOnNonInterruptingBoundaryEventWithEscalationCode: the sub-process goes on beside the boundary path', async () => {
    await deployProcess(
      f.engine,
      'es-non-code',
      `${start()} ${embedded(`${escalationThrow('throw', 'Escalation_1')} ${manualTask('task')}`, 'throw', 'task')}
       ${escalationBoundary('catch', 'subprocess', 'Escalation_1', false)} ${end()} ${chain('f', 'start', 'subprocess')} ${flow('g1', 'catch', 'end')}`,
      ESCALATION,
    );
    const key = await create('es-non-code');
    // The boundary event completes before the throw event, so its end event comes before the task.
    assert.deepEqual(await trail(f.engine, key), [
      'start:COMPLETED',
      'subprocess:COMPLETED',
      'sub-start:COMPLETED',
      'throw:COMPLETED',
      'catch:COMPLETED',
      'end:COMPLETED',
      'task:COMPLETED',
    ]);
    await assertCompleted(key);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/escalation/EscalationEventTest.java
  it('EscalationEventTest#shouldCatchEscalationOnNonInterruptingBoundaryEventWithoutEscalationCode: a catch-all non-interrupting boundary event', async () => {
    await deployProcess(
      f.engine,
      'es-non-all',
      `${start()} ${embedded(escalationThrow('throw', 'Escalation_1'), 'throw')} ${escalationBoundary('catch', 'subprocess', undefined, false)}
       ${manualTask('task')} ${end()} ${chain('f', 'start', 'subprocess')} ${chain('g', 'catch', 'task', 'end')}`,
      ESCALATION,
    );
    const key = await create('es-non-all');
    assert.deepEqual(await trail(f.engine, key), [
      'start:COMPLETED',
      'subprocess:COMPLETED',
      'sub-start:COMPLETED',
      'throw:COMPLETED',
      'catch:COMPLETED',
      'task:COMPLETED',
      'end:COMPLETED',
    ]);
    await assertCompleted(key);
  });

  /** Zeebe's model: a non-interrupting escalation event sub-process ("catch" → task → end) beside start → `thrower` → end. */
  const processWithEscalationStart = (id: string, escalationRef: string | undefined, thrower: string, throwerId: string) =>
    deployProcess(
      f.engine,
      id,
      `${eventSubProcess('escalation-event-subprocess', `${escalationStart('catch', escalationRef, false)} ${manualTask('task')} ${end('esp-end')} ${chain('e', 'catch', 'task', 'esp-end')}`)}
       ${start()} ${thrower} ${throwerId === 'end' ? '' : end()} ${throwerId === 'end' ? flow('f1', 'start', 'end') : chain('f', 'start', throwerId, 'end')}`,
      ESCALATION,
    );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/escalation/EscalationEventTest.java
  it('EscalationEventTest#shouldCatchEscalationOnNonInterruptingEscalationStartEventWithEscalationCode: the event sub-process runs beside the throw path', async () => {
    await processWithEscalationStart('es-esp-code', 'Escalation_1', escalationThrow('throw', 'Escalation_1'), 'throw');
    const key = await create('es-esp-code');
    // The event sub-process is activated before the throw event completes, so its task comes before the end event.
    assert.deepEqual(await trail(f.engine, key), [
      'start:COMPLETED',
      'throw:COMPLETED',
      'escalation-event-subprocess:COMPLETED',
      'catch:COMPLETED',
      'task:COMPLETED',
      'end:COMPLETED',
      'esp-end:COMPLETED',
    ]);
    await assertCompleted(key);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/escalation/EscalationEventTest.java
  it('EscalationEventTest#shouldCatchEscalationOnNonInterruptingEscalationStartEventWithoutEscalationCode: a catch-all escalation start event', async () => {
    await processWithEscalationStart('es-esp-all', undefined, escalationThrow('throw', 'Escalation_1'), 'throw');
    const key = await create('es-esp-all');
    assert.equal(await count(f.engine, key, 'catch', 'COMPLETED'), 1);
    assert.equal(await count(f.engine, key, 'task', 'COMPLETED'), 1);
    assert.equal(await count(f.engine, key, 'throw', 'COMPLETED'), 1);
    await assertCompleted(key);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/escalation/EscalationEventTest.java
  it('EscalationEventTest#shouldThrowEscalationFromIntermediateThrowEventWithExpression: the code is a FEEL expression', async () => {
    await deployProcess(
      f.engine,
      'es-throw-expr',
      `${start()} ${escalationThrow('throw', 'Escalation_expr')} ${manualTask('task')} ${end()} ${chain('f', 'start', 'throw', 'task', 'end')}`,
      escalationDef('Escalation_expr', '=escalationCode'),
    );
    const key = await create('es-throw-expr', { escalationCode: 'ESCALATION' });
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'throw:COMPLETED', 'task:COMPLETED', 'end:COMPLETED']);
    await assertCompleted(key);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/escalation/EscalationEventTest.java
  it('EscalationEventTest#shouldThrowEscalationFromEndEventWithExpression: an end event with a FEEL escalation code', async () => {
    await deployProcess(f.engine, 'es-end-expr', `${start()} ${escalationEnd('end', 'Escalation_expr')} ${chain('f', 'start', 'end')}`, escalationDef('Escalation_expr', '=escalationCode'));
    const key = await create('es-end-expr', { escalationCode: 'ESCALATION' });
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'end:COMPLETED']);
    await assertCompleted(key);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/escalation/EscalationEventTest.java
  it('EscalationEventTest#shouldCatchEscalationByEscalationCodeWithExpression: the evaluated code is caught by the event sub-process of that code', async () => {
    await deployProcess(
      f.engine,
      'es-catch-expr',
      `${eventSubProcess('escalation-event-subprocess', `${escalationStart('catch', 'Escalation_1', false)} ${manualTask('task')} ${end('esp-end')} ${chain('e', 'catch', 'task', 'esp-end')}`)}
       ${start()} ${escalationEnd('throw', 'Escalation_expr')} ${flow('f1', 'start', 'throw')}`,
      ESCALATION + escalationDef('Escalation_expr', '=escalationCode'),
    );
    const key = await create('es-catch-expr', { escalationCode: 'ESCALATION' });
    assert.deepEqual(await trail(f.engine, key), [
      'start:COMPLETED',
      'throw:COMPLETED',
      'escalation-event-subprocess:COMPLETED',
      'catch:COMPLETED',
      'task:COMPLETED',
      'esp-end:COMPLETED',
    ]);
    await assertCompleted(key);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/escalation/EscalationEventTest.java
  it('EscalationEventTest#shouldCatchEscalationOnBoundaryEventWithSpecificEscalationCode: the boundary event of the code wins over the catch-all', async () => {
    await deployProcess(
      f.engine,
      'es-specific-boundary',
      `${start()} ${embedded(escalationEnd('throw', 'Escalation_1'), 'throw')}
       ${escalationBoundary('catch-all', 'subprocess')} ${end('end-all')} ${flow('g1', 'catch-all', 'end-all')}
       ${escalationBoundary('code-specific', 'subprocess', 'Escalation_1')} ${manualTask('task')} ${end()} ${chain('h', 'code-specific', 'task', 'end')}
       ${chain('f', 'start', 'subprocess')}`,
      ESCALATION,
    );
    const key = await create('es-specific-boundary');
    assert.deepEqual(await trail(f.engine, key), [
      'start:COMPLETED',
      'subprocess:TERMINATED',
      'sub-start:COMPLETED',
      'throw:TERMINATED',
      'code-specific:COMPLETED',
      'task:COMPLETED',
      'end:COMPLETED',
    ]);
    await assertCompleted(key);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/escalation/EscalationEventTest.java
  it('EscalationEventTest#shouldCatchEscalationOnEscalstionStartEventWithSpecificEscalationCode: the event sub-process of the code wins and interrupts', async () => {
    await deployProcess(
      f.engine,
      'es-specific-start',
      `${eventSubProcess('sub-1', `${escalationStart('catch-all')} ${end('end-1')} ${flow('e1', 'catch-all', 'end-1')}`)}
       ${eventSubProcess('sub-2', `${escalationStart('code-specific', 'Escalation_1')} ${manualTask('task')} ${flow('e2', 'code-specific', 'task')}`)}
       ${start()} ${escalationEnd('throw', 'Escalation_1')} ${flow('f1', 'start', 'throw')}`,
      ESCALATION,
    );
    const key = await create('es-specific-start');
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'throw:TERMINATED', 'sub-2:COMPLETED', 'code-specific:COMPLETED', 'task:COMPLETED']);
    await assertCompleted(key);
  });

  /** EscalationCatchEventTest#shouldTriggerEvent: the throw event is terminated, the catch event completes, then the process. */
  const assertCaughtBy = async (key: string, catchElementId: string) => {
    assert.equal(await count(f.engine, key, 'throw', 'TERMINATED'), 1);
    assert.equal(await count(f.engine, key, 'throw', 'COMPLETED'), 0);
    assert.equal(await count(f.engine, key, catchElementId, 'COMPLETED'), 1);
    await assertCompleted(key);
  };

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/escalation/EscalationCatchEventTest.java
  it('EscalationCatchEventTest#shouldTriggerEvent[boundary event on subprocess]: the interrupting boundary event catches', async () => {
    await deployProcess(
      f.engine,
      'ec-boundary',
      `${start()} ${embedded(`${escalationThrow('throw', 'Escalation_1')} ${end('sub-end')}`, 'throw', 'sub-end')}
       ${escalationBoundary('escalation-boundary-event', 'subprocess', 'Escalation_1')} ${end()} ${chain('f', 'start', 'subprocess')} ${flow('g1', 'escalation-boundary-event', 'end')}`,
      ESCALATION,
    );
    await assertCaughtBy(await create('ec-boundary'), 'escalation-boundary-event');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/escalation/EscalationCatchEventTest.java
  it('EscalationCatchEventTest#shouldTriggerEvent[boundary event on multi-instance subprocess]: the boundary event of the body catches', async () => {
    await deployProcess(
      f.engine,
      'ec-boundary-mi',
      `${start()} ${subProcess(
        'subprocess',
        `${start('sub-start')} ${escalationThrow('throw', 'Escalation_1')} ${end('sub-end')} ${chain('s', 'sub-start', 'throw', 'sub-end')}`,
        { mi: multiInstance({ inputCollection: '= [1]' }) },
      )}
       ${escalationBoundary('escalation-boundary-event', 'subprocess', 'Escalation_1')} ${end()} ${chain('f', 'start', 'subprocess')} ${flow('g1', 'escalation-boundary-event', 'end')}`,
      ESCALATION,
    );
    await assertCaughtBy(await create('ec-boundary-mi'), 'escalation-boundary-event');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/escalation/EscalationCatchEventTest.java
  it('EscalationCatchEventTest#shouldTriggerEvent[escalation event subprocess]: the interrupting event sub-process catches', async () => {
    await deployProcess(
      f.engine,
      'ec-esp',
      `${eventSubProcess('escalation-event-subprocess', `${escalationStart('escalation-start-event', 'Escalation_1')} ${end('esp-end')} ${flow('e1', 'escalation-start-event', 'esp-end')}`)}
       ${start()} ${escalationThrow('throw', 'Escalation_1')} ${end()} ${chain('f', 'start', 'throw', 'end')}`,
      ESCALATION,
    );
    const key = await create('ec-esp');
    await assertCaughtBy(key, 'escalation-start-event');
    assert.equal(await count(f.engine, key, 'end'), 0);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/escalation/EscalationCatchEventTest.java
  it('EscalationCatchEventTest#shouldTriggerEvent[favor escalation event subprocess over boundary event on subprocess]', async () => {
    await deployProcess(
      f.engine,
      'ec-favor-esp',
      `${start()} ${subProcess(
        'sub',
        `${eventSubProcess('escalation-event-subprocess', `${escalationStart('escalation-start-event', 'Escalation_1')} ${end('esp-end')} ${flow('e1', 'escalation-start-event', 'esp-end')}`)}
         ${start('sub-start')} ${escalationThrow('throw', 'Escalation_1')} ${end('sub-end')} ${chain('s', 'sub-start', 'throw', 'sub-end')}`,
      )}
       ${escalationBoundary('escalation', 'sub', 'Escalation_1')} ${end()} ${end('caught')} ${chain('f', 'start', 'sub')} ${flow('g1', 'escalation', 'caught')}`,
      ESCALATION,
    );
    const key = await create('ec-favor-esp');
    await assertCaughtBy(key, 'escalation-start-event');
    assert.equal(await count(f.engine, key, 'escalation'), 0);
  });
});

/** Deployment rules, mirroring Zeebe's ZeebeEscalationValidationTest: refused with Zeebe's message, naming the element. */
describe('conformance: escalation deployment rules (Zeebe ZeebeEscalationValidationTest)', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  const refused = async (id: string, content: string, extra: string, elementId: string, message: string) =>
    assert.rejects(deployProcess(f.engine, id, content, extra), (error: unknown) => {
      assert.ok(error instanceof WorkflowError);
      assert.equal(error.code, 'INVALID_MODEL');
      assert.ok(error.message.includes(`element '${elementId}': ${message}`), error.message);
      return true;
    });
  const accepted = async (id: string, content: string, extra = '') => {
    const deployment = await deployProcess(f.engine, id, content, extra);
    assert.deepEqual(
      deployment.processes.map((p) => p.processDefinitionId),
      [id],
    );
  };
  const onCall = (boundaries: string) =>
    `${start()} ${callActivity('call', 'child')} ${boundaries} ${end()} ${end('end-1')} ${end('end-2')} ${chain('f', 'start', 'call', 'end')}`;
  const DUPLICATE_CATCH_ALL =
    'The same scope can not contain more than one escalation catch event without escalation code. An escalation catch event without escalation code catches all escalations.';

  // zeebe/bpmn-model/src/test/java/io/camunda/zeebe/model/bpmn/validation/ZeebeEscalationValidationTest.java
  it('ZeebeEscalationValidationTest#verifyEscalationBoundaryEventOnlyAllowAttachingToSubProcessOrCallActivity: not on a service task', async () => {
    await refused(
      'ev-on-task',
      `${start()} ${job('task', 'type')} ${escalationBoundary('catch', 'task', 'E1')} ${end()} ${chain('f', 'start', 'task', 'end')}`,
      escalationDef('E1', 'escalation-1'),
      'catch',
      'An escalation boundary event should only be attached to a subprocess, or a call activity.',
    );
  });

  // zeebe/bpmn-model/src/test/java/io/camunda/zeebe/model/bpmn/validation/ZeebeEscalationValidationTest.java
  it('ZeebeEscalationValidationTest#verifyEscalationBoundaryEventAttachingToSubProcess: accepted', async () => {
    await accepted(
      'ev-on-sub',
      `${start()} ${subProcess('sp', `${start('sub-start')} ${escalationEnd('end', 'E1')} ${flow('s1', 'sub-start', 'end')}`)}
       ${escalationBoundary('catch', 'sp', 'E1')} ${end('after')} ${end('caught')} ${chain('f', 'start', 'sp', 'after')} ${flow('g1', 'catch', 'caught')}`,
      escalationDef('E1', 'escalation'),
    );
  });

  // zeebe/bpmn-model/src/test/java/io/camunda/zeebe/model/bpmn/validation/ZeebeEscalationValidationTest.java
  it('ZeebeEscalationValidationTest#verifyEscalationBoundaryEventAttachingToCallActivity: accepted', async () => {
    await accepted('ev-on-call', `${onCall(escalationBoundary('catch-1', 'call'))} ${flow('g1', 'catch-1', 'end-1')}`);
  });

  // zeebe/bpmn-model/src/test/java/io/camunda/zeebe/model/bpmn/validation/ZeebeEscalationValidationTest.java
  it('ZeebeEscalationValidationTest#verifyMultipleEscalationBoundaryEventsWithoutEscalationCode: two catch-all boundary events are refused', async () => {
    await refused(
      'ev-two-catch-all',
      `${onCall(`${escalationBoundary('catch-1', 'call')} ${escalationBoundary('catch-2', 'call')}`)} ${flow('g1', 'catch-1', 'end-1')} ${flow('g2', 'catch-2', 'end-2')}`,
      '',
      'call',
      DUPLICATE_CATCH_ALL,
    );
  });

  // zeebe/bpmn-model/src/test/java/io/camunda/zeebe/model/bpmn/validation/ZeebeEscalationValidationTest.java
  it('ZeebeEscalationValidationTest#verifyMultipleEscalationBoundaryEventsWithSameEscalationCode: two boundary events of one code are refused', async () => {
    await refused(
      'ev-two-same-code',
      `${onCall(`${escalationBoundary('catch-1', 'call', 'E1')} ${escalationBoundary('catch-2', 'call', 'E2')}`)} ${flow('g1', 'catch-1', 'end-1')} ${flow('g2', 'catch-2', 'end-2')}`,
      escalationDef('E1', 'escalation') + escalationDef('E2', 'escalation'),
      'call',
      "Multiple escalation catch events with the same escalation code 'escalation' are not supported on the same scope.",
    );
  });

  // zeebe/bpmn-model/src/test/java/io/camunda/zeebe/model/bpmn/validation/ZeebeEscalationValidationTest.java
  it('ZeebeEscalationValidationTest#verifyMultipleEscalationEventSubprocessWithoutEscalationCode: two catch-all event sub-processes in a sub-process are refused', async () => {
    const esp = (n: number) =>
      eventSubProcess(`esp-${n}`, `${escalationStart(`esp-start-${n}`, `E${n}`, false)} ${end(`esp-end-${n}`)} ${flow(`e${n}`, `esp-start-${n}`, `esp-end-${n}`)}`);
    await refused(
      'ev-two-esp-catch-all',
      `${start()} ${subProcess('sp', `${esp(1)} ${esp(2)} ${start('sub-start')} ${end('sub-end')} ${flow('s1', 'sub-start', 'sub-end')}`)} ${end()} ${chain('f', 'start', 'sp', 'end')}`,
      escalationDef('E1', '') + escalationDef('E2', ''),
      'sp',
      DUPLICATE_CATCH_ALL,
    );
  });

  // zeebe/bpmn-model/src/test/java/io/camunda/zeebe/model/bpmn/validation/ZeebeEscalationValidationTest.java
  it('ZeebeEscalationValidationTest#verifyMultipleEscalationEventSubprocessWithSameEscalationCode: two event sub-processes of one code are refused', async () => {
    const esp = (n: number) =>
      eventSubProcess(`sub-${n}`, `${escalationStart(`sub-start-${n}`, 'E1')} ${end(`sub-end-${n}`)} ${flow(`e${n}`, `sub-start-${n}`, `sub-end-${n}`)}`);
    await refused(
      'ev-two-esp-same-code',
      `${esp(1)} ${esp(2)} ${start()} ${end()} ${chain('f', 'start', 'end')}`,
      escalationDef('E1', 'escalation'),
      'ev-two-esp-same-code',
      "Multiple escalation catch events with the same escalation code 'escalation' are not supported on the same scope.",
    );
  });

  // zeebe/bpmn-model/src/test/java/io/camunda/zeebe/model/bpmn/validation/ZeebeEscalationValidationTest.java
  it('ZeebeEscalationValidationTest#verifyMissingEscalationRefOnIntermediateThrowingEscalationEvent: a throw event needs an escalation', async () => {
    await refused('ev-throw-no-ref', `${start()} ${escalationThrow('throw')} ${end()} ${chain('f', 'start', 'throw', 'end')}`, '', 'throw', 'Must reference an escalation');
  });

  // zeebe/bpmn-model/src/test/java/io/camunda/zeebe/model/bpmn/validation/ZeebeEscalationValidationTest.java
  it('ZeebeEscalationValidationTest#verifyMissingEscalationCodeOnIntermediateThrowingEscalationEvent: a thrown escalation needs a code', async () => {
    await refused(
      'ev-throw-no-code',
      `${start()} ${escalationThrow('throw', 'E1')} ${end()} ${chain('f', 'start', 'throw', 'end')}`,
      escalationDef('E1', ''),
      'throw',
      'EscalationCode must be present and not empty',
    );
  });

  // zeebe/bpmn-model/src/test/java/io/camunda/zeebe/model/bpmn/validation/ZeebeEscalationValidationTest.java
  it('ZeebeEscalationValidationTest#verifyMissingEscalationRefOnEscalationEndEvent: an end event needs an escalation', async () => {
    await refused('ev-end-no-ref', `${start()} ${escalationEnd('escalation')} ${chain('f', 'start', 'escalation')}`, '', 'escalation', 'Must reference an escalation');
  });

  // zeebe/bpmn-model/src/test/java/io/camunda/zeebe/model/bpmn/validation/ZeebeEscalationValidationTest.java
  it('ZeebeEscalationValidationTest#verifyMissingEscalationCodeOnEscalationEndEvent: an escalation without a code is refused', async () => {
    await refused(
      'ev-end-no-code',
      `${start()} ${escalationEnd('escalation', 'E1')} ${chain('f', 'start', 'escalation')}`,
      escalationDef('E1'),
      'escalation',
      'EscalationCode must be present and not empty',
    );
  });

  // zeebe/bpmn-model/src/test/java/io/camunda/zeebe/model/bpmn/validation/ZeebeEscalationValidationTest.java
  it('ZeebeEscalationValidationTest#verifyEscalationCodeOfEscalationBoundaryEventCanNotContainAnExpression: a catch code is static', async () => {
    await refused(
      'ev-boundary-expr',
      `${onCall(escalationBoundary('catch', 'call', 'E1'))} ${flow('g1', 'catch', 'end-1')}`,
      escalationDef('E1', '= escalation'),
      'catch',
      'The escalationCode of the escalation catch event is not allowed to be an expression',
    );
  });

  // zeebe/bpmn-model/src/test/java/io/camunda/zeebe/model/bpmn/validation/ZeebeEscalationValidationTest.java
  it('ZeebeEscalationValidationTest#verifyEscalationCodeOfEscalationStartEventCanNotContainAnExpression: a start event code is static', async () => {
    await refused(
      'ev-start-expr',
      `${eventSubProcess('sub', `${escalationStart('start-esc', 'E1')} ${end('sub-end')} ${flow('e1', 'start-esc', 'sub-end')}`)} ${start()} ${end()} ${chain('f', 'start', 'end')}`,
      escalationDef('E1', '= escalation'),
      'start-esc',
      'The escalationCode of the escalation catch event is not allowed to be an expression',
    );
  });
});
