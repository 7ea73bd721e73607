import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ActivatedJob, Variables, WorkflowEngine } from '@mot-cua/engine/workflow/workflow-engine.port.js';
import { conformanceModels } from '../support/paths.js';
import { adapters, type AdapterUnderTest } from './adapters.js';

/**
 * Every model of zeebe-process-test deploys unchanged and runs, driven only through the workflow
 * port, to the end state Zeebe reaches. Each model's scenario and expected end are written below.
 */
const modelFiles = readdirSync(conformanceModels).filter((f) => f.endsWith('.bpmn')).sort();
const model = (file: string) => ({ name: file, content: readFileSync(join(conformanceModels, file), 'utf8') });
const day = 24 * 60 * 60 * 1000;

/** Polls until `check` returns a value (other adapters answer asynchronously). */
async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Activates and completes `count` jobs of a type, with variables computed per job. */
async function completeJobs(
  engine: WorkflowEngine,
  type: string,
  count: number,
  variables: (job: ActivatedJob) => Variables = () => ({}),
): Promise<ActivatedJob[]> {
  const done: ActivatedJob[] = [];
  await eventually(async () => {
    const jobs = await engine.activateJobs({ type, worker: 'conformance', maxJobsToActivate: count - done.length, timeout: 30_000 });
    for (const job of jobs) {
      await engine.completeJob(job.jobKey, variables(job));
      done.push(job);
    }
    return done.length >= count;
  }, `${count} job(s) of type '${type}'`);
  return done;
}

async function completedInstance(engine: WorkflowEngine, key: string) {
  return eventually(async () => {
    const instance = await engine.getProcessInstance(key);
    return instance.state === 'COMPLETED' && instance;
  }, `process instance ${key} to complete`);
}

/** Element ids of the instance's completed elements. */
async function completedElements(engine: WorkflowEngine, key: string): Promise<string[]> {
  return (await engine.getElementInstances(key)).filter((e) => e.state === 'COMPLETED').map((e) => e.elementId);
}

async function onlyInstance(engine: WorkflowEngine, processDefinitionId: string) {
  return eventually(async () => {
    const instances = await engine.searchProcessInstances({ processDefinitionId });
    return instances.length > 0 && instances;
  }, `an instance of ${processDefinitionId}`);
}

type Scenario = (adapter: AdapterUnderTest) => Promise<void>;

