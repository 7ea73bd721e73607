import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CommandRunner } from '../../src/workflow/embedded/command-runner.js';
import { EmbeddedWorkflowEngine } from '../../src/workflow/embedded/embedded-workflow-engine.js';
import { startInstance } from '../../src/workflow/embedded/process-instances.js';
import type { PendingSignal } from '../../src/workflow/embedded/signals.js';
import { wfPendingSignals } from '../../src/workflow/embedded/workflow.schema.js';
import { bpmn, deploy, elementIds, flow, openEngine, type EngineFixture } from '../support/workflow.js';

const signal = (name: string) => `<bpmn:signal id="Signal_1" name="${name}" />`;
const definition = '<bpmn:signalEventDefinition signalRef="Signal_1" />';

/** "applied": started by the signal, keeps what it carried. */
const listener = (name: string) =>
  bpmn('on-applied', `<bpmn:startEvent id="applied">${definition}</bpmn:startEvent><bpmn:endEvent id="end" />${flow('f1', 'applied', 'end')}`, signal(name));
/** Throws the signal from its end event, with the dossier code as its only variable. */
const thrower = (name: string) =>
  bpmn(
    'apply',
    `<bpmn:startEvent id="start" /><bpmn:endEvent id="announce"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="= code" target="code" /></zeebe:ioMapping></bpmn:extensionElements>${definition}</bpmn:endEvent>${flow('f1', 'start', 'announce')}`,
    signal(name),
  );
/** Waits for the signal at an intermediate catch event. */
const waiter = (name: string) =>
  bpmn(
    'await-applied',
    `<bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="applied">${definition}</bpmn:intermediateCatchEvent><bpmn:endEvent id="end" />${flow('f1', 'start', 'applied')}${flow('f2', 'applied', 'end')}`,
    signal(name),
  );

describe('embedded engine: signals are state in the database', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine();
  });
  after(() => f.close());

  const codesOf = async (engine: EmbeddedWorkflowEngine, processDefinitionId: string) => {
    const found = await engine.searchProcessInstances({ processDefinitionId });
    return Promise.all(found.map(async (i) => (await engine.getVariables(i.processInstanceKey)).code)).then((codes) => codes.sort());
  };

  it('a signal end event of one process starts another; the start subscription survives an engine restart', async () => {
    const first = new EmbeddedWorkflowEngine({ db: f.database.db, clock: f.clock });
    await deploy(first, 'on-applied', listener('dossier-applied'));
    await deploy(first, 'apply', thrower('dossier-applied'));
    await first.createProcessInstance({ processDefinitionId: 'apply', variables: { code: 'QN-1', other: 'kept home' } });
    assert.deepEqual(await codesOf(first, 'on-applied'), ['QN-1']);
    await first.close();

    const second = new EmbeddedWorkflowEngine({ db: f.database.db, clock: f.clock });
    await second.createProcessInstance({ processDefinitionId: 'apply', variables: { code: 'QN-2' } });
    await second.close();
    assert.deepEqual(await codesOf(f.engine, 'on-applied'), ['QN-1', 'QN-2']);
    const [started] = await f.engine.searchProcessInstances({ processDefinitionId: 'on-applied' });
    assert.deepEqual(await f.engine.getVariables(started.processInstanceKey), { code: 'QN-1' }, 'the throw event sends its local variables only');
  });

  it('a broadcast written with its throw event but not delivered before a crash is delivered, once, by the next engine', async () => {
    await deploy(f.engine, 'on-applied', listener('dossier-filed'));
    await deploy(f.engine, 'apply', thrower('dossier-filed'));
    await deploy(f.engine, 'await-applied', waiter('dossier-filed'));
    const waiting = await f.engine.createProcessInstance({ processDefinitionId: 'await-applied' });
    const startedBefore = (await f.engine.searchProcessInstances({ processDefinitionId: 'on-applied' })).length;

    // The throw event's command commits its deliveries; the process dies before running them (the
    // queue that would have run them after the commit is dropped).
    const crashed = new CommandRunner(f.database.db, f.clock, { maxElementActivations: 1_000, maxCommandSteps: 1_000 });
    const dropped: PendingSignal[] = [];
    await crashed.transactionQueuing(dropped, async (tx) => {
      const definition = await crashed.definitions.find(tx, 'apply');
      return startInstance(crashed, tx, definition!, { code: 'QN-3' });
    });
    assert.equal(dropped.length, 2, 'one delivery for the start event, one for the waiting catch event');
    assert.equal((await f.database.db.select().from(wfPendingSignals)).length, 2);
    assert.deepEqual(await elementIds(f.engine, waiting.processInstanceKey, 'ACTIVE'), ['applied']);

    const next = new EmbeddedWorkflowEngine({ db: f.database.db, clock: f.clock });
    assert.equal(await next.runDueWork(), 2);
    assert.equal(await next.runDueWork(), 0);
    await next.close();
    assert.equal((await f.engine.searchProcessInstances({ processDefinitionId: 'on-applied' })).length, startedBefore + 1);
    assert.ok((await codesOf(f.engine, 'on-applied')).includes('QN-3'));
    assert.equal((await f.engine.getProcessInstance(waiting.processInstanceKey)).state, 'COMPLETED');
    assert.equal((await f.engine.getVariables(waiting.processInstanceKey)).code, 'QN-3');
    assert.equal((await f.database.db.select().from(wfPendingSignals)).length, 0);
  });
});
