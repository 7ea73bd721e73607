import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { WorkflowError } from '../../src/workflow/workflow-engine.port.js';
import { activate, bpmn, deploy, elementIds, flow, openEngine, serviceTask, type EngineFixture } from '../support/workflow.js';

const userTask = (id: string, group: string) =>
  `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="${group}" /></bpmn:extensionElements></bpmn:userTask>`;

/** Version 1: appraise, then the result document. */
const V1 = bpmn(
  'permit',
  `<bpmn:startEvent id="start" />
   ${userTask('appraise', 'specialist')}
   ${serviceTask('result', 'motcua.document')}
   <bpmn:endEvent id="end" />
   ${flow('f1', 'start', 'appraise')}${flow('f2', 'appraise', 'result')}${flow('f3', 'result', 'end')}`,
);

/** Version 2: the appraisal task is renamed and a leader's approval comes before the result. */
const V2 = bpmn(
  'permit',
  `<bpmn:startEvent id="start" />
   ${userTask('appraise_v2', 'specialist')}
   ${userTask('approve', 'leader')}
   ${serviceTask('result', 'motcua.document')}
   <bpmn:endEvent id="end" />
   ${flow('f1', 'start', 'appraise_v2')}${flow('f2', 'appraise_v2', 'approve')}${flow('f4', 'approve', 'result')}${flow('f3', 'result', 'end')}`,
);

/** Version 3: a reminder timer on the appraisal (a boundary event: its subscription cannot simply follow). */
const V3 = bpmn(
  'permit',
  `<bpmn:startEvent id="start" />
   ${userTask('appraise_v2', 'specialist')}
   <bpmn:boundaryEvent id="remind" attachedToRef="appraise_v2" cancelActivity="false">
     <bpmn:timerEventDefinition><bpmn:timeDuration>PT4H</bpmn:timeDuration></bpmn:timerEventDefinition>
   </bpmn:boundaryEvent>
   ${serviceTask('result', 'motcua.document')}
   <bpmn:endEvent id="end" /><bpmn:endEvent id="reminded" />
   ${flow('f1', 'start', 'appraise_v2')}${flow('f2', 'appraise_v2', 'result')}${flow('f3', 'result', 'end')}${flow('f5', 'remind', 'reminded')}`,
);

/** Version 4: version 2 where the appraisal can be compensated (its records name the old model's elements). */
const V4 = bpmn(
  'permit',
  `<bpmn:startEvent id="start" />
   ${userTask('appraise_v2', 'specialist')}
   <bpmn:boundaryEvent id="undo_appraisal" attachedToRef="appraise_v2"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
   ${serviceTask('withdraw', 'motcua.withdraw', '', 'isForCompensation="true"')}
   <bpmn:association id="a1" sourceRef="undo_appraisal" targetRef="withdraw" />
   ${userTask('approve', 'leader')}
   ${serviceTask('result', 'motcua.document')}
   <bpmn:endEvent id="end" />
   ${flow('f1', 'start', 'appraise_v2')}${flow('f2', 'appraise_v2', 'approve')}${flow('f4', 'approve', 'result')}${flow('f3', 'result', 'end')}`,
);

