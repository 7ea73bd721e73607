import { decisionFiles, type ProcedureBundle } from '../bundle.js';
import { label, type ParsedModel } from '../bpmn-model.js';
import { DmnParseError, parseDmn } from '../../workflow/embedded/dmn/parse.js';
import { isFeel } from './feel.js';
import type { LintIssue } from './lint-report.js';

/**
 * The bundle's decisions: each decisions/*.dmn parses and can be evaluated, and every
 * zeebe:calledDecision of the models names a decision the bundle contains, since the bundle's
 * decisions are what publishing deploys with its models.
 */
export async function checkDecisions(bundle: ProcedureBundle, models: ParsedModel[]): Promise<LintIssue[]> {
  const issues: LintIssue[] = [];
  const decisionIds = new Set<string>();
  for (const [file, xml] of decisionFiles(bundle)) {
    try {
      for (const decision of (await parseDmn(file, xml)).decisions) decisionIds.add(decision.id);
    } catch (error) {
      if (!(error instanceof DmnParseError)) throw error;
      issues.push({ severity: 'error', rule: 'platform/dmn', file, message: error.message });
    }
  }
  for (const model of models) {
    for (const process of model.processes) {
      for (const element of process.elements) {
        const id = element.calledDecisionId?.trim();
        if (!id || isFeel(id) || decisionIds.has(id)) continue;
        const known = [...decisionIds].join(', ') || 'none';
        issues.push({
          severity: 'error',
          rule: 'platform/called-decision',
          file: model.file,
          elementId: element.id,
          ...(element.name ? { elementName: element.name } : {}),
          message: `${label(element)} calls the decision '${id}', which no decisions/*.dmn of the bundle contains (decisions: ${known}); add its DMN file to procedure.json's decisions`,
        });
      }
    }
  }
  return issues;
}
