import type { ProcedureCatalogue } from '../procedures/bundle.js';
import type { Variables } from '../workflow/workflow-engine.port.js';
import { formKeys, type FormSchema } from './form-validation.js';
import type { VersionModel } from './procedure-versions.js';
import { optionLabels, readableAll } from './readable-values.js';

/**
 * The input variable a step form's checklist names (`valuesKey`) to offer the procedure's required
 * documents, so the officer names the missing ones from the catalogue.
 */
export const REQUIRED_DOCUMENT_CHOICES = 'requiredDocumentChoices';

/** Field keys of a supplement request (docs/procedure-bundles.md): the documents named, and others in free text, one a line. */
export const MISSING_ITEM_FIELDS = { chosen: 'missingItems', other: 'otherMissingItems' } as const;

export function requiredDocumentChoices(catalogue: ProcedureCatalogue): { label: string; value: string }[] {
  return catalogue.requiredDocuments.map((d) => ({ label: `${d.name} (${d.mandatory ? 'bắt buộc' : 'không bắt buộc'})`, value: d.name }));
}

/**
 * What a step's form starts with. Its own fields start empty: a step met again (reception after a
 * supplement, appraisal after a leader's return) must not offer the previous pass's decision and
 * reasons, which the completion left in the process's variables. Everything else is context the
 * form displays, so it is given as people read it: choices by their label, dates in local time,
 * amounts in đồng.
 */
export function taskFormData(model: VersionModel, form: FormSchema, variables: Variables, utcOffsetMinutes: number): Record<string, unknown> {
  const own = formKeys(form);
  const context = Object.fromEntries(Object.entries(variables).filter(([key]) => !own.has(key)));
  const amounts = new Set<string>();
  for (const element of model.elements.values()) {
    if (element.taskType === 'motcua.fee' && element.headers.amountVariable) amounts.add(element.headers.amountVariable);
  }
  return {
    ...readableAll(context, { labels: optionLabels(model.forms.values()), amounts, utcOffsetMinutes }),
    [REQUIRED_DOCUMENT_CHOICES]: requiredDocumentChoices(model.catalogue),
  };
}

/** The missing items a completed supplement request names: chosen documents, then the free-text ones. */
export function namedMissingItems(values: Record<string, unknown>, requested: readonly string[] = []): string[] {
  const chosen = values[MISSING_ITEM_FIELDS.chosen];
  const other = values[MISSING_ITEM_FIELDS.other];
  const items = [
    ...requested,
    ...(Array.isArray(chosen) ? chosen.filter((v): v is string => typeof v === 'string') : []),
    ...(typeof other === 'string' ? other.split('\n') : []),
  ];
  return [...new Set(items.map((item) => item.trim()).filter(Boolean))];
}