describe('embedded engine: process instance migration', () => {
  let f: EngineFixture;
  const keys: Record<string, string> = {};
  before(async () => {
    f = await openEngine();
    for (const [name, xml] of Object.entries({ v1: V1, v2: V2, v3: V3, v4: V4 })) {
      keys[name] = (await deploy(f.engine, `permit`, xml)).processes[0].processDefinitionKey;
    }
  });
  after(() => f.close());

  const start = (version: number) => f.engine.createProcessInstance({ processDefinitionId: 'permit', processDefinitionVersion: version });

  test('a waiting user task follows its mapping; the rest of the run is the target version', async () => {
    const { processInstanceKey } = await start(1);
    await f.engine.migrateProcessInstance({
      processInstanceKey,
      targetProcessDefinitionKey: keys.v2,
      mappingInstructions: [{ sourceElementId: 'appraise', targetElementId: 'appraise_v2' }],
    });
    const instance = await f.engine.getProcessInstance(processInstanceKey);
    assert.deepEqual([instance.processDefinitionKey, instance.processDefinitionVersion], [keys.v2, 2]);
    const [task] = await f.engine.searchUserTasks({ processInstanceKey, state: 'CREATED' });
    assert.equal(task?.elementId, 'appraise_v2', 'the same task, now at its new place');
    await f.engine.completeUserTask(task.userTaskKey, { finding: 'meets' });
    const [approval] = await f.engine.searchUserTasks({ processInstanceKey, state: 'CREATED' });
    assert.equal(approval?.elementId, 'approve');
    await f.engine.completeUserTask(approval.userTaskKey);
    const [job] = await activate(f.engine, 'motcua.document');
    assert.equal(job?.elementId, 'result');
    await f.engine.completeJob(job.jobKey);
    assert.equal((await f.engine.getProcessInstance(processInstanceKey)).state, 'COMPLETED');
    assert.deepEqual(await elementIds(f.engine, processInstanceKey, 'COMPLETED'), ['start', 'appraise_v2', 'approve', 'result', 'end']);
  });

  test('an activated job moves with its element and completes on the target version', async () => {
    const { processInstanceKey } = await start(1);
    const [task] = await f.engine.searchUserTasks({ processInstanceKey, state: 'CREATED' });
    await f.engine.completeUserTask(task.userTaskKey);
    const [job] = await activate(f.engine, 'motcua.document');
    await f.engine.migrateProcessInstance({
      processInstanceKey,
      targetProcessDefinitionKey: keys.v2,
      mappingInstructions: [{ sourceElementId: 'result', targetElementId: 'result' }],
    });
    await f.engine.completeJob(job.jobKey);
    const instance = await f.engine.getProcessInstance(processInstanceKey);
    assert.deepEqual([instance.state, instance.processDefinitionVersion], ['COMPLETED', 2]);
  });

  test('unsafe or incomplete plans are refused with every reason, and nothing moves', async () => {
    const { processInstanceKey } = await start(1);
    const refusal = async (targetKey: string, mapping: { sourceElementId: string; targetElementId: string }[]) => {
      const error = await f.engine
        .migrateProcessInstance({ processInstanceKey, targetProcessDefinitionKey: targetKey, mappingInstructions: mapping })
        .then(() => assert.fail('the migration should have been refused'), (e: unknown) => e);
      assert.ok(error instanceof WorkflowError);
      assert.equal(error.code, 'INVALID_STATE');
      return error.message;
    };
    assert.match(await refusal(keys.v2, []), /the mapping does not cover the active element 'appraise'/);
    assert.match(await refusal(keys.v2, [{ sourceElementId: 'appraise', targetElementId: 'result' }]), /'appraise' is a USER_TASK but 'result' is a SERVICE_TASK/);
    assert.match(await refusal(keys.v3, [{ sourceElementId: 'appraise', targetElementId: 'appraise_v2' }]), /the target element 'appraise_v2' has boundary events/);
    const instance = await f.engine.getProcessInstance(processInstanceKey);
    assert.equal(instance.processDefinitionVersion, 1);
    const [task] = await f.engine.searchUserTasks({ processInstanceKey, state: 'CREATED' });
    assert.equal(task?.elementId, 'appraise');
  });

  test('an instance with a completed activity it could still compensate is not migrated', async () => {
    const { processInstanceKey } = await start(4);
    const [appraisal] = await f.engine.searchUserTasks({ processInstanceKey, state: 'CREATED' });
    await f.engine.completeUserTask(appraisal.userTaskKey);
    await assert.rejects(
      f.engine.migrateProcessInstance({
        processInstanceKey,
        targetProcessDefinitionKey: keys.v2,
        mappingInstructions: [{ sourceElementId: 'approve', targetElementId: 'approve' }],
      }),
      (e: unknown) => e instanceof WorkflowError && e.code === 'INVALID_STATE' && /can still be compensated/.test(e.message),
    );
    assert.equal((await f.engine.getProcessInstance(processInstanceKey)).processDefinitionVersion, 4);
  });

  test('unknown instances and definitions are reported as such', async () => {
    await assert.rejects(
      f.engine.migrateProcessInstance({ processInstanceKey: '123', targetProcessDefinitionKey: keys.v2, mappingInstructions: [] }),
      (e: unknown) => e instanceof WorkflowError && e.code === 'NOT_FOUND',
    );
    const { processInstanceKey } = await start(2);
    await assert.rejects(
      f.engine.migrateProcessInstance({ processInstanceKey, targetProcessDefinitionKey: '999', mappingInstructions: [] }),
      (e: unknown) => e instanceof WorkflowError && e.code === 'NOT_FOUND',
    );
  });
});
