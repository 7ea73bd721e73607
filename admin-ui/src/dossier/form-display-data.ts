import type { FormSchema } from '../api/dossiers.js';
import { formatDateTime } from './format.js';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * A step's process variables as its form shows them: an instant (dueDate, say) that a form's text
 * writes out appears as an office-local date and time, not as ISO 8601. Variables a field of the
 * form edits keep their value, so what the officer submits is unchanged.
 */
export function formDisplayData(schema: FormSchema, variables: Record<string, unknown>, locale: string): Record<string, unknown> {
  const edited = fieldKeys(schema.components ?? []);
  return Object.fromEntries(
    Object.entries(variables).map(([name, value]) =>
      typeof value === 'string' && INSTANT.test(value) && !edited.has(name) && !Number.isNaN(Date.parse(value)) ? [name, formatDateTime(locale, value)] : [name, value],
    ),
  );
}

function fieldKeys(components: unknown[], keys = new Set<string>()): Set<string> {
  for (const component of components as { key?: unknown; path?: unknown; components?: unknown[] }[]) {
    if (typeof component.key === 'string') keys.add(component.key.split('.')[0]);
    if (typeof component.path === 'string') keys.add(component.path.split('.')[0]);
    if (Array.isArray(component.components)) fieldKeys(component.components, keys);
  }
  return keys;
}
