import { ALL_STATUSES } from '@mot-cua/engine/dossiers/dossier-status.js';
import type { Page } from 'playwright-core';

/**
 * Texts the libraries the web app embeds write in English when their translation is missing. Each
 * names where it comes from (the library's source at the version in package-lock.json), so a
 * finding points at the translation to add. `exact` texts are short words that count only as a
 * whole label; the others count wherever they appear.
 */
export const ENGLISH_LIBRARY_TEXTS: readonly { text: string; source: string; exact?: boolean }[] = [
  { text: 'Field is required', source: '@bpmn-io/form-js-viewer: validation error of a required field' },
  { text: 'Select', source: '@bpmn-io/form-js-viewer: empty select display', exact: true },
  { text: 'Search', source: '@bpmn-io/form-js-viewer: searchable select and taglist placeholder', exact: true },
  { text: 'Change element', source: 'bpmn-js ContextPadProvider: replace entry title' },
  { text: 'Append task', source: 'bpmn-js ContextPadProvider: append entry title' },
  { text: 'Append end event', source: 'bpmn-js ContextPadProvider: append entry title' },
  { text: 'Append gateway', source: 'bpmn-js ContextPadProvider: append entry title' },
  { text: 'Append element', source: 'bpmn-js-create-append-anything: append menu title' },
  { text: 'Connect using', source: 'bpmn-js ContextPadProvider: connect entry title' },
  { text: 'Create element', source: 'bpmn-js-create-append-anything: palette entry title' },
  { text: 'Activate hand tool', source: 'bpmn-js PaletteProvider: hand tool title' },
  { text: 'General', source: 'bpmn-js-properties-panel: group label', exact: true },
  { text: 'Name', source: 'bpmn-js-properties-panel: name entry label', exact: true },
  { text: 'Documentation', source: 'bpmn-js-properties-panel: group label', exact: true },
  { text: 'Inputs', source: 'bpmn-js-properties-panel: Zeebe input mapping group', exact: true },
  { text: 'Outputs', source: 'bpmn-js-properties-panel: Zeebe output mapping group', exact: true },
  { text: 'Token Simulation', source: 'bpmn-js-token-simulation ToggleMode: toggle label' },
  { text: 'Play Simulation', source: 'bpmn-js-token-simulation: play button title' },
  { text: 'Reset Simulation', source: 'bpmn-js-token-simulation: reset button title' },
  { text: 'Components', source: '@bpmn-io/form-js-editor: palette header', exact: true },
  { text: 'Search components', source: '@bpmn-io/form-js-editor: palette search placeholder' },
  { text: 'Drag and drop', source: '@bpmn-io/form-js-editor: empty form hint' },
  { text: 'Hit Policy', source: 'dmn-js-decision-table: hit policy header' },
  { text: 'Add rule', source: 'dmn-js-decision-table: add rule row' },
];

/**
 * Values the API sends that the screen must show by their label: dossier statuses (the engine's
 * own list), channels, administrative levels, deadline states and the appraisal's results.
 */
export const RAW_VALUES: readonly string[] = [
  ...ALL_STATUSES,
  'online', 'counter', 'post', 'interagency',
  'province', 'district', 'commune',
  'due_soon', 'late', 'on_time', 'overdue',
  'meets', 'supplement', 'refuse',
];

/** An instant in the API's ISO 8601 form, which the screen must show as a Vietnamese date. */
export const ISO_TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * Every text a user can read on the page: visible text nodes, and the placeholders, titles and
 * accessible names of visible elements. Text that users edit (text areas, code editors, inputs'
 * values) is left out: it is theirs, not the app's.
 */
export function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(COLLECT_TEXTS) as Promise<string[]>;
}

// Runs in the page (a string: the tests compile without the DOM's types).
const COLLECT_TEXTS = `(() => {
  const skip = 'textarea, script, style, .cm-editor, [contenteditable="true"]';
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const text = node.textContent?.trim();
    if (!text || !parent || parent.closest(skip)) continue;
    if (!parent.checkVisibility({ checkVisibilityCSS: true })) continue;
    out.push(text);
  }
  for (const element of document.body.querySelectorAll('[placeholder], [title], [aria-label]')) {
    if (element.closest(skip) || !element.checkVisibility({ checkVisibilityCSS: true })) continue;
    for (const name of ['placeholder', 'title', 'aria-label']) {
      const value = element.getAttribute(name)?.trim();
      if (value) out.push(value);
    }
  }
  return out;
})()`;

/** What is wrong with the page's texts: English library strings, raw values, ISO instants. */
export function textFindings(texts: readonly string[]): string[] {
  const findings = new Set<string>();
  const raw = new Set(RAW_VALUES);
  for (const text of texts) {
    for (const english of ENGLISH_LIBRARY_TEXTS) {
      if (english.exact ? text === english.text : text.includes(english.text)) findings.add(`English "${english.text}" (${english.source})`);
    }
    if (raw.has(text)) findings.add(`raw value "${text}"`);
    const iso = ISO_TIMESTAMP.exec(text);
    if (iso) findings.add(`ISO timestamp "${text.slice(0, 80)}"`);
  }
  return [...findings];
}