const scenarios: Record<string, Scenario> = {
  'start-end.bpmn': async ({ engine }) => {
    await engine.deploy([model('start-end.bpmn')]);
    const { processInstanceKey } = await engine.createProcessInstance({ processDefinitionId: 'start-end' });
    await completedInstance(engine, processInstanceKey);
    assert.ok((await completedElements(engine, processInstanceKey)).includes('Event_0ahcnkn'));
  },
  'alternate-start-end.bpmn': async ({ engine }) => {
    await engine.deploy([model('alternate-start-end.bpmn')]);
    const { processInstanceKey } = await engine.createProcessInstance({ processDefinitionId: 'alternate-start-end' });
    await completedInstance(engine, processInstanceKey);
    assert.ok((await completedElements(engine, processInstanceKey)).includes('Event_0ahcnkn'));
  },
  'deployment-annotation-test.bpmn': async ({ engine }) => {
    const deployment = await engine.deploy([model('deployment-annotation-test.bpmn')]);
    assert.equal(deployment.processes[0]?.processDefinitionId, 'deploymentAnnotationTestProcess');
    const { processInstanceKey } = await engine.createProcessInstance({ processDefinitionId: 'deploymentAnnotationTestProcess' });
    await completedInstance(engine, processInstanceKey);
    assert.ok((await completedElements(engine, processInstanceKey)).includes('EndEvent_1'));
  },
  'named-elements.bpmn': async ({ engine }) => {
    await engine.deploy([model('named-elements.bpmn')]);
    const { processInstanceKey } = await engine.createProcessInstance({ processDefinitionId: 'NamedProcess' });
    await completedInstance(engine, processInstanceKey);
    const elements = await engine.getElementInstances(processInstanceKey);
    const end = elements.find((e) => e.elementId === 'ProcessCompleteEndEvent');
    assert.equal(end?.state, 'COMPLETED');
    assert.equal(elements.filter((e) => e.elementName === 'Do something').length, 2);
  },
  'named-elements-v2.bpmn': async ({ engine }) => {
    const v1 = await engine.deploy([model('named-elements.bpmn')]);
    const v2 = await engine.deploy([model('named-elements-v2.bpmn')]);
    // Same process id, changed content: a new version.
    assert.equal(v2.processes[0].processDefinitionVersion, v1.processes[0].processDefinitionVersion + 1);
    const { processInstanceKey, processDefinitionVersion } = await engine.createProcessInstance({ processDefinitionId: 'NamedProcess' });
    assert.equal(processDefinitionVersion, v2.processes[0].processDefinitionVersion);
    await completedInstance(engine, processInstanceKey);
    assert.ok((await completedElements(engine, processInstanceKey)).includes('DoSomethingTask1'));
  },
  'looping-servicetask.bpmn': async ({ engine }) => {
    await engine.deploy([model('looping-servicetask.bpmn')]);
    const { processInstanceKey } = await engine.createProcessInstance({
      processDefinitionId: 'looping-servicetask',
      variables: { totalLoops: 3 },
    });
    for (let i = 0; i < 3; i++) await completeJobs(engine, 'test', 1);
    await completedInstance(engine, processInstanceKey);
    assert.deepEqual(await engine.getVariables(processInstanceKey), { totalLoops: 3, loopAmount: 3 });
    const elements = await completedElements(engine, processInstanceKey);
    assert.equal(elements.filter((e) => e === 'servicetask').length, 3);
    assert.ok(elements.includes('endevent'));
  },
  'multiple-tasks.bpmn': async ({ engine }) => {
    await engine.deploy([model('multiple-tasks.bpmn')]);
    const { processInstanceKey } = await engine.createProcessInstance({ processDefinitionId: 'multiple-tasks' });
    const jobs = await completeJobs(engine, 'test', 3);
    assert.deepEqual(jobs.map((j) => j.elementId).sort(), ['servicetask1', 'servicetask2', 'servicetask3']);
    await completedInstance(engine, processInstanceKey);
    // Only service task 1 maps loopAmount + 1 back; the join waits for all three tokens.
    assert.deepEqual(await engine.getVariables(processInstanceKey), { loopAmount: 1 });
    assert.ok((await completedElements(engine, processInstanceKey)).includes('endevent'));
  },
  'automated-tests.bpmn': async ({ engine }) => {
    await engine.deploy([model('automated-tests.bpmn')]);
    const { processInstanceKey } = await engine.createProcessInstance({ processDefinitionId: 'automatedTestsProcess' });
    const jobs = await completeJobs(engine, 'runTests', 3);
    assert.deepEqual(jobs.map((j) => j.variables.operatingSystem).sort(), ['macos', 'ubuntu', 'windows']);
    await completedInstance(engine, processInstanceKey);
    const elements = await completedElements(engine, processInstanceKey);
    assert.equal(elements.filter((e) => e === 'runTests').length, 3);
    assert.ok(elements.includes('Event_0mdz5cy'));
  },
  'call-activity.bpmn': async ({ engine }) => {
    await engine.deploy([model('call-activity.bpmn'), model('start-end.bpmn')]);
    const { processInstanceKey } = await engine.createProcessInstance({ processDefinitionId: 'call-activity' });
    await completedInstance(engine, processInstanceKey);
    assert.ok((await completedElements(engine, processInstanceKey)).includes('Event_1w612bd'));
    const [child] = await onlyInstance(engine, 'start-end');
    assert.equal(child.parentProcessInstanceKey, processInstanceKey);
    assert.equal(child.state, 'COMPLETED');
  },
  'multiple-call-activity.bpmn': async ({ engine }) => {
    await engine.deploy([
      model('multiple-call-activity.bpmn'),
      model('call-activity.bpmn'),
      model('start-end.bpmn'),
      model('alternate-start-end.bpmn'),
    ]);
    const { processInstanceKey } = await engine.createProcessInstance({ processDefinitionId: 'multiple-call-activity' });
    await completedInstance(engine, processInstanceKey);
    const elements = await completedElements(engine, processInstanceKey);
    assert.deepEqual(
      elements.filter((e) => e.startsWith('callactivity')),
      ['callactivityTwo', 'callactivityOne'],
    );
    for (const id of ['call-activity', 'start-end', 'alternate-start-end']) {
      const [child] = await onlyInstance(engine, id);
      assert.equal(child.state, 'COMPLETED');
    }
  },
  'message-event.bpmn': async ({ engine }) => {
    await engine.deploy([model('message-event.bpmn')]);
    const { processInstanceKey } = await engine.createProcessInstance({
      processDefinitionId: 'message-event',
      variables: { correlationKey: 'order-42' },
    });
    await engine.publishMessage({ name: 'message', correlationKey: 'someone-else', variables: { wrong: true } });
    assert.equal((await engine.getProcessInstance(processInstanceKey)).state, 'ACTIVE');
    await engine.publishMessage({ name: 'message', correlationKey: 'order-42', variables: { paid: true } });
    await completedInstance(engine, processInstanceKey);
    assert.deepEqual(await engine.getVariables(processInstanceKey), { correlationKey: 'order-42', paid: true });
  },
  'message-start-event.bpmn': async ({ engine }) => {
    await engine.deploy([model('message-start-event.bpmn')]);
    await engine.publishMessage({ name: 'start-message', correlationKey: '', variables: { origin: 'message' } });
    const [instance] = await onlyInstance(engine, 'message-start-event');
    await completedInstance(engine, instance.processInstanceKey);
    assert.deepEqual(await engine.getVariables(instance.processInstanceKey), { origin: 'message' });
    assert.ok((await completedElements(engine, instance.processInstanceKey)).includes('Event_0hmgljx'));
  },
  'pr-created.bpmn': async (adapter) => {
    const { engine } = adapter;
    await engine.deploy([model('pr-created.bpmn'), model('automated-tests.bpmn')]);
    await engine.publishMessage({ name: 'prCreated', correlationKey: 'pr-7', variables: { prId: 'pr-7' } });
    const [instance] = await onlyInstance(engine, 'prCreatedProcess');
    const key = instance.processInstanceKey;
    await completeJobs(engine, 'runTests', 3);
    // The user tasks carry no zeebe:userTask: Zeebe runs them as jobs of type io.camunda.zeebe:userTask.
    await completeJobs(engine, 'io.camunda.zeebe:userTask', 1);
    if (adapter.advanceTime) {
      // No review within a day: the timer of the event-based gateway reminds the reviewer once.
      await adapter.advanceTime(day + 1000);
      await completeJobs(engine, 'remindReviewer', 1);
    }
    await engine.publishMessage({ name: 'reviewReceived', correlationKey: 'pr-7', variables: { reviewResult: 'rejected' } });
    await completeJobs(engine, 'io.camunda.zeebe:userTask', 2, (job) => {
      assert.equal(job.elementId, job.elementId === 'makeChanges' ? 'makeChanges' : 'requestReview');
      return {};
    });
    await engine.publishMessage({ name: 'reviewReceived', correlationKey: 'pr-7', variables: { reviewResult: 'approved' } });
    const [merge] = await completeJobs(engine, 'io.camunda.zeebe:userTask', 1);
    assert.equal(merge.elementId, 'mergeCode');
    await completeJobs(engine, 'deploySnapshot', 1);
    await completedInstance(engine, key);
    const elements = await completedElements(engine, key);
    assert.ok(elements.includes('Event_12sbcc5'));
    assert.equal(elements.filter((e) => e === 'reviewReceived').length, 2);
    assert.equal(elements.filter((e) => e === 'remindReviewer').length, adapter.advanceTime ? 1 : 0);
    assert.equal((await engine.getVariables(key)).reviewResult, 'approved');
  },
  'test_timer_events.bpmn': async (adapter) => {
    const { engine } = adapter;
    await engine.deploy([model('test_timer_events.bpmn')]);
    const { processInstanceKey } = await engine.createProcessInstance({ processDefinitionId: 'Process_Timer_Test_01' });
    await completeJobs(engine, 'SimpleLog01', 1);
    if (adapter.advanceTime) await adapter.advanceTime(1000);
    await completedInstance(engine, processInstanceKey);
    const elements = await engine.getElementInstances(processInstanceKey);
    // The fast branch's terminate end event ends the instance; the 30-day timer is terminated.
    assert.equal(elements.find((e) => e.elementId === 'EndEvent_FastFlow')?.state, 'COMPLETED');
    assert.equal(elements.find((e) => e.elementId === 'TimerEvent_Wait30d')?.state, 'TERMINATED');
    assert.equal(elements.some((e) => e.elementId === 'EndEvent_SlowFlow'), false);
  },
  'timer-start-event-daily.bpmn': async (adapter) => {
    const { engine } = adapter;
    await engine.deploy([model('timer-start-event-daily.bpmn')]);
    assert.deepEqual(await engine.searchProcessInstances({ processDefinitionId: 'timer-start-event-daily' }), []);
    if (!adapter.advanceTime) return;
    await adapter.advanceTime(day + 1000);
    const instances = await onlyInstance(engine, 'timer-start-event-daily');
    assert.equal(instances.length, 1);
    await completedInstance(engine, instances[0].processInstanceKey);
    await adapter.advanceTime(day);
    assert.equal((await engine.searchProcessInstances({ processDefinitionId: 'timer-start-event-daily' })).length, 2);
  },
};

for (const factory of adapters) {
  describe(`Zeebe conformance models on the ${factory.name} adapter`, () => {
    it('has a scenario for every model in the folder', () => {
      assert.deepEqual(Object.keys(scenarios).sort(), modelFiles);
    });
    for (const file of modelFiles) {
      describe(file, () => {
        let adapter: AdapterUnderTest;
        before(async () => {
          adapter = await factory.create();
        });
        after(() => adapter.close());
        it('deploys unchanged and runs to the end Zeebe reaches', async () => {
          await scenarios[file](adapter);
        });
      });
    }
  });
}
