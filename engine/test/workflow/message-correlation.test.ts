/**
 * correlateMessage on the embedded engine: Camunda's "correlate message" (POST
 * /v2/messages/correlation). The message reaches the subscriptions waiting now and is not
 * buffered; the answer names the first process instance it reached, and NOT_FOUND means none waited.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WorkflowError } from '../../src/workflow/workflow-engine.port.js';
import { bpmn, deploy, flow, openEngine, type EngineFixture } from '../support/workflow.js';

const notFound = (e: unknown) => e instanceof WorkflowError && e.code === 'NOT_FOUND';

describe('embedded engine: message correlation', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
    await deploy(
      f.engine,
      'refund',
      bpmn(
        'refund',
        `<bpmn:startEvent id="start" />
         <bpmn:intermediateCatchEvent id="approved"><bpmn:messageEventDefinition messageRef="msgApproved" /></bpmn:intermediateCatchEvent>
         <bpmn:endEvent id="end" />
         ${flow('f1', 'start', 'approved')} ${flow('f2', 'approved', 'end')}`,
        `<bpmn:message id="msgApproved" name="refund-approved"><bpmn:extensionElements><zeebe:subscription correlationKey="= dossierCode" /></bpmn:extensionElements></bpmn:message>`,
      ),
    );
    await deploy(
      f.engine,
      'complaint',
      bpmn(
        'complaint',
        `<bpmn:startEvent id="received"><bpmn:messageEventDefinition messageRef="msgComplaint" /></bpmn:startEvent>
         <bpmn:userTask id="handle" />
         ${flow('f1', 'received', 'handle')}`,
        `<bpmn:message id="msgComplaint" name="complaint-filed" />`,
      ),
    );
  });
  after(() => f.close());

  it('reaches the instance waiting for the key, names it, and leaves the others waiting', async () => {
    const one = await f.engine.createProcessInstance({ processDefinitionId: 'refund', variables: { dossierCode: 'HS-1' } });
    const two = await f.engine.createProcessInstance({ processDefinitionId: 'refund', variables: { dossierCode: 'HS-2' } });
    const correlation = await f.engine.correlateMessage({ name: 'refund-approved', correlationKey: 'HS-2', variables: { amount: 20000 } });
    assert.equal(correlation.processInstanceKey, two.processInstanceKey);
    assert.equal(correlation.tenantId, '<default>');
    assert.match(correlation.messageKey, /^\d+$/);
    assert.equal((await f.engine.getProcessInstance(two.processInstanceKey)).state, 'COMPLETED');
    assert.equal((await f.engine.getVariables(two.processInstanceKey)).amount, 20000);
    assert.equal((await f.engine.getProcessInstance(one.processInstanceKey)).state, 'ACTIVE');
  });

  it('answers NOT_FOUND when nothing waits, and the message is not kept for a later subscription', async () => {
    await assert.rejects(f.engine.correlateMessage({ name: 'refund-approved', correlationKey: 'HS-3' }), notFound);
    const later = await f.engine.createProcessInstance({ processDefinitionId: 'refund', variables: { dossierCode: 'HS-3' } });
    assert.equal((await f.engine.getProcessInstance(later.processInstanceKey)).state, 'ACTIVE');
    await assert.rejects(f.engine.correlateMessage({ name: 'no-such-message', correlationKey: 'HS-3' }), notFound);
  });

  // MessageCorrelationTest#shouldCorrelateMessageOnlyOncePerProcess (zeebe/engine/src/test/java/io/camunda/
  // zeebe/engine/processing/message): a message reaches one instance per process; the next goes to the next.
  it('reaches one of the instances of a process waiting for the same key, the oldest, and names it', async () => {
    const first = await f.engine.createProcessInstance({ processDefinitionId: 'refund', variables: { dossierCode: 'HS-4' } });
    const second = await f.engine.createProcessInstance({ processDefinitionId: 'refund', variables: { dossierCode: 'HS-4' } });
    const correlation = await f.engine.correlateMessage({ name: 'refund-approved', correlationKey: 'HS-4' });
    assert.equal(correlation.processInstanceKey, first.processInstanceKey);
    assert.equal((await f.engine.getProcessInstance(first.processInstanceKey)).state, 'COMPLETED');
    assert.equal((await f.engine.getProcessInstance(second.processInstanceKey)).state, 'ACTIVE');
    const next = await f.engine.correlateMessage({ name: 'refund-approved', correlationKey: 'HS-4' });
    assert.equal(next.processInstanceKey, second.processInstanceKey);
    assert.equal((await f.engine.getProcessInstance(second.processInstanceKey)).state, 'COMPLETED');
  });

  it('names the instance a message start event started', async () => {
    const keyed = await f.engine.correlateMessage({ name: 'complaint-filed', correlationKey: 'KN-1', variables: { from: 'citizen' } });
    const [started] = await f.engine.searchProcessInstances({ processDefinitionId: 'complaint' });
    assert.equal(keyed.processInstanceKey, started.processInstanceKey);
    assert.equal((await f.engine.getVariables(keyed.processInstanceKey)).from, 'citizen');

    const unkeyed = await f.engine.correlateMessage({ name: 'complaint-filed' });
    const instances = await f.engine.searchProcessInstances({ processDefinitionId: 'complaint' });
    assert.deepEqual(
      instances.map((i) => i.processInstanceKey),
      [keyed.processInstanceKey, unkeyed.processInstanceKey],
    );
  });

  it('refuses another tenant', async () => {
    await assert.rejects(
      f.engine.correlateMessage({ name: 'refund-approved', correlationKey: 'HS-1', tenantId: 'tenant-b' }),
      (e: unknown) => e instanceof WorkflowError && e.code === 'INVALID_ARGUMENT',
    );
  });
});
