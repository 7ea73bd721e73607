import type { Catalogue } from '../api/procedures.js';
import { CATALOGUE_FILE, serialiseCatalogue } from './bundle-files.js';

export const DECISIONS_FOLDER = 'decisions/';

/** The file-name rule of bundle.schema.json's `decisions` items. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*\.dmn$/;

/** A name typed by the analyst as a file name: `.dmn` added when missing; undefined when not allowed. */
export function decisionFileName(typed: string): string | undefined {
  const name = typed.trim().replace(/(\.dmn)?$/i, '.dmn');
  return FILE_NAME.test(name) ? name : undefined;
}

/** A decision id from a file name: an XML name, since business rule tasks reference it (zeebe:calledDecision). */
function decisionId(fileName: string): string {
  const base = fileName.replace(/\.dmn$/, '').replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z_]/.test(base) ? base : `Decision_${base}`;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/**
 * A new decision table as Camunda Modeler starts one for Camunda 8: one decision, one input, one
 * output, no rules yet, and its shape in the DRD.
 */
export function newDecisionTable(fileName: string, name: string): string {
  const id = decisionId(fileName);
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_${id}" name="${escapeXml(name)}" namespace="http://camunda.org/schema/1.0/dmn" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <decision id="${id}" name="${escapeXml(name)}">
    <decisionTable id="DecisionTable_${id}">
      <input id="Input_1">
        <inputExpression id="InputExpression_1" typeRef="string">
          <text></text>
        </inputExpression>
      </input>
      <output id="Output_1" typeRef="string" />
    </decisionTable>
  </decision>
  <dmndi:DMNDI>
    <dmndi:DMNDiagram id="DMNDiagram_${id}">
      <dmndi:DMNShape id="DMNShape_${id}" dmnElementRef="${id}">
        <dc:Bounds height="80" width="180" x="160" y="100" />
      </dmndi:DMNShape>
    </dmndi:DMNDiagram>
  </dmndi:DMNDI>
</definitions>
`;
}

type Files = Record<string, string>;

/** procedure.json lists every decision file: the server refuses a file it does not list. */
function withList(files: Files, catalogue: Catalogue, decisions: string[]): Files {
  const next: Catalogue = { ...catalogue, decisions: [...decisions].sort() };
  if (!decisions.length) delete next.decisions;
  return { ...files, [CATALOGUE_FILE]: serialiseCatalogue(next) };
}

const listOf = (catalogue: Catalogue) => catalogue.decisions ?? [];

export function addDecision(files: Files, catalogue: Catalogue, fileName: string, content: string): Files {
  return { ...withList(files, catalogue, [...listOf(catalogue), fileName]), [`${DECISIONS_FOLDER}${fileName}`]: content };
}

export function renameDecision(files: Files, catalogue: Catalogue, from: string, to: string): Files {
  const next = withList(files, catalogue, listOf(catalogue).map((name) => (name === from ? to : name)));
  next[`${DECISIONS_FOLDER}${to}`] = next[`${DECISIONS_FOLDER}${from}`]!;
  delete next[`${DECISIONS_FOLDER}${from}`];
  return next;
}

export function deleteDecision(files: Files, catalogue: Catalogue, fileName: string): Files {
  const next = withList(files, catalogue, listOf(catalogue).filter((name) => name !== fileName));
  delete next[`${DECISIONS_FOLDER}${fileName}`];
  return next;
}

/** The decisions a business rule task can call: id and name of every decision of the bundle's DMN files. */
export function decisionsOf(files: Files): { id: string; name: string; file: string }[] {
  const found: { id: string; name: string; file: string }[] = [];
  for (const [path, xml] of Object.entries(files)) {
    if (!path.startsWith(DECISIONS_FOLDER)) continue;
    const document = new DOMParser().parseFromString(xml, 'application/xml');
    for (const decision of Array.from(document.getElementsByTagNameNS('*', 'decision'))) {
      const id = decision.getAttribute('id');
      if (id) found.push({ id, name: decision.getAttribute('name') ?? id, file: path });
    }
  }
  return found;
}
