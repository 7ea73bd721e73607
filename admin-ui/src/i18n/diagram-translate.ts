/**
 * A diagram-js `translate` service over a dictionary: bpmn-js, dmn-js and their extensions look up
 * every label through this one service, keyed by the English text. Texts built from values (lint
 * messages) go to `fallback`. A text neither knows stays in English, as the app does elsewhere.
 */
export function translateModule(
  dictionary: Readonly<Record<string, string>> | undefined,
  fallback?: (text: string) => string | undefined,
): object {
  const translate = (template: string, replacements: Record<string, string> = {}) =>
    (dictionary?.[template] ?? (dictionary ? fallback?.(template) : undefined) ?? template).replace(/{([^}]+)}/g, (whole, key: string) => replacements[key] ?? whole);
  return { translate: ['value', translate] };
}
