import { evaluateFeel } from '../feel/evaluate.js';
import { newContext } from '../feel/values.js';
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

/** Path segments that would reach an object's prototype instead of an own property. */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Applies one mapping target to a set of variables: "a" sets a variable, "a.b.c" sets a nested
 * property of the object found in `current` (or a new object), as Zeebe does. A segment that
 * names a prototype ("__proto__", "prototype", "constructor") is refused: the objects built here
 * only ever get own properties, so a mapping never writes into Object.prototype.
 */
export function assignTarget(
  target: string,
  value: unknown,
  current: (name: string) => unknown,
): { name: string; value: unknown } {
  const segments = target.trim().split('.');
  const forbidden = segments.find((segment) => FORBIDDEN_SEGMENTS.has(segment.trim()));
  if (forbidden !== undefined) {
    throw new ExpressionError(`the mapping target '${target.trim()}' is not allowed: '${forbidden.trim()}' is a reserved name`);
  }
  const [name, ...path] = segments;
  if (path.length === 0) return { name: name, value };
  return { name: name, value: withPath(current(name), path, value) };
}

/** A copy of `existing` (or a new object) with `value` at `path`; every object is a fresh own-keys copy. */
function withPath(existing: unknown, path: string[], value: unknown): Record<string, unknown> {
  const [key, ...rest] = path;
  const source = isObject(existing) ? existing : {};
  const copy = newContext(Object.keys(source).map((k) => [k, structuredClone(source[k])]));
  const next = rest.length === 0 ? value : withPath(Object.hasOwn(source, key) ? source[key] : undefined, rest, value);
  Object.defineProperty(copy, key, { value: next, enumerable: true, writable: true, configurable: true });
  return copy;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
