/**
 * The platform's /v2 (Camunda 8 REST API v2) driven by Camunda's newer official client,
 * @camunda8/orchestration-cluster-api 9.x, with strict validation of every request and response.
 *
 * The client's validation schemas are generated from the Orchestration Cluster REST API's OpenAPI
 * spec (the package's dist/zod.gen-*.js; SDK major 9 matches Camunda 8.9), so a response shape
 * that a Camunda 8.9 cluster would not produce fails here. Behaviour follows the Camunda 8 REST API
 * documentation (docs.camunda.io, "Orchestration Cluster REST API": topology, deployments,
 * process instances, jobs, user tasks, messages — publish and correlate —, incidents, element
 * instances, variables). The server answers in 8.9's shapes (REST_V2_API_VERSION=8.9); the 8.8
 * shapes are checked by @camunda8/sdk 8.8 in zeebe-models.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  createCamundaClient,
  DecisionDefinitionId,
  isSdkError,
  ProcessDefinitionId,
  ProcessInstanceKey,
  type CamundaClient,
} from '@camunda8/orchestration-cluster-api';
import { embeddedEngine } from './adapters.js';
import { forceUser } from './scenarios/decision-builders.js';
import { serveRestV2 } from './rest-v2-server.js';

const ORDER = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_order" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="v2-order" name="Order" isExecutable="true">
    <bpmn:startEvent id="Received"><bpmn:outgoing>o1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="Reserve" name="Reserve stock">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="v2.reserve" retries="3" />
        <zeebe:taskHeaders><zeebe:header key="warehouse" value="HN-1" /></zeebe:taskHeaders>
      </bpmn:extensionElements>
      <bpmn:incoming>o1</bpmn:incoming><bpmn:outgoing>o2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:userTask id="Approve" name="Approve order">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition candidateGroups="sales" />
      </bpmn:extensionElements>
      <bpmn:incoming>o2</bpmn:incoming><bpmn:outgoing>o3</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:intermediateCatchEvent id="Paid" name="Payment received">
      <bpmn:incoming>o3</bpmn:incoming><bpmn:outgoing>o4</bpmn:outgoing>
      <bpmn:messageEventDefinition messageRef="Message_Paid" />
    </bpmn:intermediateCatchEvent>
    <bpmn:serviceTask id="Ship" name="Ship">
      <bpmn:extensionElements><zeebe:taskDefinition type="v2.ship" /></bpmn:extensionElements>
      <bpmn:incoming>o4</bpmn:incoming><bpmn:outgoing>o5</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:boundaryEvent id="OutOfStock" name="Out of stock" attachedToRef="Ship">
      <bpmn:outgoing>o6</bpmn:outgoing>
      <bpmn:errorEventDefinition errorRef="Error_NoStock" />
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="Shipped"><bpmn:incoming>o5</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="Backordered"><bpmn:incoming>o6</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="o1" sourceRef="Received" targetRef="Reserve" />
    <bpmn:sequenceFlow id="o2" sourceRef="Reserve" targetRef="Approve" />
    <bpmn:sequenceFlow id="o3" sourceRef="Approve" targetRef="Paid" />
    <bpmn:sequenceFlow id="o4" sourceRef="Paid" targetRef="Ship" />
    <bpmn:sequenceFlow id="o5" sourceRef="Ship" targetRef="Shipped" />
    <bpmn:sequenceFlow id="o6" sourceRef="OutOfStock" targetRef="Backordered" />
  </bpmn:process>
  <bpmn:message id="Message_Paid" name="payment-received">
    <bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements>
  </bpmn:message>
  <bpmn:error id="Error_NoStock" name="No stock" errorCode="NO_STOCK" />
</bpmn:definitions>`;

/** A charge whose job fails, and a batch that runs it as a child instance (call activity). */
const BILLING = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_billing" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="v2-charge" isExecutable="true">
    <bpmn:startEvent id="ChargeStart"><bpmn:outgoing>c1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="Charge" name="Charge card">
      <bpmn:extensionElements><zeebe:taskDefinition type="v2.charge" retries="2" /></bpmn:extensionElements>
      <bpmn:incoming>c1</bpmn:incoming><bpmn:outgoing>c2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="Charged"><bpmn:incoming>c2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="c1" sourceRef="ChargeStart" targetRef="Charge" />
    <bpmn:sequenceFlow id="c2" sourceRef="Charge" targetRef="Charged" />
  </bpmn:process>
  <bpmn:process id="v2-batch" isExecutable="true">
    <bpmn:startEvent id="BatchStart"><bpmn:outgoing>b1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:callActivity id="ChargeEach" name="Charge">
      <bpmn:extensionElements><zeebe:calledElement processId="v2-charge" propagateAllChildVariables="false" /></bpmn:extensionElements>
      <bpmn:incoming>b1</bpmn:incoming><bpmn:outgoing>b2</bpmn:outgoing>
    </bpmn:callActivity>
    <bpmn:endEvent id="BatchDone"><bpmn:incoming>b2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="b1" sourceRef="BatchStart" targetRef="ChargeEach" />
    <bpmn:sequenceFlow id="b2" sourceRef="ChargeEach" targetRef="BatchDone" />
  </bpmn:process>
