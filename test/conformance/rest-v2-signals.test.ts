import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bpmn, flow, openEngine, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import { restV2Client, serveRestV2 } from './rest-v2-server.js';

/**
 * `POST /v2/signals/broadcast` over real HTTP, in the shapes of Camunda 8.8's REST API
 * (SignalBroadcastRequest: `signalName`, `variables`, `tenantId`; SignalBroadcastResult:
 * `signalKey`, `tenantId`), with Zeebe's BroadcastSignalTest and SignalCatchEventTest expectations.
 */
describe('REST v2: signal broadcast', () => {
  let f: EngineFixture;
  let server: { url: string; close(): Promise<void> };
  before(async () => {
    f = await openEngine();
    server = await serveRestV2(f.engine);
  });
  after(async () => {
    await server.close();
    await f.close();
  });

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${server.url}/v2${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  };
  const deploy = (name: string, xml: string) => restV2Client(server).deploy(name, xml);

  const signal = '<bpmn:signal id="Signal_1" name="holiday-announced" />';
  const definition = '<bpmn:signalEventDefinition signalRef="Signal_1" />';

  // zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/signal/BroadcastSignalTest.java,
  // SignalStartEventTest#shouldCreateNewInstanceWithSignalVariables and
  // SignalCatchEventTest#shouldTriggerIntermediateCatchEvent
  it('a broadcast answers its key and tenant, starts the signal start event with the variables and triggers the waiting catch event', async () => {
    await deploy(
      'on-holiday',
      bpmn('on-holiday', `<bpmn:startEvent id="start">${definition}</bpmn:startEvent><bpmn:endEvent id="end" />${flow('f1', 'start', 'end')}`, signal),
    );
    await deploy(
      'await-holiday',
      bpmn(
        'await-holiday',
        `<bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="catch">${definition}</bpmn:intermediateCatchEvent><bpmn:endEvent id="end" />
         ${flow('f1', 'start', 'catch')} ${flow('f2', 'catch', 'end')}`,
        signal,
      ),
    );
    const waiting = await post('/process-instances', { processDefinitionId: 'await-holiday' });
    assert.equal(waiting.status, 200);

    const broadcast = await post('/signals/broadcast', { signalName: 'holiday-announced', variables: { day: '2026-09-02' }, tenantId: '<default>' });
    assert.equal(broadcast.status, 200);
    assert.deepEqual(Object.keys(broadcast.body).sort(), ['signalKey', 'tenantId']);
    assert.match(String(broadcast.body.signalKey), /^\d+$/);
    assert.equal(broadcast.body.tenantId, '<default>');

    const started = await post('/process-instances/search', { filter: { processDefinitionId: 'on-holiday' } });
    const items = started.body.items as { processInstanceKey: string; state: string }[];
    assert.deepEqual(items.map((i) => i.state), ['COMPLETED']);
    const variables = await post('/variables/search', { filter: { processInstanceKey: items[0].processInstanceKey } });
    assert.deepEqual((variables.body.items as { name: string; value: string }[]).map((v) => [v.name, v.value]), [['day', '"2026-09-02"']]);
    const caught = await fetch(`${server.url}/v2/process-instances/${String(waiting.body.processInstanceKey)}`).then((r) => r.json());
    assert.equal((caught as { state: string }).state, 'COMPLETED');
  });

  it('a bad body is answered 400 INVALID_ARGUMENT: no name, a name that is no text, variables that are no object, another tenant, an unknown field', async () => {
    for (const body of [
      {},
      { signalName: 42 },
      { signalName: 'holiday-announced', variables: ['not', 'an', 'object'] },
      { signalName: 'holiday-announced', tenantId: 'other-tenant' },
      { signalName: 'holiday-announced', correlationKey: 'k' },
    ]) {
      const answer = await post('/signals/broadcast', body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.title, 'INVALID_ARGUMENT', JSON.stringify(answer.body));
    }
  });
});
