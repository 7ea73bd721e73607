import { isDeepStrictEqual } from 'node:util';
import { formFiles, modelFiles, type ProcedureBundle } from './bundle.js';
import { ModelParseError, parseModel, type ModelElement } from './bpmn-model.js';
import { checkForm } from './lint/form-rules.js';

export interface PropertyChange {
  property: string;
  before: unknown;
  after: unknown;
}

export interface ElementChange {
  change: 'added' | 'removed' | 'changed';
  processId: string;
  id: string;
  type: string;
  name?: string;
  changes?: PropertyChange[];
}

export interface FormFieldChange {
  change: 'added' | 'removed' | 'changed';
  form: string;
  key: string;
  type: string;
  /** The field's label (of the newer bundle when both have it). */
  label?: string;
  changes?: PropertyChange[];
}

export interface BundleDiff {
  catalogue: PropertyChange[];
  elements: ElementChange[];
  formFields: FormFieldChange[];
  /** Names of the elements the changes reference by id (a flow's source and target, a boundary event's host), from either bundle. */
  elementNames: Record<string, string>;
  /** Files added, removed or changed (models and forms are detailed above, templates only here). */
  files: { path: string; change: 'added' | 'removed' | 'changed' }[];
}

/** Properties of an element compared by the diff: what an analyst changes in the Modeler's panels. */
const ELEMENT_PROPERTIES: (keyof ModelElement)[] = [
  'type', 'name', 'source', 'target', 'condition', 'attachedTo', 'eventDefinition', 'timer', 'message', 'taskType', 'retries',
  'headers', 'zeebeUserTask', 'formId', 'otherForm', 'candidateGroups', 'candidateUsers', 'assignee', 'inputs', 'outputs',
  'multiInstance', 'calledProcessId', 'resultVariable',
];

/** What changed between two bundles: catalogue fields, BPMN elements by id, form fields by key, files. */
export async function diffBundles(before: ProcedureBundle, after: ProcedureBundle): Promise<BundleDiff> {
  const [old, current] = [await elementsOf(before), await elementsOf(after)];
  const elements = diffElements(old, current);
  return {
    catalogue: diffValues('', before.catalogue, after.catalogue),
    elements,
    formFields: diffForms(before, after),
    elementNames: referencedNames(elements, [old, current]),
    files: diffFiles(before.files, after.files),
  };
}

/** Properties whose value is another element's id. */
const REFERENCES = new Set(['source', 'target', 'attachedTo']);

function referencedNames(changes: ElementChange[], bundles: Map<string, ModelElement>[]): Record<string, string> {
  const ids = new Set(changes.flatMap((e) => (e.changes ?? []).filter((c) => REFERENCES.has(c.property)).flatMap((c) => [c.before, c.after])).filter((v): v is string => typeof v === 'string'));
  const names: Record<string, string> = {};
  for (const elements of bundles) for (const e of elements.values()) if (ids.has(e.id) && e.name) names[e.id] = e.name;
  return names;
}

function diffValues(path: string, before: unknown, after: unknown): PropertyChange[] {
  if (isDeepStrictEqual(before, after)) return [];
  const plain = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (plain(before) && plain(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diffValues(path ? `${path}.${k}` : k, before[k], after[k]));
  }
  return [{ property: path, before: before ?? null, after: after ?? null }];
}

async function elementsOf(bundle: ProcedureBundle): Promise<Map<string, ModelElement>> {
  const elements = new Map<string, ModelElement>();
  for (const [file, xml] of modelFiles(bundle)) {
    try {
      const model = await parseModel(file, xml);
      for (const process of model.processes) for (const e of process.elements) elements.set(`${process.id}#${e.id}`, e);
    } catch (error) {
      if (!(error instanceof ModelParseError)) throw error;
    }
  }
  return elements;
}

function diffElements(before: Map<string, ModelElement>, after: Map<string, ModelElement>): ElementChange[] {
  const changes: ElementChange[] = [];
  const head = (change: ElementChange['change'], e: ModelElement): ElementChange => ({
    change, processId: e.processId, id: e.id, type: e.type, ...(e.name ? { name: e.name } : {}),
  });
  for (const [key, old] of before) {
    const current = after.get(key);
    if (!current) {
      changes.push(head('removed', old));
      continue;
    }
    const properties = ELEMENT_PROPERTIES.flatMap((p) => diffValues(p, old[p], current[p]));
    if (properties.length > 0) changes.push({ ...head('changed', current), changes: properties });
  }
  for (const [key, current] of after) if (!before.has(key)) changes.push(head('added', current));
  return changes.sort((a, b) => a.processId.localeCompare(b.processId) || a.id.localeCompare(b.id));
}

function diffForms(before: ProcedureBundle, after: ProcedureBundle): FormFieldChange[] {
  const fields = (bundle: ProcedureBundle) => {
    const map = new Map<string, { form: string; key: string; type: string; label?: string; definition: Record<string, unknown> }>();
    for (const [file, text] of formFiles(bundle)) {
      const form = checkForm(file, text);
      const name = form.id ?? file;
      for (const field of form.fields) {
        map.set(`${name}#${field.key}`, { form: name, key: field.key, type: field.type, ...(field.label ? { label: field.label } : {}), definition: field.definition });
      }
    }
    return map;
  };
  const old = fields(before);
  const current = fields(after);
  const changes: FormFieldChange[] = [];
  const label = (f: { label?: string }) => (f.label ? { label: f.label } : {});
  for (const [key, field] of old) {
    const now = current.get(key);
    if (!now) changes.push({ change: 'removed', form: field.form, key: field.key, type: field.type, ...label(field) });
    else {
      const properties = diffValues('', field.definition, now.definition);
      if (properties.length > 0) changes.push({ change: 'changed', form: now.form, key: now.key, type: now.type, ...label(now), changes: properties });
    }
  }
  for (const [key, field] of current) if (!old.has(key)) changes.push({ change: 'added', form: field.form, key: field.key, type: field.type, ...label(field) });
  return changes.sort((a, b) => a.form.localeCompare(b.form) || a.key.localeCompare(b.key));
}

function diffFiles(before: Record<string, string>, after: Record<string, string>): BundleDiff['files'] {
  const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return paths.flatMap((path): BundleDiff['files'] => {
    if (!(path in after)) return [{ path, change: 'removed' }];
    if (!(path in before)) return [{ path, change: 'added' }];
    return before[path] === after[path] ? [] : [{ path, change: 'changed' }];
  });
}