</bpmn:definitions>`;

const now = { consistency: { waitUpToMs: 0 } };
/** Waits (polling) until the search or read satisfies `predicate`: how a client waits for asynchronous work. */
const until = <T>(predicate: (result: T) => boolean) => ({ consistency: { waitUpToMs: 10_000, pollIntervalMs: 20, predicate } });

describe('Camunda 8.9 client (@camunda8/orchestration-cluster-api, strict validation) on /v2', () => {
  let camunda: CamundaClient;
  let closeAll: () => Promise<void>;

  before(async () => {
    const embedded = await embeddedEngine();
    const server = await serveRestV2(embedded.engine, '8.9');
    camunda = createCamundaClient({
      // Only this configuration: nothing from the environment of the test run.
      env: {},
      config: {
        CAMUNDA_REST_ADDRESS: server.url,
        CAMUNDA_AUTH_STRATEGY: 'NONE',
        CAMUNDA_SDK_VALIDATION: 'req:strict,res:strict',
        CAMUNDA_SDK_LOG_LEVEL: 'silent',
        // A refused request must surface as it is, not be retried.
        CAMUNDA_SDK_HTTP_RETRY_MAX_ATTEMPTS: 1,
      },
    });
    closeAll = async () => {
      camunda.stopAllWorkers();
      await server.close();
      await embedded.close();
    };
  });
  after(() => closeAll?.());

  const instance = (key: ProcessInstanceKey) => camunda.getProcessInstance({ processInstanceKey: key }, now);
  const elements = async (key: ProcessInstanceKey) =>
    (await camunda.searchElementInstances({ filter: { processInstanceKey: key }, sort: [{ field: 'elementInstanceKey' }] }, now)).items;
  const variables = async (key: ProcessInstanceKey) =>
    Object.fromEntries(
      (await camunda.searchVariables({ filter: { processInstanceKey: key } }, now)).items.map((v) => [v.name, JSON.parse(v.value) as unknown]),
    );
  const start = async (orderId: string) =>
    camunda.createProcessInstance({ processDefinitionId: ProcessDefinitionId.assumeExists('v2-order'), variables: { orderId, amount: 120 } });
  /** Activates the one job of `type` waiting for `key`'s instance. */
  const activateOne = async (type: string, key: ProcessInstanceKey) => {
    const { jobs } = await camunda.activateJobs({ type, worker: 'conformance', maxJobsToActivate: 10, timeout: 30_000, requestTimeout: -1 });
    assert.deepEqual(jobs.map((j) => j.processInstanceKey), [key], `one ${type} job of instance ${key}`);
    return jobs[0];
  };
  /** The HTTP status and problem title of a refused call. */
  const refusal = async (call: () => Promise<unknown>) => {
    try {
      await call();
    } catch (error) {
      if (isSdkError(error) && error.name === 'HttpSdkError') return { status: error.status, title: (error as { title?: string }).title };
      throw error;
    }
    assert.fail('expected the call to be refused');
  };

  test('topology: one healthy broker leading one partition, speaking 8.9', async () => {
    const topology = await camunda.getTopology();
    assert.equal(topology.clusterSize, 1);
    assert.equal(topology.partitionsCount, 1);
    assert.equal(topology.gatewayVersion, '8.9.0');
    assert.deepEqual(topology.brokers[0].partitions, [{ partitionId: 1, role: 'leader', health: 'healthy' }]);
    assert.equal(topology.clusterId, null);
  });

  test('deploys BPMN: each process gets a definition key and version 1, then keeps it for identical content', async () => {
    const resources = [
      new File([ORDER], 'v2-order.bpmn', { type: 'application/xml' }),
      new File([BILLING], 'v2-billing.bpmn', { type: 'application/xml' }),
    ];
    const deployment = await camunda.createDeployment({ resources });
    assert.equal(deployment.tenantId, '<default>');
    assert.deepEqual(deployment.processes.map((p) => [p.processDefinitionId, p.processDefinitionVersion]).sort(), [
      ['v2-batch', 1],
      ['v2-charge', 1],
      ['v2-order', 1],
    ]);
    // Only process definitions: the other kinds of deployed resource are null in every entry.
    for (const entry of deployment.deployments) {
      assert.equal(entry.decisionDefinition, null);
      assert.equal(entry.form, null);
    }
    const again = await camunda.createDeployment({ resources: [new File([ORDER], 'v2-order.bpmn', { type: 'application/xml' })] });
    assert.equal(again.processes[0].processDefinitionVersion, 1);
  });

  test('an order runs: worker, user task, buffered message, correlation, shipping', async () => {
    const created = await start('A-1');
    assert.equal(created.processDefinitionVersion, 1);
    assert.deepEqual(created.tags, []);

    const started = await instance(created.processInstanceKey);
    assert.equal(started.state, 'ACTIVE');
    assert.equal(started.rootProcessInstanceKey, created.processInstanceKey);
    assert.equal(started.endDate, null);
    assert.equal(started.parentProcessInstanceKey, null);
    assert.deepEqual(await variables(created.processInstanceKey), { orderId: 'A-1', amount: 120 });

    // The client's own job worker reserves the stock.
    const reserved: string[] = [];
    const worker = camunda.createJobWorker({
      jobType: 'v2.reserve',
      jobTimeoutMs: 30_000,
      maxParallelJobs: 2,
      pollTimeoutMs: 1_000,
      jobHandler: (job) => {
        reserved.push(`${String(job.variables.orderId)}@${String(job.customHeaders.warehouse)}`);
        return job.complete({ reserved: true });
      },
    });
    const tasks = await camunda.searchUserTasks(
      { filter: { processInstanceKey: created.processInstanceKey } },
      until((r: { items: unknown[] }) => r.items.length > 0),
    );
    await worker.stopGracefully({ waitUpToMs: 5_000 });
    assert.deepEqual(reserved, ['A-1@HN-1']);
    assert.equal((await variables(created.processInstanceKey)).reserved, true);

    const [task] = tasks.items;
    assert.equal(task.state, 'CREATED');
    assert.equal(task.elementId, 'Approve');
    assert.equal(task.name, 'Approve order');
    assert.deepEqual(task.candidateGroups, ['sales']);
    assert.equal(task.assignee, null);
    assert.equal(task.processDefinitionVersion, 1);
    assert.equal(task.rootProcessInstanceKey, created.processInstanceKey);
    const bySales = await camunda.searchUserTasks({ filter: { candidateGroup: 'sales', state: 'CREATED' } }, now);
    assert.ok(bySales.items.some((t) => t.userTaskKey === task.userTaskKey));

    await camunda.completeUserTask({ userTaskKey: task.userTaskKey, variables: { approved: true } });
    const done = await camunda.getUserTask({ userTaskKey: task.userTaskKey }, now);
    assert.equal(done.state, 'COMPLETED');
    assert.ok(done.completionDate);

    // The instance now waits at the message catch event (the embedded engine lists no PROCESS element).
    const waiting = await elements(created.processInstanceKey);
    assert.deepEqual(
      waiting.map((e) => [e.elementId, e.type, e.state]),
      [
        ['Received', 'START_EVENT', 'COMPLETED'],
        ['Reserve', 'SERVICE_TASK', 'COMPLETED'],
        ['Approve', 'USER_TASK', 'COMPLETED'],
        ['Paid', 'INTERMEDIATE_CATCH_EVENT', 'ACTIVE'],
      ],
    );
    assert.ok(waiting.every((e) => e.rootProcessInstanceKey === created.processInstanceKey));
    assert.equal(waiting.find((e) => e.elementId === 'Paid')!.endDate, null);

    // A message for another order leaves it waiting.
    await camunda.publishMessage({ name: 'payment-received', correlationKey: 'A-999', variables: { paid: 'wrong order' } });
    assert.equal((await elements(created.processInstanceKey)).find((e) => e.elementId === 'Paid')!.state, 'ACTIVE');

    // Correlation reaches the waiting instance and names it.
    const correlation = await camunda.correlateMessage({ name: 'payment-received', correlationKey: 'A-1', variables: { paid: 120 } });
    assert.equal(correlation.processInstanceKey, created.processInstanceKey);
    assert.equal(correlation.tenantId, '<default>');
    assert.ok(correlation.messageKey);
    assert.equal((await elements(created.processInstanceKey)).find((e) => e.elementId === 'Paid')!.state, 'COMPLETED');

    const ship = await activateOne('v2.ship', created.processInstanceKey);
    assert.equal(ship.elementId, 'Ship');
    assert.equal(ship.rootProcessInstanceKey, created.processInstanceKey);
    assert.deepEqual(ship.variables, { orderId: 'A-1', amount: 120, reserved: true, approved: true, paid: 120 });
    await camunda.completeJob({ jobKey: ship.jobKey, variables: { trackingCode: 'VN-1' } });

    const completed = await instance(created.processInstanceKey);
    assert.equal(completed.state, 'COMPLETED');
    assert.ok(completed.endDate);
    assert.equal(completed.hasIncident, false);
    const ended = await elements(created.processInstanceKey);
    assert.equal(ended.find((e) => e.elementId === 'Shipped')?.state, 'COMPLETED');
    assert.equal((await variables(created.processInstanceKey)).trackingCode, 'VN-1');
    const search = await camunda.searchProcessInstances(
      { filter: { processDefinitionId: ProcessDefinitionId.assumeExists('v2-order'), state: 'COMPLETED' } },
      now,
    );
    assert.deepEqual(search.items.map((i) => i.processInstanceKey), [created.processInstanceKey]);
    assert.equal(search.page.totalItems, 1);
  });

  test('correlating with no subscription waiting is refused as NOT_FOUND, and the message is not kept', async () => {
    assert.deepEqual(await refusal(() => camunda.correlateMessage({ name: 'payment-received', correlationKey: 'A-2', variables: {} })), {
      status: 404,
      title: 'NOT_FOUND',
    });
    // An instance that starts waiting afterwards is not reached by that message.
    const created = await start('A-2');
    const job = await activateOne('v2.reserve', created.processInstanceKey);
    await camunda.completeJob({ jobKey: job.jobKey });
    const [task] = (await camunda.searchUserTasks({ filter: { processInstanceKey: created.processInstanceKey } }, now)).items;
    await camunda.completeUserTask({ userTaskKey: task.userTaskKey });
    assert.equal((await elements(created.processInstanceKey)).find((e) => e.elementId === 'Paid')?.state, 'ACTIVE');
    await camunda.cancelProcessInstance({ processInstanceKey: created.processInstanceKey });
  });

  test('a published message waits for its subscription; a thrown error takes the boundary path', async () => {
    const created = await start('A-3');
    // Published before the instance reaches the catch event: buffered for its time to live.
    const published = await camunda.publishMessage({ name: 'payment-received', correlationKey: 'A-3', timeToLive: 60_000, variables: { paid: 'early' } });
    assert.ok(published.messageKey);
    assert.equal(published.tenantId, '<default>');

    const reserve = await activateOne('v2.reserve', created.processInstanceKey);
    await camunda.completeJob({ jobKey: reserve.jobKey });
    const [task] = (await camunda.searchUserTasks({ filter: { processInstanceKey: created.processInstanceKey, state: 'CREATED' } }, now)).items;
    await camunda.completeUserTask({ userTaskKey: task.userTaskKey });
    // The subscription opened and took the buffered message at once.
    assert.equal((await elements(created.processInstanceKey)).find((e) => e.elementId === 'Paid')?.state, 'COMPLETED');
    assert.equal((await variables(created.processInstanceKey)).paid, 'early');

    const ship = await activateOne('v2.ship', created.processInstanceKey);
    await camunda.throwJobError({ jobKey: ship.jobKey, errorCode: 'NO_STOCK', errorMessage: 'Warehouse empty', variables: { backorder: true } });
    const ended = await instance(created.processInstanceKey);
    assert.equal(ended.state, 'COMPLETED');
    const byId = new Map((await elements(created.processInstanceKey)).map((e) => [String(e.elementId), e]));
    assert.equal(byId.get('Ship')?.state, 'TERMINATED');
    assert.equal(byId.get('OutOfStock')?.state, 'COMPLETED');
    assert.equal(byId.get('Backordered')?.state, 'COMPLETED');
    assert.equal(byId.has('Shipped'), false);
    // The error's variables are local to the catch event, which has no output mapping here (the
    // client's JobErrorRequest: "variables at the local scope of the error catch event").
    assert.equal('backorder' in (await variables(created.processInstanceKey)), false);
  });

  test('a failing job retries, then raises an incident; new retries and resolution let it finish', async () => {
    const batch = await camunda.createProcessInstance({ processDefinitionId: ProcessDefinitionId.assumeExists('v2-batch'), variables: { card: '4111' } });
    const child = await camunda.searchProcessInstances(
      { filter: { parentProcessInstanceKey: batch.processInstanceKey } },
      until((r: { items: unknown[] }) => r.items.length > 0),
    );
    const charge = child.items[0];
    assert.equal(charge.processDefinitionId, 'v2-charge');
    assert.equal(charge.parentProcessInstanceKey, batch.processInstanceKey);
    assert.equal(charge.rootProcessInstanceKey, batch.processInstanceKey);

    const first = await activateOne('v2.charge', charge.processInstanceKey);
    assert.equal(first.retries, 2);
    assert.equal(first.rootProcessInstanceKey, batch.processInstanceKey);
    await camunda.failJob({ jobKey: first.jobKey, retries: 1, errorMessage: 'Card declined', retryBackOff: 0 });
    const second = await activateOne('v2.charge', charge.processInstanceKey);
    assert.equal(second.jobKey, first.jobKey);
    assert.equal(second.retries, 1);
    await camunda.failJob({ jobKey: second.jobKey, retries: 0, errorMessage: 'Card declined again' });

    const incidents = await camunda.searchIncidents({ filter: { processInstanceKey: charge.processInstanceKey } }, now);
    assert.equal(incidents.items.length, 1);
    const incident = incidents.items[0];
    assert.equal(incident.state, 'ACTIVE');
    assert.equal(incident.errorType, 'JOB_NO_RETRIES');
    assert.equal(incident.errorMessage, 'Card declined again');
    assert.equal(incident.jobKey, first.jobKey);
    assert.equal(incident.elementId, 'Charge');
    assert.equal(incident.processDefinitionId, 'v2-charge');
    assert.equal(incident.rootProcessInstanceKey, batch.processInstanceKey);
    assert.equal((await instance(charge.processInstanceKey)).hasIncident, true);
    const childElements = await elements(charge.processInstanceKey);
    assert.ok(childElements.every((e) => e.rootProcessInstanceKey === batch.processInstanceKey));
    const childVariables = await camunda.searchVariables({ filter: { processInstanceKey: charge.processInstanceKey } }, now);
    assert.deepEqual(
      childVariables.items.map((v) => [v.name, v.value, v.rootProcessInstanceKey]),
      [['card', '"4111"', batch.processInstanceKey]],
    );
    const chargeElement = childElements.find((e) => e.elementId === 'Charge')!;
    assert.equal(chargeElement.hasIncident, true);
    assert.equal(chargeElement.incidentKey, incident.incidentKey);
    // No job to activate while the incident stands.
    assert.deepEqual((await camunda.activateJobs({ type: 'v2.charge', maxJobsToActivate: 1, timeout: 1_000, requestTimeout: -1 })).jobs, []);

    await camunda.updateJob({ jobKey: first.jobKey, changeset: { retries: 1 } });
    await camunda.resolveIncident({ incidentKey: incident.incidentKey });
    const resolved = await camunda.searchIncidents({ filter: { processInstanceKey: charge.processInstanceKey, state: 'RESOLVED' } }, now);
    assert.deepEqual(resolved.items.map((i) => i.incidentKey), [incident.incidentKey]);
    assert.equal((await instance(charge.processInstanceKey)).hasIncident, false);

    const third = await activateOne('v2.charge', charge.processInstanceKey);
    await camunda.completeJob({ jobKey: third.jobKey });
    assert.equal((await instance(charge.processInstanceKey)).state, 'COMPLETED');
    assert.equal((await instance(batch.processInstanceKey)).state, 'COMPLETED');
  });

  test('cancelling an instance terminates it and cancels its open user task', async () => {
    const created = await start('A-4');
    const reserve = await activateOne('v2.reserve', created.processInstanceKey);
    await camunda.completeJob({ jobKey: reserve.jobKey });
    const [task] = (await camunda.searchUserTasks({ filter: { processInstanceKey: created.processInstanceKey } }, now)).items;
    assert.equal(task.state, 'CREATED');

    await camunda.cancelProcessInstance({ processInstanceKey: created.processInstanceKey });
    const cancelled = await instance(created.processInstanceKey);
    assert.equal(cancelled.state, 'TERMINATED');
    assert.ok(cancelled.endDate);
    assert.equal((await camunda.getUserTask({ userTaskKey: task.userTaskKey }, now)).state, 'CANCELED');
    assert.equal((await elements(created.processInstanceKey)).find((e) => e.elementId === 'Approve')?.state, 'TERMINATED');
    assert.deepEqual(await refusal(() => camunda.completeUserTask({ userTaskKey: task.userTaskKey })), { status: 409, title: 'INVALID_STATE' });
  });

  test('awaitCompletion is refused as a bad request, not ignored (the embedded /v2 does not serve it)', async () => {
    const refused = await refusal(() =>
      camunda.createProcessInstance({ processDefinitionId: ProcessDefinitionId.assumeExists('v2-charge'), awaitCompletion: true }),
    );
    assert.deepEqual(refused, { status: 400, title: 'INVALID_ARGUMENT' });
  });

  test('deploys DMN: decision and decision requirements entries; evaluates a decision with its required decision (Camunda docs, "Evaluate decision")', async () => {
    const deployment = await camunda.createDeployment({ resources: [new File([forceUser()], 'drg-force-user.dmn', { type: 'application/xml' })] });
    assert.deepEqual(deployment.decisions.map((d) => [d.decisionDefinitionId, d.version, d.decisionRequirementsId]).sort(), [
      ['force_user', 1, 'force_users'],
      ['jedi_or_sith', 1, 'force_users'],
    ]);
    assert.deepEqual(deployment.decisionRequirements.map((r) => [r.decisionRequirementsId, r.version, r.resourceName]), [['force_users', 1, 'drg-force-user.dmn']]);
    const result = await camunda.evaluateDecision({
      decisionDefinitionId: DecisionDefinitionId.assumeExists('force_user'),
      variables: { lightsaberColor: 'blue', height: 182 },
    });
    assert.equal(JSON.parse(result.output), 'Obi-Wan Kenobi');
    assert.equal(result.failedDecisionDefinitionId, null);
    assert.deepEqual(
      result.evaluatedDecisions.map((d) => [d.decisionDefinitionId, d.decisionDefinitionType, JSON.parse(d.output), d.matchedRules.map((r) => [r.ruleId, r.ruleIndex])]),
      [
        ['jedi_or_sith', 'DECISION_TABLE', 'Jedi', [['DecisionRule_0zumznl', 1]]],
        ['force_user', 'DECISION_TABLE', 'Obi-Wan Kenobi', [['DecisionRule_0uin2hk', 2]]],
      ],
    );
    assert.deepEqual(result.evaluatedDecisions[1].evaluatedInputs.map((i) => [i.inputId, i.inputName, i.inputValue]), [
      ['InputClause_0qnqj25', 'Jedi or Sith', '"Jedi"'],
      ['InputClause_0k64hys', 'Body height', '182'],
    ]);
    const byKey = await camunda.evaluateDecision({ decisionDefinitionKey: deployment.decisions.find((d) => d.decisionDefinitionId === 'jedi_or_sith')!.decisionDefinitionKey, variables: { lightsaberColor: 'red' } });
    assert.equal(JSON.parse(byKey.output), 'Sith');
    assert.deepEqual(
      await refusal(() => camunda.evaluateDecision({ decisionDefinitionId: DecisionDefinitionId.assumeExists('no_such_decision') })),
      { status: 404, title: 'NOT_FOUND' },
    );
  });

  test('unknown keys are answered NOT_FOUND', async () => {
    assert.deepEqual(await refusal(() => instance(ProcessInstanceKey.assumeExists('2251799813999999'))), { status: 404, title: 'NOT_FOUND' });
  });
});
