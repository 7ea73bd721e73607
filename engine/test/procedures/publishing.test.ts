import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { ConflictException, UnprocessableEntityException } from '@nestjs/common';
import { readBundleFolder } from '../../src/procedures/bundle-io.js';
import type { ProcedureBundle } from '../../src/procedures/bundle.js';
import type { LintReport } from '../../src/procedures/lint/lint-report.js';
import { PublishRefused } from '../../src/procedures/procedures.service.js';
import { completeJobs, completeTask, edit, FIXTURE, openHarness, type ProceduresHarness } from './support.js';

const MODEL = 'models/land-use-extract.bpmn';

/** Version 2 adds a leader review before the result and a field to the appraisal form. */
function secondVersion(bundle: ProcedureBundle): ProcedureBundle {
  return edit(bundle, {
    [MODEL]: (xml) =>
      xml
        .replace('<bpmn:sequenceFlow id="Flow_5" sourceRef="Task_approve" targetRef="Task_result" />',
          '<bpmn:sequenceFlow id="Flow_5" sourceRef="Task_approve" targetRef="Task_sign" />\n    <bpmn:sequenceFlow id="Flow_7" sourceRef="Task_sign" targetRef="Task_result" />')
        .replace('<bpmn:incoming>Flow_5</bpmn:incoming>\n    </bpmn:userTask>', '<bpmn:incoming>Flow_5</bpmn:incoming>\n    </bpmn:userTask>')
        .replace('<bpmn:serviceTask id="Task_result" name="Lập trích lục">',
          `<bpmn:userTask id="Task_sign" name="Ký duyệt">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:formDefinition formId="land-extract-approval" />
        <zeebe:assignmentDefinition candidateGroups="leader" />
        <zeebe:taskHeaders>
          <zeebe:header key="stepDuration" value="PT4H" />
        </zeebe:taskHeaders>
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_5</bpmn:incoming>
      <bpmn:outgoing>Flow_7</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:serviceTask id="Task_result" name="Lập trích lục">`)
        .replace(/(<bpmn:serviceTask id="Task_result"[\s\S]*?<bpmn:incoming>)Flow_5(<\/bpmn:incoming>)/, '$1Flow_7$2')
        .replace(/(<bpmn:userTask id="Task_approve"[\s\S]*?candidateGroups=")leader(")/, '$1leader,specialist$2')
        .replace('<bpmndi:BPMNEdge id="Flow_5_di" bpmnElement="Flow_5">',
          `<bpmndi:BPMNShape id="Task_sign_di" bpmnElement="Task_sign">
        <dc:Bounds x="825" y="300" width="100" height="80" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Flow_7_di" bpmnElement="Flow_7">
        <di:waypoint x="875" y="300" />
        <di:waypoint x="950" y="258" />
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_5_di" bpmnElement="Flow_5">`),
    'forms/appraisal.form': (form) =>
      form.replace('"components": [\n', '"components": [\n    { "id": "f_area", "type": "number", "key": "parcelArea", "label": "Diện tích (m²)" },\n'),
    'procedure.json': (json) => json.replace('"amount": 30000', '"amount": 35000'),
  });
}

function messages(report: LintReport): string[] {
  return report.issues.filter((i) => i.severity === 'error').map((i) => `${i.rule} ${i.elementId ?? '-'}: ${i.message}`);
}

