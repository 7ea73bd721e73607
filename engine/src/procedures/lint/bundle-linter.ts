import { formFiles, modelFiles, templateFiles, type ProcedureBundle } from '../bundle.js';
import { ModelParseError, parseModel, type ParsedModel } from '../bpmn-model.js';
import { runBpmnlint } from './bpmnlint-rules.js';
import { checkDecisions } from './decision-rules.js';
import { checkForm, type CheckedForm } from './form-rules.js';
import { toReport, type LintIssue, type LintReport } from './lint-report.js';
import { runPlatformRules, type PlatformRuleOptions } from './platform-rules.js';
import { checkTemplate } from './template-rules.js';

export type LintOptions = PlatformRuleOptions;

/** Lints a whole bundle: BPMN (bpmnlint + Camunda compatibility + platform rules), DMN decisions, forms and templates. */
export async function lintBundle(bundle: ProcedureBundle, options: LintOptions): Promise<LintReport> {
  const issues: LintIssue[] = [];
  const models: ParsedModel[] = [];
  for (const [file, xml] of modelFiles(bundle)) {
    try {
      const model = await parseModel(file, xml);
      models.push(model);
      for (const warning of model.warnings) issues.push({ severity: 'error', rule: 'platform/bpmn-xml', file, message: warning });
      issues.push(...(await runBpmnlint(model)));
    } catch (error) {
      if (!(error instanceof ModelParseError)) throw error;
      issues.push({ severity: 'error', rule: 'platform/bpmn-xml', file, message: error.message });
    }
  }
  issues.push(...(await checkDecisions(bundle, models)));
  const forms: CheckedForm[] = formFiles(bundle).map(([file, text]) => checkForm(file, text));
  for (const form of forms) issues.push(...form.issues);
  for (const [file, text] of templateFiles(bundle)) issues.push(...checkTemplate(file, text));
  issues.push(...runPlatformRules(bundle, models, forms, options));
  return toReport(issues);
}
