/**
 * The Camunda REST API v2 as the whole platform serves it: behind the platform's bearer tokens,
 * for administrators only, answering errors as problem details.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api, createSite, passwordLogin, startPlatform, webClient, type PlatformSite, type RunningPlatform } from '../auth/platform.js';
import { backendName } from '../support/database.js';

const MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="rest-v2-probe" isExecutable="true">
    <bpmn:startEvent id="Start"><bpmn:outgoing>f</bpmn:outgoing></bpmn:startEvent>
    <bpmn:endEvent id="End"><bpmn:incoming>f</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f" sourceRef="Start" targetRef="End" />
  </bpmn:process>
</bpmn:definitions>`;

describe(`Camunda REST API v2 on the platform (${backendName})`, () => {
  let site: PlatformSite;
  let platform: RunningPlatform;
  let admin: string;
  let specialist: string;

  before(async () => {
    site = await createSite();
    platform = await startPlatform(site, { WORKFLOW_ENGINE: 'embedded' });
    const client = await webClient(platform.issuer);
    admin = await passwordLogin(client, 'admin');
    specialist = await passwordLogin(client, 'specialist.stnmt');
  });
  after(async () => {
    await platform?.close();
    await site?.remove();
  });

  test('needs a token, and the administrator role', async () => {
    const anonymous = await api(site.baseUrl, '/v2/topology');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers.get('content-type')?.split(';')[0], 'application/problem+json');
    assert.equal(((await anonymous.json()) as { status: number }).status, 401);

    assert.equal((await api(site.baseUrl, '/v2/topology', specialist)).status, 403);

    const allowed = await api(site.baseUrl, '/v2/topology', admin);
    assert.equal(allowed.status, 200);
    const topology = (await allowed.json()) as { brokers: Array<{ partitions: Array<{ role: string }> }> };
    assert.equal(topology.brokers[0]?.partitions[0]?.role, 'leader');
  });

  test('deploys multipart resources and starts an instance as a cluster would', async () => {
    const form = new FormData();
    form.append('resources', new Blob([MODEL], { type: 'application/xml' }), 'rest-v2-probe.bpmn');
    const deployed = await api(site.baseUrl, '/v2/deployments', admin, { method: 'POST', body: form });
    assert.equal(deployed.status, 200);
    const deployment = (await deployed.json()) as { deployments: Array<{ processDefinition: { processDefinitionId: string } }> };
    assert.equal(deployment.deployments[0]?.processDefinition.processDefinitionId, 'rest-v2-probe');

    const json = { 'content-type': 'application/json' };
    const started = await api(site.baseUrl, '/v2/process-instances', admin, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ processDefinitionId: 'rest-v2-probe', variables: { a: 1 } }),
    });
    assert.equal(started.status, 200);
    const { processInstanceKey } = (await started.json()) as { processInstanceKey: string };

    const found = await api(site.baseUrl, '/v2/process-instances/search', admin, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ filter: { processInstanceKey: { $in: [processInstanceKey] }, state: 'COMPLETED' } }),
    });
    assert.equal(found.status, 200);
    const page = (await found.json()) as { items: Array<{ processInstanceKey: string }>; page: { totalItems: number } };
    assert.deepEqual(page.items.map((i) => i.processInstanceKey), [processInstanceKey]);
    assert.equal(page.page.totalItems, 1);
  });

  test('explains refused requests as problem details', async () => {
    const json = { 'content-type': 'application/json' };
    const otherTenant = await api(site.baseUrl, '/v2/process-instances', admin, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ processDefinitionId: 'rest-v2-probe', tenantId: 'tenant-b' }),
    });
    assert.equal(otherTenant.status, 400);
    const problem = (await otherTenant.json()) as { title: string; detail: string };
    assert.equal(problem.title, 'INVALID_ARGUMENT');
    assert.match(problem.detail, /single-tenant/);

    const unknownFilter = await api(site.baseUrl, '/v2/user-tasks/search', admin, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ filter: { priority: 50 } }),
    });
    assert.equal(unknownFilter.status, 400);
    assert.match(((await unknownFilter.json()) as { detail: string }).detail, /'priority' is not supported/);

    const missing = await api(site.baseUrl, '/v2/process-instances/2251799813000000', admin);
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { title: string }).title, 'NOT_FOUND');
  });
});
