import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { activate, openEngine, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import { WorkflowError } from '@mot-cua/engine/workflow/workflow-engine.port.js';
import { compensationThrow, undoTask } from './compensation-builders.js';
import { boundaryEvent, eventSubProcess, message, messageDef, startEvent } from './event-builders.js';
import { endEl, executionListeners, listenerJob, startEl, taskHeaders, withProcessExtensions } from './listener-builders.js';
import {
  activeIncidents,
  bpmn,
  callActivity,
  chain,
  completeOne,
  count,
  deployProcess,
  end,
  errorBoundary,
  errorDef,
  errorEnd,
  exclusive,
  flow,
  io,
  job,
  manualTask,
  multiInstance,
  oneJob,
  start,
  stateOf,
  subProcess,
  trail,
} from './flow-builders.js';

/**
 * Execution listeners, mirroring Zeebe's ExecutionListener*Test classes (constants as there:
 * START_EL_TYPE "start_execution_listener_job", END_EL_TYPE "end_execution_listener_job", the service
 * task type "test_service_task"). Each scenario's type names are prefixed to keep the jobs of one
 * scenario apart from another's in the shared engine. The workflow port has no "set variables"
 * command: where Zeebe's test updates a variable before resolving an incident, the re-created first
 * listener job sets it (it is local to the element, which the next listener's expression sees).
 */
describe('conformance: execution listeners (Zeebe ExecutionListener*Test)', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  const create = async (processDefinitionId: string, variables = {}) =>
    (await f.engine.createProcessInstance({ processDefinitionId, variables })).processInstanceKey;
  const START = 'start_execution_listener_job';
  const END = 'end_execution_listener_job';
  /** A service task `task` with a job type and extension elements, between a start and an end event. */
  const taskProcess = (id: string, taskType: string, ext: string, after = '') =>
    deployProcess(f.engine, id, `${start()} ${job('task', taskType, { ext })} ${after || end()} ${chain('f', 'start', 'task', after ? 'next' : 'end')} ${after ? chain('g', 'next', 'end') + end() : ''}`);
  const refused = async (id: string, content: string, message: string, extra = '') => {
    await assert.rejects(deployProcess(f.engine, id, content, extra), (error: unknown) => {
      assert.ok(error instanceof WorkflowError);
      assert.equal(error.code, 'INVALID_MODEL');
      assert.match(error.message, new RegExp(message.replace(/[[\]()]/g, '\\$&')));
      return true;
    });
  };

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerTaskElementsTest.java
  it('ExecutionListenerTaskElementsTest#shouldCompleteTaskWithMultipleExecutionListeners (service task): start listeners, the task, end listeners, in order', async () => {
    await taskProcess('el-multi', 'el-multi-task', executionListeners(startEl(`el-multi-${START}_1`), startEl(`el-multi-${START}_2`), endEl(`el-multi-${END}_1`), endEl(`el-multi-${END}_2`)));
    const key = await create('el-multi');
    assert.deepEqual(await activate(f.engine, 'el-multi-task'), [], 'the task waits for its start listeners');
    assert.deepEqual(await activate(f.engine, `el-multi-${START}_2`), [], 'one listener at a time');
    await f.engine.completeJob((await listenerJob(f.engine, `el-multi-${START}_1`, 'START')).jobKey);
    assert.deepEqual(await activate(f.engine, 'el-multi-task'), [], 'the task waits for its second start listener');
    await f.engine.completeJob((await listenerJob(f.engine, `el-multi-${START}_2`, 'START')).jobKey);
    const taskJob = await oneJob(f.engine, 'el-multi-task');
    assert.deepEqual([taskJob.kind, taskJob.listenerEventType], ['BPMN_ELEMENT', 'UNSPECIFIED']);
    await f.engine.completeJob(taskJob.jobKey);
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'task:ACTIVE'], 'the task waits for its end listeners');
    await f.engine.completeJob((await listenerJob(f.engine, `el-multi-${END}_1`, 'END')).jobKey);
    await f.engine.completeJob((await listenerJob(f.engine, `el-multi-${END}_2`, 'END')).jobKey);
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'task:COMPLETED', 'end:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerTaskElementsTest.java
  it('ExecutionListenerTaskElementsTest#shouldCompleteTaskWithMultipleExecutionListeners (manual task): the task completes between its listeners', async () => {
    await deployProcess(
      f.engine,
      'el-manual',
      `${start()} <bpmn:manualTask id="task"><bpmn:extensionElements>${executionListeners(startEl(`el-manual-${START}`), endEl(`el-manual-${END}`))}</bpmn:extensionElements></bpmn:manualTask> ${end()} ${chain('f', 'start', 'task', 'end')}`,
    );
    const key = await create('el-manual');
    await f.engine.completeJob((await listenerJob(f.engine, `el-manual-${START}`, 'START')).jobKey);
    await f.engine.completeJob((await listenerJob(f.engine, `el-manual-${END}`, 'END')).jobKey);
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'task:COMPLETED', 'end:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerTaskElementsTest.java
  it('ExecutionListenerTaskElementsTest#shouldRetryStartExecutionListenerAfterFailure: a failed listener job with retries is worked again', async () => {
    await taskProcess('el-retry', 'el-retry-task', executionListeners(startEl(`el-retry-${START}`)));
    const key = await create('el-retry');
    await f.engine.failJob((await listenerJob(f.engine, `el-retry-${START}`, 'START')).jobKey, { retries: 1 });
    assert.deepEqual(await activeIncidents(f.engine, key), []);
    await f.engine.completeJob((await listenerJob(f.engine, `el-retry-${START}`, 'START')).jobKey);
    await completeOne(f.engine, 'el-retry-task');
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerTaskElementsTest.java
  it('ExecutionListenerTaskElementsTest#shouldRecurFailedStartExecutionListenerJobAfterBackoff: the failed listener job comes back after its back-off', async () => {
    await taskProcess('el-backoff', 'el-backoff-task', executionListeners(startEl(`el-backoff-${START}`)));
    const key = await create('el-backoff');
    const failed = await listenerJob(f.engine, `el-backoff-${START}`, 'START');
    await f.engine.failJob(failed.jobKey, { retries: 2, retryBackOff: 30 * 60_000 });
    assert.deepEqual(await activate(f.engine, `el-backoff-${START}`), [], 'not before its back-off');
    f.clock.advance(30 * 60_000);
    const again = await listenerJob(f.engine, `el-backoff-${START}`, 'START');
    assert.equal(again.jobKey, failed.jobKey, 'the same job recurs');
    await f.engine.completeJob(again.jobKey);
    await completeOne(f.engine, 'el-backoff-task');
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerTaskElementsTest.java
  it('ExecutionListenerTaskElementsTest#shouldCreateIncidentForStartElWhenNoRetriesLeftAndProceedWithRemainingListeners: EXECUTION_LISTENER_NO_RETRIES, then the next listener', async () => {
    await taskProcess('el-noretries', 'el-noretries-task', executionListeners(startEl(`el-noretries-${START}_1`), startEl(`el-noretries-${START}_2`)));
    const key = await create('el-noretries');
    const first = await listenerJob(f.engine, `el-noretries-${START}_1`, 'START');
    await f.engine.failJob(first.jobKey, { retries: 0 });
    const incidents = await activeIncidents(f.engine, key);
    assert.deepEqual(
      incidents.map((i) => [i.elementId, i.errorType, i.errorMessage, i.jobKey]),
      [['task', 'EXECUTION_LISTENER_NO_RETRIES', 'No more retries left.', first.jobKey]],
    );
    await f.engine.updateJobRetries(first.jobKey, 1);
    await f.engine.resolveIncident(incidents[0].incidentKey);
    await f.engine.completeJob((await listenerJob(f.engine, `el-noretries-${START}_1`, 'START')).jobKey);
    await f.engine.completeJob((await listenerJob(f.engine, `el-noretries-${START}_2`, 'START')).jobKey);
    await completeOne(f.engine, 'el-noretries-task');
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerTaskElementsTest.java
  it('ExecutionListenerTaskElementsTest#shouldCreateIncidentForEndElWhenNoRetriesLeftAndProceedWithRemainingListeners: the end listener incident, then the next one', async () => {
    await taskProcess('el-end-noretries', 'el-end-noretries-task', executionListeners(endEl(`el-end-noretries-${END}_1`), endEl(`el-end-noretries-${END}_2`)));
    const key = await create('el-end-noretries');
    await completeOne(f.engine, 'el-end-noretries-task');
    const first = await listenerJob(f.engine, `el-end-noretries-${END}_1`, 'END');
    await f.engine.failJob(first.jobKey, { retries: 0 });
    const [incident] = await activeIncidents(f.engine, key);
    assert.deepEqual([incident.errorType, incident.errorMessage], ['EXECUTION_LISTENER_NO_RETRIES', 'No more retries left.']);
    await f.engine.updateJobRetries(first.jobKey, 1);
    await f.engine.resolveIncident(incident.incidentKey);
    await f.engine.completeJob((await listenerJob(f.engine, `el-end-noretries-${END}_1`, 'END')).jobKey);
    await f.engine.completeJob((await listenerJob(f.engine, `el-end-noretries-${END}_2`, 'END')).jobKey);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerTaskElementsTest.java
  it('ExecutionListenerTaskElementsTest#shouldCreateIncidentDuringEvaluatingTaskInputMappingsAndProceedWithStartListeners: input mappings come before the start listeners', async () => {
    await taskProcess(
      'el-input',
      'el-input-task',
      `${io([['= assert(some_var, some_var != null)', 'o_var_1']])}${executionListeners(startEl(`el-input-${START}`))}`,
    );
    const key = await create('el-input');
    const [incident] = await activeIncidents(f.engine, key);
    assert.equal(incident.errorType, 'IO_MAPPING_ERROR');
    assert.deepEqual(await activate(f.engine, `el-input-${START}`), [], 'no listener job before the input mappings are applied');
    assert.equal(await count(f.engine, key, 'task', 'ACTIVE'), 1);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerTaskElementsTest.java
  it('ExecutionListenerTaskElementsTest#shouldCreateIncidentDuringEvaluatingTaskOutputMappingsAndProceedWithEndListeners: output mappings come before the end listeners', async () => {
    await taskProcess(
      'el-output',
      'el-output-task',
      `${io([], [['= assert(some_var, some_var != null)', 'o_var_1']])}${executionListeners(endEl(`el-output-${END}`))}`,
    );
    const key = await create('el-output');
    await completeOne(f.engine, 'el-output-task');
    const [incident] = await activeIncidents(f.engine, key);
    assert.equal(incident.errorType, 'IO_MAPPING_ERROR');
    assert.deepEqual(await activate(f.engine, `el-output-${END}`), [], 'no end listener job before the output mappings are applied');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerTaskElementsTest.java
  it('ExecutionListenerTaskElementsTest#shouldEvaluateExpressionsForExecutionListeners: type and retries may be expressions', async () => {
    await taskProcess(
      'el-expr',
      'el-expr-task',
      executionListeners(
        { eventType: 'start', type: '= listenerNameVar', retries: '= elRetries' },
        startEl(`el-expr-${START}_2`, '5'),
        { eventType: 'end', type: `el-expr-${END}`, retries: '= elRetries + 5' },
      ),
    );
    const key = await create('el-expr', { elRetries: 6, listenerNameVar: `el-expr-${START}evaluated_1` });
    const first = await listenerJob(f.engine, `el-expr-${START}evaluated_1`, 'START');
    assert.equal(first.retries, 6);
    await f.engine.completeJob(first.jobKey);
    const second = await listenerJob(f.engine, `el-expr-${START}_2`, 'START');
    assert.equal(second.retries, 5);
    await f.engine.completeJob(second.jobKey);
    await completeOne(f.engine, 'el-expr-task');
    const last = await listenerJob(f.engine, `el-expr-${END}`, 'END');
    assert.equal(last.retries, 11);
    await f.engine.completeJob(last.jobKey);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerTaskElementsTest.java
  it('ExecutionListenerTaskElementsTest#shouldAllowEndListenerToAccessStartListenerVariable: the start listener variable is seen by the end listener', async () => {
    await taskProcess('el-vars', 'el-vars-task', executionListeners(startEl(`el-vars-${START}`), endEl(`el-vars-${END}`)));
    const key = await create('el-vars');
    await f.engine.completeJob((await listenerJob(f.engine, `el-vars-${START}`, 'START')).jobKey, { foo: 1 });
    await completeOne(f.engine, 'el-vars-task');
    const endJob = await listenerJob(f.engine, `el-vars-${END}`, 'END');
    assert.equal(endJob.variables.foo, 1);
    await f.engine.completeJob(endJob.jobKey);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerTaskElementsTest.java
  it('ExecutionListenerTaskElementsTest#shouldRestrictStartExecutionListenerVariablesToOwningElementScope: the second listener sees it, the next element does not', async () => {
    await taskProcess(
      'el-scope',
      'el-scope-task',
      executionListeners(startEl(`el-scope-${START}`), startEl(`el-scope-${START}_2`)),
      job('next', 'el-scope-subsequent_service_task'),
    );
    const key = await create('el-scope');
    await f.engine.completeJob((await listenerJob(f.engine, `el-scope-${START}`, 'START')).jobKey, { el_var: 'bar' });
    const second = await listenerJob(f.engine, `el-scope-${START}_2`, 'START');
    assert.equal(second.variables.el_var, 'bar');
    await f.engine.completeJob(second.jobKey);
    await completeOne(f.engine, 'el-scope-task');
    const subsequent = await oneJob(f.engine, 'el-scope-subsequent_service_task');
    assert.equal('el_var' in subsequent.variables, false);
    await f.engine.completeJob(subsequent.jobKey);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerTaskElementsTest.java
  it('ExecutionListenerTaskElementsTest#shouldAllowSubsequentElementToAccessVariableProducedByTaskEndListenerJob: end listener variables leave the element', async () => {
    await taskProcess('el-endvar', 'el-endvar-task', executionListeners(endEl(`el-endvar-${END}`)), job('next', 'el-endvar-subsequent_service_task'));
    const key = await create('el-endvar');
    await completeOne(f.engine, 'el-endvar-task');
    await f.engine.completeJob((await listenerJob(f.engine, `el-endvar-${END}`, 'END')).jobKey, { end_el_var: 'baz' });
    const subsequent = await oneJob(f.engine, 'el-endvar-subsequent_service_task');
    assert.equal(subsequent.variables.end_el_var, 'baz');
    await f.engine.completeJob(subsequent.jobKey);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerTaskElementsTest.java
  it('ExecutionListenerTaskElementsTest#shouldRecreateStartExecutionListenerJobsAndProceedAfterExtractValueErrorIncidentResolution: resolving starts again from the first listener', async () => {
    await taskProcess(
      'el-recreate',
      'el-recreate-task',
      executionListeners(startEl(`el-recreate-${START}_1`), startEl('= start_el_2_name_var'), startEl(`el-recreate-${START}_3`), endEl(`el-recreate-${END}`)),
    );
    const key = await create('el-recreate');
    const first = await listenerJob(f.engine, `el-recreate-${START}_1`, 'START');
    await f.engine.completeJob(first.jobKey);
    const [incident] = await activeIncidents(f.engine, key);
    assert.equal(incident.errorType, 'EXTRACT_VALUE_ERROR');
    assert.match(incident.errorMessage, /start_el_2_name_var/);
    await f.engine.resolveIncident(incident.incidentKey);
    const recreated = await listenerJob(f.engine, `el-recreate-${START}_1`, 'START');
    assert.notEqual(recreated.jobKey, first.jobKey, 'the first listener job is created again');
    await f.engine.completeJob(recreated.jobKey, { start_el_2_name_var: `el-recreate-${START}_eval_2` });
    await f.engine.completeJob((await listenerJob(f.engine, `el-recreate-${START}_eval_2`, 'START')).jobKey);
    await f.engine.completeJob((await listenerJob(f.engine, `el-recreate-${START}_3`, 'START')).jobKey);
    await completeOne(f.engine, 'el-recreate-task');
    await f.engine.completeJob((await listenerJob(f.engine, `el-recreate-${END}`, 'END')).jobKey);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerTaskElementsTest.java
  it('ExecutionListenerTaskElementsTest#shouldCancelActiveStartElJobAfterProcessInstanceCancellation: the listener job is cancelled with the instance', async () => {
    await taskProcess('el-cancel', 'el-cancel-task', executionListeners(startEl(`el-cancel-${START}`)));
    const key = await create('el-cancel');
    const listener = await listenerJob(f.engine, `el-cancel-${START}`, 'START');
    await f.engine.cancelProcessInstance(key);
    await assert.rejects(f.engine.completeJob(listener.jobKey), /cancelled/);
    assert.equal(await stateOf(f.engine, key), 'TERMINATED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerTaskElementsTest.java
  it('ExecutionListenerTaskElementsTest#shouldResolveIncidentForElJobAfterProcessInstanceCancellation: cancelling resolves the listener incident', async () => {
    await taskProcess('el-cancel-incident', 'el-cancel-incident-task', executionListeners(startEl(`el-cancel-incident-${START}`)));
    const key = await create('el-cancel-incident');
    await f.engine.failJob((await listenerJob(f.engine, `el-cancel-incident-${START}`, 'START')).jobKey, { retries: 0 });
    assert.equal((await activeIncidents(f.engine, key))[0]?.errorType, 'EXECUTION_LISTENER_NO_RETRIES');
    await f.engine.cancelProcessInstance(key);
    assert.deepEqual(await activeIncidents(f.engine, key), []);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerTaskElementsTest.java
  it('ExecutionListenerTaskElementsTest#shouldCreateListenerJobsWithCustomHeadersContainingTaskHeaders: listener jobs carry the task headers', async () => {
    await taskProcess(
      'el-headers',
      'el-headers-task',
      `${taskHeaders({ someTaskHeader: 'foo', anotherTaskHeader: 'bar' })}${executionListeners(startEl(`el-headers-${START}`), endEl(`el-headers-${END}`))}`,
    );
    const key = await create('el-headers');
    const startJob = await listenerJob(f.engine, `el-headers-${START}`, 'START');
    assert.deepEqual(startJob.customHeaders, { someTaskHeader: 'foo', anotherTaskHeader: 'bar' });
    await f.engine.completeJob(startJob.jobKey);
    await completeOne(f.engine, 'el-headers-task');
    const endJob = await listenerJob(f.engine, `el-headers-${END}`, 'END');
    assert.deepEqual(endJob.customHeaders, { someTaskHeader: 'foo', anotherTaskHeader: 'bar' });
    await f.engine.completeJob(endJob.jobKey);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerTest.java
  it('ExecutionListenerTest#shouldCreateExecutionListenerJobWithMergedTaskHeaders: the listener headers over the task headers', async () => {
    await taskProcess(
      'el-merged',
      'el-merged-task',
      `${taskHeaders({ baseKey: 'baseValue', overrideKey: 'baseOverride' })}${executionListeners(
        { eventType: 'start', type: 'el-merged-startListener', headers: { listenerKey: 'listenerValue', overrideKey: 'listenerOverride' } },
        { eventType: 'end', type: 'el-merged-endListener', headers: { endListenerKey: 'endListenerValue' } },
      )}`,
    );
    const key = await create('el-merged');
    const startJob = await listenerJob(f.engine, 'el-merged-startListener', 'START');
    assert.deepEqual(startJob.customHeaders, { baseKey: 'baseValue', listenerKey: 'listenerValue', overrideKey: 'listenerOverride' });
    await f.engine.completeJob(startJob.jobKey);
    await completeOne(f.engine, 'el-merged-task');
    const endJob = await listenerJob(f.engine, 'el-merged-endListener', 'END');
    assert.deepEqual(endJob.customHeaders, { baseKey: 'baseValue', endListenerKey: 'endListenerValue', overrideKey: 'baseOverride' });
    await f.engine.completeJob(endJob.jobKey);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerTest.java
  it('ExecutionListenerTest#shouldRejectErrorThrowingFromExecutionListenerJob: INVALID_STATE, the job stays open', async () => {
    await deployProcess(
      f.engine,
      'el-throw',
      `${start()} ${job('task', 'el-throw-test_service_task', { ext: executionListeners(startEl(`el-throw-${START}`)) })} ${errorBoundary('error_boundary', 'task', 'err')}
       ${end('error_end')} ${end('main_end')} ${chain('f', 'start', 'task', 'main_end')} ${chain('g', 'error_boundary', 'error_end')}`,
      errorDef('err', 'err'),
    );
    const key = await create('el-throw');
    const listener = await listenerJob(f.engine, `el-throw-${START}`, 'START');
    await assert.rejects(f.engine.throwJobError(listener.jobKey, { errorCode: 'err' }), (error: unknown) => {
      assert.ok(error instanceof WorkflowError);
      assert.equal(error.code, 'INVALID_STATE');
      assert.equal(
        error.message,
        `Cannot throw BPMN error from EXECUTION_LISTENER job with key '${listener.jobKey}', type 'el-throw-${START}' and processInstanceKey '${key}'`,
      );
      return true;
    });
    await f.engine.completeJob(listener.jobKey);
    await completeOne(f.engine, 'el-throw-test_service_task');
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'task:COMPLETED', 'main_end:COMPLETED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerTest.java
  it('ExecutionListenerTest#shouldCompleteEmbeddedSubProcessWithMultipleExecutionListeners: the sub-process starts after its start listeners and ends after its end listeners', async () => {
    const ext = executionListeners(startEl(`el-sub-${START}_sub_1`), startEl(`el-sub-${START}_sub_2`), endEl(`el-sub-${END}_sub_1`), endEl(`el-sub-${END}_sub_2`));
    await deployProcess(
      f.engine,
      'el-sub',
      `${start()} ${manualTask('m1')} ${subProcess('sub_process', `${start('sub-start')} ${manualTask('m2')} ${end('sub-end')} ${chain('s', 'sub-start', 'm2', 'sub-end')}`, { ext })}
       ${manualTask('m3')} ${end()} ${chain('f', 'start', 'm1', 'sub_process', 'm3', 'end')}`,
    );
    const key = await create('el-sub');
    await f.engine.completeJob((await listenerJob(f.engine, `el-sub-${START}_sub_1`, 'START')).jobKey);
    assert.equal(await count(f.engine, key, 'sub-start'), 0, 'the sub-process waits for its second start listener');
    await f.engine.completeJob((await listenerJob(f.engine, `el-sub-${START}_sub_2`, 'START')).jobKey);
    assert.equal(await count(f.engine, key, 'sub-end', 'COMPLETED'), 1);
    await f.engine.completeJob((await listenerJob(f.engine, `el-sub-${END}_sub_1`, 'END')).jobKey);
    assert.equal(await count(f.engine, key, 'sub_process', 'ACTIVE'), 1, 'the sub-process waits for its second end listener');
    await f.engine.completeJob((await listenerJob(f.engine, `el-sub-${END}_sub_2`, 'END')).jobKey);
    assert.deepEqual(await trail(f.engine, key), [
      'start:COMPLETED',
      'm1:COMPLETED',
      'sub_process:COMPLETED',
      'sub-start:COMPLETED',
      'm2:COMPLETED',
      'sub-end:COMPLETED',
      'm3:COMPLETED',
      'end:COMPLETED',
    ]);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerTest.java
  it('ExecutionListenerTest#shouldAccessVariableFromEmbeddedSubProcessStartListenerInSubProcessServiceTask: the start listener variable is seen inside', async () => {
    await deployProcess(
      f.engine,
      'el-sub-var',
      `${start()} ${subProcess('sub_process', `${start('sub-start')} ${job('task', 'el-sub-var-test_service_task_sub')} ${end('sub-end')} ${chain('s', 'sub-start', 'task', 'sub-end')}`, { ext: executionListeners(startEl(`el-sub-var-${START}_sub`)) })}
       ${end()} ${chain('f', 'start', 'sub_process', 'end')}`,
    );
    const key = await create('el-sub-var');
    await f.engine.completeJob((await listenerJob(f.engine, `el-sub-var-${START}_sub`, 'START')).jobKey, { baz: 42 });
    const inner = await oneJob(f.engine, 'el-sub-var-test_service_task_sub');
    assert.equal(inner.variables.baz, 42);
    await f.engine.completeJob(inner.jobKey);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerTest.java
  it('ExecutionListenerTest#shouldAllowSubsequentElementToAccessVariableProducedBySubprocessEndListenerJob: the sub-process end listener variable leaves it', async () => {
    await deployProcess(
      f.engine,
      'el-sub-endvar',
      `${start()} ${subProcess('sub_process', `${start('sub-start')} ${manualTask('m')} ${end('sub-end')} ${chain('s', 'sub-start', 'm', 'sub-end')}`, { ext: executionListeners(endEl(`el-sub-endvar-${END}`)) })}
       ${job('subsequent_task', 'el-sub-endvar-subsequent_service_task')} ${end()} ${chain('f', 'start', 'sub_process', 'subsequent_task', 'end')}`,
    );
    const key = await create('el-sub-endvar');
    await f.engine.completeJob((await listenerJob(f.engine, `el-sub-endvar-${END}`, 'END')).jobKey, { end_el_var: 'baz' });
    const subsequent = await oneJob(f.engine, 'el-sub-endvar-subsequent_service_task');
    assert.equal(subsequent.variables.end_el_var, 'baz');
    await f.engine.completeJob(subsequent.jobKey);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerTest.java
  it('ExecutionListenerTest#shouldCancelActiveStartElJobForEmbeddedSubProcessAfterProcessInstanceCancellation: the sub-process listener job is cancelled', async () => {
    await deployProcess(
      f.engine,
      'el-sub-cancel',
      `${start()} ${subProcess('sub_process', `${start('sub-start')} ${end('sub-end')} ${chain('s', 'sub-start', 'sub-end')}`, { ext: executionListeners(startEl(`el-sub-cancel-${START}_sub`)) })}
       ${end()} ${chain('f', 'start', 'sub_process', 'end')}`,
    );
    const key = await create('el-sub-cancel');
    const listener = await listenerJob(f.engine, `el-sub-cancel-${START}_sub`, 'START');
    await f.engine.cancelProcessInstance(key);
    await assert.rejects(f.engine.completeJob(listener.jobKey), /cancelled/);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerTest.java
  it('ExecutionListenerTest#shouldCompleteEventSubProcessWithMultipleExecutionListeners: the triggered event sub-process starts after its start listeners', async () => {
    // Zeebe's test starts the instance at "task" (a start instruction); here the token passes the start event to it.
    const ext = executionListeners(startEl(`el-esp-${START}_sub_1`), startEl(`el-esp-${START}_sub_2`), endEl(`el-esp-${END}_sub`));
    const sub = `${startEvent('startEvent_sub', messageDef('Message_sub'), { interrupting: false })} ${job('task_sub', 'el-esp-test_service_task_sub')} ${end('endEvent_sub')} ${chain('s', 'startEvent_sub', 'task_sub', 'endEvent_sub')}`;
    await deployProcess(
      f.engine,
      'el-esp',
      `${eventSubProcess('message-event-subprocess', sub, ext)} ${start('startEvent')} ${job('task', 'el-esp-test_service_task')} ${end('endEvent')} ${chain('f', 'startEvent', 'task', 'endEvent')}`,
      message('Message_sub', 'el-esp-subprocess-event', '=key'),
    );
    const key = await create('el-esp', { key: 'key-1' });
    await f.engine.publishMessage({ name: 'el-esp-subprocess-event', correlationKey: 'key-1', timeToLive: 0, variables: {} });
    await completeOne(f.engine, 'el-esp-test_service_task');
    assert.equal(await count(f.engine, key, 'startEvent_sub'), 0, 'the event sub-process waits for its start listeners');
    await f.engine.completeJob((await listenerJob(f.engine, `el-esp-${START}_sub_1`, 'START')).jobKey);
    await f.engine.completeJob((await listenerJob(f.engine, `el-esp-${START}_sub_2`, 'START')).jobKey);
    await completeOne(f.engine, 'el-esp-test_service_task_sub');
    assert.equal(await count(f.engine, key, 'message-event-subprocess', 'ACTIVE'), 1, 'it waits for its end listener');
    await f.engine.completeJob((await listenerJob(f.engine, `el-esp-${END}_sub`, 'END')).jobKey);
    assert.deepEqual(await trail(f.engine, key, 'EVENT_SUB_PROCESS'), ['message-event-subprocess:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerTest.java
  it('ExecutionListenerTest#shouldCompleteCallActivitySubProcessWithMultipleExecutionListeners: process, call activity and called process in order', async () => {
    await f.engine.deploy([
      {
        name: 'el-call-child.bpmn',
        content: bpmn('el-call-child', `${start()} ${job('task', 'el-call-test_service_task_sub')} ${end()} ${chain('f', 'start', 'task', 'end')}`),
      },
      {
        name: 'el-call.bpmn',
        content: bpmn(
          'el-call',
          withProcessExtensions(
            executionListeners(startEl(`el-call-${START}`)),
            `${start()} ${callActivity('el-call-child', 'el-call-child', '', { ext: executionListeners(startEl(`el-call-${START}_sub`), endEl(`el-call-${END}_sub_1`), endEl(`el-call-${END}_sub_2`)) })}
             ${manualTask('m')} ${end()} ${chain('f', 'start', 'el-call-child', 'm', 'end')}`,
          ),
        ),
      },
    ]);
    const key = await create('el-call');
    await f.engine.completeJob((await listenerJob(f.engine, `el-call-${START}`, 'START')).jobKey);
    await f.engine.completeJob((await listenerJob(f.engine, `el-call-${START}_sub`, 'START')).jobKey);
    await completeOne(f.engine, 'el-call-test_service_task_sub');
    await f.engine.completeJob((await listenerJob(f.engine, `el-call-${END}_sub_1`, 'END')).jobKey);
    assert.equal(await count(f.engine, key, 'el-call-child', 'ACTIVE'), 1, 'the call activity waits for its second end listener');
    await f.engine.completeJob((await listenerJob(f.engine, `el-call-${END}_sub_2`, 'END')).jobKey);
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'el-call-child:COMPLETED', 'm:COMPLETED', 'end:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerProcessInstanceTest.java
  it('ExecutionListenerProcessInstanceTest#shouldCompleteProcessWithMultipleExecutionListeners: the process starts and ends through its listeners', async () => {
    const ext = executionListeners(startEl(`el-proc-${START}_1`), startEl(`el-proc-${START}_2`), endEl(`el-proc-${END}_1`), endEl(`el-proc-${END}_2`));
    await deployProcess(f.engine, 'el-proc', withProcessExtensions(ext, `${start()} ${end()} ${chain('f', 'start', 'end')}`));
    const key = await create('el-proc');
    assert.deepEqual(await trail(f.engine, key), [], 'the start event waits for the process start listeners');
    await f.engine.completeJob((await listenerJob(f.engine, `el-proc-${START}_1`, 'START')).jobKey);
    await f.engine.completeJob((await listenerJob(f.engine, `el-proc-${START}_2`, 'START')).jobKey);
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'end:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'ACTIVE', 'the process waits for its end listeners');
    await f.engine.completeJob((await listenerJob(f.engine, `el-proc-${END}_1`, 'END')).jobKey);
    await f.engine.completeJob((await listenerJob(f.engine, `el-proc-${END}_2`, 'END')).jobKey);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerProcessInstanceTest.java
  it('ExecutionListenerProcessInstanceTest#shouldRecreateProcessStartExecutionListenerJobsAndProceedAfterIncidentResolution: the process listeners start again from the first', async () => {
    const ext = executionListeners(startEl(`el-proc-recreate-${START}_1`), startEl('= start_el_2_name_var'), endEl(`el-proc-recreate-${END}`));
    await deployProcess(f.engine, 'el-proc-recreate', withProcessExtensions(ext, `${start()} ${manualTask('m')} ${end()} ${chain('f', 'start', 'm', 'end')}`));
    const key = await create('el-proc-recreate');
    const first = await listenerJob(f.engine, `el-proc-recreate-${START}_1`, 'START');
    await f.engine.completeJob(first.jobKey);
    const [incident] = await activeIncidents(f.engine, key);
    assert.deepEqual([incident.errorType, incident.elementId], ['EXTRACT_VALUE_ERROR', 'el-proc-recreate']);
    await f.engine.resolveIncident(incident.incidentKey);
    const recreated = await listenerJob(f.engine, `el-proc-recreate-${START}_1`, 'START');
    assert.notEqual(recreated.jobKey, first.jobKey);
    await f.engine.completeJob(recreated.jobKey, { start_el_2_name_var: `el-proc-recreate-${START}_evaluated_2` });
    await f.engine.completeJob((await listenerJob(f.engine, `el-proc-recreate-${START}_evaluated_2`, 'START')).jobKey);
    await f.engine.completeJob((await listenerJob(f.engine, `el-proc-recreate-${END}`, 'END')).jobKey);
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'm:COMPLETED', 'end:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerMultiInstanceActivitiesTest.java
  it('ExecutionListenerMultiInstanceActivitiesTest#shouldRunSingleStartListenerOnEachInnerInstance: one start listener job per inner instance', async () => {
    await deployProcess(
      f.engine,
      'el-mi',
      `${start()} ${job('task', 'el-mi-task', { ext: executionListeners(startEl('el-mi-start_1')), mi: multiInstance({ sequential: true, inputCollection: '= items', inputElement: 'item' }) })}
       ${end()} ${chain('f', 'start', 'task', 'end')}`,
    );
    const key = await create('el-mi', { items: [1, 2, 3] });
    for (let i = 0; i < 3; i++) {
      await f.engine.completeJob((await listenerJob(f.engine, 'el-mi-start_1', 'START')).jobKey);
      await completeOne(f.engine, 'el-mi-task');
    }
    assert.equal(await count(f.engine, key, 'task', 'COMPLETED', 'SERVICE_TASK'), 3);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  /** The exclusive gateway scenario of ExecutionListenerGatewayElementsTest: foo < 5 to a service task, else the default flow. */
  const gatewayProcess = (id: string, ext: string) =>
    deployProcess(
      f.engine,
      id,
      `${start()} <bpmn:exclusiveGateway id="xor" default="to_end_b"><bpmn:extensionElements>${ext}</bpmn:extensionElements></bpmn:exclusiveGateway>
       ${job('test_service_task', `${id}-test_service_task`)} ${end('end_a')} ${end('end_b')}
       ${flow('f1', 'start', 'xor')} ${flow('to_end_a', 'xor', 'test_service_task', '= foo < 5')} ${flow('f2', 'test_service_task', 'end_a')} ${flow('to_end_b', 'xor', 'end_b')}`,
    );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerGatewayElementsTest.java
  it('ExecutionListenerGatewayElementsTest#shouldCompleteGatewayElementWithMultipleStartExecutionListeners (exclusive): the gateway decides after its listeners', async () => {
    await gatewayProcess('el-gw', executionListeners(startEl(`el-gw-${START}_1`), startEl(`el-gw-${START}_2`)));
    const key = await create('el-gw', { foo: 1 });
    await f.engine.completeJob((await listenerJob(f.engine, `el-gw-${START}_1`, 'START')).jobKey);
    assert.equal(await count(f.engine, key, 'xor', 'ACTIVE'), 1);
    await f.engine.completeJob((await listenerJob(f.engine, `el-gw-${START}_2`, 'START')).jobKey);
    await completeOne(f.engine, 'el-gw-test_service_task');
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'xor:COMPLETED', 'test_service_task:COMPLETED', 'end_a:COMPLETED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerGatewayElementsTest.java
  it('ExecutionListenerGatewayElementsTest.ExtraTests#shouldSetVariableInStartListenerForExclusiveGatewayCondition: foo = 55 from the listener takes the default flow', async () => {
    await gatewayProcess('el-gw-var', executionListeners(startEl(`el-gw-var-${START}`)));
    const key = await create('el-gw-var');
    await f.engine.completeJob((await listenerJob(f.engine, `el-gw-var-${START}`, 'START')).jobKey, { foo: 55 });
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'xor:COMPLETED', 'end_b:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerGatewayElementsTest.java
  it('ExecutionListenerGatewayElementsTest#shouldNotDeployProcessWithGatewayWithEndExecutionListeners: refused at deployment', async () => {
    await refused(
      'el-gw-end',
      `${start()} ${exclusive('gw').replace(' />', `><bpmn:extensionElements>${executionListeners(startEl('s'), endEl('e'))}</bpmn:extensionElements></bpmn:exclusiveGateway>`)} ${end()} ${chain('f', 'start', 'gw', 'end')}`,
      "Execution listeners of type 'end' are not supported by gateway element",
    );
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerStartEventElementTest.java
  it('ExecutionListenerStartEventElementTest: start listeners on a start event are refused at deployment', async () => {
    await refused(
      'el-start-start',
      `<bpmn:startEvent id="start"><bpmn:extensionElements>${executionListeners(startEl('s'))}</bpmn:extensionElements></bpmn:startEvent> ${end()} ${chain('f', 'start', 'end')}`,
      "Execution listeners of type 'start' are not supported by start events",
    );
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerBoundaryEventElementTest.java
  it('ExecutionListenerBoundaryEventElementTest: start listeners on a boundary event are refused at deployment', async () => {
    await refused(
      'el-boundary-start',
      `${start()} ${job('task', 't')} ${errorBoundary('b', 'task', 'err', executionListeners(startEl('s')))} ${end()} ${end('b-end')} ${chain('f', 'start', 'task', 'end')} ${chain('g', 'b', 'b-end')}`,
      "Execution listeners of type 'start' are not supported by boundary events",
      errorDef('err', 'err'),
    );
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerIntermediateCatchEventElementTest.java
  it('ExecutionListenerIntermediateCatchEventElementTest.ExtraTests#shouldCompleteLinkEventWithMultipleExecutionListeners: the link catch event starts after the throw event ended', async () => {
    const P = 'el-link-';
    const throwExt = executionListeners(startEl(`${P}${START}_throw_1`), startEl(`${P}${START}_throw_2`), endEl(`${P}${END}_throw_1`));
    const catchExt = executionListeners(startEl(`${P}${START}_catch_1`), endEl(`${P}${END}_catch_1`), endEl(`${P}${END}_catch_2`));
    await deployProcess(
      f.engine,
      'el-link',
      `${start()} <bpmn:intermediateThrowEvent id="throw"><bpmn:extensionElements>${throwExt}</bpmn:extensionElements><bpmn:linkEventDefinition id="throw_def" name="linkA" /></bpmn:intermediateThrowEvent>
       <bpmn:intermediateCatchEvent id="catch"><bpmn:extensionElements>${catchExt}</bpmn:extensionElements><bpmn:linkEventDefinition id="catch_def" name="linkA" /></bpmn:intermediateCatchEvent>
       ${manualTask('m')} ${end()} ${chain('f', 'start', 'throw')} ${chain('g', 'catch', 'm', 'end')}`,
    );
    const key = await create('el-link');
    await f.engine.completeJob((await listenerJob(f.engine, `${P}${START}_throw_1`, 'START')).jobKey);
    await f.engine.completeJob((await listenerJob(f.engine, `${P}${START}_throw_2`, 'START')).jobKey);
    assert.deepEqual(await activate(f.engine, `${P}${START}_catch_1`), [], 'the catch event waits for the throw event to end');
    await f.engine.completeJob((await listenerJob(f.engine, `${P}${END}_throw_1`, 'END')).jobKey);
    await f.engine.completeJob((await listenerJob(f.engine, `${P}${START}_catch_1`, 'START')).jobKey);
    await f.engine.completeJob((await listenerJob(f.engine, `${P}${END}_catch_1`, 'END')).jobKey);
    await f.engine.completeJob((await listenerJob(f.engine, `${P}${END}_catch_2`, 'END')).jobKey);
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'throw:COMPLETED', 'catch:COMPLETED', 'm:COMPLETED', 'end:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerBoundaryEventElementTest.java
  it('ExecutionListenerBoundaryEventElementTest#shouldCompleteBoundaryEventWithMultipleEndExecutionListeners (message): the boundary event ends after its listeners', async () => {
    const ext = executionListeners(endEl(`el-boundary-${END}_1`), endEl(`el-boundary-${END}_2`));
    await deployProcess(
      f.engine,
      'el-boundary',
      `${start()} ${job('boundary_event_owner', 'el-boundary-test_service_task')} ${boundaryEvent('boundary_message_event', 'boundary_event_owner', messageDef('Message_b'), { extensions: ext })}
       ${end('boundary_end')} ${end('main_end')} ${chain('f', 'start', 'boundary_event_owner', 'main_end')} ${chain('g', 'boundary_message_event', 'boundary_end')}`,
      message('Message_b', 'el-boundary-my_message', '="key-1"'),
    );
    const key = await create('el-boundary');
    await f.engine.publishMessage({ name: 'el-boundary-my_message', correlationKey: 'key-1', timeToLive: 0 });
    await f.engine.completeJob((await listenerJob(f.engine, `el-boundary-${END}_1`, 'END')).jobKey);
    assert.equal(await count(f.engine, key, 'boundary_message_event', 'ACTIVE'), 1);
    await f.engine.completeJob((await listenerJob(f.engine, `el-boundary-${END}_2`, 'END')).jobKey);
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'boundary_event_owner:TERMINATED', 'boundary_message_event:COMPLETED', 'boundary_end:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerBoundaryEventElementTest.java
  it('ExecutionListenerBoundaryEventElementTest.ExtraTests#shouldNotDeployProcessWithCompensationBoundaryEventWithExecutionListeners: refused at deployment', async () => {
    const content = `${start()} ${job('service_task', 'undo-test')} ${undoTask('service_task', 'undo_service_task', 'undo_service_task')}
      ${compensationThrow('boundary_throw', 'service_task')} ${manualTask('manual_task')} ${end('main_end')} ${chain('f', 'start', 'service_task', 'boundary_throw', 'manual_task', 'main_end')}`;
    const withListeners = content.replace(
      '<bpmn:boundaryEvent id="service_task-compensation" attachedToRef="service_task">',
      `<bpmn:boundaryEvent id="service_task-compensation" attachedToRef="service_task"><bpmn:extensionElements>${executionListeners(startEl(`${END}_1`), endEl(`${END}_2`))}</bpmn:extensionElements>`,
    );
    assert.notEqual(withListeners, content);
    await refused('el-compensation', withListeners, "Execution listeners of type 'start' and 'end' are not supported by [compensation] boundary events");
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerEndEventElementTest.java
  it('ExecutionListenerEndEventElementTest#shouldNotDeployProcessWithErrorEndEventWithEndExecutionListeners: refused at deployment', async () => {
    await refused(
      'el-error-end',
      `${start()} ${errorEnd('end', 'err').replace('<bpmn:errorEventDefinition', `<bpmn:extensionElements>${executionListeners(startEl('s'), endEl('e'))}</bpmn:extensionElements><bpmn:errorEventDefinition`)} ${chain('f', 'start', 'end')}`,
      "Execution listeners of type 'end' are not supported by [error] end events",
      errorDef('err', 'err'),
    );
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerEndEventElementTest.java
  it('ExecutionListenerEndEventElementTest#shouldCompleteEndEventWithMultipleExecutionListeners (none): the process completes after the end event\'s end listeners', async () => {
    const ext = executionListeners(startEl('el-end-event-start_1'), startEl('el-end-event-start_2'), endEl('el-end-event-end_1'), endEl('el-end-event-end_2'));
    await deployProcess(
      f.engine,
      'el-end-event',
      `${start()} ${manualTask('m')} <bpmn:endEvent id="end_none_event"><bpmn:extensionElements>${ext}</bpmn:extensionElements></bpmn:endEvent> ${chain('f', 'start', 'm', 'end_none_event')}`,
    );
    const key = await create('el-end-event');
    await f.engine.completeJob((await listenerJob(f.engine, 'el-end-event-start_1', 'START')).jobKey);
    await f.engine.completeJob((await listenerJob(f.engine, 'el-end-event-start_2', 'START')).jobKey);
    await f.engine.completeJob((await listenerJob(f.engine, 'el-end-event-end_1', 'END')).jobKey);
    assert.equal(await stateOf(f.engine, key), 'ACTIVE', 'the process waits for the second end listener');
    await f.engine.completeJob((await listenerJob(f.engine, 'el-end-event-end_2', 'END')).jobKey);
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'm:COMPLETED', 'end_none_event:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });
});
