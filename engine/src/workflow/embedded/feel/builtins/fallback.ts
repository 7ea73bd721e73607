import { evaluate } from 'feelin';

/** Invokes feelin's own built-in `name` (no overrides in scope) with the given FEEL values. */
export function feelinBuiltin(name: string, ...args: unknown[]): unknown {
  const context: Record<string, unknown> = {};
  args.forEach((arg, i) => (context[`a${i}`] = arg));
  return evaluate(`${name}(${args.map((_, i) => `a${i}`).join(', ')})`, context).value ?? null;
}
