import { createRequire } from 'node:module';
import type { ModdleNode, ParsedModel } from '../bpmn-model.js';
import type { LintIssue } from './lint-report.js';

const require = createRequire(import.meta.url);
type Linter = new (options: object) => { lint(root: ModdleNode): Promise<LintResults> };
type NodeResolver = new (options: object) => object;

type LintResults = Record<string, { id?: string; message: string; category: 'error' | 'warn' | 'info' | 'rule-error' }[]>;

/** The Camunda 8 minor the platform targets (the @camunda8/sdk line it ships with). */
export const CAMUNDA_VERSION = '8.8';

const config = { extends: ['bpmnlint:recommended', `plugin:camunda-compat/camunda-cloud-${CAMUNDA_VERSION.replace('.', '-')}`] };

/** bpmnlint's recommended rules and Camunda's compatibility rules for the targeted Camunda version. */
export async function runBpmnlint(model: ParsedModel): Promise<LintIssue[]> {
  const names = new Map<string, string | undefined>();
  for (const process of model.processes) for (const e of process.elements) names.set(e.id, e.name);
  for (const p of model.processes) names.set(p.id, p.name);
  // A linter caches rule instances and some rules keep state between runs: one linter per model.
  // Loaded with the first lint (a publish), not at start.
  const { Linter } = require('bpmnlint') as { Linter: Linter };
  const NodeResolver = require('bpmnlint/lib/resolver/node-resolver') as NodeResolver;
  const results = await new Linter({ config, resolver: new NodeResolver({ require }) }).lint(model.definitions);
  const issues: LintIssue[] = [];
  for (const [rule, reports] of Object.entries(results)) {
    for (const report of reports) {
      if (report.category === 'info') continue;
      const issue: LintIssue = {
        severity: report.category === 'warn' ? 'warning' : 'error',
        rule: rule.includes('/') ? rule : `bpmnlint/${rule}`,
        file: model.file,
        message: report.message,
      };
      if (report.id) {
        issue.elementId = report.id;
        const name = names.get(report.id);
        if (name) issue.elementName = name;
      }
      issues.push(issue);
    }
  }
  return issues;
}
