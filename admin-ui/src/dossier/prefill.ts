import type { FormSchema } from '../api/dossiers.js';

/** What the account knows about its owner that an application form may ask again. */
export interface AccountFacts {
  name?: string;
  idNumber?: string;
}

interface Component {
  key?: string;
  properties?: Record<string, unknown>;
  components?: Component[];
}

/**
 * Initial values from the signed-in account, for the fields the form marks with the custom
 * property `prefill` (`account.name`, `account.idNumber`), set in the form designer: each form
 * names its applicant fields its own way, so the form says which ones they are.
 */
export function prefillFromAccount(schema: FormSchema, account: AccountFacts): Record<string, string> {
  const sources: Record<string, string | undefined> = { 'account.name': account.name, 'account.idNumber': account.idNumber };
  const values: Record<string, string> = {};
  const walk = (components: readonly Component[] | undefined) => {
    for (const component of components ?? []) {
      const source = component.properties?.prefill;
      const value = typeof source === 'string' ? sources[source] : undefined;
      if (component.key && value) values[component.key] = value;
      walk(component.components);
    }
  };
  walk((schema as { components?: Component[] }).components);
  return values;
}
