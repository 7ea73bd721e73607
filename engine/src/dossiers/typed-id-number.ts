import type { FormComponent, FormSchema } from './form-validation.js';

/** The designer property that marks the applicant's own identity number field on an application form. */
const ID_NUMBER_PREFILL = 'account.idNumber';

/**
 * The applicant's identity number as typed on the application form: the value of the field the
 * form marks with `"properties": {"prefill": "account.idNumber"}`. Each form names that field its
 * own way (nguoiYeuCauSoDinhDanh, chuHoSoDinhDanh, soDinhDanh…), so the form says which one it is;
 * other identity numbers on the form (a parent's, a spouse's) are not the applicant's.
 */
export function typedIdNumber(form: FormSchema | undefined, application: unknown): string | undefined {
  if (!form || typeof application !== 'object' || application === null) return undefined;
  const values = application as Record<string, unknown>;
  for (const key of idNumberKeys(form.components ?? [])) {
    const value = values[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

function idNumberKeys(components: readonly FormComponent[]): string[] {
  return components.flatMap((c) => [...(c.key && c.properties?.prefill === ID_NUMBER_PREFILL ? [c.key] : []), ...idNumberKeys(c.components ?? [])]);
}
