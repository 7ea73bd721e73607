import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openEngine, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import { businessRuleTask, forceUser, JEDI_RULES_V2, jediOrSith, jediOrSithWithAssertions } from './decision-builders.js';
import { activeIncidents, bpmn, chain, end, io, start, stateOf, trail } from './flow-builders.js';

/**
 * Business rule tasks calling DMN decisions, mirroring Zeebe's BusinessRuleTaskTest and
 * BusinessRuleTaskIncidentTest: process "process" (here one id per scenario), task "task", result
 * variable "result", the DMN resources of zeebe/engine/src/test/resources/dmn/ (decision-builders.ts).
 */
describe('conformance: business rule tasks (Zeebe BusinessRuleTaskTest, BusinessRuleTaskIncidentTest)', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  const create = async (processDefinitionId: string, variables = {}) =>
    (await f.engine.createProcessInstance({ processDefinitionId, variables })).processInstanceKey;
  /** start → business rule task "task" → end, as `processWithBusinessRuleTask`. */
  const processWith = (processId: string, task: string) => ({
    name: `${processId}.bpmn`,
    content: bpmn(processId, `${start()} ${task} ${end()} ${chain('f', 'start', 'task', 'end')}`),
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/BusinessRuleTaskTest.java
  it('BusinessRuleTaskTest#shouldCompleteTask + shouldWriteResultAsProcessInstanceVariable: blue → result "Jedi", no job', async () => {
    await f.engine.deploy([
      { name: 'decision-table.dmn', content: jediOrSith() },
      processWith('brt-complete', businessRuleTask('task', 'jedi_or_sith', 'result')),
    ]);
    const key = await create('brt-complete', { lightsaberColor: 'blue' });
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'task:COMPLETED', 'end:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
    assert.deepEqual(await f.engine.getVariables(key), { lightsaberColor: 'blue', result: 'Jedi' });
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/BusinessRuleTaskTest.java
  it('BusinessRuleTaskTest#shouldUseResultInOutputMappings: with an output mapping the result stays local, the output reaches the process', async () => {
    await f.engine.deploy([
      { name: 'decision-table.dmn', content: jediOrSith() },
      processWith('brt-output', businessRuleTask('task', 'jedi_or_sith', 'result', '', io([], [['= result', 'output']]))),
    ]);
    const key = await create('brt-output', { lightsaberColor: 'blue' });
    assert.deepEqual(await f.engine.getVariables(key), { lightsaberColor: 'blue', output: 'Jedi' });
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/BusinessRuleTaskTest.java
  it('BusinessRuleTaskTest#shouldWriteDecisionEvaluationEvent: force_user requires jedi_or_sith; blue and 182 → "Obi-Wan Kenobi"', async () => {
    await f.engine.deploy([{ name: 'drg-force-user.dmn', content: forceUser() }, processWith('brt-drg', businessRuleTask('task', 'force_user', 'result'))]);
    const key = await create('brt-drg', { lightsaberColor: 'blue', height: 182 });
    assert.equal((await f.engine.getVariables(key)).result, 'Obi-Wan Kenobi');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/BusinessRuleTaskTest.java
  it('BusinessRuleTaskTest#shouldCallLatestDecisionVersionIfBindingTypeNotSet + ForBindingTypeLatest: version 2 (which knows yellow) is evaluated', async () => {
    const v1 = await f.engine.deploy([
      { name: 'decision-table.dmn', content: jediOrSith() },
      processWith('brt-latest', businessRuleTask('task', 'jedi_or_sith', 'result')),
      processWith('brt-latest-explicit', businessRuleTask('task', 'jedi_or_sith', 'result', 'bindingType="latest"')),
    ]);
    const v2 = await f.engine.deploy([{ name: 'decision-table.dmn', content: jediOrSith({ rules: JEDI_RULES_V2 }) }]);
    assert.equal(v2.decisions[0].version, v1.decisions[0].version + 1);
    for (const processId of ['brt-latest', 'brt-latest-explicit']) {
      const key = await create(processId, { lightsaberColor: 'yellow' });
      assert.equal((await f.engine.getVariables(key)).result, 'Jedi', processId);
    }
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/BusinessRuleTaskTest.java
  it('BusinessRuleTaskTest#shouldCallDecisionVersionInSameDeploymentForBindingTypeDeployment: the version deployed with the process (no yellow) is evaluated', async () => {
    const deployment = await f.engine.deploy([
      { name: 'binding-deployment.dmn', content: jediOrSith({ drgName: 'Binding deployment' }).replace(/jedi_or_sith/g, 'jedi_or_sith_bd').replace('id="force_users"', 'id="force_users_bd"') },
      processWith('brt-deployment', businessRuleTask('task', 'jedi_or_sith_bd', 'result', 'bindingType="deployment"')),
    ]);
    const inDeployment = deployment.decisions[0];
    const later = await f.engine.deploy([
      { name: 'binding-deployment.dmn', content: jediOrSith({ rules: JEDI_RULES_V2 }).replace(/jedi_or_sith/g, 'jedi_or_sith_bd').replace('id="force_users"', 'id="force_users_bd"') },
    ]);
    assert.equal(later.decisions[0].version, inDeployment.version + 1);
    const key = await create('brt-deployment', { lightsaberColor: 'yellow' });
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
    assert.equal((await f.engine.getVariables(key)).result, null, 'version 1 has no rule for yellow');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/BusinessRuleTaskTest.java
  it('BusinessRuleTaskTest#shouldCallLatestDecisionVersionWithVersionTagForBindingTypeVersionTag: the latest version tagged v1.0 is evaluated', async () => {
    const rename = (xml: string) => xml.replace(/jedi_or_sith/g, 'jedi_or_sith_vt').replace('id="force_users"', 'id="force_users_vt"');
    await f.engine.deploy([
      { name: 'version-tag.dmn', content: rename(jediOrSith({ versionTag: 'v1.0' })) },
      processWith('brt-version-tag', businessRuleTask('task', 'jedi_or_sith_vt', 'result', 'bindingType="versionTag" versionTag="v1.0"')),
    ]);
    await f.engine.deploy([{ name: 'version-tag.dmn', content: rename(jediOrSith({ versionTag: 'v1.0', rules: JEDI_RULES_V2 })) }]);
    await f.engine.deploy([{ name: 'version-tag.dmn', content: rename(jediOrSith({ versionTag: 'v2.0' })) }]);
    await f.engine.deploy([{ name: 'version-tag.dmn', content: rename(jediOrSith()) }]);
    const key = await create('brt-version-tag', { lightsaberColor: 'yellow' });
    assert.equal((await f.engine.getVariables(key)).result, 'Jedi', 'the second v1.0 version, which knows yellow');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/BusinessRuleTaskTest.java
  it('BusinessRuleTaskTest#shouldCallDecisionWithDecisionIdExpression: the decision id comes from a variable', async () => {
    await f.engine.deploy([{ name: 'decision-table.dmn', content: jediOrSith() }, processWith('brt-expression', businessRuleTask('task', '= decisionIdVariable', 'result'))]);
    const key = await create('brt-expression', { decisionIdVariable: 'jedi_or_sith', lightsaberColor: 'blue' });
    assert.equal((await f.engine.getVariables(key)).result, 'Jedi');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/incident/BusinessRuleTaskIncidentTest.java
  it('BusinessRuleTaskIncidentTest#shouldCreateIncidentIfDecisionNotDeployed + shouldResolveIncidentAfterDecisionNotDeployed: CALLED_DECISION_ERROR, resolved once deployed', async () => {
    await f.engine.deploy([processWith('brt-missing', businessRuleTask('task', 'unknown_decision_id', 'result'))]);
    const key = await create('brt-missing', { lightsaberColor: 'blue' });
    const [incident] = await activeIncidents(f.engine, key);
    assert.ok(incident, 'an incident on the task');
    assert.deepEqual(
      [incident.elementId, incident.errorType, incident.errorMessage, incident.jobKey],
      ['task', 'CALLED_DECISION_ERROR', "Expected to evaluate decision 'unknown_decision_id', but no decision found for id 'unknown_decision_id'", undefined],
    );
    await f.engine.deploy([{ name: 'unknown.dmn', content: jediOrSith().replace(/jedi_or_sith/g, 'unknown_decision_id').replace('id="force_users"', 'id="unknown_drg"') }]);
    await f.engine.resolveIncident(incident.incidentKey);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
    assert.deepEqual(await activeIncidents(f.engine, key), []);
    assert.equal((await f.engine.getVariables(key)).result, 'Jedi');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/incident/BusinessRuleTaskIncidentTest.java
  it('BusinessRuleTaskIncidentTest#shouldCreateIncidentIfDecisionNotDeployedInSameDeploymentForBindingTypeDeployment: names the deployment', async () => {
    await f.engine.deploy([{ name: 'elsewhere.dmn', content: jediOrSith().replace(/jedi_or_sith/g, 'jedi_or_sith_elsewhere').replace('id="force_users"', 'id="force_users_elsewhere"') }]);
    const deployment = await f.engine.deploy([
      processWith('brt-not-in-deployment', businessRuleTask('task', '= decisionIdVariable', 'result', 'bindingType="deployment"')),
    ]);
    const key = await create('brt-not-in-deployment', { decisionIdVariable: 'jedi_or_sith_elsewhere' });
    const [incident] = await activeIncidents(f.engine, key);
    assert.equal(incident?.errorType, 'CALLED_DECISION_ERROR');
    assert.equal(
      incident.errorMessage,
      `Expected to evaluate decision 'jedi_or_sith_elsewhere' with binding type 'deployment', but no such decision found in the deployment with key ${deployment.deploymentKey} which contained the current process. To resolve this incident, migrate the process instance to a process definition that is deployed together with the intended decision to evaluate.`,
    );
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/incident/BusinessRuleTaskIncidentTest.java
  it('BusinessRuleTaskIncidentTest#shouldCreateIncidentIfDecisionWithVersionTagNotDeployedForBindingTypeVersionTag', async () => {
    await f.engine.deploy([
      { name: 'untagged.dmn', content: jediOrSith().replace(/jedi_or_sith/g, 'jedi_or_sith_untagged').replace('id="force_users"', 'id="force_users_untagged"') },
      processWith('brt-no-tag', businessRuleTask('task', 'jedi_or_sith_untagged', 'result', 'bindingType="versionTag" versionTag="v1.0"')),
    ]);
    const key = await create('brt-no-tag');
    const [incident] = await activeIncidents(f.engine, key);
    assert.deepEqual(
      [incident?.errorType, incident?.errorMessage],
      [
        'CALLED_DECISION_ERROR',
        "Expected to evaluate decision with id 'jedi_or_sith_untagged' and version tag 'v1.0', but no such decision found. To resolve this incident, deploy a decision with the given id and version tag.",
      ],
    );
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/incident/BusinessRuleTaskIncidentTest.java
  it('BusinessRuleTaskIncidentTest#shouldCreateIncidentIfDecisionEvaluationFailed + shouldResolveIncidentAndCreateNewIncidentWhenContinuationFails: DECISION_EVALUATION_ERROR', async () => {
    const rename = (xml: string) => xml.replace(/jedi_or_sith/g, 'jedi_or_sith_assert').replace('id="force_users"', 'id="force_users_assert"');
    await f.engine.deploy([
      { name: 'decision-table-with-assertions.dmn', content: rename(jediOrSithWithAssertions()) },
      processWith('brt-failing', businessRuleTask('task', 'jedi_or_sith_assert', 'result')),
    ]);
    const key = await create('brt-failing');
    const [incident] = await activeIncidents(f.engine, key);
    assert.deepEqual(
      [incident?.elementId, incident?.errorType, incident?.errorMessage],
      [
        'task',
        'DECISION_EVALUATION_ERROR',
        "Expected to evaluate decision 'jedi_or_sith_assert', but Assertion failure on evaluate the expression 'assert(lightsaberColor, lightsaberColor != null)': The condition is not fulfilled",
      ],
    );
    await f.engine.resolveIncident(incident.incidentKey);
    const after = await activeIncidents(f.engine, key);
    assert.equal(after.length, 1, 'a new incident');
    assert.notEqual(after[0].incidentKey, incident.incidentKey);
    assert.equal(after[0].errorType, 'DECISION_EVALUATION_ERROR');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/deployment/MultiResourceDeploymentTest.java (forms left out: the engine serves none)
  for (const [label, processV2, dmnV2] of [
    ['BPMN has changed', 'v2', false],
    ['DMN has changed', 'v1', true],
  ] as const) {
    it(`MultiResourceDeploymentTest#shouldCreateNewVersionsOfAllResourcesIfAtLeastOneResourceHasChanged [${label}]`, async () => {
      const id = `mr-${processV2}-${dmnV2}`;
      const dmn = (rules = jediOrSith()) => rules.replace(/jedi_or_sith/g, `${id}_decision`).replace('id="force_users"', `id="${id}_drg"`);
      const processXml = (startId: string) => bpmn(id, `${start(startId)} ${end()} ${chain('f', startId, 'end')}`);
      const first = await f.engine.deploy([{ name: `${id}.bpmn`, content: processXml('v1') }, { name: `${id}.dmn`, content: dmn() }]);
      const second = await f.engine.deploy([
        { name: `${id}.bpmn`, content: processXml(processV2) },
        { name: `${id}.dmn`, content: dmnV2 ? dmn(jediOrSith({ rules: JEDI_RULES_V2 })) : dmn() },
      ]);
      assert.equal(second.processes[0].processDefinitionVersion, 2);
      assert.ok(Number(second.processes[0].processDefinitionKey) > Number(first.processes[0].processDefinitionKey));
      assert.equal(second.decisionRequirements[0].version, 2);
      assert.ok(Number(second.decisionRequirements[0].decisionRequirementsKey) > Number(first.decisionRequirements[0].decisionRequirementsKey));
      assert.equal(second.decisions[0].version, 2);
      assert.equal(second.decisions[0].decisionRequirementsKey, second.decisionRequirements[0].decisionRequirementsKey);
      assert.ok(Number(second.decisions[0].decisionDefinitionKey) > Number(first.decisions[0].decisionDefinitionKey));
    });
  }

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/deployment/MultiResourceDeploymentTest.java
  it('MultiResourceDeploymentTest#shouldNotCreateNewVersionsIfNoResourceHasChanged', async () => {
    const resources = [
      { name: 'mr-same.bpmn', content: bpmn('mr-same', `${start('v1')} ${end()} ${chain('f', 'v1', 'end')}`) },
      { name: 'mr-same.dmn', content: jediOrSith().replace(/jedi_or_sith/g, 'mr_same_decision').replace('id="force_users"', 'id="mr_same_drg"') },
    ];
    const first = await f.engine.deploy(resources);
    const second = await f.engine.deploy(resources);
    assert.notEqual(second.deploymentKey, first.deploymentKey);
    assert.deepEqual(
      [second.processes, second.decisionRequirements, second.decisions],
      [first.processes, first.decisionRequirements, first.decisions],
      'versions and keys of the first deployment',
    );
    assert.equal(second.decisions[0].version, 1);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/JobWorkerElementTest.java (BUSINESS_RULE_TASK)
  it('JobWorkerElementTest#shouldCreateJob + shouldCompleteElement: a business rule task with zeebe:taskDefinition is a job', async () => {
    const task = '<bpmn:businessRuleTask id="task"><bpmn:extensionElements><zeebe:taskDefinition type="brt-job" /></bpmn:extensionElements></bpmn:businessRuleTask>';
    await f.engine.deploy([processWith('brt-job', task)]);
    const key = await create('brt-job');
    const jobs = await f.engine.activateJobs({ type: 'brt-job', worker: 'w', maxJobsToActivate: 1, timeout: 10_000 });
    assert.equal(jobs.length, 1);
    await f.engine.completeJob(jobs[0].jobKey, { result: 'done' });
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });
});
