import { LimitExceededError, runBounded } from '../../../limits/bounded.js';

/**
 * What one FEEL evaluation may use. An expression comes from a model an analyst publishes, or from a
 * request (DMN evaluation, lint): none may hold the process, so each is stopped at these limits.
 */
export const feelLimits = {
  /** Characters of source: far above any expression a procedure needs. */
  sourceLength: 20_000,
  /** Brackets, parentheses and braces open at once: the evaluator recurses once per level. */
  nestingDepth: 64,
  /** Wall-clock time of one evaluation: far above an honest expression, even on a loaded machine. */
  milliseconds: 1_000,
  /** Characters of the result's JSON form: Zeebe's default maximum message size is 4 MB. */
  resultLength: 1_000_000,
};

/** Iteration, user functions, calls, filters and list or context literals: what can make an evaluation long. */
const MAY_RUN_LONG = /\b(?:for|some|every|function)\b|\.\.|[([{]/;

/** The source with the bodies of string literals emptied, so that brackets in text count for nothing. */
function withoutStrings(source: string): string {
  return source.replace(/"(?:[^"\\]|\\.)*"?/g, '""');
}

function nestingDepth(code: string): number {
  let depth = 0;
  let max = 0;
  for (const ch of code) {
    if (ch === '(' || ch === '[' || ch === '{') max = Math.max(max, ++depth);
    else if (ch === ')' || ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
  }
  return max;
}

/** Refuses a source over the size or nesting limits before it is parsed. */
function checkSource(source: string): string {
  if (source.length > feelLimits.sourceLength) {
    throw new LimitExceededError(`the expression has ${source.length} characters, more than the limit of ${feelLimits.sourceLength}`);
  }
  const code = withoutStrings(source);
  const depth = nestingDepth(code);
  if (depth > feelLimits.nestingDepth) {
    throw new LimitExceededError(`the expression nests ${depth} levels deep, more than the limit of ${feelLimits.nestingDepth}`);
  }
  return code;
}

function checkResult<T>(value: T): T {
  const length = JSON.stringify(value)?.length ?? 0;
  if (length > feelLimits.resultLength) {
    throw new LimitExceededError(`the result has ${length} characters, more than the limit of ${feelLimits.resultLength}`);
  }
  return value;
}

/**
 * Runs one evaluation of `source` within the limits. Expressions made only of names, paths,
 * literals, operators and if-then-else take time linear in their length and run directly; any
 * other runs under a time limit (starting it costs a watchdog thread).
 */
export function withinFeelLimits<T>(source: string, evaluation: () => T): T {
  const code = checkSource(source);
  if (!MAY_RUN_LONG.test(code)) return checkResult(evaluation());
  return runBounded(feelLimits.milliseconds, 'the expression', () => checkResult(evaluation()));
}
