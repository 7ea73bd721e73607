import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openEngine, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import {
  activeIncidents,
  bpmn,
  callActivity,
  chain,
  count,
  deployProcess,
  end,
  errorBoundary,
  errorDef,
  errorEnd,
  errorStart,
  eventSubProcess,
  flow,
  io,
  job,
  oneJob,
  start,
  stateOf,
  subProcess,
  trail,
} from './flow-builders.js';

/** Error events, mirroring Zeebe's ErrorEventTest, ErrorCatchEventTest and ErrorEventIncidentTest. */
describe('conformance: error events (Zeebe ErrorEventTest, ErrorCatchEventTest)', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  const create = async (processDefinitionId: string, variables = {}) =>
    (await f.engine.createProcessInstance({ processDefinitionId, variables })).processInstanceKey;
  const throwError = async (type: string, errorCode: string, variables?: Record<string, unknown>) => {
    const found = await oneJob(f.engine, type);
    await f.engine.throwJobError(found.jobKey, { errorCode, ...(variables ? { variables } : {}) });
  };
  /** start → task (job type = process id) → end, with boundary events and extra elements. */
  const taskProcess = (id: string, boundaries: string, errors: string) =>
    deployProcess(f.engine, id, `${start()} ${job('task', id)} ${end()} ${chain('f', 'start', 'task', 'end')} ${boundaries}`, errors);

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/error/ErrorEventTest.java
  it('ErrorEventTest#shouldTriggerEvent: the error boundary event terminates the task and continues', async () => {
    await taskProcess('er-trigger', `${errorBoundary('error', 'task', 'Error_1')} ${end('error-end')} ${flow('b1', 'error', 'error-end')}`, errorDef('Error_1', 'ERROR'));
    const key = await create('er-trigger');
    await throwError('er-trigger', 'ERROR');
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'task:TERMINATED', 'error:COMPLETED', 'error-end:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/error/ErrorEventTest.java
  it('ErrorEventTest#shouldCatchErrorEventsByErrorCode: each error code reaches its own boundary event', async () => {
    await taskProcess(
      'er-by-code',
      `${errorBoundary('error-1', 'task', 'E1')} ${errorBoundary('error-2', 'task', 'E2')} ${end('end-1')} ${end('end-2')}
       ${flow('b1', 'error-1', 'end-1')} ${flow('b2', 'error-2', 'end-2')}`,
      errorDef('E1', 'error-1') + errorDef('E2', 'error-2'),
    );
    const first = await create('er-by-code');
    const second = await create('er-by-code');
    const [job1, job2] = await f.engine.activateJobs({ type: 'er-by-code', worker: 'test', maxJobsToActivate: 2, timeout: 60_000 });
    const byInstance = new Map([[job1.processInstanceKey, job1], [job2.processInstanceKey, job2]]);
    await f.engine.throwJobError(byInstance.get(first)!.jobKey, { errorCode: 'error-1' });
    await f.engine.throwJobError(byInstance.get(second)!.jobKey, { errorCode: 'error-2' });
    assert.deepEqual(await trail(f.engine, first, 'BOUNDARY_EVENT'), ['error-1:COMPLETED']);
    assert.deepEqual(await trail(f.engine, second, 'BOUNDARY_EVENT'), ['error-2:COMPLETED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/error/ErrorEventTest.java
  it('ErrorEventTest#shouldCatchErrorEventsByNumericErrorCode: a numeric error code "404" is caught', async () => {
    await taskProcess('er-numeric', `${errorBoundary('error', 'task', 'E404')} ${end('error-end')} ${flow('b1', 'error', 'error-end')}`, errorDef('E404', '404'));
    const key = await create('er-numeric');
    await throwError('er-numeric', '404');
    assert.deepEqual(await trail(f.engine, key, 'BOUNDARY_EVENT'), ['error:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/error/ErrorEventTest.java
  it('ErrorEventTest#shouldCatchErrorEventsOnBoundaryEventWithoutErrorRef: a boundary event without error catches every error', async () => {
    await taskProcess('er-catch-all', `${errorBoundary('error', 'task')} ${end('error-end')} ${flow('b1', 'error', 'error-end')}`, '');
    const key = await create('er-catch-all');
    await throwError('er-catch-all', 'error');
    assert.deepEqual(await trail(f.engine, key, 'BOUNDARY_EVENT'), ['error:COMPLETED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/error/ErrorEventTest.java
  it('ErrorEventTest#shouldCatchErrorEventsOnBoundaryEventWithSpecificErrorCode: the code-specific boundary wins over the catch-all', async () => {
    await taskProcess(
      'er-specific',
      `${errorBoundary('catch-all', 'task')} ${errorBoundary('code-specific', 'task', 'Error_1')} ${end('end-1')} ${end('end-2')}
       ${flow('b1', 'catch-all', 'end-1')} ${flow('b2', 'code-specific', 'end-2')}`,
      errorDef('Error_1', 'ERROR'),
    );
    const key = await create('er-specific');
    await throwError('er-specific', 'ERROR');
    assert.deepEqual(await trail(f.engine, key, 'BOUNDARY_EVENT'), ['code-specific:COMPLETED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/error/ErrorEventTest.java
  it('ErrorEventTest#shouldCatchErrorEventsOnErrorStartEventWithSpecificErrorCode: the code-specific event sub-process wins over the catch-all', async () => {
    await deployProcess(
      f.engine,
      'er-esp-specific',
      `${eventSubProcess('sub-1', `${errorStart('catch-all')} ${end('end-1')} ${flow('s1', 'catch-all', 'end-1')}`)}
       ${eventSubProcess('sub-2', `${errorStart('code-specific', 'Error_1')} ${end('end-2')} ${flow('s2', 'code-specific', 'end-2')}`)}
       ${start()} ${job('task', 'er-esp-specific')} ${end()} ${chain('f', 'start', 'task', 'end')}`,
      errorDef('Error_1', 'ERROR'),
    );
    const key = await create('er-esp-specific');
    await throwError('er-esp-specific', 'ERROR');
    assert.deepEqual((await trail(f.engine, key, 'START_EVENT')).filter((e) => e !== 'start:COMPLETED'), ['code-specific:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/error/ErrorEventTest.java
  it('ErrorEventTest#shouldCatchErrorFromChildInstance: an error thrown in a called process is caught on the call activity', async () => {
    await f.engine.deploy([
      { name: 'er-child.bpmn', content: bpmn('er-child', `${start()} ${job('task', 'er-child')} ${end()} ${chain('f', 'start', 'task', 'end')}`) },
      {
        name: 'er-parent.bpmn',
        content: bpmn(
          'er-parent',
          `${start()} ${callActivity('call', 'er-child')} ${end()} ${chain('f', 'start', 'call', 'end')}
           ${errorBoundary('error', 'call', 'Error_1')} ${end('error-end')} ${flow('b1', 'error', 'error-end')}`,
          errorDef('Error_1', 'ERROR'),
        ),
      },
    ]);
    const key = await create('er-parent');
    await throwError('er-child', 'ERROR');
    const [child] = await f.engine.searchProcessInstances({ processDefinitionId: 'er-child' });
    assert.equal(child.state, 'TERMINATED');
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'call:TERMINATED', 'error:COMPLETED', 'error-end:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/error/ErrorEventTest.java
  it('ErrorEventTest#shouldCatchErrorOutsideMultiInstanceSubprocess: a boundary on a multi-instance sub-process catches the inner error', async () => {
    await deployProcess(
      f.engine,
      'er-mi-outside',
      `${start()} ${subProcess('subprocess', `${start('s-start')} ${job('task', 'er-mi-outside')} ${end('s-end')} ${chain('s', 's-start', 'task', 's-end')}`, {
        mi: '<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="= [1]" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>',
      })} ${end()} ${chain('f', 'start', 'subprocess', 'end')}
       ${errorBoundary('error-boundary-event', 'subprocess', 'Error_1')} ${end('error-end')} ${flow('b1', 'error-boundary-event', 'error-end')}`,
      errorDef('Error_1', 'ERROR'),
    );
    const key = await create('er-mi-outside');
    await throwError('er-mi-outside', 'ERROR');
    assert.deepEqual(await trail(f.engine, key, 'MULTI_INSTANCE_BODY'), ['subprocess:TERMINATED']);
    assert.deepEqual(await trail(f.engine, key, 'SERVICE_TASK'), ['task:TERMINATED']);
    assert.equal(await count(f.engine, key, 'error-end', 'COMPLETED'), 1);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/error/ErrorEventTest.java
  it('ErrorEventTest#shouldThrowErrorOnEndEvent: an error end event in a sub-process triggers the boundary on it', async () => {
    await deployProcess(
      f.engine,
      'er-end-event',
      `${start()} ${subProcess('subProcess', `${start('s-start')} ${errorEnd('throw-error', 'Error_1')} ${chain('s', 's-start', 'throw-error')}`)}
       ${end()} ${chain('f', 'start', 'subProcess', 'end')} ${errorBoundary('catch-error', 'subProcess', 'Error_1')} ${end('error-end')}
       ${flow('b1', 'catch-error', 'error-end')}`,
      errorDef('Error_1', 'ERROR'),
    );
    const key = await create('er-end-event');
    assert.equal(await count(f.engine, key, 'subProcess', 'TERMINATED'), 1);
    assert.equal(await count(f.engine, key, 'catch-error', 'COMPLETED'), 1);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/error/ErrorEventTest.java
  it(
    'ErrorEventTest#shouldThrowErrorOnEndEventWithExpression: errorCode "= error" is evaluated before the error is thrown',
    async () => {
      await deployProcess(
        f.engine,
        'er-end-expression',
        `${start()} ${subProcess('subProcess', `${start('s-start')} ${errorEnd('throw-error', 'Error_expr')} ${chain('s', 's-start', 'throw-error')}`)}
         ${end()} ${chain('f', 'start', 'subProcess', 'end')} ${errorBoundary('catch-error', 'subProcess', 'Error_1')} ${end('error-end')}
         ${flow('b1', 'catch-error', 'error-end')}`,
        errorDef('Error_expr', '= error') + errorDef('Error_1', 'ERROR'),
      );
      const key = await create('er-end-expression', { error: 'ERROR' });
      assert.equal(await count(f.engine, key, 'catch-error', 'COMPLETED'), 1);
      assert.equal(await stateOf(f.engine, key), 'COMPLETED');
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/error/ErrorCatchEventTest.java
  it('ErrorCatchEventTest#shouldTriggerEvent ("favor boundary event on task over boundary event on subprocess"): the innermost boundary catches', async () => {
    await deployProcess(
      f.engine,
      'er-favor-task',
      `${start()} ${subProcess('subprocess', `${start('s-start')} ${job('error-throwing-element', 'er-favor-task')} ${end('s-end')}
         ${chain('s', 's-start', 'error-throwing-element', 's-end')} ${errorBoundary('error-boundary-event', 'error-throwing-element', 'Error_1')}
         ${end('s-error-end')} ${flow('sb', 'error-boundary-event', 's-error-end')}`)}
       ${end()} ${chain('f', 'start', 'subprocess', 'end')} ${errorBoundary('error-boundary-event-on-subprocess', 'subprocess', 'Error_1')}
       ${end('error-end')} ${flow('b1', 'error-boundary-event-on-subprocess', 'error-end')}`,
      errorDef('Error_1', 'ERROR'),
    );
    const key = await create('er-favor-task');
    await throwError('er-favor-task', 'ERROR');
    assert.deepEqual(await trail(f.engine, key, 'BOUNDARY_EVENT'), ['error-boundary-event:COMPLETED']);
    assert.equal(await count(f.engine, key, 'subprocess', 'COMPLETED'), 1);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/error/ErrorCatchEventTest.java
  it('ErrorCatchEventTest#shouldTriggerEvent ("favor boundary event on task over error event subprocess")', async () => {
    await deployProcess(
      f.engine,
      'er-favor-boundary',
      `${eventSubProcess('error-event-subprocess', `${errorStart('esp-start', 'Error_1')} ${end('esp-end')} ${flow('e1', 'esp-start', 'esp-end')}`)}
       ${start()} ${job('error-throwing-element', 'er-favor-boundary')} ${end()} ${chain('f', 'start', 'error-throwing-element', 'end')}
       ${errorBoundary('error-boundary-event', 'error-throwing-element', 'Error_1')} ${end('error-end')} ${flow('b1', 'error-boundary-event', 'error-end')}`,
      errorDef('Error_1', 'ERROR'),
    );
    const key = await create('er-favor-boundary');
    await throwError('er-favor-boundary', 'ERROR');
    assert.deepEqual(await trail(f.engine, key, 'BOUNDARY_EVENT'), ['error-boundary-event:COMPLETED']);
    assert.equal(await count(f.engine, key, 'error-event-subprocess'), 0);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/error/ErrorCatchEventTest.java
  it(
    'ErrorCatchEventTest#shouldTriggerEvent ("favor error event subprocess over boundary event on subprocess"): the event sub-process inside catches',
    async () => {
      await deployProcess(
        f.engine,
        'er-favor-esp',
        `${start()} ${subProcess('sub', `${eventSubProcess('error-event-subprocess', `${errorStart('error-start-event', 'Error_1')} ${end('esp-end')} ${flow('e1', 'error-start-event', 'esp-end')}`)}
           ${start('s-start')} ${job('error-throwing-element', 'er-favor-esp')} ${end('s-end')} ${chain('s', 's-start', 'error-throwing-element', 's-end')}`)}
         ${end()} ${chain('f', 'start', 'sub', 'end')} ${errorBoundary('error', 'sub', 'Error_1')} ${end('error-end')} ${flow('b1', 'error', 'error-end')}`,
        errorDef('Error_1', 'ERROR'),
      );
      const key = await create('er-favor-esp');
      await throwError('er-favor-esp', 'ERROR');
      assert.equal(await count(f.engine, key, 'error-event-subprocess', 'COMPLETED'), 1);
      assert.equal(await count(f.engine, key, 'error'), 0);
      assert.equal(await count(f.engine, key, 'sub', 'COMPLETED'), 1);
      assert.equal(await stateOf(f.engine, key), 'COMPLETED');
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/error/ErrorCatchEventTest.java
  it(
    'ErrorCatchEventTest#shouldThrowErrorWithVariables ("boundary event on service task"): the error variables are created in the boundary event scope, not the process',
    async () => {
      await taskProcess('er-vars-boundary', `${errorBoundary('error-boundary-event', 'task', 'Error_1')} ${end('error-end')} ${flow('b1', 'error-boundary-event', 'error-end')}`, errorDef('Error_1', 'ERROR'));
      const key = await create('er-vars-boundary');
      await throwError('er-vars-boundary', 'ERROR', { foo: 'bar' });
      assert.equal(await stateOf(f.engine, key), 'COMPLETED');
      assert.deepEqual(await f.engine.getVariables(key), {});
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/error/ErrorCatchEventTest.java
  it('ErrorCatchEventTest#shouldThrowErrorWithVariables ("error event subprocess"): with an event sub-process the variables are created at the process instance', async () => {
    await deployProcess(
      f.engine,
      'er-vars-esp',
      `${eventSubProcess('error-event-subprocess', `${errorStart('error-start-event', 'Error_1')} ${end('esp-end')} ${flow('e1', 'error-start-event', 'esp-end')}`)}
       ${start()} ${job('error-throwing-element', 'er-vars-esp')} ${end()} ${chain('f', 'start', 'error-throwing-element', 'end')}`,
      errorDef('Error_1', 'ERROR'),
    );
    const key = await create('er-vars-esp');
    await throwError('er-vars-esp', 'ERROR', { foo: 'bar' });
    assert.equal(await count(f.engine, key, 'error-event-subprocess', 'COMPLETED'), 1);
    assert.deepEqual(await f.engine.getVariables(key), { foo: 'bar' });
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/error/ErrorCatchEventTest.java
  it(
    'ErrorCatchEventTest#shouldApplyOutputMappingOnErrorBoundaryEvent: the boundary output mapping propagates failureReason, the raw variable stays local',
    async () => {
      await taskProcess(
        'er-output-mapping',
        `${errorBoundary('error-boundary', 'task', 'Error_1', io([], [['= reason', 'failureReason']]))} ${end('error-end')} ${flow('b1', 'error-boundary', 'error-end')}`,
        errorDef('Error_1', 'ERROR'),
      );
      const key = await create('er-output-mapping');
      await throwError('er-output-mapping', 'ERROR', { reason: 'x' });
      assert.deepEqual(await f.engine.getVariables(key), { failureReason: 'x' });
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/incident/ErrorEventIncidentTest.java
  it('ErrorEventIncidentTest#shouldCreateIncidentIfErrorIsNotCaught: UNHANDLED_ERROR_EVENT on the task, the instance stays active', async () => {
    await taskProcess('er-uncaught', '', '');
    const key = await create('er-uncaught');
    await throwError('er-uncaught', 'ERROR');
    const incidents = await activeIncidents(f.engine, key);
    assert.deepEqual(
      incidents.map((i) => [i.elementId, i.errorType, i.errorMessage]),
      [['task', 'UNHANDLED_ERROR_EVENT', "Expected to throw an error event with the code 'ERROR', but it was not caught. No error events are available in the scope."]],
    );
    assert.equal(await stateOf(f.engine, key), 'ACTIVE');
  });
});
