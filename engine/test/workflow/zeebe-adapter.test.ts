/**
 * The Zeebe adapter (official Camunda 8 SDK, REST API v2) driven against the platform's own /v2
 * endpoints on the embedded engine, over a real HTTP server.
 *
 * A real Zeebe cluster cannot run here (no container runtime, no JVM broker), which is why the
 * cluster side of this test is the embedded engine's REST v2 subset: the adapter, the SDK client
 * and every request and response cross real HTTP unchanged. The SDK validates every request and
 * response against the API's schemas (CAMUNDA_SDK_VALIDATION=strict), so a shape that a real
 * cluster would not produce fails here. Against a real cluster the conformance suite runs the same
 * adapter when ZEEBE_REST_ADDRESS is set.
 */
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Module, ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule } from '../../src/config/config.module.js';
import { loadConfig } from '../../src/config/environment.js';
import { DatabaseModule } from '../../src/database/database.module.js';
import { WorkflowError, type ActivatedJob } from '../../src/workflow/workflow-engine.port.js';
import { WorkflowModule } from '../../src/workflow/workflow.module.js';
import { ZeebeWorkflowEngine } from '../../src/workflow/zeebe/zeebe-workflow-engine.js';
import { openTestDatabase } from '../support/database.js';

process.env.CAMUNDA_SDK_VALIDATION = 'req:strict,res:strict';

const MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_permit" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="sdk-permit" name="Cấp phép" isExecutable="true">
    <bpmn:startEvent id="Submitted"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="AssignCode" name="Cấp mã hồ sơ">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="sdk.assign-code" retries="2" />
        <zeebe:taskHeaders><zeebe:header key="pattern" value="QN-{yyMMdd}" /></zeebe:taskHeaders>
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:userTask id="Appraise" name="Thẩm định">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition candidateGroups="specialist" />
      </bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:intermediateCatchEvent id="FeePaid" name="Đã nộp phí">
      <bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing>
      <bpmn:messageEventDefinition messageRef="Message_Fee" />
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="Done"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="Submitted" targetRef="AssignCode" />
    <bpmn:sequenceFlow id="f2" sourceRef="AssignCode" targetRef="Appraise" />
    <bpmn:sequenceFlow id="f3" sourceRef="Appraise" targetRef="FeePaid" />
    <bpmn:sequenceFlow id="f4" sourceRef="FeePaid" targetRef="Done" />
  </bpmn:process>
  <bpmn:message id="Message_Fee" name="fee-paid">
    <bpmn:extensionElements><zeebe:subscription correlationKey="=dossierCode" /></bpmn:extensionElements>
  </bpmn:message>
</bpmn:definitions>`;

const FAILING_MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_failing" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="sdk-failing" isExecutable="true">
    <bpmn:startEvent id="Start"><bpmn:outgoing>g1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="Sign" name="Ký số">
      <bpmn:extensionElements><zeebe:taskDefinition type="sdk.sign" retries="1" /></bpmn:extensionElements>
      <bpmn:incoming>g1</bpmn:incoming><bpmn:outgoing>g2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="End"><bpmn:incoming>g2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="g1" sourceRef="Start" targetRef="Sign" />
    <bpmn:sequenceFlow id="g2" sourceRef="Sign" targetRef="End" />
  </bpmn:process>
</bpmn:definitions>`;

const LISTENER_MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_listeners" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="sdk-listeners" isExecutable="true">
    <bpmn:startEvent id="Start"><bpmn:outgoing>h1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Approve" name="Phê duyệt">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:executionListeners><zeebe:executionListener eventType="start" type="sdk.audit-start" /></zeebe:executionListeners>
        <zeebe:taskListeners><zeebe:taskListener eventType="completing" type="sdk.check-completion" /></zeebe:taskListeners>
      </bpmn:extensionElements>
      <bpmn:incoming>h1</bpmn:incoming><bpmn:outgoing>h2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="End"><bpmn:incoming>h2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="h1" sourceRef="Start" targetRef="Approve" />
    <bpmn:sequenceFlow id="h2" sourceRef="Approve" targetRef="End" />
  </bpmn:process>
