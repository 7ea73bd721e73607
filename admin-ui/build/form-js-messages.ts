import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/**
 * form-js 1.x has no translation API: its validation messages, the select's "Select" placeholder,
 * the search boxes and the date picker are English literals in the viewer's bundle. This build step
 * rewrites those literals into calls to `formJsText` (src/i18n/form-js.ts), which answers in the
 * page's language. Every rewrite must find its text: a form-js upgrade that changes one fails the
 * build instead of letting English back onto the citizens' forms.
 */
const TRANSLATE = '__formJsText';
const RUNTIME = fileURLToPath(new URL('../src/i18n/form-js.ts', import.meta.url)).replaceAll('\\', '/');

/** [text in form-js 1.23's dist/index.es.js, its replacement]. */
const REWRITES: ReadonlyArray<readonly [string, string]> = [
  // Validation (viewer's Validator)
  ["'Field is required.'", `${TRANSLATE}('Field is required.')`],
  ['`Field must match pattern ${validation.pattern}.`', `${TRANSLATE}('Field must match pattern {pattern}.', { pattern: validation.pattern })`],
  ['`Field must have minimum value of ${validation.min}.`', `${TRANSLATE}('Field must have minimum value of {min}.', { min: validation.min })`],
  ['`Field must have maximum value of ${validation.max}.`', `${TRANSLATE}('Field must have maximum value of {max}.', { max: validation.max })`],
  ['`Field must have minimum length of ${validation.minLength}.`', `${TRANSLATE}('Field must have minimum length of {minLength}.', { minLength: validation.minLength })`],
  ['`Field must have maximum length of ${validation.maxLength}.`', `${TRANSLATE}('Field must have maximum length of {maxLength}.', { maxLength: validation.maxLength })`],
  ["'Field must be a valid  international phone number. (e.g. +4930664040900)'", `${TRANSLATE}('Field must be a valid  international phone number. (e.g. +4930664040900)')`],
  ["'Field must be a valid email.'", `${TRANSLATE}('Field must be a valid email.')`],
  ["'Date and time must both be entered.'", `${TRANSLATE}('Date and time must both be entered.')`],
  // Widgets
  ["children: valueLabel || 'Select'", `children: valueLabel || ${TRANSLATE}('Select')`],
  ["placeholder: 'Search'", `placeholder: ${TRANSLATE}('Search')`],
  ["placeholder: disabled || readonly ? undefined : 'Search'", `placeholder: disabled || readonly ? undefined : ${TRANSLATE}('Search')`],
  ["emptyListMessage = 'No results'", `emptyListMessage = ${TRANSLATE}('No results')`],
  ["hasOptionsLeft ? 'No results' : 'All values selected'", `hasOptionsLeft ? ${TRANSLATE}('No results') : ${TRANSLATE}('All values selected')`],
  ['label: "Skip to search"', `label: ${TRANSLATE}('Skip to search')`],
  ['title: "Remove tag"', `title: ${TRANSLATE}('Remove tag')`],
  ["'Nothing to show.'", `${TRANSLATE}('Nothing to show.')`],
  ['children: "Nothing to show."', `children: ${TRANSLATE}('Nothing to show.')`],
  ['text: "No content to show."', `text: ${TRANSLATE}('No content to show.')`],
  ['"aria-label": "Previous page"', `"aria-label": ${TRANSLATE}('Previous page')`],
  ['"aria-label": "Next page"', `"aria-label": ${TRANSLATE}('Next page')`],
  ['"aria-label": "Increment"', `"aria-label": ${TRANSLATE}('Increment')`],
  ['"aria-label": "Decrement"', `"aria-label": ${TRANSLATE}('Decrement')`],
  ['children: "Browse"', `children: ${TRANSLATE}('Browse')`],
  ["return 'No files selected';", `return ${TRANSLATE}('No files selected');`],
  ['return `${files.length} files selected`;', `return ${TRANSLATE}('{count} files selected', { count: files.length });`],
  ['`Expand all (${values.length - 1})`', `${TRANSLATE}('Expand all ({count})', { count: values.length - 1 })`],
  ["'Collapse']", `${TRANSLATE}('Collapse')]`],
  ['`Remove list item ${itemIndex + 1}`', `${TRANSLATE}('Remove list item {index}', { index: itemIndex + 1 })`],
  // The bpmn.io watermark stays (its licence requires it), with a name for screen readers.
  ['title: "Powered by bpmn.io",', `title: ${TRANSLATE}('Powered by bpmn.io'), "aria-label": ${TRANSLATE}('Powered by bpmn.io'),`],
  ['children: ["Web-based tooling for BPMN, DMN, and forms powered by",', `children: [${TRANSLATE}('Web-based tooling for BPMN, DMN, and forms powered by'),`],
  // Dates: written day first (dd/MM/yyyy, as Vietnam writes them, whatever the browser's locale),
  // with the calendar in the page's language, weeks starting on Monday.
  ["function getLocaleDateFormat(locale = 'default') {", "function getLocaleDateFormat(locale = 'en-GB') {"],
  ['placeholder: getLocaleReadableDateFormat(),', `placeholder: ${TRANSLATE}('dd/mm/yyyy'),`],
  ['allowInput: true,\n      dateFormat: getLocaleDateFlatpickrConfig(),', 'allowInput: true,\n      locale: __formJsCalendar(),\n      dateFormat: getLocaleDateFlatpickrConfig(),'],
];

function rewrite(code: string): string {
  let out = code;
  for (const [from, to] of REWRITES) {
    if (!out.includes(from)) throw new Error(`form-js messages: "${from}" not found in @bpmn-io/form-js-viewer; check the rewrite list against the new version`);
    out = out.split(from).join(to);
  }
  return `import { formJsText as ${TRANSLATE}, formJsCalendar as __formJsCalendar } from '${RUNTIME}';\n${out}`;
}

const VIEWER_BUNDLE = /[\\/]@bpmn-io[\\/]form-js-viewer[\\/]dist[\\/]index\.es\.js$/;

function transform(code: string, id: string) {
  if (!VIEWER_BUNDLE.test(id.split('?')[0]!)) return undefined;
  return { code: rewrite(code), map: null };
}

/** For the build (and for modules the dev server serves unbundled). */
export function formJsMessages(): Plugin {
  return { name: 'mot-cua-form-js-messages', enforce: 'pre', transform };
}

/** The same rewrite for the dev server's pre-bundled dependencies (optimizeDeps), which plugins above do not see. */
export const formJsMessagesForDeps = { name: 'mot-cua-form-js-messages-deps', transform };
