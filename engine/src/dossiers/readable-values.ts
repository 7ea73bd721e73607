import { groupThousands, shortDateTime } from '../documents/vietnamese-format.js';
import type { FormComponent, FormSchema } from './form-validation.js';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CHOICE_TYPES = new Set(['radio', 'select', 'checklist', 'taglist']);

/** Option labels by field key, then by option value, gathered from forms. */
export type OptionLabels = Map<string, Map<string, string>>;

/** The labels of every choice field (radio, select, checklist, taglist) of the given forms. */
export function optionLabels(forms: Iterable<FormSchema>): OptionLabels {
  const labels: OptionLabels = new Map();
  const visit = (components: readonly FormComponent[] | undefined) => {
    for (const c of components ?? []) {
      if (c.key && CHOICE_TYPES.has(c.type) && c.values?.length) {
        const byValue = labels.get(c.key) ?? new Map<string, string>();
        for (const option of c.values) if (!byValue.has(option.value)) byValue.set(option.value, option.label);
        labels.set(c.key, byValue);
      }
      visit(c.components);
    }
  };
  for (const form of forms) visit(form.components);
  return labels;
}

export interface ReadingRules {
  labels: OptionLabels;
  /** Variables that hold an amount of money in đồng (a fee task's `amountVariable`). */
  amounts: ReadonlySet<string>;
  utcOffsetMinutes: number;
}

/**
 * A variable as an officer reads it: a coded choice by its label, an instant as local
 * "dd/MM/yyyy HH:mm", a day as "dd/MM/yyyy", an amount as "150.000 đ". Objects and lists are read
 * member by member (an application's fields by the application form's labels).
 */
export function readable(key: string, value: unknown, rules: ReadingRules): unknown {
  if (typeof value === 'string') {
    const label = rules.labels.get(key)?.get(value);
    if (label !== undefined) return label;
    if (INSTANT.test(value)) return shortDateTime(value, rules.utcOffsetMinutes);
    if (DAY.test(value)) return value.split('-').reverse().join('/');
    return value;
  }
  if (typeof value === 'number' && rules.amounts.has(key)) return `${groupThousands(value)} đ`;
  if (Array.isArray(value)) {
    const items = value.map((item) => readable(key, item, rules));
    // A checklist's choices read as one line, as the officer would write them.
    return rules.labels.has(key) && items.every((item) => typeof item === 'string') ? items.join('; ') : items;
  }
  if (value && typeof value === 'object') return readableAll(value as Record<string, unknown>, rules);
  return value;
}

export function readableAll(values: Record<string, unknown>, rules: ReadingRules): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, readable(key, value, rules)]));
}
