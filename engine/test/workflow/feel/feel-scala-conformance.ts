import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluateExpression, ExpressionError } from '../../../src/workflow/embedded/runtime/feel.js';

/** One test case taken from feel-scala's test suites (see NOTICE beside the data). */
export interface FeelScalaCase {
  id: string;
  source: string;
  test: string;
  expression: string;
  context?: Record<string, unknown>;
  /** FEEL function definitions the test hands to the engine by name; they are bound in a context around the expression. */
  functions?: Record<string, string>;
  /** value: `expected` is the JSON result; null: the result is null; error: the evaluation fails; shape: a result of `type` matching `pattern`. */
  outcome: 'value' | 'null' | 'error' | 'shape';
  expected?: unknown;
  failure?: string;
  type?: string;
  pattern?: string | null;
}

export interface CaseResult {
  case: FeelScalaCase;
  agrees: boolean;
  /** What our entry point produced: the JSON value, or the error message. */
  actual: string;
}

/** The data file is read from the source tree: tsc does not copy JSON into dist. */
export function dataFile(name: string): string {
  return fileURLToPath(new URL(`../../../../test/workflow/feel/${name}`, import.meta.url));
}

export function loadCases(): { cases: FeelScalaCase[]; skipped: { reason: string; count: number }[] } {
  return JSON.parse(readFileSync(dataFile('feel-scala-cases.json'), 'utf8'));
}

/**
 * Numbers: feel-scala computes with BigDecimal and Zeebe stores the result as a double; we compute with
 * doubles, so a decimal like -3.4 may come out as -3.4000000000000004. Equal within 1e-12 (relative).
 */
export function sameJson(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'number' && typeof expected === 'number') {
    return actual === expected || Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected));
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => sameJson(actual[i], e));
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const a = Object.keys(actual);
    const e = Object.keys(expected);
    return a.length === e.length && e.every((k) => Object.hasOwn(actual, k) && sameJson((actual as never)[k], (expected as never)[k]));
  }
  return actual === expected;
}

/** `f(1)` with f = `function(x) x + 1` becomes `{f: function(x) x + 1, result: f(1)}.result`. */
function withFunctions(c: FeelScalaCase): string {
  if (!c.functions) return c.expression;
  const entries = Object.entries(c.functions).map(([name, definition]) => `${name}: ${definition}`);
  return `{${entries.join(', ')}, result: ${c.expression}}.result`;
}

export function runCase(c: FeelScalaCase): CaseResult {
  let value: unknown;
  try {
    value = evaluateExpression('= ' + withFunctions(c), (c.context ?? {}));
  } catch (error) {
    const message = error instanceof ExpressionError ? error.message : `unexpected ${(error as Error).name}: ${(error as Error).message}`;
    return { case: c, agrees: c.outcome === 'error' && error instanceof ExpressionError, actual: `error: ${message}` };
  }
  const actual = JSON.stringify(value);
  switch (c.outcome) {
    case 'error':
      return { case: c, agrees: false, actual };
    case 'null':
      return { case: c, agrees: value === null, actual };
    case 'shape':
      return {
        case: c,
        agrees: typeof value === c.type && (c.pattern == null || new RegExp(c.pattern).test(String(value))),
        actual,
      };
    case 'value':
      return { case: c, agrees: sameJson(value, c.expected), actual };
  }
}
