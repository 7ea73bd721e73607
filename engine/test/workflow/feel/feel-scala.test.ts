import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dataFile, loadCases, runCase } from './feel-scala-conformance.js';

/**
 * Runs the test cases of Camunda's FEEL engine (feel-scala, see NOTICE) through our FEEL entry point.
 * Every disagreement must be listed with its reason in feel-scala-known-differences.json, and every
 * listed case must still disagree: the list stays exact, so a regression and a fix both show here.
 */
const { cases } = loadCases();
const known: Record<string, string> = JSON.parse(readFileSync(dataFile('feel-scala-known-differences.json'), 'utf8'));
const results = cases.map(runCase);
const disagreeing = results.filter((r) => !r.agrees);

test('feel-scala cases: ids are unique and every case names its origin', () => {
  assert.equal(new Set(cases.map((c) => c.id)).size, cases.length);
  for (const c of cases) assert.ok(c.source && c.test && c.expression, `case ${c.id} is incomplete`);
});

test('feel-scala cases: at least 97 % agree', () => {
  const ratio = (cases.length - disagreeing.length) / cases.length;
  assert.ok(cases.length >= 500, `only ${cases.length} cases`);
  assert.ok(ratio >= 0.97, `agreement ${(ratio * 100).toFixed(2)} % (${disagreeing.length} of ${cases.length} differ)`);
});

test('feel-scala cases: every difference is a known one, with a reason', () => {
  const unknown = disagreeing
    .filter((r) => !known[r.case.id])
    .map((r) => `${r.case.id} ${r.case.expression} => ${r.actual} (expected ${r.case.outcome} ${JSON.stringify(r.case.expected ?? r.case.failure ?? r.case.pattern ?? null)})`);
  assert.deepEqual(unknown, [], `new differences from feel-scala:\n${unknown.join('\n')}`);
});

test('feel-scala cases: every known difference still differs (the list stays exact)', () => {
  const ids = new Set(cases.map((c) => c.id));
  const disagreeingIds = new Set(disagreeing.map((r) => r.case.id));
  const stale = Object.keys(known).filter((id) => !ids.has(id) || !disagreeingIds.has(id));
  assert.deepEqual(stale, [], `listed as known differences but agree now (or no longer exist): ${stale.join(', ')}`);
  for (const [id, reason] of Object.entries(known)) assert.ok(reason.trim().length > 0, `${id} has no reason`);
});
