import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WorkflowError } from '../../src/workflow/workflow-engine.port.js';
import { bpmn, deploy, flow, openEngine, serviceTask, type EngineFixture } from '../support/workflow.js';

const scriptTask = (id: string, expression: string, resultVariable: string) =>
  `<bpmn:scriptTask id="${id}"><bpmn:extensionElements><zeebe:script expression="${expression}" resultVariable="${resultVariable}" /></bpmn:extensionElements></bpmn:scriptTask>`;

/**
 * What the engine refuses or stops, so that no model can hold a command (and the request that sent
 * it) forever, and nothing deploys that would then fail on every instance.
 */
describe('embedded engine: limits', () => {
  let f: EngineFixture;
  before(async () => {
    f = await openEngine({ maxElementActivations: 20 });
  });
  after(() => f.close());

  // A platform limit, not Zeebe behaviour (Zeebe processes such a loop for ever in batches of
  // maxCommandsInBatch; docs/zeebe-compatibility.md). The incident follows Zeebe's runaway-recursion
  // limit, CallActivityTest#shouldLimitDescendantDepth (zeebe/engine/src/test/java/io/camunda/zeebe/
  // engine/processing/bpmn/activity/CallActivityTest.java): an incident on the element that would go
  // on, the instance still active; issue finding 3 requires the command to answer.
  it('a loop without a wait state stops with an incident on the looping element, and the command answers', async () => {
    await deploy(
      f.engine,
      'runaway',
      bpmn(
        'runaway',
        `<bpmn:startEvent id="start" />${scriptTask('a', '=1', 'x')}${scriptTask('b', '=2', 'y')}
         ${flow('f1', 'start', 'a')} ${flow('f2', 'a', 'b')} ${flow('f3', 'b', 'a')}`,
      ),
    );
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: 'runaway' });
    const [incident] = await f.engine.searchIncidents({ processInstanceKey, state: 'ACTIVE' });
    assert.equal(incident?.errorType, 'CONDITION_ERROR');
    assert.equal(incident?.elementId, 'a');
    assert.match(incident.errorMessage, /'a'.*more than 20 times/);
    assert.equal((await f.engine.getProcessInstance(processInstanceKey)).state, 'ACTIVE');
    // Resolving goes on for another budget, and stops again: the loop never ends by itself.
    await f.engine.resolveIncident(incident.incidentKey);
    const again = await f.engine.searchIncidents({ processInstanceKey, state: 'ACTIVE' });
    assert.equal(again.length, 1);
    assert.notEqual(again[0].incidentKey, incident.incidentKey);
    await f.engine.cancelProcessInstance(processInstanceKey);
    assert.equal((await f.engine.getProcessInstance(processInstanceKey)).state, 'TERMINATED');
  });

  it('a long loop that does end is resumed from where the budget stopped it and completes', async () => {
    await deploy(
      f.engine,
      'long-loop',
      bpmn(
        'long-loop',
        `<bpmn:startEvent id="start" />${scriptTask('count', '=i + 1', 'i')}<bpmn:exclusiveGateway id="more" default="again" />
         <bpmn:endEvent id="end" />
         ${flow('f1', 'start', 'count')} ${flow('f2', 'count', 'more')} ${flow('done', 'more', 'end', '= i >= 30')} ${flow('again', 'more', 'count')}`,
      ),
    );
    const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: 'long-loop', variables: { i: 0 } });
    const [incident] = await f.engine.searchIncidents({ processInstanceKey, state: 'ACTIVE' });
    assert.ok(incident, '30 activations of count exceed the limit of 20');
    await f.engine.resolveIncident(incident.incidentKey);
    const instance = await f.engine.getProcessInstance(processInstanceKey);
    assert.equal(instance.state, 'COMPLETED');
    assert.equal((await f.engine.getVariables(processInstanceKey)).i, 30);
  });

  it('an invalid cron timer cycle is refused at deployment, naming the element', async () => {
    const xml = bpmn(
      'cron-boundary',
      `<bpmn:startEvent id="start" />${serviceTask('work', 'cron-work')}<bpmn:endEvent id="end" /><bpmn:endEvent id="remindEnd" />
       <bpmn:boundaryEvent id="remind" attachedToRef="work" cancelActivity="false">
         <bpmn:timerEventDefinition><bpmn:timeCycle>0 0 9 * * MON-FUN</bpmn:timeCycle></bpmn:timerEventDefinition>
       </bpmn:boundaryEvent>
       ${flow('f1', 'start', 'work')} ${flow('f2', 'work', 'end')} ${flow('f3', 'remind', 'remindEnd')}`,
    );
    await assert.rejects(deploy(f.engine, 'cron-boundary', xml), (error: unknown) => {
      assert.ok(error instanceof WorkflowError);
      assert.equal(error.code, 'INVALID_MODEL');
      assert.match(error.message, /'remind'.*timer cycle '0 0 9 \* \* MON-FUN' is not a valid cron expression: 'FUN' is not a valid day-of-week/);
      return true;
    });
  });

  // Issue "Hardening", finding 3: a loop of script tasks held the process for minutes, the budget
  // being per element (1,000 activations each). The command's budget counts all elements together,
  // and the event loop takes turns meanwhile, as Zeebe's broker keeps serving while a process loops
  // (ProcessingCfg#maxCommandsInBatch: at most 100 follow-up commands in one batch, then others run).
  describe('the budget of one command', () => {
    let g: EngineFixture;
    before(async () => {
      g = await openEngine({ maxElementActivations: 1_000, maxCommandSteps: 100 });
    });
    after(() => g.close());

    it('a loop through ten script tasks stops at the command step limit with an incident, and other work runs meanwhile', async () => {
      const ids = Array.from({ length: 10 }, (_, i) => `t${i}`);
      await deploy(
        g.engine,
        'wide-loop',
        bpmn(
          'wide-loop',
          `<bpmn:startEvent id="start" />${ids.map((id) => scriptTask(id, '=1', id)).join('')}${flow('f0', 'start', 't0')}
           ${ids.map((id, i) => flow(`f${id}`, id, ids[(i + 1) % ids.length])).join(' ')}`,
        ),
      );
      let turns = 0;
      let running = true;
      const count = () => {
        if (!running) return;
        turns++;
        setImmediate(count);
      };
      setImmediate(count);
      const { processInstanceKey } = await g.engine.createProcessInstance({ processDefinitionId: 'wide-loop' });
      running = false;
      assert.ok(turns > 0, 'the event loop took turns while the command ran');
      const [incident] = await g.engine.searchIncidents({ processInstanceKey, state: 'ACTIVE' });
      assert.equal(incident?.errorType, 'CONDITION_ERROR');
      assert.equal(incident?.elementId, 't9', 'the start event, then t0…t9 ten times: the 101st activation is t9');
      assert.match(incident.errorMessage, /'t9' was reached after more than 100 element activations/);
      assert.equal((await g.engine.getProcessInstance(processInstanceKey)).state, 'ACTIVE');
      await g.engine.cancelProcessInstance(processInstanceKey);
    });
  });
});
