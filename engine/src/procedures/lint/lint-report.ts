export type LintSeverity = 'error' | 'warning';

/** One finding, precise enough for an analyst to find the element in the Modeler. */
export interface LintIssue {
  severity: LintSeverity;
  /** `bpmnlint/<rule>`, `camunda-compat/<rule>` or `platform/<rule>`. */
  rule: string;
  /** Bundle path of the file concerned. */
  file: string;
  elementId?: string;
  elementName?: string;
  message: string;
}

export interface LintReport {
  /** True when nothing blocks publishing (warnings do not). */
  ok: boolean;
  errors: number;
  warnings: number;
  issues: LintIssue[];
}

export function toReport(issues: LintIssue[]): LintReport {
  const sorted = [...issues].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      a.file.localeCompare(b.file) ||
      (a.elementId ?? '').localeCompare(b.elementId ?? '') ||
      a.rule.localeCompare(b.rule),
  );
  const errors = sorted.filter((i) => i.severity === 'error').length;
  return { ok: errors === 0, errors, warnings: sorted.length - errors, issues: sorted };
}
