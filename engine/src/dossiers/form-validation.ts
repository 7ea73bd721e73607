import { evaluate } from 'feelin';
import { withinFeelLimits } from '../workflow/embedded/feel/limits.js';

/** The part of a form-js schema the server checks. */
export interface FormSchema {
  id: string;
  components?: FormComponent[];
}

export interface FormComponent {
  type: string;
  id?: string;
  key?: string;
  label?: string;
  values?: { label: string; value: string }[];
  /** Options read from an input variable of that name instead of `values` (form-js "input data" source). */
  valuesKey?: string;
  subtype?: string;
  validate?: { required?: boolean; pattern?: string; minLength?: number; maxLength?: number; min?: number; max?: number; validationType?: string };
  conditional?: { hide?: string };
  /** Custom properties set in the form designer, e.g. `prefill` (account.name, account.idNumber). */
  properties?: Record<string, unknown>;
  components?: FormComponent[];
}

export interface FieldProblem {
  field: string;
  message: string;
}

export interface FormCheck {
  problems: FieldProblem[];
  /** The submitted values of the form's visible fields; anything else is dropped. */
  values: Record<string, unknown>;
}

/** Components that show something but hold no value. */
const DISPLAY_ONLY = new Set(['text', 'html', 'image', 'spacer', 'separator', 'button', 'iframe', 'table', 'documentPreview']);
const TEXT_TYPES = new Set(['textfield', 'textarea', 'radio', 'select', 'datetime']);
const LIST_TYPES = new Set(['checklist', 'taglist']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ().-]{6,20}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Validates submitted data against a form-js schema the way the form itself does, so a client that
 * skips the form cannot store what the form would refuse: required fields, patterns, lengths,
 * ranges, allowed values of selects/radios/checklists, and fields hidden by their `conditional.hide`
 * FEEL expression are neither required nor kept.
 */
export function checkForm(schema: FormSchema, data: Record<string, unknown>): FormCheck {
  const problems: FieldProblem[] = [];
  const values: Record<string, unknown> = {};
  const visit = (components: FormComponent[]) => {
    for (const component of components) {
      if (isHidden(component, data)) continue;
      if (component.components) visit(component.components);
      if (DISPLAY_ONLY.has(component.type) || !component.key) continue;
      const value = data[component.key];
      const problem = checkValue(component, value, inputOptions(component, data));
      if (problem) problems.push({ field: component.key, message: `${component.label ?? component.key}: ${problem}` });
      else if (!isEmpty(value)) values[component.key] = value;
    }
  };
  visit(schema.components ?? []);
  return { problems, values };
}

/** Keys of the form's fields (visible or not). */
export function formKeys(schema: FormSchema): Set<string> {
  const keys = new Set<string>();
  const visit = (components: FormComponent[]) => {
    for (const c of components) {
      if (c.key && !DISPLAY_ONLY.has(c.type)) keys.add(c.key);
      if (c.components) visit(c.components);
    }
  };
  visit(schema.components ?? []);
  return keys;
}

function isHidden(component: FormComponent, data: Record<string, unknown>): boolean {
  const hide = component.conditional?.hide?.trim();
  if (!hide) return false;
  try {
    const source = hide.replace(/^=/, '');
    return withinFeelLimits(source, () => evaluate(source, data).value === true);
  } catch {
    // An expression the evaluator cannot read, or stopped at a limit, leaves the field visible, hence checked.
    return false;
  }
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** The options of a field whose choices come from input data (`valuesKey`), as the form was given them. */
function inputOptions(component: FormComponent, data: Record<string, unknown>): string[] | undefined {
  if (!component.valuesKey) return undefined;
  const options = data[component.valuesKey];
  return Array.isArray(options) ? options.map((o) => (o && typeof o === 'object' ? String((o as { value?: unknown }).value) : String(o))) : [];
}

function checkValue(component: FormComponent, value: unknown, fromInput?: string[]): string | undefined {
  const rules = component.validate ?? {};
  if (component.type === 'checkbox') {
    if (value !== undefined && value !== null && typeof value !== 'boolean') return 'must be true or false';
    return rules.required && value !== true ? 'is required' : undefined;
  }
  if (isEmpty(value)) return rules.required ? 'is required' : undefined;
  if (component.type === 'number') {
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number)) return 'must be a number';
    if (rules.min !== undefined && number < rules.min) return `must be at least ${rules.min}`;
    if (rules.max !== undefined && number > rules.max) return `must be at most ${rules.max}`;
    return undefined;
  }
  if (LIST_TYPES.has(component.type)) {
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return 'must be a list of values';
    const allowed = fromInput ?? component.values?.map((v) => v.value);
    const unknown = allowed ? value.filter((v) => !allowed.includes(v)) : [];
    return unknown.length > 0 ? `${unknown.map((v) => `'${v}'`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not among the choices` : undefined;
  }
  if (TEXT_TYPES.has(component.type)) {
    if (typeof value !== 'string') return 'must be text';
    const allowed = fromInput ?? component.values?.map((v) => v.value);
    if ((component.type === 'radio' || component.type === 'select') && allowed && !allowed.includes(value)) {
      return `'${value}' is not one of ${allowed.join(', ')}`;
    }
    if (component.type === 'datetime' && component.subtype === 'date' && (!ISO_DATE.test(value) || Number.isNaN(Date.parse(value)))) {
      return 'must be a date (YYYY-MM-DD)';
    }
    if (rules.minLength !== undefined && value.length < rules.minLength) return `must have at least ${rules.minLength} characters`;
    if (rules.maxLength !== undefined && value.length > rules.maxLength) return `must have at most ${rules.maxLength} characters`;
    if (rules.pattern && !new RegExp(rules.pattern, 'u').test(value)) return `does not match the expected format ${rules.pattern}`;
    if (rules.validationType === 'email' && !EMAIL.test(value)) return 'must be an e-mail address';
    if (rules.validationType === 'phone' && !PHONE.test(value)) return 'must be a phone number';
  }
  return undefined;
}
