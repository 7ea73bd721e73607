/**
 * PostgreSQL's data exceptions (SQLSTATE class 22: a date out of its range such as year 0000, a
 * number out of range, bad encoding) come from values a request carried, not from a fault of the
 * platform: callers answer them with 400. drizzle wraps the driver's error as `cause`.
 */
export function databaseInputError(exception: unknown): string | undefined {
  for (let error = exception, hops = 0; error && typeof error === 'object' && hops < 5; error = (error as { cause?: unknown }).cause, hops++) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return `A value of the request cannot be stored or compared: ${String(message)}`;
  }
  return undefined;
}
