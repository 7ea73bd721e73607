/**
 * Issue "Hardening", finding 3, from outside: a FEEL expression of a million steps blocked every
 * request for seconds. Over HTTP, a hostile model ends in an incident on its instance and the
 * process keeps answering; a hostile decision evaluated on request is a 400.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api, createSite, passwordLogin, startPlatform, webClient, type PlatformSite, type RunningPlatform } from '../auth/platform.js';
import { backendName } from '../support/database.js';

const HOSTILE = 'count(for i in 1..100000000 return i)';

const MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="hostile-feel" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:scriptTask id="Work"><bpmn:extensionElements><zeebe:script expression="=${HOSTILE}" resultVariable="n" /></bpmn:extensionElements></bpmn:scriptTask>
    <bpmn:endEvent id="End" />
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Work" />
    <bpmn:sequenceFlow id="f2" sourceRef="Work" targetRef="End" />
  </bpmn:process>
</bpmn:definitions>`;

const DECISION = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="hostile_drg" name="hostile" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="hostile" name="hostile"><literalExpression><text>${HOSTILE}</text></literalExpression></decision>
</definitions>`;

describe(`FEEL limits over HTTP (${backendName})`, () => {
  let site: PlatformSite;
  let platform: RunningPlatform;
  let admin: string;
  const json = { 'content-type': 'application/json' };

  before(async () => {
    site = await createSite();
    platform = await startPlatform(site, { WORKFLOW_ENGINE: 'embedded' });
    admin = await passwordLogin(await webClient(platform.issuer), 'admin');
    const form = new FormData();
    form.append('resources', new Blob([MODEL], { type: 'application/xml' }), 'hostile-feel.bpmn');
    form.append('resources', new Blob([DECISION], { type: 'application/xml' }), 'hostile.dmn');
    const deployed = await api(site.baseUrl, '/v2/deployments', admin, { method: 'POST', body: form });
    assert.equal(deployed.status, 200, await deployed.clone().text());
  });
  after(async () => {
    await platform?.close();
    await site?.remove();
  });

  test('while a hostile script is evaluated the platform answers /health/live, and the instance ends with an EXTRACT_VALUE_ERROR incident', { timeout: 120_000 }, async () => {
    const started = api(site.baseUrl, '/v2/process-instances', admin, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ processDefinitionId: 'hostile-feel' }),
    });
    const health = await api(site.baseUrl, '/health/live');
    assert.equal(health.status, 200);
    const response = await started;
    assert.equal(response.status, 200);
    const { processInstanceKey } = (await response.json()) as { processInstanceKey: string };
    const found = await api(site.baseUrl, '/v2/incidents/search', admin, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ filter: { processInstanceKey, state: 'ACTIVE' } }),
    });
    const incidents = (await found.json()) as { items: Array<{ errorType: string; elementId: string; errorMessage: string }> };
    assert.equal(incidents.items.length, 1);
    assert.equal(incidents.items[0].errorType, 'EXTRACT_VALUE_ERROR');
    assert.equal(incidents.items[0].elementId, 'Work');
    assert.match(incidents.items[0].errorMessage, /took longer than 1000 ms and was stopped/);
    assert.equal((await api(site.baseUrl, '/health/ready')).status, 200);
  });

  test('a hostile decision evaluated on request is a 400 naming the limit', { timeout: 120_000 }, async () => {
    const response = await api(site.baseUrl, '/v2/decision-definitions/evaluation', admin, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ decisionDefinitionId: 'hostile' }),
    });
    const problem = (await response.json()) as { status: number; title: string; detail: string };
    assert.equal(response.status, 400);
    assert.equal(problem.title, 'INVALID_ARGUMENT');
    assert.match(problem.detail, /the decision took longer than 2000 ms and was stopped/);
  });
});
