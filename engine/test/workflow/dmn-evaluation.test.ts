import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DecisionEvaluationError, evaluateDecision } from '../../src/workflow/embedded/dmn/evaluate.js';
import { DmnParseError, parseDmn } from '../../src/workflow/embedded/dmn/parse.js';

/**
 * DMN evaluation on the FEEL layer. Tables and expected values are those of camunda/dmn-scala
 * (src/test/scala/org/camunda/dmn/DecisionTableHitPolicyTest.scala and its resources under
 * src/test/resources/decisiontable/), rebuilt here as DMN 1.3 the Camunda Modeler writes.
 */

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Table {
  hitPolicy?: string;
  aggregation?: string;
  inputs: string[];
  outputs: { name: string; values?: string; default?: string }[];
  rules: [string[], string[]][];
}

function dmn(decisionId: string, table: Table): string {
  const policy = `${table.hitPolicy ? ` hitPolicy="${table.hitPolicy}"` : ''}${table.aggregation ? ` aggregation="${table.aggregation}"` : ''}`;
  const inputs = table.inputs.map((e, i) => `<input id="in${i}" label="${e}"><inputExpression id="ie${i}"><text>${escape(e)}</text></inputExpression></input>`).join('');
  const outputs = table.outputs
    .map(
      (o, i) =>
        `<output id="out${i}" name="${o.name}">${o.values ? `<outputValues><text>${escape(o.values)}</text></outputValues>` : ''}${o.default ? `<defaultOutputEntry><text>${escape(o.default)}</text></defaultOutputEntry>` : ''}</output>`,
    )
    .join('');
  const rules = table.rules
    .map(
      ([ins, outs], r) =>
        `<rule id="rule${r + 1}">${ins.map((t) => `<inputEntry><text>${escape(t)}</text></inputEntry>`).join('')}${outs.map((t) => `<outputEntry><text>${escape(t)}</text></outputEntry>`).join('')}</rule>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="${decisionId}_drg" name="${decisionId}" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="${decisionId}" name="${decisionId}"><decisionTable id="table"${policy}>${inputs}${outputs}${rules}</decisionTable></decision>
</definitions>`;
}

async function evaluate(decisionId: string, table: Table, variables: Record<string, unknown>): Promise<unknown> {
  return evaluateDecision(await parseDmn(`${decisionId}.dmn`, dmn(decisionId, table)), decisionId, variables).output;
}

/** holidays_collect_sum.dmn: age and years of service → holidays, hit policy COLLECT (aggregated or not). */
const holidays = (aggregation?: string): Table => ({
  hitPolicy: 'COLLECT',
  ...(aggregation ? { aggregation } : {}),
  inputs: ['age', 'yearsOfService'],
  outputs: [{ name: 'holidays' }],
  rules: [
    [['', ''], ['22']],
    [['< 18', ''], ['5']],
    [['>= 60', ''], ['5']],
    [['', '>= 30'], ['5']],
    [['[18..60)', '[15..30)'], ['2']],
    [['>= 60', ''], ['3']],
    [['', '>= 30'], ['3']],
  ],
});

/** insuranceFee.dmn: years without incident → fee, COLLECT MIN. */
const insuranceFee: Table = {
  hitPolicy: 'COLLECT',
  aggregation: 'MIN',
  inputs: ['years'],
  outputs: [{ name: 'insuranceFee' }],
  rules: [[[''], ['200']], [['> 2'], ['190']], [['> 5'], ['170']], [['> 10'], ['150']], [['> 15'], ['100']]],
};

/** routingRules.dmn: OUTPUT ORDER over three outputs, two of them with output values (priorities). */
const routingRules: Table = {
  hitPolicy: 'OUTPUT ORDER',
  inputs: ['age', 'riskCategory', 'deptReview'],
  outputs: [
    { name: 'routing', values: '"DECLINE","REFER","ACCEPT"' },
    { name: 'reviewLevel', values: '"LEVEL 2","LEVEL 1", "NONE"' },
    { name: 'reason' },
  ],
  rules: [
    [['', '', ''], ['"ACCEPT"', '"NONE"', '"Acceptable"']],
    [['< 18', '', ''], ['"DECLINE"', '"NONE"', '"Applicant too young"']],
    [['', '"HIGH"', ''], ['"REFER"', '"LEVEL 1"', '"High risk application"']],
    [['', '', 'true'], ['"REFER"', '"LEVEL 2"', '"Applicant under dept review"']],
  ],
};

/** adjustments_default-output.dmn (UNIQUE): customer and order size → discount and shipping, with default outputs. */
const adjustments: Table = {
  inputs: ['customer', 'orderSize'],
  outputs: [
    { name: 'discount', default: '0.05' },
    { name: 'shipping', default: '"Ground"' },
  ],
  rules: [
    [['"Business"', '< 10'], ['0.1', '"Air"']],
    [['"Business"', '>= 10'], ['0.15', '"Air"']],
    [['"Private"', ''], ['0.05', '"Air"']],
  ],
};

describe('DMN decision tables (camunda/dmn-scala DecisionTableHitPolicyTest)', () => {
  test("'Holidays' (Collect-Sum): 58/31 → 30, 25/2 → 22, 16/1 → 27, 46/19 → 24", async () => {
    for (const [age, yearsOfService, expected] of [[58, 31, 30], [25, 2, 22], [16, 1, 27], [46, 19, 24]] as const) {
      assert.equal(await evaluate('holidays', holidays('SUM'), { age, yearsOfService }), expected, `${age}/${yearsOfService}`);
    }
  });

  test('COLLECT without an aggregator lists the matched outputs in rule order (holidays_collect_sum.dmn rules): 58/31 → [22, 5, 3], 25/2 → [22]', async () => {
    assert.deepEqual(await evaluate('holidays', holidays(), { age: 58, yearsOfService: 31 }), [22, 5, 3]);
    assert.deepEqual(await evaluate('holidays', holidays(), { age: 25, yearsOfService: 2 }), [22]);
  });

  test("'Insurance Fee' (Collect-Min): 1 → 200, 4 → 190, 16 → 100", async () => {
    for (const [years, expected] of [[1, 200], [4, 190], [16, 100]] as const) {
      assert.equal(await evaluate('insuranceFee', insuranceFee, { years }), expected);
    }
  });

  test("COLLECT with MAX and COUNT (dmn-scala DecisionTableEvaluator.applyHitPolicy)", async () => {
    assert.equal(await evaluate('insuranceFee', { ...insuranceFee, aggregation: 'MAX' }, { years: 16 }), 200);
    assert.equal(await evaluate('insuranceFee', { ...insuranceFee, aggregation: 'COUNT' }, { years: 16 }), 5);
  });

  test("'Routing Rules' (Output Order): all four, two, or one result, sorted by the outputs' values", async () => {
    const row = (routing: string, reviewLevel: string, reason: string) => ({ routing, reviewLevel, reason });
    assert.deepEqual(await evaluate('routingRules', routingRules, { age: 17, riskCategory: 'HIGH', deptReview: true }), [
      row('DECLINE', 'NONE', 'Applicant too young'),
      row('REFER', 'LEVEL 2', 'Applicant under dept review'),
      row('REFER', 'LEVEL 1', 'High risk application'),
      row('ACCEPT', 'NONE', 'Acceptable'),
    ]);
    assert.deepEqual(await evaluate('routingRules', routingRules, { age: 25, riskCategory: 'MEDIUM', deptReview: true }), [
      row('REFER', 'LEVEL 2', 'Applicant under dept review'),
      row('ACCEPT', 'NONE', 'Acceptable'),
    ]);
    assert.deepEqual(await evaluate('routingRules', routingRules, { age: 25, riskCategory: 'MEDIUM', deptReview: false }), [row('ACCEPT', 'NONE', 'Acceptable')]);
  });

  test('PRIORITY takes the first by output values; RULE ORDER lists matches in rule order', async () => {
    assert.deepEqual(await evaluate('routingRules', { ...routingRules, hitPolicy: 'PRIORITY' }, { age: 17, riskCategory: 'HIGH', deptReview: true }), {
      routing: 'DECLINE',
      reviewLevel: 'NONE',
      reason: 'Applicant too young',
    });
    const reasons = (await evaluate('routingRules', { ...routingRules, hitPolicy: 'RULE ORDER' }, { age: 17, riskCategory: 'HIGH', deptReview: true })) as { reason: string }[];
    assert.deepEqual(reasons.map((r) => r.reason), ['Acceptable', 'Applicant too young', 'High risk application', 'Applicant under dept review']);
  });

  test('FIRST stops at the first matching rule', async () => {
    assert.deepEqual(await evaluate('routingRules', { ...routingRules, hitPolicy: 'FIRST' }, { age: 17, riskCategory: 'HIGH', deptReview: true }), {
      routing: 'ACCEPT',
      reviewLevel: 'NONE',
      reason: 'Acceptable',
    });
  });

  test("'Adjustments' (Unique) with default output entries: a match gives its outputs, none gives the defaults as a context", async () => {
    assert.deepEqual(await evaluate('adjustments', adjustments, { customer: 'Business', orderSize: 7 }), { discount: 0.1, shipping: 'Air' });
    assert.deepEqual(await evaluate('adjustments', adjustments, { customer: 'Business', orderSize: 15 }), { discount: 0.15, shipping: 'Air' });
    assert.deepEqual(await evaluate('adjustments', adjustments, { customer: 'Other', orderSize: 15 }), { discount: 0.05, shipping: 'Ground' });
  });

  test('UNIQUE with several matches and ANY with different values fail, naming the decision', async () => {
    const unique = { ...holidays(), hitPolicy: 'UNIQUE' } as Table;
    delete unique.aggregation;
    await assert.rejects(evaluate('holidays', unique, { age: 58, yearsOfService: 31 }), (error: unknown) => {
      assert.ok(error instanceof DecisionEvaluationError);
      assert.equal(error.failedDecisionId, 'holidays');
      assert.match(error.message, /^Expected to evaluate decision 'holidays', but multiple values aren't allowed for UNIQUE hit policy/);
      return true;
    });
    await assert.rejects(evaluate('holidays', { ...unique, hitPolicy: 'ANY' }, { age: 58, yearsOfService: 31 }), /different values aren't allowed for ANY hit policy/);
    assert.equal(await evaluate('holidays', { ...unique, hitPolicy: 'ANY', rules: [[['', ''], ['22']], [['>= 60', ''], ['22']]] }, { age: 61, yearsOfService: 1 }), 22);
  });

  test('unary tests: "-", lists, ranges, not(…), comparisons and FEEL expressions with ?', async () => {
    const table: Table = {
      hitPolicy: 'RULE ORDER',
      inputs: ['x'],
      outputs: [{ name: 'tag' }],
      rules: [
        [['-'], ['"any"']],
        [['1, 2, 3'], ['"list"']],
        [['[2..4]'], ['"range"']],
        [['not(1, 2)'], ['"not"']],
        [['>= 3'], ['"compare"']],
        [['? * 2 = 6'], ['"expression"']],
      ],
    };
    assert.deepEqual(await evaluate('tags', table, { x: 3 }), ['any', 'list', 'range', 'not', 'compare', 'expression']);
    assert.deepEqual(await evaluate('tags', table, { x: 1 }), ['any', 'list']);
  });

  test('no rule and no default output: null (dmn-scala applyDefaultOutputEntries)', async () => {
    assert.equal(await evaluate('insuranceFee', { ...insuranceFee, hitPolicy: 'UNIQUE', aggregation: undefined, rules: [[['> 2'], ['190']]] }, { years: 1 }), null);
  });
});

describe('DMN decision requirements and literal expressions (camunda/dmn-scala RequiredDecisionTest, LiteralExpressionTest)', () => {
  const graph = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="discounts" name="Discounts" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="discount" name="Discount">
    <informationRequirement><requiredDecision href="#customerStatus" /></informationRequirement>
    <literalExpression><text>if status = "gold" then 0.2 else 0</text></literalExpression>
  </decision>
  <decision id="customerStatus" name="Customer status">
    <variable name="status" />
    <literalExpression><text>if orders &gt; 10 then "gold" else "basic"</text></literalExpression>
  </decision>
</definitions>`;

  test('a required decision is evaluated first and read under its variable name; the audit lists it first', async () => {
    const result = evaluateDecision(await parseDmn('discounts.dmn', graph), 'discount', { orders: 12 });
    assert.equal(result.output, 0.2);
    assert.deepEqual(result.evaluatedDecisions.map((d) => [d.decisionId, d.decisionType, d.decisionOutput]), [
      ['customerStatus', 'LITERAL_EXPRESSION', 'gold'],
      ['discount', 'LITERAL_EXPRESSION', 0.2],
    ]);
  });

  test('refused at parsing: a cycle, a missing required decision, unsupported logic', async () => {
    const cyclic = graph.replace('<variable name="status" />', '<variable name="status" /><informationRequirement><requiredDecision href="#discount" /></informationRequirement>');
    await assert.rejects(parseDmn('cyclic.dmn', cyclic), (e: unknown) => e instanceof DmnParseError && /cycle/.test(e.message));
    await assert.rejects(parseDmn('missing.dmn', graph.replace('#customerStatus', '#nowhere')), /requires the decision 'nowhere'/);
    const context = graph.replace('<literalExpression><text>if status = "gold" then 0.2 else 0</text></literalExpression>', '<context />');
    await assert.rejects(parseDmn('context.dmn', context), /<Context> is not supported/);
  });
});
