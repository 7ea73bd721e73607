import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LimitExceededError } from '../../src/limits/bounded.js';
import { evaluateFeel } from '../../src/workflow/embedded/feel/evaluate.js';
import { feelLimits } from '../../src/workflow/embedded/feel/limits.js';
import { WorkflowError } from '../../src/workflow/workflow-engine.port.js';
import { bpmn, deploy, flow, openEngine, type EngineFixture } from '../support/workflow.js';

const scriptTask = (id: string, expression: string) =>
  `<bpmn:scriptTask id="${id}"><bpmn:extensionElements><zeebe:script expression="${expression}" resultVariable="result" /></bpmn:extensionElements></bpmn:scriptTask>`;

/** A hundred million steps: minutes of work for the evaluator without a limit (issue "Hardening", finding 3). */
const HOSTILE = '=count(for i in 1..100000000 return i)';
/** A variable of 600,000 characters doubled: a result of 1.2 million characters (and no time limit involved). */
const DOUBLING = '=s + s';
const LARGE = { s: 'x'.repeat(600_000) };

/**
 * FEEL evaluation has limits (time, nesting, result size): a model's expression that breaches one
 * stops with an incident on its instance, a request's with a 4xx, and the process goes on serving.
 */
describe('FEEL evaluation limits', () => {
  it('an expression of a hundred million steps is stopped at the time limit', () => {
    assert.throws(() => evaluateFeel(HOSTILE.slice(1), {}), (error: unknown) => {
      assert.ok(error instanceof LimitExceededError);
      assert.match(error.message, new RegExp(`longer than ${feelLimits.milliseconds} ms`));
      return true;
    });
  });

  it('an expression nested deeper than the limit is refused before it is parsed', () => {
    const deep = '['.repeat(feelLimits.nestingDepth + 1) + '1' + ']'.repeat(feelLimits.nestingDepth + 1);
    assert.throws(() => evaluateFeel(deep, {}), /nests 65 levels deep, more than the limit of 64/);
    // Brackets inside a string literal are text, not nesting.
    assert.equal(evaluateFeel(`"${'['.repeat(100)}"`, {}), '['.repeat(100));
  });

  it('a result larger than the limit is refused', () => {
    assert.throws(() => evaluateFeel(DOUBLING.slice(1), LARGE), /result has 1200002 characters, more than the limit of 1000000/);
  });

  it('ordinary expressions evaluate as before (feel-scala: for, some, filters, contexts)', () => {
    assert.deepEqual(evaluateFeel('for i in 1..3 return i * 2', {}), [2, 4, 6]);
    assert.equal(evaluateFeel('some x in [1, 2, 3] satisfies x > 2', {}), true);
    assert.deepEqual(evaluateFeel('items[price > 10].name', { items: [{ name: 'a', price: 5 }, { name: 'b', price: 20 }] }), ['b']);
    assert.equal(evaluateFeel('amount > 100', { amount: 150 }), true);
  });

  describe('in a process instance', () => {
    let f: EngineFixture;
    before(async () => {
      f = await openEngine();
    });
    after(() => f.close());

    // ScriptTaskTest (zeebe/engine/.../processing/bpmn/task): a script whose expression fails raises an
    // EXTRACT_VALUE_ERROR incident on the script task; a stopped evaluation is such a failure.
    for (const [name, expression, variables, message] of [
      ['a hundred million steps', HOSTILE, {}, /longer than 1000 ms and was stopped/],
      ['a result over the size limit', DOUBLING, LARGE, /more than the limit of 1000000/],
    ] as const) {
      it(`a script task of ${name} ends in an EXTRACT_VALUE_ERROR incident, the instance stays active`, async () => {
        const id = `hostile-${name.replace(/\W+/g, '-')}`;
        await deploy(
          f.engine,
          id,
          bpmn(id, `<bpmn:startEvent id="start" />${scriptTask('work', expression.replace(/"/g, '&quot;'))}<bpmn:endEvent id="end" />
            ${flow('f1', 'start', 'work')} ${flow('f2', 'work', 'end')}`),
        );
        const { processInstanceKey } = await f.engine.createProcessInstance({ processDefinitionId: id, variables });
        const [incident] = await f.engine.searchIncidents({ processInstanceKey, state: 'ACTIVE' });
        assert.equal(incident?.errorType, 'EXTRACT_VALUE_ERROR');
        assert.equal(incident?.elementId, 'work');
        assert.match(incident.errorMessage, message);
        assert.equal((await f.engine.getProcessInstance(processInstanceKey)).state, 'ACTIVE');
      });
    }

    it('a decision evaluated on request that breaches the time limit is refused as an invalid argument (a 400)', async () => {
      const xml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="slow_drg" name="slow" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="slow" name="slow"><literalExpression><text>count(for i in 1..100000000 return i)</text></literalExpression></decision>
</definitions>`;
      await f.engine.deploy([{ name: 'slow.dmn', content: xml }]);
      await assert.rejects(f.engine.evaluateDecision({ decisionDefinitionId: 'slow' }), (error: unknown) => {
        assert.ok(error instanceof WorkflowError);
        assert.equal(error.code, 'INVALID_ARGUMENT');
        assert.match(error.message, /Expected to evaluate decision 'slow', but the decision took longer than 2000 ms/);
        return true;
      });
    });
  });
});