describe('publishing procedures', () => {
  let h: ProceduresHarness;
  let original: ProcedureBundle;
  before(async () => {
    h = await openHarness();
    original = await readBundleFolder(FIXTURE);
  });
  after(() => h.close());

  test('a broken draft is imported with precise lint errors and cannot be published', async () => {
    const broken = edit(original, {
      [MODEL]: (xml) =>
        xml
          .replace('        <zeebe:formDefinition formId="land-extract-appraisal" />\n', '')
          .replace('<zeebe:taskDefinition type="motcua.document" />\n        <zeebe:taskHeaders>\n          <zeebe:header key="template" value="result" />',
            '<zeebe:taskDefinition type="motcua.pdf" />\n        <zeebe:taskHeaders>\n          <zeebe:header key="template" value="result" />')
          .replace('=receptionDecision = "receive"', '=receptionDecision = "receive" and landUseType = "ODT"'),
    });
    const { lint } = await h.service.importDraft(broken, 'analyst.stnmt');
    assert.equal(lint.ok, false);
    const errors = messages(lint);
    assert.ok(errors.includes("platform/user-task-form Task_appraise: user task 'Task_appraise' (Thẩm định hồ sơ) has no form (zeebe:formDefinition formId)"), errors.join('\n'));
    assert.ok(errors.some((m) => m.startsWith("platform/job-type Task_result: service task 'Task_result' (Lập trích lục) has job type 'motcua.pdf', for which the platform registers no worker")), errors.join('\n'));
    assert.ok(errors.includes("platform/condition-variables Flow_receive: sequence flow 'Flow_receive' (Tiếp nhận) reads the variable 'landUseType', which no form field, worker output, output mapping or start variable produces"), errors.join('\n'));
    const issue = lint.issues.find((i) => i.elementId === 'Task_appraise' && i.rule === 'platform/user-task-form')!;
    assert.deepEqual([issue.severity, issue.file, issue.elementName], ['error', MODEL, 'Thẩm định hồ sơ']);

    await assert.rejects(h.service.publish('land-use-extract', 'analyst.stnmt'), (error: unknown) => {
      assert.ok(error instanceof PublishRefused);
      const body = error.getResponse() as { message: string; lint: LintReport };
      assert.match(body.message, /has 3 lint errors/);
      assert.equal(body.lint.errors, 3);
      return true;
    });
    assert.equal((await h.service.procedure('land-use-extract')).status, 'draft');
    assert.deepEqual(await h.service.versions(await h.service.procedure('land-use-extract')), []);
  });

  let v1Instance: string;

  test('the fixed draft publishes as version 1 and new dossiers start it', async () => {
    const { lint } = await h.service.importDraft(original, 'analyst.stnmt');
    assert.deepEqual(messages(lint), []);
    const { version, created } = await h.service.publish('land-use-extract', 'analyst.stnmt');
    assert.equal(created, true);
    assert.equal(version.version, 1);
    assert.equal(version.processDefinitions.length, 1);

    const resolved = await h.service.resolveForNewDossier('1.004227');
    assert.equal(resolved.version, 1);
    assert.equal(resolved.processDefinitionId, 'land-use-extract');
    assert.equal(resolved.processDefinitionKey, version.processDefinitions[0].processDefinitionKey);
    const started = await h.engine.createProcessInstance({
      processDefinitionId: resolved.processDefinitionId,
      processDefinitionVersion: resolved.processDefinitionVersion,
      variables: { dossierId: 'd1', dossierCode: 'VPDK-260101-0001' },
    });
    v1Instance = started.processInstanceKey;
    await completeTask(h.engine, v1Instance, 'Task_receive', { receptionDecision: 'receive' });
    assert.equal(await completeJobs(h.engine, 'motcua.document', { documents: { receipt: 'file-1' } }), 1);
    const [appraisal] = await h.engine.searchUserTasks({ processInstanceKey: v1Instance, state: 'CREATED' });
    assert.equal(appraisal?.elementId, 'Task_appraise');
  });

  test('publishing the unchanged draft again creates no version', async () => {
    const { version, created } = await h.service.publish('land-use-extract', 'analyst.stnmt');
    assert.equal(created, false);
    assert.equal(version.version, 1);
  });

  test('version 2 serves new dossiers while a dossier started on version 1 finishes on version 1', async () => {
    await h.service.importDraft(secondVersion(original), 'analyst.stnmt');
    const { version } = await h.service.publish('land-use-extract', 'analyst.stnmt');
    assert.equal(version.version, 2);
    const resolved = await h.service.resolveForNewDossier('land-use-extract');
    assert.equal(resolved.version, 2);
    assert.equal(resolved.catalogue.fees[0].amount, 35000);

    const v2 = await h.engine.createProcessInstance({ processDefinitionId: resolved.processDefinitionId, processDefinitionVersion: resolved.processDefinitionVersion });
    assert.equal(v2.processDefinitionKey, resolved.processDefinitionKey);
    await completeTask(h.engine, v2.processInstanceKey, 'Task_receive', { receptionDecision: 'receive' });
    await completeJobs(h.engine, 'motcua.document');
    await completeTask(h.engine, v2.processInstanceKey, 'Task_appraise', { appraisalResult: 'meets' });
    await completeTask(h.engine, v2.processInstanceKey, 'Task_approve', { approvalDecision: 'approve' });
    const [signing] = await h.engine.searchUserTasks({ processInstanceKey: v2.processInstanceKey, state: 'CREATED' });
    assert.equal(signing?.elementId, 'Task_sign');
    assert.deepEqual(signing?.candidateGroups, ['leader']);

    await completeTask(h.engine, v1Instance, 'Task_appraise', { appraisalResult: 'meets' });
    await completeTask(h.engine, v1Instance, 'Task_approve', { approvalDecision: 'approve' });
    assert.equal(await completeJobs(h.engine, 'motcua.document'), 1);
    const finished = await h.engine.getProcessInstance(v1Instance);
    assert.equal(finished.state, 'COMPLETED');
    assert.equal(finished.processDefinitionVersion, 1);
    const visited = (await h.engine.getElementInstances(v1Instance)).map((e) => e.elementId);
    assert.ok(!visited.includes('Task_sign'));
  });

  test('the diff names the changed elements, form fields and catalogue fields', async () => {
    const diff = await h.service.diff('land-use-extract', 1, 2);
    assert.deepEqual(diff.catalogue, [{ property: 'fees', before: [{ code: 'DD-TL', name: 'Phí khai thác tài liệu đất đai', amount: 30000 }], after: [{ code: 'DD-TL', name: 'Phí khai thác tài liệu đất đai', amount: 35000 }] }]);
    const summary = diff.elements.map((e) => `${e.change} ${e.id}${e.changes ? ` [${e.changes.map((c) => c.property).join(',')}]` : ''}`);
    assert.deepEqual(summary, [
      'changed Flow_5 [target]',
      'added Flow_7',
      'changed Task_approve [candidateGroups]',
      'added Task_sign',
    ]);
    const approve = diff.elements.find((e) => e.id === 'Task_approve')!;
    assert.deepEqual(approve.changes, [{ property: 'candidateGroups', before: 'leader', after: 'leader,specialist' }]);
    assert.deepEqual(diff.formFields, [{ change: 'added', form: 'land-extract-appraisal', key: 'parcelArea', type: 'number', label: 'Diện tích (m²)' }]);
    // Flow_5 now ends at the new signing step: both ends are named as the models name them.
    assert.deepEqual(diff.elements.find((e) => e.id === 'Flow_5')!.changes, [{ property: 'target', before: 'Task_result', after: 'Task_sign' }]);
    assert.deepEqual(diff.elementNames, { Task_result: 'Lập trích lục', Task_sign: 'Ký duyệt' });
    assert.deepEqual(diff.files.map((f) => `${f.change} ${f.path}`), ['changed forms/appraisal.form', `changed ${MODEL}`, 'changed procedure.json']);
  });

  test('a migration plan is checked against the running instances; a valid one moves them to the new version', async () => {
    const v1 = await h.engine.createProcessInstance({ processDefinitionId: 'land-use-extract', processDefinitionVersion: 1 });
    const uncovered = await h.service.checkMigration('land-use-extract', 1, 2, []);
    assert.equal(uncovered.instances, 1);
    assert.deepEqual(uncovered.problems, [`instance ${v1.processInstanceKey} is active in 'Task_receive', which the mapping does not cover`]);
    const wrongType = await h.service.checkMigration('land-use-extract', 1, 2, [{ sourceElementId: 'Task_receive', targetElementId: 'Task_result' }]);
    assert.deepEqual(wrongType.problems, ["'Task_receive' is a UserTask but its target 'Task_result' is a ServiceTask; an element can only be mapped to one of the same type"]);
    await assert.rejects(h.service.migrate('land-use-extract', 1, 2, []), UnprocessableEntityException);
    assert.equal((await h.engine.getProcessInstance(v1.processInstanceKey)).processDefinitionVersion, 1, 'a refused plan moves nothing');

    const result = await h.service.migrate('land-use-extract', 1, 2, [{ sourceElementId: 'Task_receive', targetElementId: 'Task_receive' }]);
    assert.deepEqual([result.migrated, result.refused], [[v1.processInstanceKey], []]);
    const moved = await h.engine.getProcessInstance(v1.processInstanceKey);
    assert.equal(moved.processDefinitionVersion, 2);
    // The rest of the run follows version 2: after the approval comes the leader's signature step it added.
    await completeTask(h.engine, v1.processInstanceKey, 'Task_receive', { receptionDecision: 'receive' });
    await completeJobs(h.engine, 'motcua.document');
    await completeTask(h.engine, v1.processInstanceKey, 'Task_appraise', { appraisalResult: 'meets' });
    await completeTask(h.engine, v1.processInstanceKey, 'Task_approve', { approvalDecision: 'approve' });
    const [next] = await h.engine.searchUserTasks({ processInstanceKey: v1.processInstanceKey, state: 'CREATED' });
    assert.equal(next?.elementId, 'Task_sign');
    await h.engine.cancelProcessInstance(v1.processInstanceKey);
    assert.equal((await h.service.checkMigration('land-use-extract', 1, 2, [])).instances, 0);
  });

  test('unpublished procedures start no dossiers; publishing the same content restores them', async () => {
    await h.service.unpublish('land-use-extract');
    await assert.rejects(h.service.resolveForNewDossier('land-use-extract'), ConflictException);
    assert.deepEqual(await h.service.publishedCatalogue(), []);
    const { created, version } = await h.service.publish('land-use-extract', 'analyst.stnmt');
    assert.deepEqual([created, version.version], [false, 2]);
    assert.equal((await h.service.resolveForNewDossier('land-use-extract')).version, 2);
  });

  test('rolling back publishes the earlier bundle as the newest version', async () => {
    const { version, created } = await h.service.rollback('land-use-extract', 1, 'analyst.stnmt');
    assert.deepEqual([created, version.version, version.restoredFrom], [true, 3, 1]);
    const v1 = await h.service.versionBundle('land-use-extract', 1);
    const v3 = await h.service.versionBundle('land-use-extract', 3);
    assert.deepEqual(v3.files, v1.files);
    const resolved = await h.service.resolveForNewDossier('land-use-extract');
    assert.equal(resolved.version, 3);
    assert.equal(resolved.catalogue.fees[0].amount, 30000);
    const started = await h.engine.createProcessInstance({ processDefinitionId: resolved.processDefinitionId, processDefinitionVersion: resolved.processDefinitionVersion });
    await completeTask(h.engine, started.processInstanceKey, 'Task_receive', { receptionDecision: 'refuse' });
    assert.equal((await h.engine.getProcessInstance(started.processInstanceKey)).state, 'COMPLETED');
    assert.deepEqual((await h.service.versions(await h.service.procedure('land-use-extract'))).map((v) => v.version), [3, 2, 1]);
  });

  test('a published version cannot be changed, even directly in the database', async () => {
    await assert.rejects(h.db.db.execute(sql`update procedure_versions set content_hash = 'x' where version = 1`), (error: Error) => {
      assert.match(String((error.cause as Error | undefined)?.message ?? error.message), /procedure version 1 of procedure .* is published and cannot be changed/);
      return true;
    });
  });
});
