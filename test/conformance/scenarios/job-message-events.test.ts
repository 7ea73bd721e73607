import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WorkflowError } from '@mot-cua/engine/workflow/workflow-engine.port.js';
import { activate, bpmn, deploy, openEngine, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import { chain, endEvent, eventSubProcess, io, startEvent, stateOf, statesOf, xml } from './event-builders.js';

/**
 * Job-based message throw events: an intermediate throw event and an end event with a message
 * event definition and zeebe:taskDefinition behave as a service task (Zeebe's
 * JobWorkerElementTest, run for each kind of JobWorkerElementBuilderProvider; the two event kinds
 * run here). The job's worker sends the message; the event completes with the job.
 */
type Kind = 'intermediateThrowEvent' | 'endEvent';
const kinds: Kind[] = ['intermediateThrowEvent', 'endEvent'];

interface TaskDefinition {
  type: string;
  retries?: string;
  headers?: Record<string, string>;
  extensions?: string;
}

/** The job-based message event "task" of `kind`; Zeebe's builder writes no message reference. */
function messageEvent(kind: Kind, spec: TaskDefinition): string {
  const retries = spec.retries ? ` retries="${xml(spec.retries)}"` : '';
  const headers = spec.headers
    ? `<zeebe:taskHeaders>${Object.entries(spec.headers).map(([k, v]) => `<zeebe:header key="${k}" value="${v}" />`).join('')}</zeebe:taskHeaders>`
    : '';
  return `<bpmn:${kind} id="task"><bpmn:extensionElements><zeebe:taskDefinition type="${xml(spec.type)}"${retries} />${headers}${spec.extensions ?? ''}</bpmn:extensionElements><bpmn:messageEventDefinition /></bpmn:${kind}>`;
}

/** start → the message event "task" (→ end, for a throw event). */
function process(pid: string, kind: Kind, spec: TaskDefinition, more = ''): string {
  const path = kind === 'endEvent' ? chain('start', 'task') : `${endEvent('end')}${chain('start', 'task', 'end')}`;
  return bpmn(pid, `${startEvent('start')}${messageEvent(kind, spec)}${path}${more}`);
}

const zeebeType = (kind: Kind) => (kind === 'endEvent' ? 'END_EVENT' : 'INTERMEDIATE_THROW_EVENT');

describe('conformance: job-based message throw and end events (Zeebe JobWorkerElementTest)', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  for (const kind of kinds) {
    const short = kind === 'endEvent' ? 'end' : 'throw';

    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/JobWorkerElementTest.java
    it(`JobWorkerElementTest#shouldActivateTask and #shouldCreateJob [${kind}]: the event waits with a job of its type, retries and element`, async () => {
      const pid = `jm-create-${short}`;
      await deploy(f.engine, pid, process(pid, kind, { type: `${pid}-test`, retries: '5' }));
      const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
      const [element] = (await f.engine.getElementInstances(processInstanceKey)).filter((e) => e.elementId === 'task');
      assert.deepEqual([element?.type, element?.state], [zeebeType(kind), 'ACTIVE']);
      const [job, ...others] = await activate(f.engine, `${pid}-test`);
      assert.equal(others.length, 0);
      assert.deepEqual(
        [job.retries, job.elementId, job.elementInstanceKey, job.processDefinitionId, job.processDefinitionVersion],
        [5, 'task', element.elementInstanceKey, pid, 1],
      );
    });

    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/JobWorkerElementTest.java
    it(`JobWorkerElementTest#shouldCreateJobWithCustomHeaders [${kind}]`, async () => {
      const pid = `jm-headers-${short}`;
      await deploy(f.engine, pid, process(pid, kind, { type: `${pid}-test`, headers: { a: 'b', c: 'd' } }));
      await f.engine.createProcessInstance({ processDefinitionId: pid });
      const [job] = await activate(f.engine, `${pid}-test`);
      assert.deepEqual(job.customHeaders, { a: 'b', c: 'd' });
    });

    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/JobWorkerElementTest.java
    it(`JobWorkerElementTest#shouldCreateJobWithVariables [${kind}]: the job sees the input mappings`, async () => {
      const pid = `jm-variables-${short}`;
      await deploy(f.engine, pid, process(pid, kind, { type: `${pid}-test`, extensions: io([['=x', 'y']]) }));
      await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { x: 1 } });
      const [job] = await activate(f.engine, `${pid}-test`);
      assert.deepEqual(job.variables, { x: 1, y: 1 });
    });

    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/JobWorkerElementTest.java
    it(`JobWorkerElementTest#shouldCompleteTask [${kind}]: completing the job completes the event, then the process`, async () => {
      const pid = `jm-complete-${short}`;
      await deploy(f.engine, pid, process(pid, kind, { type: `${pid}-test` }));
      const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
      const [job] = await activate(f.engine, `${pid}-test`);
      await f.engine.completeJob(job.jobKey, { sent: true });
      assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'task'), ['COMPLETED']);
      assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
      assert.deepEqual(await f.engine.getVariables(processInstanceKey), { sent: true });
    });

    // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/JobWorkerElementTest.java
    it(`JobWorkerElementTest#shouldCreateJobWithJobTypeExpression and #shouldCreateJobWithJobRetriesExpression [${kind}]`, async () => {
      const pid = `jm-expressions-${short}`;
      await deploy(f.engine, pid, process(pid, kind, { type: '=type', retries: '=retries' }));
      await f.engine.createProcessInstance({ processDefinitionId: pid, variables: { type: `${pid}-test`, retries: 8 } });
      const [job] = await activate(f.engine, `${pid}-test`);
      assert.equal(job.retries, 8);
    });

    // docs.camunda.io/docs/components/concepts/job-workers/ ("Completing or failing jobs": no retries left raises an incident)
    it(`job-workers#failing-jobs [${kind}]: a job failed with no retries left is an incident on the event; new retries resume it`, async () => {
      const pid = `jm-incident-${short}`;
      await deploy(f.engine, pid, process(pid, kind, { type: `${pid}-test`, retries: '1' }));
      const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
      const [job] = await activate(f.engine, `${pid}-test`);
      await f.engine.failJob(job.jobKey, { retries: 0, errorMessage: 'mail server down' });
      const [incident] = await f.engine.searchIncidents({ processInstanceKey, state: 'ACTIVE' });
      assert.deepEqual([incident?.elementId, incident?.errorType, incident?.errorMessage], ['task', 'JOB_NO_RETRIES', 'mail server down']);
      await f.engine.updateJobRetries(job.jobKey, 1);
      await f.engine.resolveIncident(incident.incidentKey);
      const [again] = await activate(f.engine, `${pid}-test`);
      await f.engine.completeJob(again.jobKey);
      assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
    });

    // docs.camunda.io/docs/components/best-practices/development/dealing-with-problems-and-exceptions/ (a BPMN error thrown by the job's worker)
    it(`error-events [${kind}]: a BPMN error thrown by the job is caught by an error event sub-process`, async () => {
      const pid = `jm-error-${short}`;
      const handler = eventSubProcess(
        'onError',
        `<bpmn:startEvent id="errorStart"><bpmn:errorEventDefinition errorRef="err" /></bpmn:startEvent>${endEvent('handled')}${chain('errorStart', 'handled')}`,
      );
      await deploy(
        f.engine,
        pid,
        bpmn(pid, `${startEvent('start')}${messageEvent(kind, { type: `${pid}-test` })}${kind === 'endEvent' ? '' : endEvent('end')}
          ${kind === 'endEvent' ? chain('start', 'task') : chain('start', 'task', 'end')}${handler}`, '<bpmn:error id="err" errorCode="UNDELIVERABLE" />'),
      );
      const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: pid });
      const [job] = await activate(f.engine, `${pid}-test`);
      await f.engine.throwJobError(job.jobKey, { errorCode: 'UNDELIVERABLE' });
      assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'task'), ['TERMINATED']);
      assert.deepEqual(await statesOf(f.engine, processInstanceKey, 'handled'), ['COMPLETED']);
      assert.equal(await stateOf(f.engine, processInstanceKey), 'COMPLETED');
    });

    // docs.camunda.io/docs/components/modeler/bpmn/message-events/ ("Message throw events" are implemented as jobs)
    it(`message-events#message-throw-events [${kind}]: without a task definition the model is refused, naming the element`, async () => {
      const pid = `jm-refused-${short}`;
      const path = kind === 'endEvent' ? chain('start', 'task') : `${endEvent('end')}${chain('start', 'task', 'end')}`;
      const xmlText = bpmn(pid, `${startEvent('start')}<bpmn:${kind} id="task"><bpmn:messageEventDefinition /></bpmn:${kind}>${path}`);
      await assert.rejects(deploy(f.engine, pid, xmlText), (error: unknown) => {
        assert.ok(error instanceof WorkflowError);
        assert.equal(error.code, 'INVALID_MODEL');
        assert.match(error.message, /'task': Must have exactly one 'zeebe:taskDefinition' extension element/);
        return true;
      });
    });
  }
});