</bpmn:definitions>`;

/** Polls until `read` returns a value (searches are eventually consistent on a real cluster). */
async function eventually<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('Zeebe adapter through the SDK against the REST API v2 of the embedded engine', () => {
  let app: INestApplication;
  let zeebe: ZeebeWorkflowEngine;
  let address: string;
  let closeDatabase: () => Promise<void>;

  before(async () => {
    const database = await openTestDatabase();
    closeDatabase = () => database.close();
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error', DATA_DIR: database.dataDir, WORKFLOW_ENGINE: 'embedded' });
    // The platform's workflow wiring without the rest of the platform: authentication of /v2 is
    // covered by the platform test below, not by the SDK (it would need a client-credentials account).
    // The test closes (and removes) the database itself, after the app.
    const shared = { ...database, close: async () => undefined };
    @Module({ imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(shared), WorkflowModule.forRoot(config)] })
    class RestV2TestModule {}
    app = await NestFactory.create(RestV2TestModule, { logger: ['error'] });
    app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    address = `http://127.0.0.1:${port}`;
    zeebe = new ZeebeWorkflowEngine(
      { ZEEBE_REST_ADDRESS: address, CAMUNDA_AUTH_STRATEGY: 'NONE' },
      { readWaitMs: 2_000 },
    );
    await zeebe.start();
  });

  after(async () => {
    await zeebe?.close();
    await app?.close();
    await closeDatabase?.();
  });

  test('deploys a model, runs a worker, completes a user task, correlates a message, and finds the instance', async () => {
    const deployment = await zeebe.deploy([{ name: 'sdk-permit.bpmn', content: MODEL }]);
    assert.match(deployment.deploymentKey, /^\d+$/);
    assert.equal(deployment.processes.length, 1);
    assert.equal(deployment.processes[0].processDefinitionId, 'sdk-permit');
    assert.equal(deployment.processes[0].processDefinitionVersion, 1);
    assert.equal(deployment.processes[0].resourceName, 'sdk-permit.bpmn');

    const seen: ActivatedJob[] = [];
    const worker = zeebe.createJobWorker({
      type: 'sdk.assign-code',
      timeout: 30_000,
      handler: async (job) => {
        seen.push(job);
        return { kind: 'complete', variables: { dossierCode: `QN-${String(job.variables.applicant)}` } };
      },
    });

    const created = await zeebe.createProcessInstance({
      processDefinitionId: 'sdk-permit',
      variables: { applicant: 'nguyen-van-a', fee: 150000 },
    });
    assert.equal(created.processDefinitionId, 'sdk-permit');
    assert.equal(created.processDefinitionKey, deployment.processes[0].processDefinitionKey);

    const tasks = await eventually(async () => {
      const found = await zeebe.searchUserTasks({ processInstanceKey: created.processInstanceKey, state: 'CREATED' });
      return found.length > 0 ? found : undefined;
    }, 'the appraisal task');
    await worker.close();

    assert.equal(seen.length, 1);
    assert.equal(seen[0].elementId, 'AssignCode');
    assert.equal(seen[0].processInstanceKey, created.processInstanceKey);
    assert.deepEqual(seen[0].customHeaders, { pattern: 'QN-{yyMMdd}' });
    assert.equal(seen[0].retries, 2);
    assert.equal(seen[0].variables.applicant, 'nguyen-van-a');

    const [task] = tasks;
    assert.equal(task.elementId, 'Appraise');
    assert.equal(task.name, 'Thẩm định');
    assert.deepEqual(task.candidateGroups, ['specialist']);
    assert.equal((await zeebe.searchUserTasks({ candidateGroups: ['leader'], processInstanceKey: created.processInstanceKey })).length, 0);

    await zeebe.assignUserTask(task.userTaskKey, 'specialist.stc');
    await assert.rejects(
      zeebe.assignUserTask(task.userTaskKey, 'someone.else', false),
      (e: unknown) => e instanceof WorkflowError && e.code === 'INVALID_STATE',
    );
    assert.equal((await zeebe.getUserTask(task.userTaskKey)).assignee, 'specialist.stc');
    await zeebe.assignUserTask(task.userTaskKey, null);
    assert.equal((await zeebe.getUserTask(task.userTaskKey)).assignee, undefined);
    await zeebe.assignUserTask(task.userTaskKey, 'specialist.stc');
    await zeebe.completeUserTask(task.userTaskKey, { appraisal: 'đạt' });
    assert.equal((await zeebe.getUserTask(task.userTaskKey)).state, 'COMPLETED');

    const waiting = await zeebe.getProcessInstance(created.processInstanceKey);
    assert.equal(waiting.state, 'ACTIVE');
    const published = await zeebe.publishMessage({
      name: 'fee-paid',
      correlationKey: 'QN-nguyen-van-a',
      variables: { receiptNo: 'BL-001' },
    });
    assert.match(published.messageKey, /^\d+$/);

    const completed = await eventually(async () => {
      const instance = await zeebe.getProcessInstance(created.processInstanceKey);
      return instance.state === 'COMPLETED' ? instance : undefined;
    }, 'the instance to complete');
    assert.ok(completed.endDate);
    assert.equal(completed.hasIncident, false);

    const found = await zeebe.searchProcessInstances({ processDefinitionId: 'sdk-permit', state: 'COMPLETED' });
    assert.deepEqual(
      found.map((i) => i.processInstanceKey),
      [created.processInstanceKey],
    );
    assert.equal((await zeebe.searchProcessInstances({ processDefinitionId: 'sdk-permit', state: 'ACTIVE' })).length, 0);
    // Search by a variable's value, sent as its JSON text (VariableValueFilterProperty: name and
    // value; docs.camunda.io, "Search process instances"): how the platform finds an instance it
    // started before a crash. A value no instance holds finds none.
    const byVariable = await zeebe.searchProcessInstances({ processDefinitionId: 'sdk-permit', variables: [{ name: 'dossierCode', value: 'QN-nguyen-van-a' }] });
    assert.deepEqual(byVariable.map((i) => i.processInstanceKey), [created.processInstanceKey]);
    assert.equal((await zeebe.searchProcessInstances({ variables: [{ name: 'fee', value: 150001 }] })).length, 0);

    const variables = await zeebe.getVariables(created.processInstanceKey);
    assert.deepEqual(variables, {
      applicant: 'nguyen-van-a',
      fee: 150000,
      dossierCode: 'QN-nguyen-van-a',
      appraisal: 'đạt',
      receiptNo: 'BL-001',
    });

    const elements = await zeebe.getElementInstances(created.processInstanceKey);
    const byId = new Map(elements.map((e) => [e.elementId, e]));
    assert.equal(byId.get('AssignCode')?.type, 'SERVICE_TASK');
    assert.equal(byId.get('Appraise')?.type, 'USER_TASK');
    assert.equal(byId.get('FeePaid')?.type, 'INTERMEDIATE_CATCH_EVENT');
    assert.ok(elements.every((e) => e.state === 'COMPLETED'), 'every element instance completed');
  });

  test('deploys a DMN resource and evaluates its decision by id and by key, through the SDK', async (t) => {
    // The fee table's shape: a literal expression required by a decision table (FIRST).
    const dmn = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="sdk-fees" name="Fees" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="sdk-fee" name="Fee">
    <informationRequirement><requiredDecision href="#sdk-extra" /></informationRequirement>
    <decisionTable id="t" hitPolicy="FIRST">
      <input id="category" label="Category"><inputExpression><text>category</text></inputExpression></input>
      <output id="fee" name="fee" />
      <rule id="reduced"><inputEntry><text>"student"</text></inputEntry><outputEntry><text>100000 + extra</text></outputEntry></rule>
      <rule id="standard"><inputEntry><text>-</text></inputEntry><outputEntry><text>200000 + extra</text></outputEntry></rule>
    </decisionTable>
  </decision>
  <decision id="sdk-extra" name="Extra copies"><variable name="extra" /><literalExpression><text>if copies &gt; 2 then (copies - 2) * 5000 else 0</text></literalExpression></decision>
</definitions>`;
    const deployment = await zeebe.deploy([{ name: 'sdk-fees.dmn', content: dmn }]);
    // A Camunda 8.8 gateway answers a successful evaluation with failedDecisionDefinitionId "" and
    // decision evaluation instance keys "<key>-<n>", both of which the 8.8 client's schema refuses
    // (8.9 made them null / "<key>-<n>"): evaluation responses are not validated here, as by default.
    const previous = process.env.CAMUNDA_SDK_VALIDATION;
    process.env.CAMUNDA_SDK_VALIDATION = 'req:strict,res:none';
    const evaluating = new ZeebeWorkflowEngine({ ZEEBE_REST_ADDRESS: address, CAMUNDA_AUTH_STRATEGY: 'NONE' }, { readWaitMs: 2_000 });
    process.env.CAMUNDA_SDK_VALIDATION = previous;
    t.after(() => evaluating.close());
    assert.deepEqual(deployment.processes, []);
    assert.deepEqual(deployment.decisions.map((d) => [d.decisionDefinitionId, d.version, d.decisionRequirementsId]).sort(), [
      ['sdk-extra', 1, 'sdk-fees'],
      ['sdk-fee', 1, 'sdk-fees'],
    ]);
    assert.deepEqual(deployment.decisionRequirements.map((r) => [r.decisionRequirementsId, r.resourceName]), [['sdk-fees', 'sdk-fees.dmn']]);
    const byId = await evaluating.evaluateDecision({ decisionDefinitionId: 'sdk-fee', variables: { category: 'student', copies: 4 } });
    assert.equal(byId.output, 110000);
    assert.equal(byId.failedDecisionDefinitionId, undefined);
    assert.deepEqual(byId.evaluatedDecisions.map((d) => [d.decisionDefinitionId, d.decisionDefinitionType, d.output]), [
      ['sdk-extra', 'LITERAL_EXPRESSION', 10000],
      ['sdk-fee', 'DECISION_TABLE', 110000],
    ]);
    assert.deepEqual(byId.evaluatedDecisions[1].matchedRules.map((r) => [r.ruleId, r.ruleIndex]), [['reduced', 1]]);
    const key = deployment.decisions.find((d) => d.decisionDefinitionId === 'sdk-fee')!.decisionDefinitionKey;
    assert.equal((await evaluating.evaluateDecision({ decisionDefinitionKey: key, variables: { category: 'other', copies: 1 } })).output, 200000);
    await assert.rejects(evaluating.evaluateDecision({ decisionDefinitionId: 'sdk-missing' }), (error: unknown) => error instanceof WorkflowError && error.code === 'NOT_FOUND');
  });

  test('correlates a message to the waiting instance and names it; NOT_FOUND when none waits', async () => {
    await zeebe.deploy([{ name: 'sdk-permit.bpmn', content: MODEL }]);
    const created = await zeebe.createProcessInstance({ processDefinitionId: 'sdk-permit', variables: { applicant: 'tran-thi-b' } });
    const [job] = await eventually(async () => {
      const jobs = await zeebe.activateJobs({ type: 'sdk.assign-code', worker: 'test', maxJobsToActivate: 5, timeout: 30_000 });
      return jobs.length > 0 ? jobs : undefined;
    }, 'the code assignment job');
    await zeebe.completeJob(job.jobKey, { dossierCode: 'QN-tran-thi-b' });
    const [task] = await zeebe.searchUserTasks({ processInstanceKey: created.processInstanceKey, state: 'CREATED' });
    await zeebe.completeUserTask(task.userTaskKey);

    await assert.rejects(
      zeebe.correlateMessage({ name: 'fee-paid', correlationKey: 'QN-someone-else' }),
      (e: unknown) => e instanceof WorkflowError && e.code === 'NOT_FOUND',
    );
    const correlation = await zeebe.correlateMessage({ name: 'fee-paid', correlationKey: 'QN-tran-thi-b', variables: { receiptNo: 'BL-002' } });
    assert.equal(correlation.processInstanceKey, created.processInstanceKey);
    assert.match(correlation.messageKey, /^\d+$/);
    assert.equal(correlation.tenantId, '<default>');
    const completed = await eventually(async () => {
      const instance = await zeebe.getProcessInstance(created.processInstanceKey);
      return instance.state === 'COMPLETED' ? instance : undefined;
    }, 'the instance to complete');
    assert.equal(completed.hasIncident, false);
    assert.equal((await zeebe.getVariables(created.processInstanceKey)).receiptNo, 'BL-002');
  });

  test('maps failures, incidents and unknown keys onto the port errors', async () => {
    await zeebe.deploy([{ name: 'sdk-failing.bpmn', content: FAILING_MODEL }]);
    const { processInstanceKey } = await zeebe.createProcessInstance({ processDefinitionId: 'sdk-failing' });

    const [job] = await eventually(async () => {
      const jobs = await zeebe.activateJobs({ type: 'sdk.sign', worker: 'test', maxJobsToActivate: 5, timeout: 30_000 });
      return jobs.length > 0 ? jobs : undefined;
    }, 'the signing job');
    assert.equal(job.processInstanceKey, processInstanceKey);
    await zeebe.failJob(job.jobKey, { retries: 0, errorMessage: 'HSM không phản hồi' });

    const [incident] = await eventually(async () => {
      const incidents = await zeebe.searchIncidents({ processInstanceKey, state: 'ACTIVE' });
      return incidents.length > 0 ? incidents : undefined;
    }, 'the incident');
    assert.equal(incident.errorType, 'JOB_NO_RETRIES');
    assert.equal(incident.errorMessage, 'HSM không phản hồi');
    assert.equal(incident.jobKey, job.jobKey);
    assert.equal((await zeebe.getProcessInstance(processInstanceKey)).hasIncident, true);

    await zeebe.updateJobRetries(job.jobKey, 1);
    await zeebe.resolveIncident(incident.incidentKey);
    assert.deepEqual(await zeebe.searchIncidents({ processInstanceKey, state: 'ACTIVE' }), []);
    const [retried] = await zeebe.activateJobs({ type: 'sdk.sign', worker: 'test', maxJobsToActivate: 5, timeout: 30_000 });
    assert.equal(retried?.jobKey, job.jobKey);
    await zeebe.throwJobError(retried.jobKey, { errorCode: 'NO_HANDLER', errorMessage: 'không có sự kiện bắt lỗi' });
    const unhandled = await zeebe.searchIncidents({ processInstanceKey, state: 'ACTIVE' });
    assert.deepEqual(
      unhandled.map((i) => i.errorType),
      ['UNHANDLED_ERROR_EVENT'],
    );

    await zeebe.cancelProcessInstance(processInstanceKey);
    assert.equal((await zeebe.getProcessInstance(processInstanceKey)).state, 'TERMINATED');

    const notFound = (e: unknown) => e instanceof WorkflowError && e.code === 'NOT_FOUND';
    await assert.rejects(zeebe.completeJob('2251799813999999'), notFound);
    await assert.rejects(zeebe.getProcessInstance('2251799813999999'), notFound);
    await assert.rejects(zeebe.getUserTask('not-a-key'), notFound);
    await assert.rejects(
      zeebe.createProcessInstance({ processDefinitionId: 'no-such-process' }),
      (e: unknown) => e instanceof WorkflowError && e.code === 'NOT_FOUND',
    );
    await assert.rejects(
      zeebe.deploy([{ name: 'broken.bpmn', content: '<definitions' }]),
      (e: unknown) => e instanceof WorkflowError && e.code === 'INVALID_MODEL',
    );
  });

  test('migrates a running instance to a new version through /v2/process-instances/{key}/migration', async () => {
    // A job type of its own: a long poll of the first test's stopped worker may still be open on the server.
    const model = (label: string) => MODEL.replace('type="sdk.assign-code"', 'type="sdk.migrate-code"').replace('name="Thẩm định"', `name="Thẩm định (${label})"`);
    const first = await zeebe.deploy([{ name: 'sdk-permit.bpmn', content: model('v1') }]);
    const { processInstanceKey } = await zeebe.createProcessInstance({
      processDefinitionId: 'sdk-permit',
      processDefinitionVersion: first.processes[0].processDefinitionVersion,
    });
    const [job] = await eventually(async () => {
      const jobs = await zeebe.activateJobs({ type: 'sdk.migrate-code', worker: 'sdk-test', maxJobsToActivate: 1, timeout: 30_000 });
      return jobs.length ? jobs : undefined;
    }, 'the code job');
    await zeebe.completeJob(job.jobKey, { dossierCode: 'QN-MIGRATE' });
    const target = await zeebe.deploy([{ name: 'sdk-permit.bpmn', content: model('v2') }]);
    const targetKey = target.processes[0].processDefinitionKey;

    await assert.rejects(
      zeebe.migrateProcessInstance({ processInstanceKey, targetProcessDefinitionKey: targetKey, mappingInstructions: [] }),
      (error: unknown) => error instanceof WorkflowError && error.code === 'INVALID_STATE' && /does not cover the active element 'Appraise'/.test(error.message),
    );
    await zeebe.migrateProcessInstance({
      processInstanceKey,
      targetProcessDefinitionKey: targetKey,
      mappingInstructions: [{ sourceElementId: 'Appraise', targetElementId: 'Appraise' }],
    });
    const migrated = await zeebe.getProcessInstance(processInstanceKey);
    assert.equal(migrated.processDefinitionKey, targetKey);
    const [task] = await zeebe.searchUserTasks({ processInstanceKey, state: 'CREATED' });
    assert.equal(task?.name, 'Thẩm định (v2)');
    await zeebe.cancelProcessInstance(processInstanceKey);
  });
  test('broadcasts a signal: a signal start event starts an instance with its variables; a tenant other than the default is refused', async () => {
    const model = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_signal" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="sdk-on-notice" isExecutable="true">
    <bpmn:startEvent id="Notice"><bpmn:signalEventDefinition signalRef="Signal_Notice" /></bpmn:startEvent>
    <bpmn:endEvent id="End" />
    <bpmn:sequenceFlow id="s1" sourceRef="Notice" targetRef="End" />
  </bpmn:process>
  <bpmn:signal id="Signal_Notice" name="sdk-notice" />
</bpmn:definitions>`;
    await zeebe.deploy([{ name: 'sdk-on-notice.bpmn', content: model }]);
    const broadcast = await zeebe.broadcastSignal({ signalName: 'sdk-notice', variables: { notice: 'holiday' } });
    assert.match(broadcast.signalKey, /^\d+$/);
    assert.equal(broadcast.tenantId, '<default>');
    const [started] = await eventually(async () => {
      const found = await zeebe.searchProcessInstances({ processDefinitionId: 'sdk-on-notice' });
      return found.length > 0 ? found : undefined;
    }, 'the instance the signal started');
    assert.deepEqual(await zeebe.getVariables(started.processInstanceKey), { notice: 'holiday' });
    await assert.rejects(
      zeebe.broadcastSignal({ signalName: 'sdk-notice', tenantId: 'other' }),
      (e: unknown) => e instanceof WorkflowError && e.code === 'INVALID_ARGUMENT',
    );
  });

  test('passes listener jobs through: kind and listener event type on activation, a task listener result on completion', async () => {
    await zeebe.deploy([{ name: 'sdk-listeners.bpmn', content: LISTENER_MODEL }]);
    const { processInstanceKey } = await zeebe.createProcessInstance({ processDefinitionId: 'sdk-listeners' });
    const activateOne = (type: string) =>
      eventually(async () => {
        const jobs = await zeebe.activateJobs({ type, worker: 'sdk-test', maxJobsToActivate: 1, timeout: 30_000 });
        return jobs[0];
      }, `a job of type ${type}`);
    const start = await activateOne('sdk.audit-start');
    assert.deepEqual([start.kind, start.listenerEventType], ['EXECUTION_LISTENER', 'START']);
    await zeebe.completeJob(start.jobKey);
    const [task] = await eventually(async () => {
      const tasks = await zeebe.searchUserTasks({ processInstanceKey, state: 'CREATED' });
      return tasks.length ? tasks : undefined;
    }, 'the user task');
    await zeebe.completeUserTask(task.userTaskKey, { approved: true });
    const listener = await activateOne('sdk.check-completion');
    assert.deepEqual([listener.kind, listener.listenerEventType], ['TASK_LISTENER', 'COMPLETING']);
    assert.deepEqual([listener.userTask?.userTaskKey, listener.userTask?.action], [task.userTaskKey, 'complete']);
    await zeebe.completeJob(listener.jobKey, undefined, { denied: true, deniedReason: 'not signed yet' });
    assert.equal((await zeebe.getUserTask(task.userTaskKey)).state, 'CREATED');
    await zeebe.cancelProcessInstance(processInstanceKey);
  });
});
