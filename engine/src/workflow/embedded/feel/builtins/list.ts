// Camunda extensions and overloads: list functions.
// https://docs.camunda.io/docs/components/modeler/feel/builtin-functions/feel-built-in-functions-list/
import { FeelDate } from 'feelin';
import { toJson } from '../json.js';
import { builtin, isNumber, isString } from '../values.js';

/** A key that is equal for FEEL-equal values (contexts compare by entries, not by key order). */
function equalityKey(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as never)[k])])) : v;
  return JSON.stringify(canonical(toJson(value))) + (value === null || value === undefined ? '' : `:${typeof value}`);
}

function distinct(items: unknown[]): unknown[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = equalityKey(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function extreme(items: unknown[], pick: (a: number) => boolean): unknown {
  const list = items.length === 1 && Array.isArray(items[0]) ? (items[0] as unknown[]) : items;
  if (list.length === 0) return null;
  const key = (v: unknown) => (isNumber(v) || isString(v) ? v : v instanceof FeelDate ? v.toString() : undefined);
  const first = key(list[0]);
  if (first === undefined || !list.every((v) => typeof key(v) === typeof first && v?.constructor === list[0]?.constructor)) return null;
  return list.reduce((best, v) => (pick((key(v)! < key(best)! ? -1 : key(v)! > key(best)! ? 1 : 0)) ? v : best));
}

export const listBuiltins = {
  'duplicate values': builtin(['list'], (list) => {
    if (!Array.isArray(list)) return null;
    const counts = new Map<string, { item: unknown; count: number }>();
    for (const item of list) {
      const key = equalityKey(item);
      const entry = counts.get(key) ?? { item, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
    return [...counts.values()].filter((e) => e.count > 1).map((e) => e.item);
  }),
  'is empty': builtin(['list'], (list) => (Array.isArray(list) ? list.length === 0 : null)),
  partition: builtin(['list', 'size'], (list, size) => {
    if (!Array.isArray(list) || !isNumber(size) || size <= 0 || !Number.isInteger(size)) return null;
    const parts: unknown[][] = [];
    for (let i = 0; i < list.length; i += size) parts.push(list.slice(i, i + size));
    return parts;
  }),
  union: builtin(['...lists'], (...lists) => (lists.every(Array.isArray) ? distinct(lists.flat(1)) : null)),
  min: builtin(['...list'], (...items) => extreme(items, (c) => c < 0)),
  max: builtin(['...list'], (...items) => extreme(items, (c) => c > 0)),
};
