import { customType } from 'drizzle-orm/pg-core';

/**
 * A jsonb column that may hold any JSON value, a bare string included. Both drivers (PGlite and
 * node-postgres) already parse jsonb; drizzle's own jsonb type parses strings once more, so a
 * stored "125" came back as the number 125 and "true" as a boolean.
 */
export const jsonValue = customType<{ data: unknown; driverData: unknown }>({
  dataType: () => 'jsonb',
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => value,
});
