import type { DecisionTableModel } from './model.js';

/** The outputs of one matched rule, by output name, in the table's output order. */
export type RuleOutputs = [string, unknown][];

/**
 * Combines the matched rules' outputs by the table's hit policy (DMN 1.3 §8.2.11, as dmn-scala applies
 * it): one output gives its value, several give a context; single-hit policies give one result,
 * multiple-hit ones a list, COLLECT with an aggregator a number. Throws on a violated policy.
 */
export function applyHitPolicy(table: DecisionTableModel, matched: RuleOutputs[]): unknown {
  switch (table.hitPolicy) {
    case 'FIRST':
      return single(matched[0]);
    case 'UNIQUE':
      if (matched.length > 1) throw new Error(`multiple values aren't allowed for UNIQUE hit policy. found: '${describe(matched)}'`);
      return single(matched[0]);
    case 'ANY': {
      const distinct = [...new Map(matched.map((m) => [JSON.stringify(m), m])).values()];
      if (distinct.length > 1) throw new Error(`different values aren't allowed for ANY hit policy. found: '${describe(distinct)}'`);
      return single(matched[0]);
    }
    case 'PRIORITY':
      return single(byPriority(table, matched)[0]);
    case 'OUTPUT ORDER':
      return matched.length === 0 ? null : byPriority(table, matched).map(single);
    case 'RULE ORDER':
      return matched.map(single);
    case 'COLLECT':
      return collect(table, matched);
  }
}

function collect(table: DecisionTableModel, matched: RuleOutputs[]): unknown {
  if (!table.aggregation) return matched.map(single);
  if (table.aggregation === 'COUNT') return matched.length;
  const numbers = matched.map((m) => {
    const value = m[0][1];
    if (typeof value !== 'number') throw new Error(`expected number but found '${JSON.stringify(value)}'`);
    return value;
  });
  if (numbers.length === 0) return null;
  if (table.aggregation === 'SUM') return numbers.reduce((a, b) => a + b, 0);
  return table.aggregation === 'MIN' ? Math.min(...numbers) : Math.max(...numbers);
}

function single(outputs: RuleOutputs): unknown {
  return outputs.length === 1 ? outputs[0][1] : Object.fromEntries(outputs);
}

/**
 * Sorts matched rules by the position of their values in each output's output values ("a","b",…);
 * a value not listed sorts last. Stable, so equal priorities keep rule order.
 */
function byPriority(table: DecisionTableModel, matched: RuleOutputs[]): RuleOutputs[] {
  const priorities = table.outputs.map((o) => (o.outputValues ?? '').split(',').map((v) => v.trim().replace(/^["']|["']$/g, '')).filter(Boolean));
  const rank = (outputs: RuleOutputs) =>
    outputs.map(([, value], i) => {
      const position = typeof value === 'string' || typeof value === 'number' ? priorities[i].indexOf(String(value)) : -1;
      return position < 0 ? Number.MAX_SAFE_INTEGER : position;
    });
  const compare = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
  };
  return [...matched].sort((a, b) => compare(rank(a), rank(b)));
}

function describe(matched: RuleOutputs[]): string {
  return matched.map((m) => JSON.stringify(Object.fromEntries(m))).join(', ');
}
