import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ActivatedJob, Variables } from '@mot-cua/engine/workflow/workflow-engine.port.js';
import { activate, openEngine, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import {
  count,
  deployProcess,
  end,
  flow,
  io,
  job,
  messageBoundary,
  messageDef,
  multiInstance,
  start,
  stateOf,
  trail,
  type MultiInstanceSpec,
} from './flow-builders.js';

/**
 * Multi-instance service tasks, mirroring Zeebe's MultiInstanceActivityTest, which runs every test
 * for a parallel and a sequential multi-instance: input collection `items` = [10, 20, 30], input
 * element `item`, output element `= result`, output collection `results`; each job completes with
 * `result` = 11, 22, 33.
 */
const ITEMS = [10, 20, 30];
const resultOf = (item: number) => item + item / 10;

describe('conformance: multi-instance activities (Zeebe MultiInstanceActivityTest)', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  let n = 0;
  /** Deploys `start → task (multi-instance) → end` and returns its process id (also the job type). */
  const miProcess = async (name: string, sequential: boolean, spec: Partial<MultiInstanceSpec> = {}, o: { ext?: string; after?: string } = {}) => {
    const id = `mi-${name}-${sequential ? 'seq' : 'par'}-${++n}`;
    const mi = multiInstance({
      sequential,
      inputCollection: '= items',
      inputElement: 'item',
      outputElement: '= result',
      outputCollection: 'results',
      ...spec,
    });
    await deployProcess(
      f.engine,
      id,
      `${start()} ${job('task', id, { mi, ...(o.ext ? { ext: o.ext } : {}) })} ${end()} ${o.after ?? ''}
       ${flow('f1', 'start', 'task')} ${flow('f2', 'task', 'end')}`,
      o.after?.includes('messageEventDefinition') ? messageDef('message', 'message', '= correlationKey') : '',
    );
    return id;
  };
  const create = async (id: string, variables: Variables = { items: ITEMS }) =>
    (await f.engine.createProcessInstance({ processDefinitionId: id, variables })).processInstanceKey;
  /** Activates and completes `times` jobs one at a time, as Zeebe's completeJobs does. */
  const completeJobs = async (type: string, times: number, variables: (job: ActivatedJob) => Variables = (j) => ({ result: resultOf(j.variables.item as number) })) => {
    const done: ActivatedJob[] = [];
    for (let i = 0; i < times; i++) {
      const [found] = await activate(f.engine, type, 1);
      assert.ok(found, `job ${i + 1}/${times} of '${type}' is open`);
      await f.engine.completeJob(found.jobKey, variables(found));
      done.push(found);
    }
    return done;
  };
  const inner = (key: string, state?: string) => count(f.engine, key, 'task', state, 'SERVICE_TASK');
  const body = async (key: string) => (await trail(f.engine, key, 'MULTI_INSTANCE_BODY'));

  for (const sequential of [false, true]) {
    const kind = sequential ? 'sequential' : 'parallel';

    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/multiinstance/MultiInstanceActivityTest.java
    it(`MultiInstanceActivityTest#shouldActivateActivitiesForEachElement [${kind}]: a body with one inner instance per item (${sequential ? 'one at a time' : 'all at once'})`, async () => {
      const id = await miProcess('activate', sequential);
      const key = await create(id);
      assert.deepEqual(await body(key), ['task:ACTIVE']);
      assert.equal(await inner(key, 'ACTIVE'), sequential ? 1 : 3);
      await completeJobs(id, 3);
      assert.equal(await inner(key, 'COMPLETED'), 3);
    });

    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/multiinstance/MultiInstanceActivityTest.java
    it(`MultiInstanceActivityTest#shouldCompleteBodyWhenAllJobsAreCompleted + shouldSetOutputCollectionVariable [${kind}]: results = [11, 22, 33]`, async () => {
      const id = await miProcess('complete', sequential);
      const key = await create(id);
      await completeJobs(id, 3);
      assert.deepEqual(await body(key), ['task:COMPLETED']);
      assert.equal(await stateOf(f.engine, key), 'COMPLETED');
      assert.deepEqual((await f.engine.getVariables(key)).results, [11, 22, 33]);
    });

    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/multiinstance/MultiInstanceActivityTest.java
    it(`MultiInstanceActivityTest#shouldSetInputElementVariable + shouldSetLoopCounterVariable [${kind}]: each job sees its item and loopCounter`, async () => {
      const id = await miProcess('input', sequential);
      await create(id);
      const jobs = await completeJobs(id, 3);
      assert.deepEqual(
        jobs.map((j) => [j.variables.item, j.variables.loopCounter]),
        [[10, 1], [20, 2], [30, 3]],
      );
    });

    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/multiinstance/MultiInstanceActivityTest.java
    it(`MultiInstanceActivityTest#shouldNotPropagateInputElementVariable + shouldNotPropagateOutputElementVariable [${kind}]: item, result and loopCounter stay local`,
      async () => {
      const id = await miProcess('local', sequential);
      const key = await create(id);
      await completeJobs(id, 3);
      assert.deepEqual(Object.keys(await f.engine.getVariables(key)).sort(), ['items', 'results']);
    });

    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/multiinstance/MultiInstanceActivityTest.java
    it(`MultiInstanceActivityTest#shouldCompleteBodyWhenCompleteConditionEvaluateTrue [${kind}]: completion after the first inner instance`, async () => {
      const id = await miProcess('cond-true', sequential, { completionCondition: '=x' });
      const key = await create(id, { items: ITEMS, x: true });
      await completeJobs(id, 1);
      assert.deepEqual(await body(key), ['task:COMPLETED']);
      assert.equal(await stateOf(f.engine, key), 'COMPLETED');
      if (sequential) assert.equal(await inner(key), 1, 'only 1 of 3 sequential instances activated');
      else assert.equal(await inner(key, 'TERMINATED'), 2, 'the other parallel instances are terminated');
    });

    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/multiinstance/MultiInstanceActivityTest.java
    it(
      `MultiInstanceActivityTest#shouldCompleteBodyWhenCompleteConditionAccessInputDataItemEvaluateTrue [${kind}]: the condition sees the inner instance's item`,
      async () => {
        const id = await miProcess('cond-item', sequential, { completionCondition: '= item = 20' });
        const key = await create(id);
        await completeJobs(id, 2);
        assert.deepEqual(await body(key), ['task:COMPLETED']);
        if (sequential) assert.equal(await inner(key), 2);
        else assert.equal(await inner(key, 'TERMINATED'), 1);
      },
    );

    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/multiinstance/MultiInstanceActivityTest.java
    it(
      `MultiInstanceActivityTest#shouldCompleteBodyWhenCompleteConditionAccessNumberOfInstancesEvaluateTrue [${kind}]`,
      async () => {
        const id = await miProcess('cond-instances', sequential, { completionCondition: sequential ? '= numberOfInstances = 2' : '= numberOfInstances = 3' });
        const key = await create(id);
        await completeJobs(id, sequential ? 2 : 1);
        assert.deepEqual(await body(key), ['task:COMPLETED']);
        if (sequential) assert.equal(await inner(key), 2);
        else assert.equal(await inner(key, 'TERMINATED'), 2);
      },
    );

    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/multiinstance/MultiInstanceActivityTest.java
    it(`MultiInstanceActivityTest#shouldCompleteBodyWhenCompleteConditionAccessNumberOfActiveInstancesEvaluateTrue [${kind}]`, async () => {
      const id = await miProcess('cond-active', sequential, { completionCondition: sequential ? '= numberOfActiveInstances = 0' : '= numberOfActiveInstances = 1' });
      const key = await create(id);
      await completeJobs(id, sequential ? 1 : 2);
      assert.deepEqual(await body(key), ['task:COMPLETED']);
      if (sequential) assert.equal(await inner(key), 1);
      else assert.equal(await inner(key, 'TERMINATED'), 1);
    });

    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/multiinstance/MultiInstanceActivityTest.java
    it(`MultiInstanceActivityTest#shouldCompleteBodyWhenCompleteConditionAccessNumberOfCompletedInstancesEvaluateTrue [${kind}]`, async () => {
      const id = await miProcess('cond-completed', sequential, { completionCondition: '= numberOfCompletedInstances = 2' });
      const key = await create(id);
      await completeJobs(id, 2);
      assert.deepEqual(await body(key), ['task:COMPLETED']);
      if (sequential) assert.equal(await inner(key), 2);
      else assert.equal(await inner(key, 'TERMINATED'), 1);
    });

    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/multiinstance/MultiInstanceActivityTest.java
    it(`MultiInstanceActivityTest#shouldSkipIfCollectionIsEmpty + shouldSetEmptyOutputCollectionIfSkip [${kind}]: no inner instance, results = []`, async () => {
      const id = await miProcess('empty', sequential);
      const key = await create(id, { items: [] });
      assert.deepEqual(await body(key), ['task:COMPLETED']);
      assert.equal(await inner(key), 0);
      assert.equal(await stateOf(f.engine, key), 'COMPLETED');
      assert.deepEqual((await f.engine.getVariables(key)).results, []);
    });

    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/multiinstance/MultiInstanceActivityTest.java
    it(`MultiInstanceActivityTest#shouldApplyInputMapping [${kind}]: inputs read item and loopCounter of the inner instance`, async () => {
      const id = await miProcess('input-mapping', sequential, {}, { ext: io([['= item', 'x'], ['= loopCounter', 'y']]) });
      await create(id);
      const jobs = await completeJobs(id, 3);
      assert.deepEqual(jobs.map((j) => [j.variables.x, j.variables.y]), [[10, 1], [20, 2], [30, 3]]);
    });

    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/multiinstance/MultiInstanceActivityTest.java
    it(`MultiInstanceActivityTest#shouldApplyOutputMapping [${kind}]: outputs of inner instances override the output element and reach the root`,
      async () => {
      const id = await miProcess('output-mapping', sequential, {}, { ext: io([], [['= loopCounter', 'result'], ['= loopCounter', 'global']]) });
      const key = await create(id);
      await completeJobs(id, 3);
      const variables = await f.engine.getVariables(key);
      assert.deepEqual(variables.results, [1, 2, 3]);
      assert.equal(variables.global, 3);
    });

    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/multiinstance/MultiInstanceActivityTest.java
    it(`MultiInstanceActivityTest#shouldCollectOutputElementsFromExpression [${kind}]: the output element is an expression`, async () => {
      const id = await miProcess('output-expr', sequential, { outputElement: '= number(string(loopCounter) + string(loopCounter))' });
      const key = await create(id);
      await completeJobs(id, 3);
      assert.deepEqual((await f.engine.getVariables(key)).results, [11, 22, 33]);
    });

    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/multiinstance/MultiInstanceActivityTest.java
    it(`MultiInstanceActivityTest#shouldCollectNestedOutputElements [${kind}]: output element result.nested`, async () => {
      const id = await miProcess('output-nested', sequential, { outputElement: '= result.nested' });
      const key = await create(id);
      await completeJobs(id, 3, (j) => ({ result: { nested: resultOf(j.variables.item as number) } }));
      assert.deepEqual((await f.engine.getVariables(key)).results, [11, 22, 33]);
    });

    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/multiinstance/MultiInstanceActivityTest.java
    it(`MultiInstanceActivityTest#shouldNotInitializeOutputElementVariableIfSetToLoopCounter [${kind}]: results = [1, 2, 3]`, async () => {
      const id = await miProcess('output-loop-counter', sequential, { outputElement: '= loopCounter' });
      const key = await create(id);
      await completeJobs(id, 3);
      assert.deepEqual((await f.engine.getVariables(key)).results, [1, 2, 3]);
    });

    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/multiinstance/MultiInstanceActivityTest.java
    it(
      `MultiInstanceActivityTest#shouldSetOutputElementVariable [${kind}]: the output element starts as null in each inner instance, so one completing without result collects null`,
      async () => {
        const id = await miProcess('output-local', sequential);
        const key = await create(id);
        await completeJobs(id, 3, (j) => (j.variables.item === 20 ? {} : { result: resultOf(j.variables.item as number) }));
        assert.deepEqual((await f.engine.getVariables(key)).results, [11, null, 33]);
      },
    );

    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/multiinstance/MultiInstanceActivityTest.java
    it(`MultiInstanceActivityTest#shouldTerminateInstancesOnTerminatingBody + shouldCancelJobsOnTermination [${kind}]: cancelling terminates the body and its open inner instance`, async () => {
      const id = await miProcess('cancel', sequential);
      const key = await create(id);
      await completeJobs(id, 2);
      await f.engine.cancelProcessInstance(key);
      assert.deepEqual(await body(key), ['task:TERMINATED']);
      assert.equal(await inner(key, 'COMPLETED'), 2);
      assert.equal(await inner(key, 'TERMINATED'), 1);
      assert.equal(await stateOf(f.engine, key), 'TERMINATED');
      assert.deepEqual(await activate(f.engine, id), [], 'the job is cancelled');
    });

    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/multiinstance/MultiInstanceActivityTest.java
    it(`MultiInstanceActivityTest#shouldTriggerInterruptingBoundaryEvent [${kind}]: a message on the body terminates it, no output collection`, async () => {
      const id = await miProcess('boundary', sequential, {}, {
        after: `${messageBoundary('boundary-event', 'task', 'message', true)} ${end('canceled')} ${flow('to-canceled', 'boundary-event', 'canceled')}`,
      });
      const key = await create(id, { items: ITEMS, correlationKey: `key-${id}` });
      await completeJobs(id, 2);
      await f.engine.publishMessage({ name: 'message', correlationKey: `key-${id}`, timeToLive: 0 });
      assert.deepEqual(await body(key), ['task:TERMINATED']);
      assert.equal(await inner(key, 'TERMINATED'), 1);
      assert.equal(await count(f.engine, key, 'canceled', 'COMPLETED'), 1);
      assert.equal(await stateOf(f.engine, key), 'COMPLETED');
      assert.equal('results' in (await f.engine.getVariables(key)), false);
    });

    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/multiinstance/MultiInstanceActivityTest.java
    it(`MultiInstanceActivityTest#shouldTriggerNonInterruptingBoundaryEvent [${kind}]: a message on the body leaves it running`, async () => {
      const id = await miProcess('boundary-ni', sequential, {}, {
        after: `${messageBoundary('boundary-event', 'task', 'message', false)} ${end('notified')} ${flow('to-notified', 'boundary-event', 'notified')}`,
      });
      const key = await create(id, { items: ITEMS, correlationKey: `key-${id}` });
      await completeJobs(id, 2);
      await f.engine.publishMessage({ name: 'message', correlationKey: `key-${id}`, timeToLive: 0 });
      assert.equal(await count(f.engine, key, 'notified', 'COMPLETED'), 1);
      assert.deepEqual(await body(key), ['task:ACTIVE']);
      await completeJobs(id, 1);
      assert.deepEqual(await body(key), ['task:COMPLETED']);
      assert.equal(await stateOf(f.engine, key), 'COMPLETED');
    });
  }

  // https://docs.camunda.io/docs/components/modeler/bpmn/multi-instance/#completion-condition
  it(
    'https://docs.camunda.io/docs/components/modeler/bpmn/multi-instance/ (numberOfTerminatedInstances in the completion condition): 0 before any instance is terminated',
    async () => {
      const id = await miProcess('cond-terminated', false, { completionCondition: '= numberOfTerminatedInstances = 0 and numberOfCompletedInstances = 1' });
      const key = await create(id);
      await completeJobs(id, 1);
      assert.deepEqual(await body(key), ['task:COMPLETED']);
      assert.equal(await inner(key, 'TERMINATED'), 2);
    },
  );
});
