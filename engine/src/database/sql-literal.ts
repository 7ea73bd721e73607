import pg from 'pg';

/**
 * A value written into a statement's text as a SQL literal, for statements sent without
 * parameters (several statements in one message, or hot statements built without the ORM).
 * Strings go through the driver's escaping, which holds whatever standard_conforming_strings says.
 */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`Cannot write ${value} into a statement`);
    return value < 0 ? `(${value})` : String(value);
  }
  if (typeof value === 'bigint') return value < 0n ? `(${value})` : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return pg.escapeLiteral(value);
  if (value instanceof Date) return pg.escapeLiteral(value.toISOString());
  throw new TypeError(`Cannot write a parameter of type ${typeof value} into a statement`);
}
