import type { LintIssue } from './lint-report.js';

/** form-js component types that bind a value to a key. */
const INPUT_TYPES = new Set(['textfield', 'textarea', 'number', 'datetime', 'select', 'radio', 'checkbox', 'checklist', 'taglist', 'filepicker', 'expression']);
/** Components that show something or group others. */
const OTHER_TYPES = new Set(['text', 'html', 'image', 'button', 'separator', 'spacer', 'iframe', 'table', 'documentPreview', 'group', 'dynamiclist']);

type Component = { type?: unknown; key?: unknown; path?: unknown; id?: unknown; label?: unknown; components?: unknown; [k: string]: unknown };

/** One form field as diff and the variable check see it. */
export interface FormField {
  /** Data path: enclosing group/list paths and the key, joined by dots. */
  key: string;
  type: string;
  label?: string;
  definition: Record<string, unknown>;
}

export interface CheckedForm {
  file: string;
  id?: string;
  fields: FormField[];
  issues: LintIssue[];
}

/** Checks a form-js schema (shape, known component types, unique keys) and lists its fields. */
export function checkForm(file: string, text: string): CheckedForm {
  const issues: LintIssue[] = [];
  const error = (message: string, elementId?: string) =>
    issues.push({ severity: 'error', rule: 'platform/form-schema', file, message, ...(elementId ? { elementId } : {}) });
  let schema: Component;
  try {
    schema = JSON.parse(text) as Component;
  } catch (e) {
    error(`not valid JSON: ${(e as Error).message}`);
    return { file, fields: [], issues };
  }
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    error('a form-js schema is a JSON object');
    return { file, fields: [], issues };
  }
  const id = typeof schema.id === 'string' && schema.id !== '' ? schema.id : undefined;
  if (!id) error('the form has no "id"; user tasks reference forms by it (zeebe:formDefinition formId)');
  if (schema.type !== 'default') error(`the root "type" must be "default", found ${JSON.stringify(schema.type)}`);
  if (!Array.isArray(schema.components)) error('the form has no "components" array');
  const fields: FormField[] = [];
  const seen = new Map<string, string>();
  const walk = (components: unknown, prefix: string, where: string) => {
    if (!Array.isArray(components)) return;
    components.forEach((raw, index) => {
      const component = raw as Component;
      const at = `${where}components[${index}]`;
      const componentId = typeof component?.id === 'string' ? component.id : undefined;
      const name = componentId ? `component '${componentId}'` : at;
      if (component === null || typeof component !== 'object' || typeof component.type !== 'string') {
        error(`${at} has no "type"`, componentId);
        return;
      }
      const type = component.type;
      if (!INPUT_TYPES.has(type) && !OTHER_TYPES.has(type)) error(`${name} has the unknown component type '${type}'`, componentId);
      if (INPUT_TYPES.has(type)) {
        if (typeof component.key !== 'string' || component.key.trim() === '') {
          error(`${name} (${type}) has no "key": its value would not reach the process`, componentId);
        } else {
          const key = `${prefix}${component.key}`;
          const previous = seen.get(key);
          if (previous) error(`the key '${key}' is used by both ${previous} and ${name}; keys must be unique`, componentId);
          else seen.set(key, name);
          const { components: _nested, ...definition } = component;
          fields.push({ key, type, ...(typeof component.label === 'string' ? { label: component.label } : {}), definition });
        }
      }
      if (type === 'group' || type === 'dynamiclist') {
        const path = typeof component.path === 'string' && component.path !== '' ? `${prefix}${component.path}.` : prefix;
        if (type === 'dynamiclist' && path === prefix) error(`${name} (dynamiclist) has no "path"`, componentId);
        walk(component.components, path, `${at}.`);
      }
    });
  };
  walk(schema.components, '', '');
  return { file, ...(id ? { id } : {}), fields, issues };
}
