import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openEngine, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import { activeIncidents, count, deployProcess, end, exclusive, flow, start, stateOf, trail } from './flow-builders.js';

/** Exclusive gateways, mirroring Zeebe's ExclusiveGatewayTest and the gateway rules of its model validation. */
describe('conformance: exclusive gateways (Zeebe ExclusiveGatewayTest)', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  const create = async (processDefinitionId: string, variables = {}) =>
    (await f.engine.createProcessInstance({ processDefinitionId, variables })).processInstanceKey;
  const ends = async (key: string) => (await trail(f.engine, key, 'END_EVENT')).filter((e) => e.endsWith(':COMPLETED'));

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/ExclusiveGatewayTest.java
  it('ExclusiveGatewayTest#shouldSplitOnExclusiveGateway: the first true condition wins, else the default flow', async () => {
    await deployProcess(
      f.engine,
      'xg-split',
      `${start()} ${exclusive('xor', 's3')} ${end('a')} ${end('b')} ${end('c')}
       ${flow('f0', 'start', 'xor')} ${flow('s1', 'xor', 'a', '= foo < 5')} ${flow('s2', 'xor', 'b', '= foo >= 5 and foo < 10')}
       ${flow('s3', 'xor', 'c')}`,
    );
    assert.deepEqual(await ends(await create('xg-split', { foo: 4 })), ['a:COMPLETED']);
    assert.deepEqual(await ends(await create('xg-split', { foo: 8 })), ['b:COMPLETED']);
    assert.deepEqual(await ends(await create('xg-split', { foo: 12 })), ['c:COMPLETED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/ExclusiveGatewayTest.java
  it('ExclusiveGatewayTest#shouldJoinOnExclusiveGateway: either branch passes the joining gateway', async () => {
    await deployProcess(
      f.engine,
      'xg-join',
      `${start()} ${exclusive('split', 's2')} ${exclusive('joinRequest')} ${end()}
       ${flow('f0', 'start', 'split')} ${flow('s1', 'split', 'joinRequest', '= foo < 5')} ${flow('s2', 'split', 'joinRequest')}
       ${flow('f3', 'joinRequest', 'end')}`,
    );
    for (const foo of [4, 8]) {
      const key = await create('xg-join', { foo });
      assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'split:COMPLETED', 'joinRequest:COMPLETED', 'end:COMPLETED']);
      assert.equal(await stateOf(f.engine, key), 'COMPLETED');
    }
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/ExclusiveGatewayTest.java
  it('ExclusiveGatewayTest#testProcessInstanceStatesWithExclusiveGateway: gateway, end event and process complete in turn', async () => {
    await deployProcess(
      f.engine,
      'xg-states',
      `${start()} ${exclusive('xor', 's2')} ${end('a')} ${end('b')}
       ${flow('f0', 'start', 'xor')} ${flow('s1', 'xor', 'a', '= foo < 5')} ${flow('s2', 'xor', 'b')}`,
    );
    const key = await create('xg-states', { foo: 4 });
    assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'xor:COMPLETED', 'a:COMPLETED']);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/ExclusiveGatewayTest.java
  it('ExclusiveGatewayTest#shouldSplitIfDefaultFlowIsDeclaredFirst: the default flow is taken only when no condition holds', async () => {
    await deployProcess(
      f.engine,
      'xg-default-first',
      `${start()} ${exclusive('xor', 'toA')} ${end('a')} ${end('b')}
       ${flow('f0', 'start', 'xor')} ${flow('toA', 'xor', 'a')} ${flow('toB', 'xor', 'b', '= foo < 5')}`,
    );
    assert.deepEqual(await ends(await create('xg-default-first', { foo: 10 })), ['a:COMPLETED']);
    assert.deepEqual(await ends(await create('xg-default-first', { foo: 1 })), ['b:COMPLETED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/ExclusiveGatewayTest.java
  it(
    'ExclusiveGatewayTest#shouldEndScopeIfGatewayHasNoOutgoingFlows: the gateway completes and so does the process',
    async () => {
      await deployProcess(f.engine, 'xg-no-out', `${start()} ${exclusive('xor')} ${flow('f0', 'start', 'xor')}`);
      const key = await create('xg-no-out', { foo: 10 });
      assert.deepEqual(await trail(f.engine, key), ['start:COMPLETED', 'xor:COMPLETED']);
      assert.equal(await stateOf(f.engine, key), 'COMPLETED');
      assert.deepEqual(await activeIncidents(f.engine, key), []);
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/ExclusiveGatewayTest.java
  it('ExclusiveGatewayTest#shouldResolveIncidentsWhenTerminating: cancelling resolves the condition incident and terminates the gateway', async () => {
    await deployProcess(
      f.engine,
      'xg-cancel-incident',
      `${start()} ${exclusive('xor', 's1')} ${end('default-end')} ${end('non-default-end')}
       ${flow('f0', 'start', 'xor')} ${flow('s1', 'xor', 'default-end')} ${flow('s2', 'xor', 'non-default-end', '= nonexisting_variable')}`,
    );
    const key = await create('xg-cancel-incident', { foo: 10 });
    const [incident] = await activeIncidents(f.engine, key);
    assert.ok(incident, 'an incident is created for the condition');
    assert.equal(incident.elementId, 'xor');
    await f.engine.cancelProcessInstance(key);
    assert.equal(await stateOf(f.engine, key), 'TERMINATED');
    assert.deepEqual(await trail(f.engine, key, 'EXCLUSIVE_GATEWAY'), ['xor:TERMINATED']);
    const incidents = await f.engine.searchIncidents({ processInstanceKey: key });
    assert.deepEqual(incidents.map((i) => i.state), ['RESOLVED']);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/ExclusiveGatewayTest.java
  it('ExclusiveGatewayTest#shouldCreateDeploymentExclusiveGatewayWithDefaultFlow: a default flow may have a condition or none', async () => {
    const model = (id: string, defaultCondition?: string) =>
      `${start()} ${exclusive('xor', 's2')} ${end('end1')} ${end('end2')}
       ${flow('f0', 'start', 'xor')} ${flow('s1', 'xor', 'end1', '= contains(str,"a")')} ${flow('s2', 'xor', 'end2', defaultCondition)}`;
    const first = await deployProcess(f.engine, 'xg-deploy-default', model('xg-deploy-default'));
    assert.equal(first.processes[0].processDefinitionId, 'xg-deploy-default');
    const second = await deployProcess(f.engine, 'xg-deploy-default', model('xg-deploy-default', '= contains(str,"b")'));
    assert.equal(second.processes[0].processDefinitionVersion, 2);
  });

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/bpmn/gateway/ExclusiveGatewayTest.java
  it('ExclusiveGatewayTest#shouldNotEvaluateConditionOfDefaultFlow: the default flow is taken without evaluating its condition', async () => {
    await deployProcess(
      f.engine,
      'xg-default-not-evaluated',
      `${start()} ${exclusive('xor', 's3')} ${end('end1')} ${end('end2')} ${end('end3')}
       ${flow('f0', 'start', 'xor')} ${flow('s1', 'xor', 'end1', '= contains(str,"a")')} ${flow('s2', 'xor', 'end2', '= contains(str,"b")')}
       ${flow('s3', 'xor', 'end3', '= nonexisting_variable')}`,
    );
    const key = await create('xg-default-not-evaluated', { str: 'd' });
    assert.deepEqual(await ends(key), ['end3:COMPLETED']);
    assert.deepEqual(await f.engine.searchIncidents({ processInstanceKey: key }), []);
    assert.equal(await stateOf(f.engine, key), 'COMPLETED');
  });

  // zeebe/bpmn-model/src/test/java/io/camunda/zeebe/model/bpmn/validation/ZeebeGatewayValidationTest.java
  it(
    'ZeebeGatewayValidationTest (exclusive gateway, flow1 without condition and not default): the deployment is rejected',
    async () => {
      await assert.rejects(
        deployProcess(
          f.engine,
          'xg-no-condition',
          `${start()} ${exclusive('gateway')} ${end('end1')} ${end('end2')}
           ${flow('f0', 'start', 'gateway')} ${flow('flow1', 'gateway', 'end1')} ${flow('flow2', 'gateway', 'end2', '= condition')}`,
        ),
        /flow1|condition/,
      );
    },
  );

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/incident/ConditionIncidentTest.java
  it('ConditionIncidentTest#shouldCreateIncidentIfExclusiveGatewayHasNoMatchingCondition: a CONDITION_ERROR incident on the gateway',
    async () => {
    await deployProcess(
      f.engine,
      'xg-no-match',
      `${start()} ${exclusive('xor')} ${end('a')} ${end('b')}
       ${flow('f0', 'start', 'xor')} ${flow('s1', 'xor', 'a', '= foo < 5')} ${flow('s2', 'xor', 'b', '= foo > 10')}`,
    );
    const key = await create('xg-no-match', { foo: 9 });
    const incidents = await activeIncidents(f.engine, key);
    assert.deepEqual(
      incidents.map((i) => [i.elementId, i.errorType, i.errorMessage]),
      [['xor', 'CONDITION_ERROR', 'Expected at least one condition to evaluate to true, or to have a default flow']],
    );
    const [gateway] = (await f.engine.getElementInstances(key)).filter((e) => e.elementId === 'xor');
    assert.equal(incidents[0].elementInstanceKey, gateway.elementInstanceKey);
    assert.equal(await stateOf(f.engine, key), 'ACTIVE');
    assert.equal(await count(f.engine, key, 'xor', 'ACTIVE'), 1);
  });
});
