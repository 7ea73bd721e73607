import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { activate, bpmn, deploy, elementIds, flow, openEngine, serviceTask, type EngineFixture } from '../support/workflow.js';

describe('embedded engine: gateways', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  it('exclusive gateway takes the first true condition, else the default flow', async () => {
    await deploy(
      f.engine,
      'exclusive',
      bpmn(
        'exclusive',
        `<bpmn:startEvent id="start" />
         <bpmn:exclusiveGateway id="gw" default="toLow" />
         <bpmn:endEvent id="high" /><bpmn:endEvent id="low" />
         ${flow('f1', 'start', 'gw')}
         ${flow('toHigh', 'gw', 'high', '= amount > 100')}
         ${flow('toLow', 'gw', 'low')}`,
      ),
    );
    const big = await f.engine.createProcessInstance({ processDefinitionId: 'exclusive', variables: { amount: 500 } });
    const small = await f.engine.createProcessInstance({ processDefinitionId: 'exclusive', variables: { amount: 5 } });
    assert.deepEqual(await elementIds(f.engine, big.processInstanceKey), ['start', 'gw', 'high']);
    assert.deepEqual(await elementIds(f.engine, small.processInstanceKey), ['start', 'gw', 'low']);
    assert.equal((await f.engine.getProcessInstance(big.processInstanceKey)).state, 'COMPLETED');
  });

  it('exclusive gateway without a matching condition and default raises an incident, resolved by re-evaluation', async () => {
    await deploy(
      f.engine,
      'no-match',
      bpmn(
        'no-match',
        `<bpmn:startEvent id="start" />
         ${serviceTask('decide', 'decide')}
         <bpmn:exclusiveGateway id="gw" />
         <bpmn:endEvent id="yes" />
         ${flow('f1', 'start', 'decide')}
         ${flow('f2', 'decide', 'gw')}
         ${flow('toYes', 'gw', 'yes', '= approved = true')}`,
      ),
    );
    const instance = await f.engine.createProcessInstance({ processDefinitionId: 'no-match', variables: { approved: false } });
    const [job] = await activate(f.engine, 'decide');
    await f.engine.completeJob(job.jobKey);
    const [incident] = await f.engine.searchIncidents({ processInstanceKey: instance.processInstanceKey, state: 'ACTIVE' });
    assert.equal(incident?.errorType, 'CONDITION_ERROR');
    assert.equal(incident?.elementId, 'gw');
    assert.equal((await f.engine.getProcessInstance(instance.processInstanceKey)).hasIncident, true);
    // Resolving without a change re-evaluates and fails again; the instance stays on the gateway.
    await f.engine.resolveIncident(incident.incidentKey);
    const again = await f.engine.searchIncidents({ processInstanceKey: instance.processInstanceKey, state: 'ACTIVE' });
    assert.equal(again.length, 1);
    assert.equal((await f.engine.getProcessInstance(instance.processInstanceKey)).state, 'ACTIVE');
  });

  it('parallel gateway joins only when every incoming token arrived', async () => {
    await deploy(
      f.engine,
      'parallel',
      bpmn(
        'parallel',
        `<bpmn:startEvent id="start" />
         <bpmn:parallelGateway id="fork" />
         ${serviceTask('a', 'par-a')}
         ${serviceTask('b', 'par-b')}
         <bpmn:parallelGateway id="join" />
         <bpmn:endEvent id="end" />
         ${flow('f1', 'start', 'fork')} ${flow('f2', 'fork', 'a')} ${flow('f3', 'fork', 'b')}
         ${flow('f4', 'a', 'join')} ${flow('f5', 'b', 'join')} ${flow('f6', 'join', 'end')}`,
      ),
    );
    const instance = await f.engine.createProcessInstance({ processDefinitionId: 'parallel' });
    const [a] = await activate(f.engine, 'par-a');
    await f.engine.completeJob(a.jobKey, { fromA: 1 });
    assert.deepEqual(await elementIds(f.engine, instance.processInstanceKey, 'ACTIVE'), ['b']);
    const [b] = await activate(f.engine, 'par-b');
    await f.engine.completeJob(b.jobKey, { fromB: 2 });
    const elements = await elementIds(f.engine, instance.processInstanceKey);
    assert.equal(elements.filter((e) => e === 'join').length, 1);
    assert.equal((await f.engine.getProcessInstance(instance.processInstanceKey)).state, 'COMPLETED');
    assert.deepEqual(await f.engine.getVariables(instance.processInstanceKey), { fromA: 1, fromB: 2 });
  });

  it('inclusive gateway forks on every true condition and joins the tokens that were sent', async () => {
    await deploy(
      f.engine,
      'inclusive',
      bpmn(
        'inclusive',
        `<bpmn:startEvent id="start" />
         <bpmn:inclusiveGateway id="fork" />
         ${serviceTask('tax', 'inc-tax')}
         ${serviceTask('land', 'inc-land')}
         ${serviceTask('police', 'inc-police')}
         <bpmn:inclusiveGateway id="join" />
         <bpmn:endEvent id="end" />
         ${flow('f1', 'start', 'fork')}
         ${flow('toTax', 'fork', 'tax', '= list contains(agencies, "tax")')}
         ${flow('toLand', 'fork', 'land', '= list contains(agencies, "land")')}
         ${flow('toPolice', 'fork', 'police', '= list contains(agencies, "police")')}
         ${flow('j1', 'tax', 'join')} ${flow('j2', 'land', 'join')} ${flow('j3', 'police', 'join')}
         ${flow('f9', 'join', 'end')}`,
      ),
    );
    const instance = await f.engine.createProcessInstance({
      processDefinitionId: 'inclusive',
      variables: { agencies: ['tax', 'police'] },
    });
    assert.deepEqual((await elementIds(f.engine, instance.processInstanceKey, 'ACTIVE')).sort(), ['police', 'tax']);
    const [tax] = await activate(f.engine, 'inc-tax');
    await f.engine.completeJob(tax.jobKey);
    assert.equal((await f.engine.getProcessInstance(instance.processInstanceKey)).state, 'ACTIVE');
    const [police] = await activate(f.engine, 'inc-police');
    await f.engine.completeJob(police.jobKey);
    const elements = await elementIds(f.engine, instance.processInstanceKey);
    assert.equal(elements.filter((e) => e === 'join').length, 1);
    assert.equal((await f.engine.getProcessInstance(instance.processInstanceKey)).state, 'COMPLETED');
  });
});
