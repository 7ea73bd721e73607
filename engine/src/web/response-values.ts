/** Timestamps as response DTOs carry them: ISO 8601 strings, as JSON would print the Date anyway. */
export function iso(value: Date): string {
  return value.toISOString();
}

export function isoOrNull(value: Date | null | undefined): string | null {
  return value ? value.toISOString() : null;
}
