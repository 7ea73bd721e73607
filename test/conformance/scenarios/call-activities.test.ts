import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openEngine, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import { activeIncidents, bpmn, callActivity, chain, childOf, completeOne, deployProcess, end, io, job, start, stateOf, trail } from './flow-builders.js';

/** Call activities, mirroring Zeebe's CallActivityTest and CallActivityIncidentTest. */
describe('conformance: call activities (Zeebe CallActivityTest)', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  let n = 0;
  /** Deploys parent (start → call → end) and child (start → child-task → end) together; returns their ids. */
  const parentAndChild = async (called = '', ext = '') => {
    const parent = `ca-parent-${++n}`;
    const child = `ca-child-${n}`;
    await f.engine.deploy([
      { name: `${parent}.bpmn`, content: bpmn(parent, `${start()} ${callActivity('call', child, called, { ext })} ${end()} ${chain('f', 'start', 'call', 'end')}`) },
      { name: `${child}.bpmn`, content: bpmn(child, `${start()} ${job('child-task', child)} ${end()} ${chain('f', 'start', 'child-task', 'end')}`) },
    ]);
    return { parent, child };
  };
  const create = async (processDefinitionId: string, variables = {}) =>
    (await f.engine.createProcessInstance({ processDefinitionId, variables })).processInstanceKey;

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CallActivityTest.java
  it('CallActivityTest#shouldCreateInstanceOfCalledElement + shouldHaveReferenceToParentInstance: the child knows its parent', async () => {
    const { parent, child } = await parentAndChild();
    const key = await create(parent);
    const instance = await childOf(f.engine, child, key);
    assert.equal(instance.state, 'ACTIVE');
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'call:ACTIVE']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CallActivityTest.java
  it('CallActivityTest#shouldCompleteCallActivity: the call activity completes with the child', async () => {
    const { parent, child } = await parentAndChild();
    const key = await create(parent);
    await completeOne(f.engine, child);
    assert.equal((await childOf(f.engine, child, key)).state, 'COMPLETED');
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'call:COMPLETED', 'end:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CallActivityTest.java
  it('CallActivityTest#shouldCopyVariablesToChild: the parent variables are copied into the child', async () => {
    const { parent, child } = await parentAndChild();
    const key = await create(parent, { x: 1, y: 2 });
    assert.deepEqual(await f.engine.getVariables((await childOf(f.engine, child, key)).processInstanceKey), { x: 1, y: 2 });
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CallActivityTest.java
  it('CallActivityTest#shouldPropagateVariablesToParent: the child variables reach the parent', async () => {
    const { parent, child } = await parentAndChild();
    const key = await create(parent);
    await completeOne(f.engine, child, { y: 2 });
    assert.deepEqual(await f.engine.getVariables(key), { y: 2 });
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CallActivityTest.java
  it('CallActivityTest#shouldNotPropagateVariablesToParentIfDisabled: propagateAllChildVariables="false" keeps them in the child', async () => {
    const { parent, child } = await parentAndChild('propagateAllChildVariables="false"');
    const key = await create(parent);
    await completeOne(f.engine, child, { y: 2 });
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
    assert.deepEqual(await f.engine.getVariables(key), {});
    assert.deepEqual(await f.engine.getVariables((await childOf(f.engine, child, key)).processInstanceKey), { y: 2 });
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CallActivityTest.java
  it('CallActivityTest#shouldApplyInputMappings: the child gets the parent variables and the mapped input', async () => {
    const { parent, child } = await parentAndChild('', io([['= x', 'y']]));
    const key = await create(parent, { x: 1 });
    assert.deepEqual(await f.engine.getVariables((await childOf(f.engine, child, key)).processInstanceKey), { x: 1, y: 1 });
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CallActivityTest.java
  it('CallActivityTest#shouldOnlyPropagateVariablesDefinedViaInputMappings: propagateAllParentVariables="false" passes only the inputs', async () => {
    const { parent, child } = await parentAndChild('propagateAllParentVariables="false"', io([['= x', 'y']]));
    const key = await create(parent, { x: 1 });
    assert.deepEqual(await f.engine.getVariables((await childOf(f.engine, child, key)).processInstanceKey), { y: 1 });
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CallActivityTest.java
  it('CallActivityTest#shouldNotPropagateAnyVariable: propagateAllParentVariables="false" without inputs passes nothing', async () => {
    const { parent, child } = await parentAndChild('propagateAllParentVariables="false"');
    const key = await create(parent, { x: 1 });
    assert.deepEqual(await f.engine.getVariables((await childOf(f.engine, child, key)).processInstanceKey), {});
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CallActivityTest.java
  it('CallActivityTest#shouldApplyOutputMappings: only the mapped output reaches the parent', async () => {
    const { parent, child } = await parentAndChild('propagateAllChildVariables="false"', io([], [['= x', 'y']]));
    const key = await create(parent);
    await completeOne(f.engine, child, { x: 2 });
    assert.deepEqual(await f.engine.getVariables(key), { y: 2 });
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CallActivityTest.java
  it('CallActivityTest#shouldApplyOutputMappingsIgnoringThePropagateAllProperty: with output mappings, propagateAllChildVariables is ignored', async () => {
    const { parent, child } = await parentAndChild('propagateAllChildVariables="true"', io([], [['= x', 'x']]));
    const key = await create(parent);
    await completeOne(f.engine, child, { x: 1, y: 2 });
    assert.deepEqual(await f.engine.getVariables(key), { x: 1 });
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CallActivityTest.java
  it('CallActivityTest#shouldCreateInstanceOfCalledElementWithExpression: processId given as an expression', async () => {
    const { child } = await parentAndChild();
    const parent = `ca-expr-${n}`;
    await deployProcess(f.engine, parent, `${start()} ${callActivity('call', '= processId')} ${end()} ${chain('f', 'start', 'call', 'end')}`);
    const key = await create(parent, { processId: child });
    assert.equal((await childOf(f.engine, child, key)).processDefinitionId, child);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CallActivityTest.java
  it('CallActivityTest#shouldTerminateChildInstance: cancelling the parent terminates the child', async () => {
    const { parent, child } = await parentAndChild();
    const key = await create(parent);
    await f.engine.cancelProcessInstance(key);
    const instance = await childOf(f.engine, child, key);
    assert.equal(instance.state, 'TERMINATED');
    assert.deepEqual(await trail(f.engine, instance.processInstanceKey), ['start:COMPLETED', 'child-task:TERMINATED']);
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'call:TERMINATED']);
    assert.equal(await stateOf(f.engine, key), 'TERMINATED');
  });

  /** Child versions v1 (start "v1") and v2 (start "v2"), as in the binding type tests. */
  const childVersion = (child: string, startId: string, versionTag?: string) => ({
    name: `${child}.bpmn`,
    content: bpmn(
      child,
      `${versionTag ? `<bpmn:extensionElements><zeebe:versionTag value="${versionTag}" /></bpmn:extensionElements>` : ''}
       ${start(startId)} ${end()} ${chain('f', startId, 'end')}`,
    ),
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CallActivityTest.java
  it('CallActivityTest#shouldCreateInstanceOfLatestVersionOfCalledElementForBindingTypeLatest: the latest child version is called', async () => {
    const parent = `ca-latest-${++n}`;
    const child = `ca-latest-child-${n}`;
    await f.engine.deploy([
      { name: `${parent}.bpmn`, content: bpmn(parent, `${start()} ${callActivity('call', child, 'bindingType="latest"')} ${end()} ${chain('f', 'start', 'call', 'end')}`) },
      childVersion(child, 'v1'),
    ]);
    const latest = (await f.engine.deploy([childVersion(child, 'v2')])).processes[0];
    const key = await create(parent);
    const instance = await childOf(f.engine, child, key);
    assert.equal(instance.processDefinitionVersion, latest.processDefinitionVersion);
    assert.equal(instance.processDefinitionKey, latest.processDefinitionKey);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CallActivityTest.java
  it(
    'CallActivityTest#shouldCreateInstanceOfVersionInSameDeploymentForBindingTypeDeployment: the child version deployed with the parent is called',
    async () => {
      const parent = `ca-deployment-${++n}`;
      const child = `ca-deployment-child-${n}`;
      const deployment = await f.engine.deploy([
        { name: `${parent}.bpmn`, content: bpmn(parent, `${start()} ${callActivity('call', child, 'bindingType="deployment"')} ${end()} ${chain('f', 'start', 'call', 'end')}`) },
        childVersion(child, 'v1'),
      ]);
      const sameDeployment = deployment.processes.find((p) => p.processDefinitionId === child)!;
      await f.engine.deploy([childVersion(child, 'v2')]);
      const key = await create(parent);
      const instance = await childOf(f.engine, child, key);
      assert.equal(instance.processDefinitionKey, sameDeployment.processDefinitionKey);
      assert.equal(instance.processDefinitionVersion, sameDeployment.processDefinitionVersion);
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/activity/CallActivityTest.java
  it(
    'CallActivityTest#shouldCreateInstanceOfLatestVersionWithGivenVersionTagForBindingTypeVersionTag: the latest child version tagged v1.0 is called',
    async () => {
      const parent = `ca-tag-${++n}`;
      const child = `ca-tag-child-${n}`;
      await f.engine.deploy([
        { name: `${parent}.bpmn`, content: bpmn(parent, `${start()} ${callActivity('call', child, 'bindingType="versionTag" versionTag="v1.0"')} ${end()} ${chain('f', 'start', 'call', 'end')}`) },
        childVersion(child, 'old', 'v1.0'),
      ]);
      const v1New = (await f.engine.deploy([childVersion(child, 'new', 'v1.0')])).processes[0];
      await f.engine.deploy([childVersion(child, 'v2', 'v2.0')]);
      await f.engine.deploy([childVersion(child, 'untagged')]);
      const key = await create(parent);
      const instance = await childOf(f.engine, child, key);
      assert.equal(instance.processDefinitionKey, v1New.processDefinitionKey);
      assert.equal(instance.processDefinitionVersion, v1New.processDefinitionVersion);
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/incident/CallActivityIncidentTest.java
  it('CallActivityIncidentTest#shouldCreateIncidentIfProcessIsNotDeployed + shouldResolveIncident: CALLED_ELEMENT_ERROR, resolved once the child is deployed', async () => {
    const parent = `ca-missing-${++n}`;
    const child = `ca-missing-child-${n}`;
    await deployProcess(f.engine, parent, `${start()} ${callActivity('call', child)} ${chain('f', 'start', 'call')}`);
    const key = await create(parent);
    const [incident] = await activeIncidents(f.engine, key);
    assert.ok(incident);
    assert.equal(incident.elementId, 'call');
    assert.equal(incident.errorType, 'CALLED_ELEMENT_ERROR');
    assert.equal(incident.errorMessage, `Expected process with BPMN process id '${child}' to be deployed, but not found.`);
    await deployProcess(f.engine, child, `${start()} ${end()} ${chain('f', 'start', 'end')}`);
    await f.engine.resolveIncident(incident.incidentKey);
    assert.equal((await childOf(f.engine, child, key)).state, 'COMPLETED');
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });
});
