import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bpmn, flow, openEngine, serviceTask, type EngineFixture } from '@mot-cua/engine/test-support/workflow.js';
import { restV2Client, serveRestV2 } from './rest-v2-server.js';

/**
 * Token accounting and message correlation as a Camunda client sees them through `/v2`, over real
 * HTTP. Each model and expectation is that of the Zeebe engine test named in the title
 * (camunda/camunda, zeebe/engine/src/test/java/io/camunda/zeebe/engine/processing/...).
 */
describe('REST v2: Zeebe semantics of forks and message correlation', () => {
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

  const call = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => restV2Client(server).call<T>(method, path, body);
  const deploy = (name: string, xml: string) => restV2Client(server).deploy(name, xml);

  const start = (processDefinitionId: string, variables: Record<string, unknown> = {}) =>
    call<{ processInstanceKey: string }>('POST', '/process-instances', { processDefinitionId, variables }).then((r) => r.processInstanceKey);
  const state = (key: string) => call<{ state: string }>('GET', `/process-instances/${key}`).then((r) => r.state);
  const activate = (type: string) =>
    call<{ jobs: { jobKey: string; processInstanceKey: string; variables: Record<string, unknown> }[] }>('POST', '/jobs/activation', {
      type,
      maxJobsToActivate: 10,
      timeout: 60_000,
      worker: 'rest-v2-semantics',
    }).then((r) => r.jobs);
  const publish = (name: string, correlationKey: string, variables: Record<string, unknown> = {}, timeToLive = 0) =>
    call('POST', '/messages/publication', { name, correlationKey, variables, timeToLive });

  for (const order of ['end event first', 'service task first']) {
    // ParallelGatewayTest#shouldCompleteScopeWhenAllPathsCompleted: the scope completes only when
    // every path has; the order of the sequence flows in the XML does not matter.
    it(`ParallelGatewayTest#shouldCompleteScopeWhenAllPathsCompleted: a fork whose other branch ends at once keeps the instance (${order})`, async () => {
      const id = order === 'end event first' ? 'fork-end-first' : 'fork-task-first';
      const flows = [flow('toEnd', 'fork', 'quickEnd'), flow('toTask', 'fork', 'work')];
      if (order !== 'end event first') flows.reverse();
      await deploy(
        id,
        bpmn(
          id,
          `<bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" /><bpmn:endEvent id="quickEnd" />
           ${serviceTask('work', `${id}-work`)}<bpmn:endEvent id="workEnd" />
           ${flow('f0', 'start', 'fork')} ${flows.join(' ')} ${flow('f3', 'work', 'workEnd')}`,
        ),
      );
      const key = await start(id);
      assert.equal(await state(key), 'ACTIVE');
      const jobs = await activate(`${id}-work`);
      assert.deepEqual(jobs.map((j) => j.processInstanceKey), [key]);
      await call('POST', `/jobs/${jobs[0].jobKey}/completion`, { variables: {} });
      assert.equal(await state(key), 'COMPLETED');
    });
  }

  // ParallelGatewayTest#shouldSplitWithUncontrolledFlow: a start event with two outgoing flows
  // activates both; here the first one ends at once.
  it('ParallelGatewayTest#shouldSplitWithUncontrolledFlow: a start event with two flows, one ending at once, keeps the other', async () => {
    await deploy(
      'uncontrolled',
      bpmn(
        'uncontrolled',
        `<bpmn:startEvent id="start" /><bpmn:endEvent id="quickEnd" />${serviceTask('task2', 'uncontrolled-type2')}
         ${flow('a', 'start', 'quickEnd')} ${flow('b', 'start', 'task2')}`,
      ),
    );
    const key = await start('uncontrolled');
    assert.equal((await activate('uncontrolled-type2')).length, 1);
    assert.equal(await state(key), 'ACTIVE');
  });

  // MessageCorrelationTest#shouldCorrelateMessageOnlyOncePerProcess (bpmn/message/MessageCorrelationTest.java):
  // a message is correlated at most once per BPMN process id; the next message goes to the next instance.
  it('MessageCorrelationTest#shouldCorrelateMessageOnlyOncePerProcess: one message reaches one of two waiting instances', async () => {
    await deploy(
      'wait-message',
      bpmn(
        'wait-message',
        `<bpmn:startEvent id="start" />
         <bpmn:intermediateCatchEvent id="catch"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
         <bpmn:endEvent id="end" />${flow('f1', 'start', 'catch')} ${flow('f2', 'catch', 'end')}`,
        `<bpmn:message id="m" name="m"><bpmn:extensionElements><zeebe:subscription correlationKey="=key" /></bpmn:extensionElements></bpmn:message>`,
      ),
    );
    const first = await start('wait-message', { key: 'k' });
    const second = await start('wait-message', { key: 'k' });
    await publish('m', 'k', { n: 1 });
    await f.engine.runDueWork();
    const states = [await state(first), await state(second)];
    assert.deepEqual(states.sort(), ['ACTIVE', 'COMPLETED']);
    await publish('m', 'k', { n: 2 });
    await f.engine.runDueWork();
    assert.deepEqual([await state(first), await state(second)], ['COMPLETED', 'COMPLETED']);
  });

  // shouldCreateNewInstanceForBufferedMessageAfterCompletion (Zeebe's message start event tests,
  // processing/message): one active instance per correlation key; buffered messages start the next
  // ones in order, "Expected messages [1,2,3] to be correlated".
  it('MessageStartEventTest#shouldCreateNewInstanceForBufferedMessageAfterCompletion: buffered messages start one instance per key at a time, in order', async () => {
    await deploy(
      'start-by-message',
      bpmn(
        'start-by-message',
        `<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="go" /></bpmn:startEvent>
         ${serviceTask('task', 'start-by-message-task')}<bpmn:endEvent id="end" />
         ${flow('f1', 'start', 'task')} ${flow('f2', 'task', 'end')}`,
        `<bpmn:message id="go" name="go" />`,
      ),
    );
    for (const n of [1, 2, 3]) await publish('go', 'same-key', { n }, 60_000);
    await f.engine.runDueWork();
    const seen: number[] = [];
    for (let round = 0; round < 3; round++) {
      const jobs = await activate('start-by-message-task');
      assert.equal(jobs.length, 1, 'one instance at a time for one correlation key');
      seen.push(jobs[0].variables.n as number);
      await call('POST', `/jobs/${jobs[0].jobKey}/completion`, { variables: {} });
    }
    assert.deepEqual(seen, [1, 2, 3]);
    assert.equal((await activate('start-by-message-task')).length, 0);
  });

  // PublishMessageTest#shouldPublishMessageWithNegativeTTL (processing/message): accepted, kept for nobody.
  it('PublishMessageTest#shouldPublishMessageWithNegativeTTL: a message with a negative time to live is accepted and not buffered', async () => {
    const published = await call<{ messageKey: string }>('POST', '/messages/publication', { name: 'negative-ttl', correlationKey: 'k', timeToLive: -1 });
    assert.ok(published.messageKey);
  });

  // Not a Zeebe behaviour (Zeebe processes each step as its own command): the platform's guard so that
  // a model looping without a wait state cannot hold a request, and the server, forever.
  it('a runaway loop answers the HTTP request and leaves the instance with an incident', async () => {
    const script = (id: string) =>
      `<bpmn:scriptTask id="${id}"><bpmn:extensionElements><zeebe:script expression="=1" resultVariable="${id}" /></bpmn:extensionElements></bpmn:scriptTask>`;
    await deploy(
      'runaway-v2',
      bpmn('runaway-v2', `<bpmn:startEvent id="start" />${script('a')}${script('b')}${flow('f1', 'start', 'a')} ${flow('f2', 'a', 'b')} ${flow('f3', 'b', 'a')}`),
    );
    const key = await start('runaway-v2');
    const incidents = await call<{ items: { errorType: string; state: string }[] }>('POST', '/incidents/search', {
      filter: { processInstanceKey: key },
    });
    assert.deepEqual(incidents.items.map((i) => [i.errorType, i.state]), [['CONDITION_ERROR', 'ACTIVE']]);
    assert.equal(await state(key), 'ACTIVE');
    assert.equal((await fetch(`${server.url}/v2/topology`)).status, 200);
  });
});
