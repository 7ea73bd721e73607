import { FeelDate, FeelDateTime, FeelDuration, FeelTime, isFunction, isRange } from 'feelin';

/** A FEEL function supplied by the host: a JS function with its FEEL parameter names. */
export type Builtin = ((...args: unknown[]) => unknown) & { $args: string[] };

/** Declares a built-in with its parameter names; '...name' collects the remaining arguments. */
export function builtin(params: string[], fn: (...args: unknown[]) => unknown): Builtin {
  return Object.assign(fn, { $args: params });
}

export function isTemporal(value: unknown): boolean {
  return value instanceof FeelDate || value instanceof FeelTime || value instanceof FeelDateTime || value instanceof FeelDuration;
}

/** A FEEL context: a plain object, not a list, temporal value, range or function. */
export function isContext(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !isTemporal(value) &&
    !isRange(value) &&
    !isFunction(value)
  );
}

export const isString = (value: unknown): value is string => typeof value === 'string';
export const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
export const isNil = (value: unknown): value is null | undefined => value === null || value === undefined;

/** A new context with own, enumerable properties only (a key "__proto__" stays an ordinary key). */
export function newContext(entries: Iterable<[string, unknown]> = []): Record<string, unknown> {
  const context: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(context, key, { value, enumerable: true, writable: true, configurable: true });
  return context;
}
