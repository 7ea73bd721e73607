import Handlebars from 'handlebars';
import type { LintIssue } from './lint-report.js';

/** A template that does not compile would fail at the first dossier that renders it. */
export function checkTemplate(file: string, text: string): LintIssue[] {
  try {
    Handlebars.precompile(text, { strict: false });
    return [];
  } catch (error) {
    return [{ severity: 'error', rule: 'platform/template-syntax', file, message: `the Handlebars template does not compile: ${(error as Error).message.replace(/\s*\n\s*/g, ' ')}` }];
  }
}
