import { BadRequestException } from '@nestjs/common';

/**
 * The query language of the v2 search endpoints (filter / sort / page), evaluated over the items
 * the engine returned. A filter field is either a value (equality) or an object of operators.
 */
export interface SearchQuery {
  filter?: Record<string, unknown>;
  sort?: Array<{ field: string; order?: 'ASC' | 'DESC' | 'asc' | 'desc' }>;
  page?: { from?: number; limit?: number; after?: string; before?: string };
}

export interface SearchResult<T> {
  items: T[];
  page: { totalItems: number; hasMoreTotalItems: boolean; startCursor?: string; endCursor?: string };
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 10_000;

/**
 * How one filter field is read from an item: its name in the item when it has the same name,
 * or a function (for fields such as `candidateGroup` that test an array).
 */
export type FieldReader<T> = string | ((item: T) => unknown);

export function search<T extends object>(
  items: T[],
  query: SearchQuery,
  fields: Record<string, FieldReader<T>>,
): SearchResult<T> {
  const filter = query.filter ?? {};
  for (const name of Object.keys(filter)) {
    if (!(name in fields)) {
      throw new BadRequestException(
        `Filter field '${name}' is not supported by this server; supported: ${Object.keys(fields).join(', ')}`,
      );
    }
  }
  const matching = items.filter((item) =>
    Object.entries(filter).every(([name, condition]) => {
      if (condition === undefined || condition === null) return true;
      const reader = fields[name];
      const value = typeof reader === 'string' ? (item as Record<string, unknown>)[reader] : reader(item);
      return Array.isArray(value) ? value.some((v) => matches(name, v, condition)) : matches(name, value, condition);
    }),
  );
  return paginate(sortItems(matching, query.sort ?? []), query.page ?? {});
}

function matches(name: string, actual: unknown, condition: unknown): boolean {
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) return same(actual, condition);
  return Object.entries(condition as Record<string, unknown>).every(([operator, operand]) => {
    switch (operator) {
      case '$eq':
        return same(actual, operand);
      case '$neq':
        return !same(actual, operand);
      case '$exists':
        return (actual !== undefined && actual !== null) === operand;
      case '$in':
        return asArray(name, operator, operand).some((o) => same(actual, o));
      case '$notIn':
        return !asArray(name, operator, operand).some((o) => same(actual, o));
      case '$like':
        return typeof actual === 'string' && likePattern(String(operand)).test(actual);
      case '$gt':
        return compare(actual, operand) > 0;
      case '$gte':
        return compare(actual, operand) >= 0;
      case '$lt':
        return compare(actual, operand) < 0;
      case '$lte':
        return compare(actual, operand) <= 0;
      default:
        throw new BadRequestException(`Filter operator '${operator}' on '${name}' is not supported`);
    }
  });
}

/** Keys travel as strings, numbers may come as either: compare their text. */
function same(actual: unknown, expected: unknown): boolean {
  if (actual === undefined || actual === null) return false;
  return text(actual) === text(expected);
}

/** A filter value as text; lists and objects as their JSON. */
function text(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value);
    default:
      return JSON.stringify(value) ?? '';
  }
}

function asArray(name: string, operator: string, operand: unknown): unknown[] {
  if (!Array.isArray(operand)) throw new BadRequestException(`Filter ${operator} on '${name}' needs an array`);
  return operand;
}

/** Dates compare as instants, numbers as numbers, anything else as text. */
function compare(actual: unknown, operand: unknown): number {
  if (actual === undefined || actual === null) return Number.NaN;
  if (typeof actual === 'number') return actual - Number(operand);
  const a = Date.parse(text(actual));
  const b = Date.parse(text(operand));
  if (!Number.isNaN(a) && !Number.isNaN(b)) return a - b;
  return text(actual).localeCompare(text(operand));
}

/** Camunda's $like: `*` any run of characters, `?` one character, `\` escapes. */
function likePattern(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]);
    else if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`, 's');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function sortItems<T extends object>(items: T[], sort: NonNullable<SearchQuery['sort']>): T[] {
  if (sort.length === 0) return items;
  return [...items].sort((a, b) => {
    for (const { field, order } of sort) {
      const x = (a as Record<string, unknown>)[field];
      const y = (b as Record<string, unknown>)[field];
      const c = orderOf(x, y);
      if (c !== 0) return order?.toUpperCase() === 'DESC' ? -c : c;
    }
    return 0;
  });
}

/** Absent values sort last; numeric strings (keys) sort by value. */
function orderOf(x: unknown, y: unknown): number {
  if (x === y) return 0;
  if (x === undefined || x === null) return 1;
  if (y === undefined || y === null) return -1;
  if (typeof x === 'string' && typeof y === 'string' && /^-?\d+$/.test(x) && /^-?\d+$/.test(y)) {
    const d = BigInt(x) - BigInt(y);
    return d === 0n ? 0 : d > 0n ? 1 : -1;
  }
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return text(x).localeCompare(text(y));
}

/** Offset or cursor pages; a cursor is the position of an item in the sorted result. */
function paginate<T>(items: T[], page: NonNullable<SearchQuery['page']>): SearchResult<T> {
  const limit = page.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_LIMIT) {
    throw new BadRequestException(`page.limit must be an integer between 0 and ${MAX_LIMIT}`);
  }
  let start: number;
  if (page.after !== undefined) start = decodeCursor(page.after) + 1;
  else if (page.before !== undefined) start = Math.max(0, decodeCursor(page.before) - limit);
  else start = page.from ?? 0;
  const end = page.before !== undefined ? Math.min(decodeCursor(page.before), start + limit) : start + limit;
  const slice = items.slice(start, end);
  return {
    items: slice,
    page: {
      totalItems: items.length,
      hasMoreTotalItems: false,
      ...(slice.length > 0 ? { startCursor: encodeCursor(start), endCursor: encodeCursor(start + slice.length - 1) } : {}),
    },
  };
}

function encodeCursor(position: number): string {
  return Buffer.from(JSON.stringify({ position })).toString('base64');
}

function decodeCursor(cursor: string): number {
  try {
    const { position } = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { position: unknown };
    if (typeof position === 'number' && Number.isInteger(position) && position >= 0) return position;
  } catch {
    // reported below
  }
  throw new BadRequestException(`'${cursor}' is not a cursor this server issued`);
}

/** The value a filter field asks equality with (plain or `$eq`), if that is what it asks. */
export function equalTo(condition: unknown): string | undefined {
  if (typeof condition === 'string') return condition;
  if (typeof condition === 'object' && condition !== null && typeof (condition as { $eq?: unknown }).$eq === 'string') {
    return (condition as { $eq: string }).$eq;
  }
  return undefined;
}
