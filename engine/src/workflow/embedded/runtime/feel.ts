import { evaluateFeel } from '../feel/evaluate.js';
import type { Variables } from '../../workflow-engine.port.js';
import type { Expression } from '../model/definition.js';

/** An expression that could not be evaluated; the interpreter turns it into an incident, never a crash. */
export class ExpressionError extends Error {}

/** True when the value is a FEEL expression as Zeebe writes it ("= …"); otherwise it is a static string. */
export function isExpression(value: string): boolean {
  return value.trimStart().startsWith('=');
}

/**
 * Evaluates a Zeebe expression: "= …" with FEEL, anything else is the static string itself. FEEL values
 * (dates, durations, contexts) come back as their JSON form, the shape variables are stored in.
 */
export function evaluateExpression(expression: Expression, context: Variables): unknown {
  if (!isExpression(expression)) return expression;
  const source = expression.trimStart().slice(1);
  try {
    return evaluateFeel(source, context);
  } catch (error) {
    throw new ExpressionError(`failed to evaluate expression '${source.trim()}': ${(error as Error).message}`);
  }
}

export function evaluateBoolean(expression: Expression, context: Variables): boolean {
  const value = evaluateExpression(expression, context);
  if (typeof value !== 'boolean') {
    throw new ExpressionError(
      `expected the condition '${expression.trim()}' to be a boolean, but it evaluated to ${JSON.stringify(value)}`,
    );
  }
  return value;
}

export function evaluateString(expression: Expression, context: Variables, what: string): string {
  const value = evaluateExpression(expression, context);
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  throw new ExpressionError(`expected ${what} '${expression.trim()}' to be a non-empty string, but it was ${JSON.stringify(value)}`);
}

/** A list of strings: a FEEL list, or a static comma-separated list as the Modeler writes it. */
export function evaluateStringList(expression: Expression, context: Variables, what: string): string[] {
  if (!isExpression(expression)) return expression.split(',').map((s) => s.trim()).filter(Boolean);
  const value = evaluateExpression(expression, context);
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw new ExpressionError(`expected ${what} '${expression.trim()}' to be a list of strings, but it was ${JSON.stringify(value)}`);
}

/**
 * Applies one mapping target to a set of variables: "a" sets a variable, "a.b.c" sets a nested
 * property of the object found in `current` (or a new object), as Zeebe does.
 */
export function assignTarget(
  target: string,
  value: unknown,
  current: (name: string) => unknown,
): { name: string; value: unknown } {
  const [name, ...path] = target.trim().split('.');
  if (path.length === 0) return { name: name!, value };
  const existing = current(name!);
  const root: Record<string, unknown> =
    existing && typeof existing === 'object' && !Array.isArray(existing) ? structuredClone(existing as Variables) : {};
  let node = root;
  for (const segment of path.slice(0, -1)) {
    const next = node[segment];
    node[segment] = next && typeof next === 'object' && !Array.isArray(next) ? next : {};
    node = node[segment] as Record<string, unknown>;
  }
  node[path.at(-1)!] = value;
  return { name: name!, value: root };
}
