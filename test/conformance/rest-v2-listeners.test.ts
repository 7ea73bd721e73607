import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bpmn, flow, openEngine, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import { executionListeners, startEl, endEl, taskListeners } from './scenarios/listener-builders.js';
import { restV2Client, serveRestV2 } from './rest-v2-server.js';

/**
 * Listener jobs as a Camunda client sees them through `/v2`, over real HTTP: activated with their
 * `kind` and `listenerEventType`, and a task listener's completion `result` (denial) accepted. The
 * models and expectations are those of the Zeebe tests named in the titles.
 */
describe('REST v2: execution and task listener jobs', () => {
  let f: EngineFixture;
  let server: { url: string; close(): Promise<void> };
  before(async () => {
    f = await openEngine();
    server = await serveRestV2(f.engine);
  });
  after(async () => {
    await server.close();
    await f.close();
  });

  const call = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => restV2Client(server).call<T>(method, path, body);
  const deploy = (name: string, xml: string) => restV2Client(server).deploy(name, xml);

  type Job = { jobKey: string; type: string; kind: string; listenerEventType: string; userTask?: { userTaskKey: string; action: string } };
  const activateOne = async (type: string) => {
    const { jobs } = await call<{ jobs: Job[] }>('POST', '/jobs/activation', { type, maxJobsToActivate: 1, timeout: 60_000, worker: 'rest-v2-listeners' });
    assert.equal(jobs.length, 1, `one job of type '${type}'`);
    return jobs[0];
  };
  const start = (processDefinitionId: string) =>
    call<{ processInstanceKey: string }>('POST', '/process-instances', { processDefinitionId }).then((r) => r.processInstanceKey);
  const state = (key: string) => call<{ state: string }>('GET', `/process-instances/${key}`).then((r) => r.state);

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/execution/ExecutionListenerTaskElementsTest.java
  it('ExecutionListenerTaskElementsTest#shouldCompleteTaskWithMultipleExecutionListeners: listener jobs come with kind EXECUTION_LISTENER and their event', async () => {
    const ext = executionListeners(startEl('rest-el-start'), endEl('rest-el-end'));
    await deploy(
      'rest-el',
      bpmn(
        'rest-el',
        `<bpmn:startEvent id="start" /><bpmn:serviceTask id="task"><bpmn:extensionElements><zeebe:taskDefinition type="rest-el-task" />${ext}</bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id="end" />
         ${flow('f1', 'start', 'task')} ${flow('f2', 'task', 'end')}`,
      ),
    );
    const key = await start('rest-el');
    const startJob = await activateOne('rest-el-start');
    assert.deepEqual([startJob.kind, startJob.listenerEventType], ['EXECUTION_LISTENER', 'START']);
    await call('POST', `/jobs/${startJob.jobKey}/completion`, {});
    const taskJob = await activateOne('rest-el-task');
    assert.deepEqual([taskJob.kind, taskJob.listenerEventType], ['BPMN_ELEMENT', 'UNSPECIFIED']);
    await call('POST', `/jobs/${taskJob.jobKey}/completion`, {});
    const endJob = await activateOne('rest-el-end');
    assert.deepEqual([endJob.kind, endJob.listenerEventType], ['EXECUTION_LISTENER', 'END']);
    await call('POST', `/jobs/${endJob.jobKey}/completion`, {});
    assert.equal(await state(key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/listeners/task/TaskListenerDenialsTest.java
  it('TaskListenerDenialsTest#shouldRejectUserTaskCompletionWhenCompletingTaskListenerDeniesTheTransition: a denied result from /completion keeps the task open', async () => {
    await deploy(
      'rest-tl',
      bpmn(
        'rest-tl',
        `<bpmn:startEvent id="start" /><bpmn:userTask id="my_user_task"><bpmn:extensionElements><zeebe:userTask />${taskListeners(['completing', 'rest-tl-listener'])}</bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="end" />
         ${flow('f1', 'start', 'my_user_task')} ${flow('f2', 'my_user_task', 'end')}`,
      ),
    );
    const key = await start('rest-tl');
    const { items } = await call<{ items: { userTaskKey: string; state: string }[] }>('POST', '/user-tasks/search', { filter: { processInstanceKey: key } });
    const userTaskKey = items[0].userTaskKey;
    await call('POST', `/user-tasks/${userTaskKey}/completion`, {});
    assert.equal((await call<{ state: string }>('GET', `/user-tasks/${userTaskKey}`)).state, 'COMPLETING');
    const listener = await activateOne('rest-tl-listener');
    assert.deepEqual([listener.kind, listener.listenerEventType], ['TASK_LISTENER', 'COMPLETING']);
    assert.deepEqual([listener.userTask?.userTaskKey, listener.userTask?.action], [userTaskKey, 'complete']);
    await call('POST', `/jobs/${listener.jobKey}/completion`, { result: { type: 'userTask', denied: true, deniedReason: 'not yet' } });
    assert.equal((await call<{ state: string }>('GET', `/user-tasks/${userTaskKey}`)).state, 'CREATED');
    assert.equal(await state(key), 'ACTIVE');
  });
});
