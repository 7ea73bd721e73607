// Camunda extensions and overloads: context functions.
// https://docs.camunda.io/docs/components/modeler/feel/builtin-functions/feel-built-in-functions-context/
import { builtin, isContext, isString, newContext } from '../values.js';

const own = (context: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(context, key);

function getPath(context: unknown, keys: unknown[]): unknown {
  if (keys.length === 0 || !keys.every(isString)) return null;
  let node: unknown = context;
  for (const key of keys) {
    if (!isContext(node) || !own(node, key)) return null;
    node = node[key];
  }
  return node ?? null;
}

/** A copy of the context with the value at the path; existing entries keep their place. */
function putPath(context: Record<string, unknown>, keys: string[], value: unknown): Record<string, unknown> {
  const [key, ...rest] = keys;
  const copy = newContext(Object.entries(context));
  const current = own(context, key) ? context[key] : undefined;
  const next = rest.length === 0 ? (value ?? null) : putPath(isContext(current) ? current : {}, rest, value);
  Object.defineProperty(copy, key, { value: next, enumerable: true, writable: true, configurable: true });
  return copy;
}

function merge(contexts: unknown[]): unknown {
  const list = contexts.length === 1 && Array.isArray(contexts[0]) ? (contexts[0] as unknown[]) : contexts;
  if (!list.every(isContext)) return null;
  return list.reduce<Record<string, unknown>>((merged, c) => putAll(merged, c), newContext());
}

function putAll(target: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
  let result = target;
  for (const key of Object.keys(source)) result = putPath(result, [key], source[key]);
  return result;
}

function contextPut(context: unknown, keyOrKeys: unknown, value: unknown): unknown {
  if (!isContext(context)) return null;
  const keys = isString(keyOrKeys) ? [keyOrKeys] : keyOrKeys;
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every(isString)) return null;
  return putPath(context, keys, value);
}

export const contextBuiltins = {
  // Parameter aliases: feel-scala accepts `context` or `m`, and `key` or `keys`.
  'get value': builtin(['context', 'key', 'm', 'keys'], (context, key, m, keys) => {
    const target = context ?? m;
    const path = key ?? keys;
    if (!isContext(target)) return null;
    return getPath(target, isString(path) ? [path] : Array.isArray(path) ? path : []);
  }),
  'get entries': builtin(['context', 'm'], (context, m) => {
    const target = context ?? m;
    return isContext(target) ? Object.keys(target).map((key) => newContext([['key', key], ['value', target[key] ?? null]])) : null;
  }),
  'context put': builtin(['context', 'key', 'value', 'keys'], (context, key, value, keys) => contextPut(context, key ?? keys, value)),
  'context merge': builtin(['...contexts'], (...contexts) => merge(contexts)),
  // deprecated names, still evaluated by feel-scala
  put: builtin(['context', 'key', 'value'], (context, key, value) => contextPut(context, key, value)),
  'put all': builtin(['...contexts'], (...contexts) => merge(contexts)),
  context: builtin(['entries'], (entries) => {
    if (!Array.isArray(entries)) return null;
    let result = newContext();
    for (const entry of entries) {
      if (!isContext(entry) || !isString(entry.key) || !own(entry, 'value')) return null;
      result = putPath(result, [entry.key], entry.value);
    }
    return result;
  }),
};
