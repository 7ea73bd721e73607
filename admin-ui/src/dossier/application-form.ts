import { publicProceduresApi, type FormSchema } from '../api/dossiers.js';

/**
 * The shipped procedures' forms, bundled at build time. Interim: the API does not yet publish a
 * version's application form to applicants, so when it answers 404 the form of the shipped
 * procedure with the catalogue's `applicationForm` id is used. The server still validates the
 * submission against the published version and names any field it refuses.
 */
const SHIPPED_FORMS = Object.values(import.meta.glob<string>('../../../forms/*/*.form', { eager: true, query: '?raw', import: 'default' })).map(
  (text) => JSON.parse(text) as FormSchema,
);

export async function applicationForm(slug: string, formId: string): Promise<FormSchema | null> {
  const published = await publicProceduresApi.applicationForm(slug);
  return published ?? SHIPPED_FORMS.find((form) => form.id === formId) ?? null;
}
